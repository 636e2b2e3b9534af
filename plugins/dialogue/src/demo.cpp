#include "demo.h"

#include <dyad/db.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <vector>

#include "session.h"

namespace dyad::dialogue {
namespace {

// How the coach ran one dialogue of the demo.
struct Run {
    const char* script;   // Script id; nullptr: no dialogue at that session.
    int sender;           // 0: the first partner named sends first, 1: the other.
    const char* stop_at;  // The round 1 step it ended on; nullptr: both rounds finished.
    int more;             // "Is there more?" loops.
    int repeats;          // Mirrors done again.
    double pace;          // Times per step, relative to kSeconds.
};

// One session's dialogue: the run, the therapist's checklist (what the session reached caps
// it) and notes.
struct Plan {
    Run run;
    Fidelity checked;
    const char* notes;
};

// Typical seconds per step of a coached dialogue.
const std::map<std::string, double> kSeconds = {
    {"appointment", 40}, {"send", 150},     {"mirror", 110},    {"summary", 70},
    {"validate", 80},    {"empathize", 75}, {"appreciate", 60}, {"switch", 20},
};

// Ana & Ben Ortiz, the last twelve attended sessions (fourteen weeks, a no-show and a
// cancellation among them); the first two of their sixteen weeks were assessment.
const Plan kOrtiz[] = {
    {{"couple-dialogue", 0, "validate", 0, 0, 1.3},
     {true, true, false, false, false},
     "First Couple Dialogue after teaching the structure. Ana sent about evenings alone while "
     "Ben works late. Ben mirrored accurately but moved to explaining his schedule at "
     "validation; stopped there and coached the receiver's stance."},
    {{"couple-dialogue", 1, "empathize", 0, 2, 1.3},
     {true, true, false, false, false},
     "Ben sent about feeling criticised when he walks in the door. Ana needed two re-mirrors; "
     "validation came out as \"yes, but\". Coached \"it makes sense to me that...\". Out of "
     "time before empathy."},
    {{"appreciation-dialogue", 0, nullptr, 0, 0, 1.1},
     {true, false, true, false, true},
     "Appreciation Dialogue to rebuild safety. Both rounds completed. Summaries partial; "
     "empathy guesses named thoughts rather than feelings."},
    {{"couple-dialogue", 1, "empathize", 1, 1, 1.2},
     {true, true, true, false, false},
     "Ben sent about money worries after the credit card statement. Validation given with "
     "prompting; one \"is there more\" opened his fear of not providing. Ended before empathy."},
    {{nullptr, 0, nullptr, 0, 0, 1}, {}, nullptr},  // Behavior Change Requests this session.
    {{"frustration-dialogue", 0, "switch", 1, 0, 1.1},
     {true, true, true, true, false},
     "Frustration Dialogue: Ana on Sunday evenings without a plan for the week. Ben validated "
     "without defending and named \"overwhelmed\" and \"alone\". No switch: the time went to "
     "writing her three requests."},
    {{"couple-dialogue", 1, nullptr, 1, 1, 1.0},
     {true, true, true, false, true},
     "Ben sent about visits to Ana's family. Both rounds. Validation solid; empathy still "
     "drifts toward advice. Practised the stem \"I imagine you might be feeling...\"."},
    {{"couple-dialogue", 0, nullptr, 1, 0, 1.0},
     {true, false, true, true, true},
     "After the missed session. Ana sent about carrying the therapy alone; Ben owned the "
     "no-show without defending. Summary rushed in round 2; empathy accurate."},
    {{"appreciation-dialogue", 1, nullptr, 0, 0, 0.9},
     {true, true, true, true, true},
     "Appreciation Dialogue, Ben sending: how Ana handled his mother's visit. Every step "
     "complete, warm affect in both rounds. Assigned one appreciation a day at home."},
    {{"couple-dialogue", 0, nullptr, 2, 1, 1.1},
     {true, true, false, true, true},
     "Ana sent about affection and the distance of the past year. Ben flooded at validation "
     "and needed a pause and a re-mirror; validation partial. Recovered well for empathy."},
    {{"frustration-dialogue", 1, nullptr, 1, 0, 0.9},
     {true, true, true, true, true},
     "Frustration Dialogue: Ben on plans changed at the last minute. Ana held the receiver's "
     "stance, curious rather than defensive; accurate empathy (\"anxious\", \"dismissed\")."},
    {{"couple-dialogue", 0, nullptr, 2, 0, 0.9},
     {true, true, true, true, true},
     "Ana sent about going back to full-time work. Two \"is there more\" loops, full "
     "validation and empathy (\"proud\", \"scared\"). Dialogue now reliable with little "
     "coaching; encouraged a weekly Dialogue at home."},
};

// Dee & Eli Moss (Eli they/them), by video: the Dialogue taught in the last month.
const Plan kMoss[] = {
    {{"couple-dialogue", 0, "validate", 0, 1, 1.3},
     {true, true, false, false, false},
     "First Couple Dialogue, by video. Dee sent about the household tasks. Eli mirrored "
     "closely after one repeat; stopped at validation to teach it."},
    {{nullptr, 0, nullptr, 0, 0, 1}, {}, nullptr},  // Imago history and childhood wounds.
    {{"appreciation-dialogue", 1, nullptr, 0, 0, 1.1},
     {true, true, false, false, true},
     "Appreciation Dialogue, Eli sending. Both rounds; validation and empathy still brief. "
     "Eli says they find receiving harder than sending."},
    {{"couple-dialogue", 0, nullptr, 1, 0, 1.1},
     {true, true, true, false, true},
     "Dee sent about weekends with the in-laws. Eli validated clearly; empathy guesses stayed "
     "general (\"upset\"). One \"is there more\" loop. Steady progress."},
};

// "YYYY-MM-DDTHH:MM:SSZ" with its minutes set: the dialogue started a little into the hour.
std::string minutes_into(const std::string& starts_at, int minutes) {
    if (starts_at.size() != 20) {
        throw std::runtime_error("An appointment's start time could not be read: " + starts_at);
    }
    char text[8];
    std::snprintf(text, sizeof text, "%02d", minutes);
    return starts_at.substr(0, 14) + text + ":00Z";
}

struct Sitting {
    std::string starts_at;
    std::string status;
};

// The unit's attended sessions, oldest first.
std::vector<std::string> attended(dyad::sdk::Host host, std::int64_t unit_id,
                                  const std::string& today) {
    std::vector<std::pair<std::int64_t, Sitting>> all;
    int code = host.core()->list_appointments(
        host.raw(), "1970-01-01T00:00:00Z", (today + "T23:59:59Z").c_str(),
        [](void* user, const dyad_appointment_info* info) {
            static_cast<std::vector<std::pair<std::int64_t, Sitting>>*>(user)->push_back(
                {info->unit_id, {info->starts_at, info->status}});
            return 0;
        },
        &all);
    if (code != DYAD_OK) {
        throw std::runtime_error(std::string("The sessions could not be read: ") +
                                 host.core()->last_error(host.raw()));
    }
    std::vector<std::string> found;
    for (const auto& [unit, sitting] : all) {
        if (unit == unit_id && sitting.status == "attended") {
            found.push_back(sitting.starts_at);
        }
    }
    return found;
}

// The couple's two client ids, the one named first_name first.
std::array<std::int64_t, 2> partners(dyad::sdk::Host host, std::int64_t unit_id,
                                     const std::string& first_name) {
    auto members = host.members(unit_id);
    if (members.size() != 2) {
        throw std::runtime_error("A demo couple does not have two partners.");
    }
    bool swapped = members[1].given_name == first_name;
    return {members[swapped ? 1 : 0].client_id, members[swapped ? 0 : 1].client_id};
}

// The dialogue as the coach would have recorded it.
DialogueRecord dialogue(const Plan& plan, const ScriptLibrary& library, std::int64_t unit_id,
                        const std::array<std::int64_t, 2>& pair, const std::string& started_at) {
    const Script* script = library.find(plan.run.script);
    if (script == nullptr) {
        script = library.find("couple-dialogue");
    }
    Session session(*script, plan.run.sender, 0);
    double now = 0;
    int loops[2] = {(plan.run.more + 1) / 2, plan.run.more / 2};
    int repeats = plan.run.repeats;
    while (!session.finished()) {
        const Step& step = session.step();
        if (plan.run.stop_at != nullptr && session.round() == 1 && step.id == plan.run.stop_at) {
            break;
        }
        auto typical = kSeconds.find(step.id);
        now += (typical == kSeconds.end() ? 60 : typical->second) * plan.run.pace;
        Move move = Move::Advance;
        if (step.id == "mirror" && repeats > 0) {
            move = Move::Repeat;
            --repeats;
        } else if (step.loop_to >= 0 && loops[session.round() - 1] > 0) {
            move = Move::ThereIsMore;
            --loops[session.round() - 1];
        }
        if (auto moved = session.move(move, now); !moved) {
            throw std::runtime_error("A demo dialogue could not be run: " + moved.error());
        }
    }
    DialogueRecord record = record_of(session, *script, unit_id,
                                      pair[static_cast<std::size_t>(plan.run.sender)], started_at);
    // The therapist's checklist, within what the session reached.
    Fidelity reached = record.fidelity;
    reached.empathy_named_feelings =
        session.finished() || session.reached().count("appreciate") > 0;
    record.fidelity = {plan.checked.mirror_confirmed && reached.mirror_confirmed,
                       plan.checked.summary_done && reached.summary_done,
                       plan.checked.validation_given && reached.validation_given,
                       plan.checked.empathy_named_feelings && reached.empathy_named_feelings,
                       plan.checked.roles_switched && reached.roles_switched};
    record.notes = plan.notes;
    return record;
}

// The plans against the unit's last attended sessions, the last plan at the last session.
template <std::size_t N>
void fill_unit(dyad::sdk::Host host, DialogueStore& store, const ScriptLibrary& library,
               std::int64_t unit_id, const std::string& first_name, const Plan (&plans)[N],
               const std::string& today) {
    auto pair = partners(host, unit_id, first_name);
    std::vector<std::string> sessions = attended(host, unit_id, today);
    std::size_t count = std::min(N, sessions.size());
    for (std::size_t i = 0; i < count; ++i) {
        const Plan& plan = plans[N - count + i];
        if (plan.run.script == nullptr) {
            continue;
        }
        const std::string& starts_at = sessions[sessions.size() - count + i];
        DialogueRecord record = dialogue(plan, library, unit_id, pair,
                                         minutes_into(starts_at, 8 + static_cast<int>(i % 4) * 5));
        auto saved = store.save(record);
        if (!saved) {
            throw std::runtime_error("A demo dialogue could not be saved: " + saved.error());
        }
        (void)host.core()->audit(host.raw(), "create", "dialogue", *saved);
    }
}

}  // namespace

void fill_demo(dyad::sdk::Host host, DialogueStore& store, const ScriptLibrary& library,
               const dyad::sdk::DemoRequest& request) {
    if (request.unit_ids.size() < 2) {
        throw std::runtime_error("The demo's couples are missing.");
    }
    if (host.core() == nullptr) {
        throw std::runtime_error("The client records cannot be read (dyad.core/1 is missing).");
    }
    if (library.find("couple-dialogue") == nullptr) {
        throw std::runtime_error("The Couple Dialogue script (couple-dialogue) is not installed.");
    }
    std::int64_t ortiz = request.unit_ids[0];
    std::int64_t moss = request.unit_ids[1];
    for (std::int64_t unit : {ortiz, moss}) {
        auto history = store.history(unit);
        if (!history) {
            throw std::runtime_error("The dialogue history could not be read: " + history.error());
        }
        if (!history->empty()) {
            return;  // A demo filled before.
        }
    }
    dyad::sdk::Database db(host);
    dyad::sdk::Transaction transaction(db);
    if (!transaction.error().empty()) {
        throw std::runtime_error("The demo dialogues could not be written: " + transaction.error());
    }
    fill_unit(host, store, library, ortiz, "Ana", kOrtiz, request.today);
    fill_unit(host, store, library, moss, "Dee", kMoss, request.today);
    if (std::string error = transaction.commit(); !error.empty()) {
        throw std::runtime_error("The demo dialogues could not be written: " + error);
    }
}

}  // namespace dyad::dialogue
