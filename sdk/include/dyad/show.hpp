// Words, dates and numbers shown to people, in the language they chose (SDK 1.1, issue 19).
// The one helper the host, the shipped plugins and third-party plugins use for every date,
// time, number and amount a person reads (CSV, FHIR, X12 and the database keep ISO forms).
//
// Header-only, C++17, no wx. Each module (the host, each plugin) holds its own copy of the
// state below: a module with a wx window calls set_language() once when it starts, with a
// lookup backed by wxGetTranslation (the shipped plugins: dyad::ui::install_translations()).
// Until then, and in programs without translations (dyadctl), everything is English.
// Not thread-safe while set_language() runs; reads from any thread afterwards.
//
// Words are marked for xgettext with the keywords tr, tr_in:1c,2 and tr_n:1,2 (the host's
// scripts/check-translations extracts them). The formats themselves are translated too: a
// catalog reorders "{month} {day}" or uses "," as the decimal separator.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>

namespace dyad::show {

// Translates english (in context, when not null; plural `many` by n when not null). Returns
// english (or many) itself when there is no translation.
using Translator = std::string (*)(const char* context, const char* english, const char* many,
                                   long long n);

namespace detail {
struct State {
    Translator translate = nullptr;
    std::string language = "en";
};
inline State& state() {
    static State current;
    return current;
}
// A UTC instant "YYYY-MM-DDTHH:MM:SSZ" as local time in `local`; false when malformed.
inline bool local_time_of(const std::string& utc, std::tm& local) {
    std::tm parts{};
    if (utc.size() != 20 || strptime(utc.c_str(), "%Y-%m-%dT%H:%M:%SZ", &parts) == nullptr) {
        return false;
    }
    std::time_t when = timegm(&parts);
    return localtime_r(&when, &local) != nullptr;
}
}  // namespace detail

// language: the catalog's code ("en", "es"); translate may be null (English).
inline void set_language(const std::string& language, Translator translate) {
    detail::state().language = language.empty() ? "en" : language;
    detail::state().translate = translate;
}

// The language words are shown in: "en" unless set_language chose another.
inline const std::string& language() {
    return detail::state().language;
}

inline std::string tr(const char* english) {
    Translator t = detail::state().translate;
    return t != nullptr ? t(nullptr, english, nullptr, 1) : std::string(english);
}

// Words whose translation depends on where they stand ("May" the month, "May" the short month).
inline std::string tr_in(const char* context, const char* english) {
    Translator t = detail::state().translate;
    return t != nullptr ? t(context, english, nullptr, 1) : std::string(english);
}

inline std::string number(long long value);

// One or many: tr_n("{n} session", "{n} sessions", n) with {n} filled by number(n).
inline std::string tr_n(const char* one, const char* many, long long n) {
    Translator t = detail::state().translate;
    std::string text = t != nullptr ? t(nullptr, one, many, n) : std::string(n == 1 ? one : many);
    std::size_t at = text.find("{n}");
    return at == std::string::npos ? text : text.replace(at, 3, number(n));
}

// Replaces every "{name}" in pattern by value.
inline std::string fill(std::string pattern, const char* name, const std::string& value) {
    std::string key = std::string("{") + name + "}";
    for (std::size_t at = pattern.find(key); at != std::string::npos;
         at = pattern.find(key, at + value.size())) {
        pattern.replace(at, key.size(), value);
    }
    return pattern;
}

inline std::string number(long long value) {
    std::string digits = std::to_string(value < 0 ? -(value + 1) + 1ULL : 0ULL + value);
    std::string separator = tr_in("thousands separator", ",");
    std::string grouped;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) {
            grouped += separator;
        }
        grouped += digits[i];
    }
    return value < 0 ? "-" + grouped : grouped;
}

// value rounded to `decimals` places (0-6), grouped: "1,234.5" / "1.234,5".
inline std::string decimal(double value, int decimals) {
    decimals = decimals < 0 ? 0 : (decimals > 6 ? 6 : decimals);
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value < 0 ? -value : value);
    std::string plain = text;
    std::size_t dot = plain.find('.');
    std::string whole = plain.substr(0, dot);
    std::string shown = number(std::strtoll(whole.c_str(), nullptr, 10));
    if (dot != std::string::npos) {
        shown += tr_in("decimal separator", ".") + plain.substr(dot + 1);
    }
    bool negative = value < 0 && shown.find_first_of("123456789") != std::string::npos;
    return negative ? "-" + shown : shown;
}

// An amount in cents of US dollars: "$1,234.50", "-$12.00" (Spanish "1.234,50 $").
inline std::string money(long long cents) {
    unsigned long long magnitude = cents < 0 ? -(cents + 1) + 1ULL : 0ULL + cents;
    std::string amount = number(static_cast<long long>(magnitude / 100)) +
                         tr_in("decimal separator", ".") + (magnitude % 100 < 10 ? "0" : "") +
                         std::to_string(magnitude % 100);
    return fill(fill(tr_in("money", "{sign}${amount}"), "sign", cents < 0 ? "-" : ""), "amount",
                amount);
}

// A whole percentage: "72%" (Spanish "72 %").
inline std::string percent(long long value) {
    return fill(tr_in("percent", "{value}%"), "value", number(value));
}

enum class DateStyle {
    Short = 1,     // "Dec 2"
    Compact = 2,   // "Dec 2, 2026"
    Medium = 3,    // "Wed, Dec 2, 2026"
    Long = 4,      // "Wednesday, December 2, 2026"
    MonthYear = 5  // "December 2026"
};

