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

// Leading and trailing spaces dropped.
inline std::string trimmed(std::string_view text) {
    auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) {
        return {};
    }
    auto last = text.find_last_not_of(" \t");
    return std::string(text.substr(first, last - first + 1));
}

}  // namespace dyad::billing
