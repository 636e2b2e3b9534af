#include "demo.h"

#include <time_text.h>

#include <array>
#include <cstddef>
#include <stdexcept>
#include <vector>

namespace dyad::bcr {
namespace {

struct Draft {
    const char* text;
    int importance;
    int difficulty;
};

// How far a frustration went, in weeks back from this week's session.
struct Course {
    int written_week;   // The session it was written at.
    int requests_week;  // The session the three requests were written at.
    int granted_week;   // The session the gift was chosen at; 0: still being negotiated.
    int position;       // The request granted, 1-3.
    int start_offset;   // Days from that session to the gift's first day.
    int days;           // The commitment period.
};

// One frustration of the demo.
struct Story {
    int sender;  // 0: the first partner named, 1: the other.
    const char* text;
    const char* feeling;
    const char* fear;
    const char* echo;
    const char* theme;
    const char* desire;
    std::array<Draft, 3> requests;
    Course course;
    std::vector<int> check_days;
    // One letter per due day before today, in order: D done, P partly, N not done, - no
    // check-in recorded; done after the last.
    const char* outcomes;
    std::array<const char*, 3> appreciations;  // Given on some done days, in turn.
};

// Ana & Ben Ortiz: Mondays, both ways; the last one came out of the Frustration Dialogue of two
// weeks ago.
const Story kOrtiz[] = {
    {0,
     "I don't like it when you look at your phone while we eat dinner.",
     "lonely and unimportant",
     "that I am not interesting to you",
     "my father reading the paper through every family meal",
     "connection",
     "I would like to feel that I have your full attention when we eat together.",
     {{{"Four evenings a week for the next three months, leave your phone in the hall basket "
        "while we eat dinner.",
        5, 3},
       {"Twice a week for the next month, ask me one question about my day at dinner and "
        "listen for ten minutes.",
        4, 2},
       {"On Sunday evenings for the next two months, cook dinner with me and eat at the table.", 3,
        2}}},
     {10, 10, 9, 1, 0, 90},
     {0, 1, 2, 3},
     "DPNDDD-DDDDPNDDDDDDDDPDDDDDDD-DDDDDDDDDDD",
     {"You asked about my sister's news and really listened.",
      "Dinner felt like ours again tonight.", "Thank you for putting the phone away first."}},
    {1,
     "I don't like it when the first thing I hear when I come home is what I forgot to do.",
     "criticised and tense",
     "that I can never get it right with you",
     "my mother's list of what I had done wrong after school",
     "appreciation",
     "I would like to feel welcome and wanted when I come home.",
     {{{"Three times a week for the next three months, when I come home, greet me at the door "
        "with a hug for ten seconds before we talk about the day.",
        5, 2},
       {"Once a week for the next month, tell me one thing I did that week that you valued.", 4, 1},
       {"On Saturday mornings for the next six weeks, take a 30-minute walk with me around the "
        "park.",
        3, 2}}},
     {10, 9, 9, 1, 2, 90},
     {0, 2, 3},
     "NPDNPDDDP-DDDDDDNDDDDPDDDDD",
     {"The hug at the door after my long shift.", "You met me at the door even when tired.",
      "Coming home felt easy this week."}},
    {0,
     "I don't like it when Sunday night comes and we have not talked about the week ahead.",
     "overwhelmed and alone with it",
     "that I will drop something important",
     "being the one who held my family's schedule together",
     "household",
     "I would like to feel that we run our home as a team.",
     {{{"Every Sunday evening for the next three months, sit with me for 20 minutes to plan the "
        "week's meals, pickups and appointments.",
        5, 2},
       {"Twice a week for the next month, do the grocery run from the list on the fridge.", 3, 2},
       {"Once a week for the next two months, take over one evening's cooking and cleaning up.", 4,
        3}}},
     {9, 8, 8, 1, 0, 90},
     {6},
     "DPD-DDDD",
     {"You brought the calendar to the table without my asking.",
      "Planning took fifteen minutes and felt like teamwork.", "You remembered the dentist."}},
    {1,
     "I don't like it when plans we made together are changed on the day without asking me.",
     "dismissed",
     "that what I want comes last",
     "my family moving house and telling me the week before",
     "time together",
     "I would like to feel that we make our plans as partners.",
     {{{"For the next four weeks, when you want to change a plan we made, call me first so we "
        "decide it together that same day.",
        5, 3},
       {"Twice a month for the next two months, agree with me by Thursday evening on our "
        "weekend plans.",
        4, 2},
       {"Once a week for the next month, ask me which plan of the weekend matters most to me "
        "and keep that one.",
        3, 3}}},
     {2, 1, 0, 0, 0, 0},
     {},
     "",
     {}},
};

// Dee & Eli Moss (Eli they/them): Tuesdays, by video.
const Story kMoss[] = {
    {0,
     "I don't like it when the dinner dishes are still in the sink the next morning.",
     "tired and alone with the house",
     "that I will end up resentful",
     "my mother doing everything at home while no one noticed",
     "household",
     "I would like to feel that we share the care of our home.",
     {{{"Four evenings a week for the next six weeks, wash the dinner dishes and wipe the "
        "counter before 9 pm.",
        4, 3},
       {"Every Sunday for the next six weeks, plan the week's chores with me for 15 minutes.", 5,
        2},
       {"Twice a week for the next month, cook dinner while I take a 30-minute walk.", 3, 2}}},
     {5, 5, 4, 2, 0, 42},
     {6},
     "DPDD",
     {"The chore list on the fridge was your idea.", "You started the planning this week.",
      "Fifteen minutes, and the week felt shared."}},
};

// A couple's sessions: the weekday and local hour of their weekly appointment.
struct Couple {
    std::int64_t unit_id;
    std::array<std::int64_t, 2> partners;  // The first partner named first.
    int weekday;
    int hour;
};

void check(const Result<void>& done, const char* step) {
    if (!done) {
        throw std::runtime_error(std::string("A demo request could not ") + step + ": " +
                                 done.error());
    }
}

// The couple's session day weeks back from this week's, "YYYY-MM-DD".
std::string session_day(const Couple& couple, const std::string& today, int weeks_back) {
    std::string monday = add_days(today, -weekday(today));
    return add_days(monday, couple.weekday - 7 * weeks_back);
}

// The UTC time of the couple's local session hour on day, `minutes` into it.
std::string at(const Couple& couple, const std::string& day, int minutes) {
    std::string time = std::string(couple.hour < 10 ? "0" : "") + std::to_string(couple.hour) +
                       ":" + (minutes < 10 ? "0" : "") + std::to_string(minutes) + ":00";
    auto utc = dyad::datafile::local_time_utc(day, time);
    return utc ? *utc : day + "T" + time + "Z";
}

Outcome outcome_of(char letter) {
    return letter == 'P' ? Outcome::Partly : letter == 'N' ? Outcome::NotDone : Outcome::Done;
}

// The therapist's dates instead of the moment of seeding (the store stamps its steps with the
// time now): when the frustration was written, last changed and its gift chosen, and each
// check-in recorded on its evening (the timeline and the orders of the lists follow them).
void backdate(dyad::sdk::Database& db, std::int64_t id, const std::string& written,
              const std::string& changed, const std::string& granted) {
    auto frustration =
        db.prepare("UPDATE bcr_frustration SET created_at = ?, updated_at = ? WHERE id = ?");
    frustration.bind(1, written).bind(2, changed).bind(3, id);
    auto gift = db.prepare("UPDATE bcr_gift SET granted_at = ? WHERE frustration_id = ?");
    gift.bind(1, granted).bind(2, id);
    auto checkins = db.prepare(
        "UPDATE bcr_checkin SET recorded_at = date || 'T20:30:00Z' WHERE gift_id IN (SELECT id "
        "FROM bcr_gift WHERE frustration_id = ?)");
    checkins.bind(1, id);
    for (auto* statement : {&frustration, &gift, &checkins}) {
        if (!statement->ok() || statement->step() != DYAD_DONE) {
            throw std::runtime_error("A demo request could not be dated: " +
                                     (statement->ok() ? db.last_error() : statement->error()));
        }
    }
}

// order: the story's place among the couple's, so that two written at one session keep it.
void tell(dyad::sdk::Host host, dyad::sdk::Database& db, BcrStore& store, const Couple& couple,
          const Story& story, int order, const std::string& today) {
    auto audit = [&](const char* action, std::int64_t id) {
        (void)host.core()->audit(host.raw(), action, "request", id);
    };
    NewFrustration frustration{couple.unit_id,
                               couple.partners[static_cast<std::size_t>(story.sender)],
                               couple.partners[static_cast<std::size_t>(1 - story.sender)],
                               story.text,
                               story.feeling,
                               story.fear,
                               story.echo,
                               story.theme};
    auto created = store.create(frustration);
    if (!created) {
        throw std::runtime_error("A demo request could not be written: " + created.error());
    }
    std::int64_t id = *created;
    audit("create", id);
    check(store.set_desire(id, story.desire), "take its desire");
    audit("update", id);
    std::string written = session_day(couple, today, story.course.written_week);
    std::string changed = written;
    std::string granted_at = at(couple, written, 50);
    std::array<RequestDraft, 3> drafts;
    for (std::size_t i = 0; i < drafts.size(); ++i) {
        drafts[i] = {story.requests[i].text, story.requests[i].importance,
                     story.requests[i].difficulty};
    }
    check(store.set_requests(id, drafts), "take its three requests");
    audit("update", id);
    changed = session_day(couple, today, story.course.requests_week);
    if (story.course.granted_week > 0) {
        std::string session = session_day(couple, today, story.course.granted_week);
        Commitment commitment{add_days(session, story.course.start_offset), story.course.days,
                              story.check_days};
        auto gift = store.grant(id, story.course.position, commitment, session);
        if (!gift) {
            throw std::runtime_error("A demo gift could not be granted: " + gift.error());
        }
        audit("update", id);
        changed = session;
        granted_at = at(couple, session, 45);
        std::size_t letter = 0;
        std::size_t thanks = 0;
        std::string outcomes = story.outcomes;
        for (const auto& day : due_days(commitment, today)) {
            if (day >= today) {
                break;  // Today's is still to come (the Home card's "due today").
            }
            char mark = letter < outcomes.size() ? outcomes[letter] : 'D';
            ++letter;
            if (mark == '-') {
                continue;  // Missed: nothing recorded.
            }
            Outcome outcome = outcome_of(mark);
            int impact = outcome == Outcome::Partly ? 3
                         : outcome == Outcome::NotDone
                             ? 0
                             : (letter * 2 < outcomes.size() || letter % 4 == 0 ? 4 : 5);
            std::string appreciation;
            if (outcome == Outcome::Done && letter % 5 == 3) {
                appreciation = story.appreciations[thanks++ % story.appreciations.size()];
            }
            check(store.check_in(id, {day, outcome, impact, appreciation}, appreciation, today),
                  "take its check-in");
            audit("update", id);
        }
    }
    backdate(db, id, at(couple, written, 20 + 8 * order), at(couple, changed, 50), granted_at);
}

Couple couple_of(dyad::sdk::Host host, std::int64_t unit_id, const std::string& first_name,
                 int weekday_of_sessions, int hour) {
    auto members = host.members(unit_id);
    if (members.size() != 2) {
        throw std::runtime_error("A demo couple does not have two partners.");
    }
    bool swapped = members[1].given_name == first_name;
    return {unit_id,
            {members[swapped ? 1 : 0].client_id, members[swapped ? 0 : 1].client_id},
            weekday_of_sessions,
            hour};
}

}  // namespace

void fill_demo(dyad::sdk::Host host, BcrStore& store, const dyad::sdk::DemoRequest& request) {
    if (request.unit_ids.size() < 2) {
        throw std::runtime_error("The demo's couples are missing.");
    }
    if (!is_date(request.today)) {
        throw std::runtime_error("The demo's date is not a date (expected YYYY-MM-DD).");
    }
    if (host.core() == nullptr) {
        throw std::runtime_error("The client records cannot be read (dyad.core/1 is missing).");
    }
    for (std::int64_t unit : {request.unit_ids[0], request.unit_ids[1]}) {
        auto found = store.for_unit(unit);
        if (!found) {
            throw std::runtime_error("The requests could not be read: " + found.error());
        }
        if (!found->empty()) {
            return;  // A demo filled before.
        }
    }
    Couple ortiz = couple_of(host, request.unit_ids[0], "Ana", 0, 15);
    Couple moss = couple_of(host, request.unit_ids[1], "Dee", 1, 17);
    dyad::sdk::Database db(host);
    dyad::sdk::Transaction transaction(db);
    if (!transaction.error().empty()) {
        throw std::runtime_error("The demo requests could not be written: " + transaction.error());
    }
    int order = 0;
    for (const auto& story : kOrtiz) {
        tell(host, db, store, ortiz, story, order++, request.today);
    }
    order = 0;
    for (const auto& story : kMoss) {
        tell(host, db, store, moss, story, order++, request.today);
    }
    if (std::string error = transaction.commit(); !error.empty()) {
        throw std::runtime_error("The demo requests could not be written: " + error);
    }
}

}  // namespace dyad::bcr
