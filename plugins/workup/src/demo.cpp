#include "demo.h"

#include <time_text.h>

#include <dyad/db.hpp>

#include <chrono>
#include <cstdio>
#include <stdexcept>

#include "vision.h"

namespace dyad::workup {
namespace {

using Day = std::chrono::sys_days;

Day parse_day(const std::string& text) {
    unsigned y = 0;
    unsigned m = 0;
    unsigned d = 0;
    char rest = 0;
    if (text.size() != 10 || std::sscanf(text.c_str(), "%4u-%2u-%2u%c", &y, &m, &d, &rest) != 3) {
        throw std::runtime_error("The demo's date \"" + text + "\" is not YYYY-MM-DD.");
    }
    std::chrono::year_month_day date{std::chrono::year(static_cast<int>(y)), std::chrono::month(m),
                                     std::chrono::day(d)};
    if (!date.ok()) {
        throw std::runtime_error("The demo's date \"" + text + "\" is not a real date.");
    }
    return Day(date);
}

std::string day_text(Day day) {
    std::chrono::year_month_day date(day);
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return text;
}

// The UTC time of a local time on a day of the week `week` weeks from this week's Monday (0:
// Monday).
struct Calendar {
    Day monday;
    std::string at(int week, int weekday, const char* time) const {
        std::string day = day_text(monday + std::chrono::days(7 * week + weekday));
        auto utc = dyad::datafile::local_time_utc(day, time);  // The clock on the wall then.
        return utc ? *utc : day + "T" + time + "Z";
    }
};

const Form& form_of(const FormLibrary& library, const std::string& id) {
    const Form* form = library.find(id);
    if (form == nullptr) {
        throw std::runtime_error("The worksheet \"" + id +
                                 "\" is not installed, so the demo's worksheets were not filled.");
    }
    return *form;
}

std::int64_t partner(const dyad::sdk::Host& host, std::int64_t unit_id, const std::string& given) {
    for (const auto& member : host.members(unit_id)) {
        if (member.given_name == given) {
            return member.client_id;
        }
    }
    throw std::runtime_error("The demo couple (unit " + std::to_string(unit_id) +
                             ") has no partner named " + given + ".");
}

// One save as the Worksheets tab makes it: checked by the store, then audited.
class Writer {
  public:
    Writer(const dyad::sdk::Host& host, ResponseStore& store, const FormLibrary& library)
        : m_host(host), m_store(store), m_library(library) {}

    void save(std::int64_t unit_id, std::int64_t client_id, const std::string& form_id,
              const char* json, const std::string& saved_at,
              const Poco::JSON::Object::Ptr& extra = {}) {
        const Form& form = form_of(m_library, form_id);
        Poco::JSON::Object::Ptr answers = parse_answers(json);
        if (answers.isNull()) {
            throw std::runtime_error("The demo's answers to " + form.title + " are not JSON.");
        }
        if (!extra.isNull()) {
            std::vector<std::string> names;
            extra->getNames(names);
            for (const auto& name : names) {
                answers->set(name, extra->get(name));
            }
        }
        auto saved = m_store.save(unit_id, client_id, form, answers, saved_at);
        if (!saved) {
            throw std::runtime_error("The demo's answers to " + form.title +
                                     " were not saved: " + saved.error());
        }
        audit("update", "response", unit_id);
    }

    void audit(const char* action, const char* entity, std::int64_t unit_id) const {
        const auto* core = m_host.core();
        if (core == nullptr || core->audit(m_host.raw(), action, entity, unit_id) != DYAD_OK) {
            throw std::runtime_error(
                std::string("The demo's worksheets could not be audited") +
                (core != nullptr ? ": " + std::string(core->last_error(m_host.raw())) : "."));
        }
    }

