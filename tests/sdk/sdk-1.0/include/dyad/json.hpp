// Header-only helper for writing JSON output (dyadctl --json) without a JSON library.
#ifndef DYAD_JSON_HPP
#define DYAD_JSON_HPP

#include <cstdio>
#include <string>

namespace dyad::sdk {

// text as a JSON string literal, quotes included; control characters escaped.
inline std::string json_string(const std::string& text) {
    std::string out = "\"";
    for (unsigned char c : text) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (c < 0x20) {
                    char escaped[8];
                    std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
                    out += escaped;
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    return out + "\"";
}

}  // namespace dyad::sdk

#endif  // DYAD_JSON_HPP
