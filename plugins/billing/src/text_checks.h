// Small text checks every billing form shares (identity, client details, payers, coverages).
// Pure; any thread.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

namespace dyad::billing {

inline bool digits_only(std::string_view text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

inline bool capitals_only(std::string_view text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// Nothing but spaces and tabs (or nothing at all).
inline bool blank(std::string_view text) {
    return text.find_first_not_of(" \t") == std::string_view::npos;
}

// "12-345 6789" -> "123456789": what a person types around digits dropped.
inline std::string without_dashes(std::string_view text) {
    std::string kept;
    for (char c : text) {
        if (c != '-' && c != ' ' && c != '(' && c != ')' && c != '.') {
            kept += c;
        }
    }
    return kept;
}

// "F43.23" -> "F4323": an ICD-10 code as claims carry it.
inline std::string without_dot(std::string_view code) {
    std::string kept;
    for (char c : code) {
        if (c != '.') {
            kept += c;
        }
    }
    return kept;
}

// Leading and trailing spaces dropped.
inline std::string trimmed(std::string_view text) {
    auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) {
        return {};
    }
    auto last = text.find_last_not_of(" \t");
    return std::string(text.substr(first, last - first + 1));
}

// "YYYY-MM-DD" naming a real day of the Gregorian calendar (2028-02-29 yes, 2026-02-29 no).
inline bool is_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !digits_only(text.substr(0, 4)) ||
        !digits_only(text.substr(5, 2)) || !digits_only(text.substr(8, 2))) {
        return false;
    }
    int year = std::stoi(std::string(text.substr(0, 4)));
    int month = std::stoi(std::string(text.substr(5, 2)));
    int day = std::stoi(std::string(text.substr(8, 2)));
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return year >= 1900 && month >= 1 && month <= 12 && day >= 1 &&
           day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

// Letters, digits and dashes only (a payer's claim number, a reference): nothing X12 would
// read as a separator.
inline bool reference_text(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
               c == '-';
    });
}

}  // namespace dyad::billing