  private:
    const dyad::sdk::Host& m_host;
    ResponseStore& m_store;
    const FormLibrary& m_library;
};

// True when a partner of the unit answered any form, or the unit has a kept vision.
bool filled_before(const dyad::sdk::Host& host, ResponseStore& store, VisionStore& visions,
                   const FormLibrary& library, std::int64_t unit_id) {
    for (const auto& member : host.members(unit_id)) {
        for (const auto& form : library.forms) {
            auto versions = store.versions(unit_id, member.client_id, form.id);
            if (!versions) {
                throw std::runtime_error("The worksheets could not be read: " + versions.error());
            }
            if (!versions->empty()) {
                return true;
            }
        }
    }
    auto kept = visions.versions(unit_id);
    if (!kept) {
        throw std::runtime_error("The shared visions could not be read: " + kept.error());
    }
    return !kept->empty();
}

// Ana: the pursuer. A busy, absent father and an exhausted mother; she wanted to be noticed.
constexpr const char* kAnaWorkup = R"json({
  "caretakers": [
    {"name": "Mom (Rosa)", "role": "mother"},
    {"name": "Dad (Luis)", "role": "father"},
    {"name": "Abuela Carmen", "role": "grandmother, lived with us"}],
  "positive_traits": [
    {"text": "warm", "flagged": true}, {"text": "hard-working", "flagged": true},
    {"text": "protective", "flagged": false}, {"text": "funny", "flagged": false},
    {"text": "always there", "flagged": false}],
  "negative_traits": [
    {"text": "busy", "flagged": true}, {"text": "absent", "flagged": true},
    {"text": "distant", "flagged": true}, {"text": "unpredictable", "flagged": false},
    {"text": "critical", "flagged": false}],
  "childhood_want":
    "attention without having to earn it, and someone asking how I felt, not only about school",
  "childhood_feelings": [
    {"text": "lonely"}, {"text": "invisible"}, {"text": "anxious"}, {"text": "unimportant"}],
  "childhood_reactions":
    "I tried harder to be good, and when nobody noticed I got loud or cried until someone came",
  "childhood_frustrations": [
    {"frustration": "Dad missed my recitals because of work",
     "reaction": "Said it was fine, then cried in my room"},
    {"frustration": "Mom was too tired to talk at night",
     "reaction": "Went to Abuela's room instead"},
    {"frustration": "Weekend plans got cancelled at the last minute",
     "reaction": "Sulked and slammed doors"}]
})json";

// Ben: the withdrawer. A critical, intrusive mother and an angry father; he learned to go quiet.
constexpr const char* kBenWorkup = R"json({
  "caretakers": [
    {"name": "Mom (Linda)", "role": "mother"},
    {"name": "Dad (Frank)", "role": "father, until I was 12"},
    {"name": "Grandpa Walt", "role": "grandfather"}],
  "positive_traits": [
    {"text": "reliable", "flagged": true}, {"text": "calm", "flagged": true},
    {"text": "hard-working", "flagged": false}, {"text": "funny", "flagged": false},
    {"text": "protective", "flagged": false}],
  "negative_traits": [
    {"text": "critical", "flagged": true}, {"text": "intrusive", "flagged": true},
    {"text": "angry", "flagged": false}, {"text": "anxious", "flagged": false},
    {"text": "controlling", "flagged": false}],
  "childhood_want":
    "trust to figure things out on my own, and to hear that I was good enough as I was",
  "childhood_feelings": [
    {"text": "ashamed"}, {"text": "overwhelmed"}, {"text": "angry"}, {"text": "scared"}],
  "childhood_reactions":
    "I went quiet, hid in my room or Grandpa's garage, and stopped telling Mom things",
  "childhood_frustrations": [
    {"frustration": "Mom went through my homework and redid it",
     "reaction": "Stopped showing it to her"},
    {"frustration": "Dad yelled when he had been drinking", "reaction": "Kept out of his way"},
    {"frustration": "Never got to finish a sentence at dinner", "reaction": "Stopped talking"}]
})json";

constexpr const char* kAnaProfile = R"json({
  "partner_positive": [
    {"text": "reliable", "flagged": true}, {"text": "hard-working", "flagged": false},
    {"text": "protective", "flagged": true}, {"text": "calm", "flagged": false},
    {"text": "honest", "flagged": false}],
  "partner_negative": [
    {"text": "distant", "flagged": true}, {"text": "busy", "flagged": true},
    {"text": "cold", "flagged": false}],
  "closeness": 2
})json";

