#include "demo.h"

#include <time_text.h>

#include <dyad/db.hpp>

#include <chrono>
#include <cstdio>
#include <expected>
#include <iterator>
#include <stdexcept>
#include <type_traits>
#include <vector>

#include "demo_texts.h"
#include "util.h"

namespace dyad::records_plugin {
namespace {

// The value of a store's outcome, or the demo's failure saying what was being written.
template <class T>
auto checked(std::expected<T, std::string> outcome, const std::string& doing) {
    if (!outcome) {
        throw std::runtime_error("The demo's records could not be written (" + doing +
                                 "): " + outcome.error());
    }
    if constexpr (!std::is_void_v<T>) {
        return std::move(*outcome);
    }
}

// As the tabs audit their writes (the host keeps the entry until the transaction commits).
void audit(const Records& records, const char* action, const char* entity, std::int64_t id) {
    (void)records.host.core()->audit(records.host.raw(), action, entity, id);
}

// "YYYY-MM-DD" moved by days.
std::string days_after(const std::string& date, int days) {
    if (!is_session_date(date)) {
        throw std::runtime_error("The demo's date \"" + date + "\" is not a date (YYYY-MM-DD).");
    }
    using namespace std::chrono;
    sys_days day =
        year_month_day{year(std::stoi(date.substr(0, 4))),
                       month(static_cast<unsigned>(std::stoi(date.substr(5, 2)))),
                       std::chrono::day(static_cast<unsigned>(std::stoi(date.substr(8, 2))))};
    year_month_day moved{day + std::chrono::days(days)};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(moved.year()),
                  static_cast<unsigned>(moved.month()), static_cast<unsigned>(moved.day()));
    return text;
}

// A unit's members as its notes name them: partners or parents in the host's order, then
// children.
struct People {
    std::vector<std::int64_t> ids;
    std::vector<std::string> first_names;
};

People people_of(const Records& records, std::int64_t unit_id, std::size_t expected) {
    People people;
    auto members = records.host.members(unit_id);
    for (bool children : {false, true}) {
        for (const auto& member : members) {
            if ((member.role == "child") == children) {
                people.ids.push_back(member.client_id);
                people.first_names.push_back(member.given_name);
            }
        }
    }
    if (people.ids.size() != expected) {
        throw std::runtime_error("A demo unit does not have the " + std::to_string(expected) +
                                 " member(s) its records are written for.");
    }
    return people;
}

// The text with {A}, {B}, {C} replaced by the first names.
std::string named(const std::string& text, const People& people) {
    std::string result;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '{' && i + 2 < text.size() && text[i + 2] == '}') {
            auto index = static_cast<std::size_t>(text[i + 1] - 'A');
            if (index >= people.first_names.size()) {
                throw std::runtime_error("A demo note names a member its unit does not have.");
            }
            result += people.first_names[index];
            i += 2;
        } else {
            result += text[i];
        }
    }
    return result;
}

// The local dates of the unit's attended sessions up to today, oldest first.
std::vector<std::string> attended_dates(Records& records, std::int64_t unit_id,
                                        const std::string& today) {
    std::vector<std::string> dates;
    for (const auto& session : checked(records.schedule.sessions(unit_id), "reading sessions")) {
        std::string date = utc_to_local(session.starts_at).substr(0, 10);
        if (session.status == "attended" && date <= today) {
            dates.push_back(date);
        }
    }
    return dates;
}

// Which of a script's texts the session at index (of count) gets: the first and the last
// sessions the first and last texts; in between, the texts in order, spread over the sessions
// when there are enough, else in turn.
std::size_t text_for(std::size_t index, std::size_t count, std::size_t texts) {
    if (count <= 1 || texts <= 2 || index == 0) {
        return 0;
    }
    if (index + 1 == count) {
        return texts - 1;
    }
    if (texts >= count) {
        return index * (texts - 1) / (count - 1);
    }
    return 1 + (index - 1) % (texts - 2);
}

