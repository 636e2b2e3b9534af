// Lists typed as one line of text ("Couples, Infidelity, EFT") and back, and one CSV cell.
// Header-only; any thread.
#pragma once

#include <sstream>
#include <string>
#include <string_view>
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

// One CSV cell of an export a spreadsheet will open: quoted when it holds a comma, a quote or
// a line break; a cell starting with = + - @ (read as a formula) kept as text with a leading
// apostrophe.
inline std::string csv_cell(std::string text) {
    if (!text.empty() && std::string_view("=+-@").find(text[0]) != std::string_view::npos) {
        text.insert(0, "'");
    }
    if (text.find_first_of(",\"\n\r") == std::string::npos) {
        return text;
    }
    std::string quoted = "\"";
    for (char c : text) {
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return quoted + "\"";
}

}  // namespace dyad::datafile