constexpr const char* kBenProfile = R"json({
  "partner_positive": [
    {"text": "warm", "flagged": true}, {"text": "funny", "flagged": false},
    {"text": "affectionate", "flagged": true}, {"text": "generous", "flagged": false},
    {"text": "encouraging", "flagged": false}],
  "partner_negative": [
    {"text": "critical", "flagged": true}, {"text": "intrusive", "flagged": false},
    {"text": "demanding", "flagged": true}, {"text": "anxious", "flagged": false}],
  "closeness": 3
})json";

constexpr const char* kAnaCaring = R"json({
  "now": [
    {"behaviour": "text me when you are running late", "importance": 5},
    {"behaviour": "make me coffee on weekday mornings", "importance": 3},
    {"behaviour": "take care of the car without being asked", "importance": 3}],
  "used_to": [
    {"behaviour": "sit with me on the porch after work and talk", "importance": 5},
    {"behaviour": "plan a surprise date night once a month", "importance": 4}],
  "would_like": [
    {"behaviour": "put your phone away at dinner", "importance": 5},
    {"behaviour": "ask about my day and listen without fixing it", "importance": 5},
    {"behaviour": "hold my hand when we walk the dog", "importance": 3}],
  "daily_item": "A text at lunchtime asking how my day is going",
  "not_now": "Spending every Sunday at my parents'."
})json";

constexpr const char* kBenCaring = R"json({
  "now": [
    {"behaviour": "laugh at my terrible jokes", "importance": 3},
    {"behaviour": "cook my mom's chili recipe on Fridays", "importance": 3}],
  "used_to": [
    {"behaviour": "come to the climbing gym with me on Saturdays", "importance": 4},
    {"behaviour": "leave notes in my lunch bag", "importance": 3}],
  "would_like": [
    {"behaviour": "give me twenty minutes to unwind when I get home", "importance": 5},
    {"behaviour": "tell me what I did right, not only what went wrong", "importance": 5},
    {"behaviour": "ask me before making weekend plans for both of us", "importance": 4}],
  "daily_item": "Coffee on your nightstand before I leave for work",
  "not_now": "Talking through problems after 10 pm."
})json";

// Three statements in common (the same wish in other words), two of each partner's own.
constexpr const char* kAnaVision = R"json({
  "statements": [
    {"statement": "We settle our differences calmly", "importance": 5, "hard": "yes"},
    {"statement": "We have dinner together without phones", "importance": 5, "hard": "no"},
    {"statement": "We feel safe telling each other what we need", "importance": 5, "hard": "yes"},
    {"statement": "We laugh together every day", "importance": 4, "hard": "no"},
    {"statement": "We take a trip just the two of us every year", "importance": 3, "hard": "no"}]
})json";

constexpr const char* kBenVision = R"json({
  "statements": [
    {"statement": "We feel safe saying what we need", "importance": 5, "hard": "yes"},
    {"statement": "We settle differences calmly and with respect", "importance": 4, "hard": "yes"},
    {"statement": "We each have time for ourselves without guilt", "importance": 4, "hard": "yes"},
    {"statement": "We eat dinner together without phones", "importance": 4, "hard": "no"},
    {"statement": "We go hiking together on weekends", "importance": 3, "hard": "no"}]
})json";

// Dee: caretakers and traits done, the childhood section begun (two of four sections).
constexpr const char* kDeeWorkup = R"json({
  "caretakers": [
    {"name": "Mom", "role": "mother"},
    {"name": "Aunt June", "role": "aunt, raised me from age 9"}],
  "positive_traits": [
    {"text": "kind", "flagged": true}, {"text": "patient", "flagged": false},
    {"text": "always there", "flagged": true}],
  "negative_traits": [
    {"text": "depressed", "flagged": true}, {"text": "absent", "flagged": true},
    {"text": "unpredictable", "flagged": false}],
  "childhood_want": "steadiness, someone who didn't disappear into their own moods"
})json";

// Eli: the caretakers only so far, the traits begun (one of four sections).
constexpr const char* kEliWorkup = R"json({
  "caretakers": [
    {"name": "Dad", "role": "father"},
    {"name": "Pat", "role": "stepmother, from when I was 6"}],
  "positive_traits": [
    {"text": "hard-working", "flagged": false}, {"text": "honest", "flagged": false},
    {"text": "encouraging", "flagged": false}]
})json";

}  // namespace

