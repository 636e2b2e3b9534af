// The Home tab's weeks at a glance (issue 19): per week, Monday to Sunday in local time, how
// many sessions were attended, missed (no-show), cancelled, and are still scheduled. No wx
// here; any thread.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "records/records.h"

namespace dyad::records {

struct WeekFigures {
    std::string monday;  // Local "YYYY-MM-DD" the week starts on.
    int attended = 0;
    int no_show = 0;
    int cancelled = 0;
    int scheduled = 0;
};

// Local midnight (the computer's time zone) at the start of the real date "YYYY-MM-DD" plus
// days_after days, as UTC "YYYY-MM-DDTHH:MM:SSZ": with days_after 1, the end of that day.
// nullopt for a malformed or impossible date ("2026-02-30").
std::optional<std::string> local_day_start(const std::string& date, int days_after = 0);

// The UTC range [from, to) covering the `weeks` weeks (1-52) that end with the week of `today`
// (a real local date "YYYY-MM-DD"): from the first Monday's local midnight to the midnight after
// the last Sunday. nullopt for a malformed date or count.
std::optional<std::pair<std::string, std::string>> week_range(const std::string& today, int weeks);

// Those weeks, oldest first, every week present (zeros included), each appointment counted in
// the week of its local start day by its status; appointments outside the weeks are ignored.
// Empty for a malformed date or count.
std::vector<WeekFigures> week_figures(const std::vector<Appointment>& appointments,
                                      const std::string& today, int weeks);

}  // namespace dyad::records