// Marks words for xgettext where they are not translated at once (tables); returns english.
constexpr const char* marked(const char* /*context*/, const char* english) {
    return english;
}

// The name of month 1-12 and weekday 0-6 (Sunday first), full or abbreviated.
inline std::string month_name(int month, bool abbreviated) {
    static const char* const full[] = {
        marked("month", "January"), marked("month", "February"), marked("month", "March"),
        marked("month", "April"),   marked("month", "May"),      marked("month", "June"),
        marked("month", "July"),    marked("month", "August"),   marked("month", "September"),
        marked("month", "October"), marked("month", "November"), marked("month", "December")};
    static const char* const short_names[] = {
        marked("month abbreviation", "Jan"), marked("month abbreviation", "Feb"),
        marked("month abbreviation", "Mar"), marked("month abbreviation", "Apr"),
        marked("month abbreviation", "May"), marked("month abbreviation", "Jun"),
        marked("month abbreviation", "Jul"), marked("month abbreviation", "Aug"),
        marked("month abbreviation", "Sep"), marked("month abbreviation", "Oct"),
        marked("month abbreviation", "Nov"), marked("month abbreviation", "Dec")};
    if (month < 1 || month > 12) {
        return {};
    }
    return abbreviated ? tr_in("month abbreviation", short_names[month - 1])
                       : tr_in("month", full[month - 1]);
}

inline std::string weekday_name(int weekday, bool abbreviated) {
    static const char* const full[] = {
        marked("weekday", "Sunday"),    marked("weekday", "Monday"),   marked("weekday", "Tuesday"),
        marked("weekday", "Wednesday"), marked("weekday", "Thursday"), marked("weekday", "Friday"),
        marked("weekday", "Saturday")};
    static const char* const short_names[] = {
        marked("weekday abbreviation", "Sun"), marked("weekday abbreviation", "Mon"),
        marked("weekday abbreviation", "Tue"), marked("weekday abbreviation", "Wed"),
        marked("weekday abbreviation", "Thu"), marked("weekday abbreviation", "Fri"),
        marked("weekday abbreviation", "Sat")};
    if (weekday < 0 || weekday > 6) {
        return {};
    }
    return abbreviated ? tr_in("weekday abbreviation", short_names[weekday])
                       : tr_in("weekday", full[weekday]);
}

// A calendar date (year, month 1-12, day 1-31) in style.
inline std::string date(int year, int month, int day, DateStyle style) {
    std::tm parts{};
    parts.tm_year = year - 1900;
    parts.tm_mon = month - 1;
    parts.tm_mday = day;
    parts.tm_hour = 12;
    std::time_t noon = timegm(&parts);
    std::tm checked{};
    gmtime_r(&noon, &checked);
    std::string text;
    switch (style) {
        case DateStyle::Short:
            text = tr_in("date format", "{mon} {day}");
            break;
        case DateStyle::Compact:
            text = tr_in("date format", "{mon} {day}, {year}");
            break;
        case DateStyle::Medium:
            text = tr_in("date format", "{wd}, {mon} {day}, {year}");
            break;
        case DateStyle::Long:
            text = tr_in("date format", "{weekday}, {month} {day}, {year}");
            break;
        case DateStyle::MonthYear:
            text = tr_in("date format", "{month} {year}");
            break;
    }
    text = fill(text, "weekday", weekday_name(checked.tm_wday, false));
    text = fill(text, "wd", weekday_name(checked.tm_wday, true));
    text = fill(text, "month", month_name(month, false));
    text = fill(text, "mon", month_name(month, true));
    text = fill(text, "day", std::to_string(day));
    return fill(text, "year", std::to_string(year));
}

// "YYYY-MM-DD" (longer text is read up to its date) in style; the text itself when malformed.
inline std::string date(const std::string& iso, DateStyle style) {
    int year = 0, month = 0, day = 0;
    char tail = 0;
    if (iso.size() < 10 ||
        std::sscanf(iso.c_str(), "%4d-%2d-%2d%c", &year, &month, &day, &tail) < 3 || month < 1 ||
        month > 12 || day < 1 || day > 31) {
        return iso;
    }
    return date(year, month, day, style);
}

// A clock time: "2:30 PM" (Spanish "14:30").
inline std::string time_of_day(int hour, int minute) {
    char two[8];
    std::snprintf(two, sizeof two, "%02d", minute < 0 || minute > 59 ? 0 : minute);
    int twelve = hour % 12 == 0 ? 12 : hour % 12;
    std::string text = tr_in("time format", "{hour12}:{minute} {ampm}");
    text = fill(text, "hour12", std::to_string(twelve));
    text = fill(text, "hour", std::to_string(hour));
    text = fill(text, "minute", two);
    return fill(text, "ampm", hour < 12 ? tr_in("time", "AM") : tr_in("time", "PM"));
}

// A UTC instant "YYYY-MM-DDTHH:MM:SSZ" as the local date and time people read, with the date
// in style ("Wed, Dec 2, 2026, 2:30 PM"); the text itself when malformed.
inline std::string local_date_time(const std::string& utc, DateStyle style) {
    std::tm local{};
    if (!detail::local_time_of(utc, local)) {
        return utc;
    }
    std::string text = tr_in("date and time", "{date}, {time}");
    text = fill(text, "date", date(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday, style));
    return fill(text, "time", time_of_day(local.tm_hour, local.tm_min));
}

// The local date of a UTC instant in style; the text itself when malformed.
inline std::string local_date(const std::string& utc, DateStyle style) {
    std::tm local{};
    if (!detail::local_time_of(utc, local)) {
        return utc;
    }
    return date(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday, style);
}

}  // namespace dyad::show
