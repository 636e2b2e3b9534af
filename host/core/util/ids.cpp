#include "util/ids.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <random>

namespace dyad {
namespace {

std::uint64_t random_u64() {
    static std::mutex mutex;
    static std::mt19937_64 engine = [] {
        std::random_device device;
        std::seed_seq seed{device(), device(), device(), device(), device(), device()};
        return std::mt19937_64(seed);
    }();
    std::lock_guard lock(mutex);
    return engine();
}

std::tm utc_now_tm() {
    std::time_t now = std::time(nullptr);
    std::tm parts{};
    gmtime_r(&now, &parts);
    return parts;
}

bool digits(const std::string& text, std::size_t from, std::size_t count) {
    for (std::size_t i = from; i < from + count; ++i) {
        if (text[i] < '0' || text[i] > '9') {
            return false;
        }
    }
    return true;
}

int number(const std::string& text, std::size_t from, std::size_t count) {
    return std::stoi(text.substr(from, count));
}

}  // namespace

std::int64_t new_record_id() {
    std::uint64_t value = 0;
    while (value == 0) {
        value = random_u64() >> 1;  // Positive: SQLite rowids are signed.
    }
    return static_cast<std::int64_t>(value);
}

std::string new_uuid() {
    std::uint64_t high = random_u64();
    std::uint64_t low = random_u64();
    high = (high & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;  // Version 4.
    low = (low & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;    // RFC 4122 variant.
    char text[37];
    std::snprintf(text, sizeof text, "%08x-%04x-%04x-%04x-%012llx",
                  static_cast<unsigned>(high >> 32), static_cast<unsigned>((high >> 16) & 0xffff),
                  static_cast<unsigned>(high & 0xffff), static_cast<unsigned>(low >> 48),
                  static_cast<unsigned long long>(low & 0xffffffffffffULL));
    return text;
}

std::string now_utc_iso() {
    std::tm parts = utc_now_tm();
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return text;
}

std::string today_utc() {
    std::tm parts = utc_now_tm();
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &parts);
    return text;
}

bool is_iso_date(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !digits(text, 0, 4) ||
        !digits(text, 5, 2) || !digits(text, 8, 2)) {
        return false;
    }
    int year = number(text, 0, 4);
    unsigned month = static_cast<unsigned>(number(text, 5, 2));
    unsigned day = static_cast<unsigned>(number(text, 8, 2));
    std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(month),
                                     std::chrono::day(day)};
    return year >= 1800 && date.ok();
}

bool is_iso_utc_time(const std::string& text) {
    if (text.size() != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
        text[19] != 'Z' || !is_iso_date(text.substr(0, 10)) || !digits(text, 11, 2) ||
        !digits(text, 14, 2) || !digits(text, 17, 2)) {
        return false;
    }
    return number(text, 11, 2) < 24 && number(text, 14, 2) < 60 && number(text, 17, 2) < 60;
}

}  // namespace dyad
