#include "records/week_figures.h"

#include <cstdio>
#include <ctime>

namespace dyad::records {
namespace {

constexpr long kDay = 86400;

// Days since 1970-01-01 of a calendar date "YYYY-MM-DD" (no time zone: calendar arithmetic);
// nullopt unless it is a real date.
std::optional<long> day_number(const std::string& date) {
    int year = 0, month = 0, day = 0;
    char tail = 0;
    if (date.size() != 10 ||
        std::sscanf(date.c_str(), "%4d-%2d-%2d%c", &year, &month, &day, &tail) != 3) {
        return std::nullopt;
    }
    std::tm parts{};
    parts.tm_year = year - 1900;
    parts.tm_mon = month - 1;
    parts.tm_mday = day;
    std::time_t when = timegm(&parts);
    std::tm check{};
    gmtime_r(&when, &check);
    if (check.tm_year != parts.tm_year || check.tm_mon != month - 1 || check.tm_mday != day) {
        return std::nullopt;  // 2026-02-30 and the like.
    }
    return static_cast<long>(when / kDay);
}

std::string date_of_day(long day) {
    std::time_t when = static_cast<std::time_t>(day) * kDay;
    std::tm parts{};
    gmtime_r(&when, &parts);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &parts);
    return text;
}

// Local midnight of a calendar day as UTC text.
std::string local_midnight(long day) {
    std::time_t noon = static_cast<std::time_t>(day) * kDay;
    std::tm parts{};
    gmtime_r(&noon, &parts);
    parts.tm_hour = 0;
    parts.tm_min = 0;
    parts.tm_sec = 0;
    parts.tm_isdst = -1;
    std::time_t when = std::mktime(&parts);  // Read as local time.
    std::tm utc{};
    gmtime_r(&when, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

// The local calendar day of a UTC time "YYYY-MM-DDTHH:MM:SSZ".
std::optional<long> local_day_of(const std::string& utc) {
    std::tm parts{};
    if (utc.size() != 20 || strptime(utc.c_str(), "%Y-%m-%dT%H:%M:%SZ", &parts) == nullptr) {
        return std::nullopt;
    }
    std::time_t when = timegm(&parts);
    std::tm local{};
    localtime_r(&when, &local);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &local);
    return day_number(text);
}

}  // namespace

std::optional<std::string> local_day_start(const std::string& date, int days_after) {
    auto day = day_number(date);
    if (!day) {
        return std::nullopt;
    }
    return local_midnight(*day + days_after);
}

namespace {

// The first Monday of the weeks; nullopt for bad input.
std::optional<long> first_monday(const std::string& today, int weeks) {
    auto day = day_number(today);
    if (!day || weeks < 1 || weeks > 52) {
        return std::nullopt;
    }
    long weekday = (*day + 3) % 7;  // 1970-01-01 was a Thursday: Monday is 0.
    return *day - weekday - 7L * (weeks - 1);
}

}  // namespace

std::optional<std::pair<std::string, std::string>> week_range(const std::string& today, int weeks) {
    auto first = first_monday(today, weeks);
    if (!first) {
        return std::nullopt;
    }
    return std::make_pair(local_midnight(*first), local_midnight(*first + 7L * weeks));
}

std::vector<WeekFigures> week_figures(const std::vector<Appointment>& appointments,
                                      const std::string& today, int weeks) {
    auto first = first_monday(today, weeks);
    if (!first) {
        return {};
    }
    std::vector<WeekFigures> figures(static_cast<std::size_t>(weeks));
    for (int i = 0; i < weeks; ++i) {
        figures[static_cast<std::size_t>(i)].monday = date_of_day(*first + 7L * i);
    }
    for (const auto& appointment : appointments) {
        auto day = local_day_of(appointment.fields.starts_at);
        if (!day || *day < *first || *day >= *first + 7L * weeks) {
            continue;
        }
        auto& week = figures[static_cast<std::size_t>((*day - *first) / 7)];
        const std::string& status = appointment.fields.status;
        (status == "attended"    ? week.attended
         : status == "no_show"   ? week.no_show
         : status == "cancelled" ? week.cancelled
                                 : week.scheduled) += 1;
    }
    return figures;
}

}  // namespace dyad::records