// A note for each attended session, written section by section as the Notes tab saves them;
// all signed but the latest `drafts`.
void write_notes(Records& records, std::int64_t unit_id, const DemoScript& script,
                 const People& people, const std::string& today, std::size_t drafts) {
    const NoteTemplate* note_template = records.templates.find(script.template_id);
    if (note_template == nullptr) {
        throw std::runtime_error(std::string("The note template \"") + script.template_id +
                                 "\" is not installed.");
    }
    for (const char* key : script.keys) {
        if (note_template->section(key) == nullptr) {
            throw std::runtime_error(std::string("The note template \"") + script.template_id +
                                     "\" has no section \"" + key + "\".");
        }
    }
    std::string signer = signer_name(records.host);
    std::vector<std::string> dates = attended_dates(records, unit_id, today);
    for (std::size_t i = 0; i < dates.size(); ++i) {
        const auto& texts = script.sessions[text_for(i, dates.size(), script.sessions.size())];
        std::int64_t id = checked(
            records.notes.create_draft(unit_id, *note_template, dates[i], people.ids), "a note");
        audit(records, "create", "note", id);
        for (std::size_t k = 0; k < script.keys.size(); ++k) {
            checked(records.notes.save_section(id, script.keys[k], named(texts.at(k), people)),
                    "a note's text");
        }
        audit(records, "update", "note", id);
        if (i + drafts < dates.size()) {
            // Signed that evening, at 21:00 on the wall clock.
            auto evening = dyad::datafile::local_time_utc(dates[i], "21:00:00");
            checked(records.notes.sign(id, *note_template, signer, evening.value_or("")),
                    "signing a note");
            audit(records, "update", "note", id);
        }
    }
}

std::int64_t diagnose(Records& records, std::int64_t unit_id, std::int64_t client_id,
                      const char* code, const std::string& onset) {
    const DiagnosisCode* found = records.codes.find(code);
    if (found == nullptr) {
        throw std::runtime_error(std::string("The diagnosis code list has no ") + code + ".");
    }
    std::int64_t id = checked(records.diagnoses.add(unit_id, client_id, *found, onset),
                              std::string("diagnosis ") + code);
    audit(records, "create", "diagnosis", id);
    return id;
}

// The first attended session's date, or today when there is none.
std::string first_session(Records& records, std::int64_t unit_id, const std::string& today) {
    auto dates = attended_dates(records, unit_id, today);
    return dates.empty() ? today : dates.front();
}

// How far the Ortiz couple is in each of the template's goals (the six stages, in order):
// the goal's status and target date (days from today), its objectives' statuses.
struct StageProgress {
    const char* status;
    int target_days;
    std::vector<const char*> objectives;
};

const StageProgress kOrtizStages[] = {
    {"met", -77, {"met"}},                      // Revisioning: the shared vision is kept.
    {"met", -56, {"met"}},                      // Recommitting: exits closed.
    {"partly_met", 14, {"met", "partly_met"}},  // Reimaging: Ana's Parent-Child Dialogue only.
    {"partly_met", 21, {"partly_met"}},         // Removing Negativity.
    {"partly_met", 35, {"partly_met"}},         // Restructuring Frustrations: Ben's BCR kept.
    {"open", 56, {"open"}},                     // Re-Romanticizing: just begun.
};

void ortiz_plan(Records& records, std::int64_t unit_id, const People& people,
                const std::string& today) {
    const PlanTemplate* imago = records.plan_template("imago");
    if (imago == nullptr) {
        throw std::runtime_error("The Imago plan template (\"imago\") is not installed.");
    }
    std::int64_t plan_id = checked(
        records.plans.create(unit_id, "Imago couple therapy: the six stages", imago), "a plan");
    audit(records, "create", "plan", plan_id);
    Plan plan = checked(records.plans.plan(plan_id), "reading a plan");
    std::size_t goals = 0;      // Goals seen so far.
    std::size_t objective = 0;  // Objectives seen under the current goal.
    for (const auto& item : plan.items) {
        std::size_t goal = goals - 1;  // The current goal's index once one was seen.
        if (item.level == "problem") {
            checked(records.plans.update_item(
                        item.id,
                        named("Recurring conflict and disconnection: {A} pursues and {B} "
                              "withdraws, around his work hours, phones at dinner and money",
                              people),
                        ""),
                    "a plan's problem");
        } else if (item.level == "goal") {
            goal = goals++;
            objective = 0;
            if (goal < std::size(kOrtizStages)) {
                const auto& stage = kOrtizStages[goal];
                checked(records.plans.update_item(item.id, item.text,
                                                  days_after(today, stage.target_days)),
                        "a plan's goal");
                checked(records.plans.set_item_status(item.id, stage.status), "a goal's status");
            }
        } else if (item.level == "objective" && goals > 0 && goal < std::size(kOrtizStages)) {
            const auto& stage = kOrtizStages[goal];
            if (objective < stage.objectives.size()) {
                checked(records.plans.set_item_status(item.id, stage.objectives[objective]),
                        "an objective's status");
            }
            ++objective;
        }
    }
    checked(records.plans.set_review_date(plan_id, days_after(today, 35)), "a review date");
    audit(records, "update", "plan", plan_id);
}

