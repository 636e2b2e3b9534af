// Lists typed as one line of text ("Couples, Infidelity, EFT") and back. Header-only; any
// thread.
#pragma once

#include <sstream>
#include <string>
#include <vector>

namespace dyad::datafile {

// The parts of text between separators, trimmed of spaces; empty parts are dropped.
inline std::vector<std::string> split_list(const std::string& text, char separator) {
    std::vector<std::string> parts;
    std::stringstream in(text);
    std::string part;
    while (std::getline(in, part, separator)) {
        auto begin = part.find_first_not_of(" \t\r");
        if (begin != std::string::npos) {
            parts.push_back(part.substr(begin, part.find_last_not_of(" \t\r") - begin + 1));
        }
    }
    return parts;
}

inline std::string join_list(const std::vector<std::string>& parts, const std::string& separator) {
    std::string text;
    for (const auto& part : parts) {
        text += (text.empty() ? "" : separator) + part;
    }
    return text;
}

}  // namespace dyad::datafile
