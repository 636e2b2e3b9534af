// The words people read for codes a program keeps ("no_show", "waitlist"), in the language
// they chose (SDK 1.1, dyad::show): a table of code and English word, each word marked for
// xgettext with its list's context. A code the table lacks is shown as it is. Header-only,
// C++17, no wx.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "show.hpp"

namespace dyad::show {

struct CodeWord {
    const char* code;
    const char* word;  // English, marked: {"no_show", marked("session status", "no-show")}.
};

// The word for code, translated in context (the context its words were marked with).
template <std::size_t N>
std::string word_of(const char* context, const CodeWord (&words)[N], const std::string& code) {
    for (const auto& word : words) {
        if (code == word.code) {
            return tr_in(context, word.word);
        }
    }
    return code;
}

// The codes of a table in its order (a choice people pick from saves the code by position).
template <std::size_t N>
std::vector<std::string> codes_of(const CodeWord (&words)[N]) {
    std::vector<std::string> codes;
    for (const auto& word : words) {
        codes.emplace_back(word.code);
    }
    return codes;
}

}  // namespace dyad::show