void fill_demo(const dyad::sdk::Host& host, ResponseStore& store, const FormLibrary& library,
               const dyad::sdk::DemoRequest& request) {
    if (request.unit_ids.size() < 2) {
        throw std::runtime_error("The demo request names fewer than the two demo couples.");
    }
    Day today = parse_day(request.today);
    std::chrono::weekday weekday{today};
    Calendar week{today - std::chrono::days(weekday.iso_encoding() - 1)};
    const std::int64_t ortiz = request.unit_ids[0];
    const std::int64_t moss = request.unit_ids[1];

    dyad::sdk::Database db(host);
    dyad::sdk::Transaction transaction(db);
    if (!transaction.error().empty()) {
        throw std::runtime_error("The demo's worksheets could not be written: " +
                                 transaction.error());
    }
    VisionStore visions(db);
    if (filled_before(host, store, visions, library, ortiz) ||
        filled_before(host, store, visions, library, moss)) {
        return;  // A demo filled before; the transaction rolls back nothing.
    }
    // Each form the demo uses must be installed, before anything is written.
    for (const char* id :
         {"imago-workup", "partner-profile", "caring-behaviours", "relationship-vision"}) {
        (void)form_of(library, id);
    }
    Writer writer(host, store, library);

    // Ana & Ben Ortiz, seen on Mondays: each worksheet assigned at a session and done at home
    // that week (Ana usually first).
    std::int64_t ana = partner(host, ortiz, "Ana");
    std::int64_t ben = partner(host, ortiz, "Ben");
    writer.save(ortiz, ana, "imago-workup", kAnaWorkup, week.at(-12, 4, "20:10:00"));
    writer.save(ortiz, ben, "imago-workup", kBenWorkup, week.at(-11, 2, "21:05:00"));
    // Together since: a June twelve years before this one.
    Poco::JSON::Object::Ptr since = new Poco::JSON::Object;
    since->set("since",
               std::to_string(static_cast<int>(std::chrono::year_month_day(today).year()) - 12) +
                   "-06-16");
    writer.save(ortiz, ana, "partner-profile", kAnaProfile, week.at(-9, 2, "19:40:00"), since);
    writer.save(ortiz, ben, "partner-profile", kBenProfile, week.at(-9, 5, "10:15:00"), since);
    writer.save(ortiz, ana, "caring-behaviours", kAnaCaring, week.at(-5, 1, "20:30:00"));
    writer.save(ortiz, ben, "caring-behaviours", kBenCaring, week.at(-5, 3, "18:45:00"));
    writer.save(ortiz, ana, "relationship-vision", kAnaVision, week.at(-3, 3, "20:00:00"));
    writer.save(ortiz, ben, "relationship-vision", kBenVision, week.at(-3, 6, "11:20:00"));

    // The shared vision, merged and kept in session two Mondays ago, as the Shared Vision
    // dialog keeps it.
    const Form& vision_form = form_of(library, "relationship-vision");
    std::vector<PartnerVision> partners;
    for (const auto& [client, name] : {std::pair{ana, "Ana"}, std::pair{ben, "Ben"}}) {
        auto response = store.load(ortiz, client, vision_form.id);
        if (!response) {
            throw std::runtime_error("The demo's visions could not be read: " + response.error());
        }
        partners.push_back({name, response->answers});
    }
    auto kept = visions.keep(ortiz, merge_visions(partners), week.at(-2, 0, "15:45:00"));
    if (!kept) {
        throw std::runtime_error("The demo's shared vision was not kept: " + kept.error());
    }
    writer.audit("create", "vision", ortiz);

    // Dee & Eli Moss, seen on Tuesdays: the Workup assigned two weeks ago, each partner part-way.
    writer.save(moss, partner(host, moss, "Dee"), "imago-workup", kDeeWorkup,
                week.at(-2, 4, "19:15:00"));
    writer.save(moss, partner(host, moss, "Eli"), "imago-workup", kEliWorkup,
                week.at(-1, 3, "21:40:00"));

    if (std::string error = transaction.commit(); !error.empty()) {
        throw std::runtime_error("The demo's worksheets could not be written: " + error);
    }
}

}  // namespace dyad::workup
