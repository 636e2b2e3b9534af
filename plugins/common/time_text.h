// The two time stamps the plugins write: an instant in UTC for records and audits, and the
// local calendar date a therapist means by "today". Header-only; any thread.
#pragma once

#include <ctime>
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

}  // namespace dyad::datafile
