// The Behavior Change Request process as a state machine, and the follow-through maths. Pure
// functions, no database, no wx.
//
//   frustration --desire--> desire --requests--> requests --grant--> granted
//   granted --checkin--> granted        granted --renew--> granted (a new period)
//   granted --revise--> requests (new requests; the gift ends)
//   granted --retire--> retired         any state but retired --retire--> retired
#pragma once

#include <expected>
#include <string>
#include <vector>

namespace dyad::bcr {

enum class State { Frustration, Desire, Requests, Granted, Retired };
enum class Event { SetDesire, SetRequests, Grant, CheckIn, Renew, Revise, Retire };

const char* to_string(State state);
const char* to_string(Event event);
std::expected<State, std::string> state_from(const std::string& text);

// The state after the event, or why the event is not possible now (in words for the
// therapist, e.g. "A gift has already been chosen for this frustration.").
std::expected<State, std::string> next_state(State state, Event event);

// Days are "YYYY-MM-DD"; weekdays are 0 = Monday ... 6 = Sunday.
bool is_date(const std::string& text);
std::string add_days(const std::string& date, int days);
int days_between(const std::string& from, const std::string& to);  // to - from.
int weekday(const std::string& date);

struct Commitment {
    std::string start;            // First day of the gift.
    int days = 21;                // Length of the commitment period.
    std::vector<int> check_days;  // Weekdays with a check-in; empty means every day.

    std::string last_day() const { return add_days(start, days - 1); }
    bool is_check_day(const std::string& date) const;
};

enum class Outcome { Done, Partly, NotDone };
const char* to_string(Outcome outcome);
std::expected<Outcome, std::string> outcome_from(const std::string& text);

struct CheckIn {
    std::string date;
    Outcome outcome = Outcome::Done;
    int impact = 0;              // Sender's felt impact 1-5; 0 when not given.
    std::string appreciation{};  // What the sender appreciated; "" when none.
};

// Check-in days of the commitment from its start to min(last day, today).
std::vector<std::string> due_days(const Commitment& commitment, const std::string& today);

struct Adherence {
    int due = 0;       // Check-in days so far.
    int recorded = 0;  // Of those, days with a check-in.
    double score = 0;  // Done 1, partly 0.5, not done or missing 0; summed.
    double rate() const { return due == 0 ? 0 : score / due; }  // 0..1.
};

// Only check-ins on due days count; a day's latest check-in wins.
Adherence adherence(const Commitment& commitment, const std::vector<CheckIn>& checkins,
                    const std::string& today);

struct WeekPoint {
    std::string week_start;  // The commitment's week (start + 7k), not the calendar week.
    double adherence = 0;    // 0..1 over that week's due days.
    double impact = 0;       // Mean felt impact of the week's check-ins; 0 when none.
    int due = 0;
};

// One point per commitment week up to today, for the charts.
std::vector<WeekPoint> weekly(const Commitment& commitment, const std::vector<CheckIn>& checkins,
                              const std::string& today);

}  // namespace dyad::bcr
