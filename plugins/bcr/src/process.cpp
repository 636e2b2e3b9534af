#include "process.h"
#include <dyad/show.hpp>

#include <chrono>
#include <map>

namespace dyad::bcr {
namespace {

using namespace std::chrono;

sys_days to_days(const std::string& date) {
    return year_month_day{year(std::stoi(date.substr(0, 4))),
                          month(static_cast<unsigned>(std::stoi(date.substr(5, 2)))),
                          day(static_cast<unsigned>(std::stoi(date.substr(8, 2))))};
}

std::string from_days(sys_days days) {
    year_month_day date{days};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return text;
}

double value_of(Outcome outcome) {
    return outcome == Outcome::Done ? 1.0 : outcome == Outcome::Partly ? 0.5 : 0.0;
}

}  // namespace

const char* to_string(State state) {
    switch (state) {
        case State::Frustration:
            return "frustration";
        case State::Desire:
            return "desire";
        case State::Requests:
            return "requests";
        case State::Granted:
            return "granted";
        case State::Retired:
            return "retired";
    }
    return "frustration";
}

const char* to_string(Event event) {
    switch (event) {
        case Event::SetDesire:
            return "set the desire";
        case Event::SetRequests:
            return "write the three requests";
        case Event::Grant:
            return "choose the gift";
        case Event::CheckIn:
            return "check in";
        case Event::Renew:
            return "renew";
        case Event::Revise:
            return "revise";
        case Event::Retire:
            return "retire";
    }
    return "";
}

std::expected<State, std::string> state_from(const std::string& text) {
    for (State state :
         {State::Frustration, State::Desire, State::Requests, State::Granted, State::Retired}) {
        if (text == to_string(state)) {
            return state;
        }
    }
    return std::unexpected("unknown state \"" + text + "\"");
}

std::expected<State, std::string> next_state(State state, Event event) {
    if (state == State::Retired) {
        return std::unexpected(
            dyad::show::tr("This request is retired; start a new frustration instead."));
    }
    switch (event) {
        case Event::SetDesire:
            if (state == State::Frustration || state == State::Desire) {
                return State::Desire;
            }
            return std::unexpected(
                dyad::show::tr("The desire is settled once the requests are written."));
        case Event::SetRequests:
            if (state == State::Desire || state == State::Requests) {
                return State::Requests;
            }
            if (state == State::Frustration) {
                return std::unexpected(
                    dyad::show::tr("Name the desire behind the frustration first."));
            }
            return std::unexpected(
                dyad::show::tr("A gift has been chosen; revise it to write new requests."));
        case Event::Grant:
            if (state == State::Requests) {
                return State::Granted;
            }
            if (state == State::Granted) {
                return std::unexpected(
                    dyad::show::tr("A gift has already been chosen for this frustration."));
            }
            return std::unexpected(
                dyad::show::tr("Write the three requests before a gift is chosen."));
        case Event::CheckIn:
        case Event::Renew:
        case Event::Revise:
            if (state == State::Granted) {
                return event == Event::Revise ? State::Requests : State::Granted;
            }
            return std::unexpected(
                event == Event::CheckIn ? dyad::show::tr("Only a granted request can check in.")
                : event == Event::Renew ? dyad::show::tr("Only a granted request can renew.")
                                        : dyad::show::tr("Only a granted request can revise."));
        case Event::Retire:
            return State::Retired;
    }
    return std::unexpected("unknown event");
}

bool is_date(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return false;
    }
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
        if (text[i] < '0' || text[i] > '9') {
            return false;
        }
    }
    year_month_day date{year(std::stoi(text.substr(0, 4))),
                        month(static_cast<unsigned>(std::stoi(text.substr(5, 2)))),
                        day(static_cast<unsigned>(std::stoi(text.substr(8, 2))))};
    return date.ok();
}

std::string add_days(const std::string& date, int count) {
    return from_days(to_days(date) + days(count));
}

int days_between(const std::string& from, const std::string& to) {
    return static_cast<int>((to_days(to) - to_days(from)).count());
}

int weekday(const std::string& date) {
    return static_cast<int>(std::chrono::weekday{to_days(date)}.iso_encoding()) - 1;
}

bool Commitment::is_check_day(const std::string& date) const {
    if (check_days.empty()) {
        return true;
    }
    int day_of_week = weekday(date);
    for (int wanted : check_days) {
        if (wanted == day_of_week) {
            return true;
        }
    }
    return false;
}

const char* to_string(Outcome outcome) {
    return outcome == Outcome::Done ? "done" : outcome == Outcome::Partly ? "partly" : "not_done";
}

std::expected<Outcome, std::string> outcome_from(const std::string& text) {
    if (text == "done") {
        return Outcome::Done;
    }
    if (text == "partly") {
        return Outcome::Partly;
    }
    if (text == "not_done") {
        return Outcome::NotDone;
    }
    return std::unexpected("A check-in is done, partly or not_done, not \"" + text + "\".");
}

std::vector<std::string> due_days(const Commitment& commitment, const std::string& today) {
    std::vector<std::string> days_due;
    std::string last = commitment.last_day() < today ? commitment.last_day() : today;
    for (std::string day = commitment.start; day <= last; day = add_days(day, 1)) {
        if (commitment.is_check_day(day)) {
            days_due.push_back(day);
        }
    }
    return days_due;
}

Adherence adherence(const Commitment& commitment, const std::vector<CheckIn>& checkins,
                    const std::string& today) {
    std::map<std::string, Outcome> latest;
    for (const auto& checkin : checkins) {
        latest[checkin.date] = checkin.outcome;  // Given in recording order.
    }
    Adherence result;
    for (const auto& day : due_days(commitment, today)) {
        ++result.due;
        if (auto found = latest.find(day); found != latest.end()) {
            ++result.recorded;
            result.score += value_of(found->second);
        }
    }
    return result;
}

std::vector<WeekPoint> weekly(const Commitment& commitment, const std::vector<CheckIn>& checkins,
                              const std::string& today) {
    std::vector<WeekPoint> points;
    for (int week = 0; week * 7 < commitment.days; ++week) {
        std::string start = add_days(commitment.start, week * 7);
        if (start > today) {
            break;
        }
        Commitment slice = commitment;
        slice.start = start;
        slice.days = std::min(7, commitment.days - week * 7);
        std::vector<CheckIn> in_week;
        double impact_sum = 0;
        int impact_count = 0;
        for (const auto& checkin : checkins) {
            if (checkin.date >= start && checkin.date <= slice.last_day()) {
                in_week.push_back(checkin);
                if (checkin.impact > 0) {
                    impact_sum += checkin.impact;
                    ++impact_count;
                }
            }
        }
        Adherence part = adherence(slice, in_week, today);
        points.push_back(
            {start, part.rate(), impact_count ? impact_sum / impact_count : 0, part.due});
    }
    return points;
}

}  // namespace dyad::bcr
