// The two time stamps the plugins write: an instant in UTC for records and audits, and the
// local calendar date a therapist means by "today". Header-only; any thread.
#pragma once

#include <ctime>
#include <optional>
#include <string>

namespace dyad::datafile {

// Now in UTC, "YYYY-MM-DDTHH:MM:SSZ".
inline std::string now_utc() {
    std::time_t now = std::time(nullptr);
    std::tm parts{};
    gmtime_r(&now, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return text;
}

// Today's local date, "YYYY-MM-DD".
inline std::string local_today() {
    std::time_t now = std::time(nullptr);
    std::tm parts{};
    localtime_r(&now, &parts);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &parts);
    return text;
}

// A UTC time "YYYY-MM-DDTHH:MM:SSZ" as a time_t; nullopt when malformed.
inline std::optional<std::time_t> parse_utc(const std::string& utc) {
    std::tm parts{};
    if (utc.size() != 20 || strptime(utc.c_str(), "%Y-%m-%dT%H:%M:%SZ", &parts) == nullptr) {
        return std::nullopt;
    }
    return timegm(&parts);
}

// A time_t as UTC text, "YYYY-MM-DDTHH:MM:SSZ".
inline std::string utc_text(std::time_t when) {
    std::tm parts{};
    gmtime_r(&when, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return text;
}

// The UTC time `seconds` after (before, when negative) utc; "" when utc is malformed.
inline std::string utc_after(const std::string& utc, long long seconds) {
    auto when = parse_utc(utc);
    return when ? utc_text(*when + static_cast<std::time_t>(seconds)) : std::string();
}

// A UTC time as the local minute people read, "YYYY-MM-DD HH:MM"; "" when malformed.
inline std::string local_minute_of(const std::string& utc) {
    auto when = parse_utc(utc);
    if (!when) {
        return {};
    }
    std::tm local{};
    localtime_r(&*when, &local);
    char text[24];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", &local);
    return text;
}

// The local date ("YYYY-MM-DD") of a UTC time "YYYY-MM-DDTHH:MM:SSZ"; "" when malformed.
inline std::string local_date_of(const std::string& utc) {
    auto when = parse_utc(utc);
    if (!when) {
        return {};
    }
    std::tm local{};
    localtime_r(&*when, &local);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &local);
    return text;
}

// Local midnight starting `date` ("YYYY-MM-DD", a real day: not 2026-02-30), as UTC text;
// `days` later when asked. nullopt for anything else.
inline std::optional<std::string> local_midnight_utc(const std::string& date, int days = 0) {
    std::tm parts{};
    if (date.size() != 10 || strptime(date.c_str(), "%Y-%m-%d", &parts) == nullptr) {
        return std::nullopt;
    }
    std::tm check = parts;
    check.tm_hour = 12;
    check.tm_isdst = -1;
    std::mktime(&check);  // Normalizes an impossible day into the next month.
    char again[16];
    std::strftime(again, sizeof again, "%Y-%m-%d", &check);
    if (date != again) {
        return std::nullopt;
    }
    parts.tm_mday += days;
    parts.tm_isdst = -1;
    std::time_t when = std::mktime(&parts);
    std::tm utc{};
    gmtime_r(&when, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

// The local time "HH:MM:SS" on `date` ("YYYY-MM-DD") as UTC text: what a clock on the wall
// said then (daylight saving taken into account). nullopt for a malformed date or time.
inline std::optional<std::string> local_time_utc(const std::string& date, const std::string& time) {
    std::tm parts{};
    std::string both = date + " " + time;
    const char* end = strptime(both.c_str(), "%Y-%m-%d %H:%M:%S", &parts);
    if (date.size() != 10 || time.size() != 8 || end == nullptr || *end != '\0') {
        return std::nullopt;
    }
    parts.tm_isdst = -1;
    std::time_t when = std::mktime(&parts);
    std::tm utc{};
    gmtime_r(&when, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

}  // namespace dyad::datafile