void moss_plan(Records& records, std::int64_t unit_id, const std::string& today) {
    std::int64_t plan_id =
        checked(records.plans.create(unit_id, "Imago couple therapy", nullptr), "a plan");
    audit(records, "create", "plan", plan_id);
    auto& plans = records.plans;
    std::int64_t problem = checked(
        plans.add_item(plan_id, 0, "problem",
                       "Distance and recurring arguments about household tasks and weekends "
                       "with family",
                       ""),
        "a plan's problem");
    struct Goal {
        const char* text;
        const char* objective;
        int target_days;
        const char* status;
    };
    const Goal goals[] = {
        {"Talk about frustrations in the Intentional Dialogue, after asking for an appointment",
         "Hold one dialogue a week at home, each partner sending in turn", 14, "partly_met"},
        {"Reimaging: each partner understands the other's childhood wounds",
         "Complete the Imago Workup and share it in dialogue", 28, "open"},
        {"Share the household load: frustrations become Behavior Change Requests",
         "Each partner makes one request and grants one, kept for four weeks", 42, "open"},
    };
    for (const auto& goal : goals) {
        std::string target = days_after(today, goal.target_days);
        std::int64_t goal_id =
            checked(plans.add_item(plan_id, problem, "goal", goal.text, target), "a plan's goal");
        checked(plans.add_item(plan_id, goal_id, "objective", goal.objective, target),
                "a plan's objective");
        checked(plans.set_item_status(goal_id, goal.status), "a goal's status");
    }
    checked(plans.set_review_date(plan_id, days_after(today, 28)), "a review date");
    audit(records, "update", "plan", plan_id);
}

// Whether the unit already has a note, a diagnosis or a plan.
bool has_records(Records& records, std::int64_t unit_id) {
    return !checked(records.notes.notes_for_unit(unit_id, Include::WithPsychotherapy),
                    "reading notes")
                .empty() ||
           !checked(records.diagnoses.for_unit(unit_id), "reading diagnoses").empty() ||
           !checked(records.plans.plans_for_unit(unit_id), "reading plans").empty();
}

}  // namespace

void fill_demo(Records& records, const dyad::sdk::DemoRequest& request) {
    if (request.unit_ids.size() < 6) {
        throw std::runtime_error("The demo request does not hold the demo's six client units.");
    }
    const std::string& today = request.today;
    (void)days_after(today, 0);  // Refuses a request whose date is not one.
    const auto& units = request.unit_ids;
    const std::int64_t ortiz = units[0], moss = units[1], diaz = units[2], nguyen = units[3],
                       haddad = units[5];
    for (std::int64_t unit : {ortiz, moss, diaz, nguyen, haddad}) {
        if (has_records(records, unit)) {
            return;
        }
    }
    dyad::sdk::Database db(records.host);
    dyad::sdk::Transaction transaction(db);
    if (!transaction.error().empty()) {
        throw std::runtime_error("The demo's records could not be begun: " + transaction.error());
    }

    People couple = people_of(records, ortiz, 2);
    write_notes(records, ortiz, ortiz_notes(), couple, today, 2);
    diagnose(records, ortiz, 0, "Z63.0", "");
    diagnose(records, ortiz, couple.ids[0], "F43.22",
             days_after(first_session(records, ortiz, today), -60));
    ortiz_plan(records, ortiz, couple, today);

    People partners = people_of(records, moss, 2);
    write_notes(records, moss, moss_notes(), partners, today, 1);
    diagnose(records, moss, 0, "Z63.0", "");
    moss_plan(records, moss, today);

    People carla = people_of(records, diaz, 1);
    write_notes(records, diaz, diaz_notes(), carla, today, 0);
    diagnose(records, diaz, carla.ids[0], "F43.21",
             days_after(first_session(records, diaz, today), -120));

    People family = people_of(records, nguyen, 3);
    write_notes(records, nguyen, nguyen_notes(), family, today, 0);
    diagnose(records, nguyen, 0, "Z62.820", "");
    diagnose(records, nguyen, family.ids[2], "F43.25",
             days_after(first_session(records, nguyen, today), -90));

    People omar = people_of(records, haddad, 1);
    write_notes(records, haddad, haddad_notes(), omar, today, 0);
    std::int64_t resolved = diagnose(records, haddad, omar.ids[0], "F43.23",
                                     days_after(first_session(records, haddad, today), -30));
    checked(records.diagnoses.set_status(resolved, "resolved"), "resolving a diagnosis");
    audit(records, "update", "diagnosis", resolved);

    if (std::string error = transaction.commit(); !error.empty()) {
        throw std::runtime_error("The demo's records could not be saved: " + error);
    }
}

}  // namespace dyad::records_plugin
