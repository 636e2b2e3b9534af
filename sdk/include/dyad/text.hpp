// Header-only helpers for text and numbers that come from outside (command lines, files,
// other programs), used by the host and the shipped plugins alike so every boundary applies
// the same rules. No dependencies beyond the standard library; any thread; no exceptions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <expected>
#include <limits>
#include <string>
#include <string_view>

namespace dyad::sdk {

// The offset of the first byte that is not part of valid UTF-8 (overlong forms, surrogates and
// code points above U+10FFFF are invalid), or of the first NUL byte; npos when text is clean.
inline std::size_t invalid_text_offset(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        auto byte = static_cast<unsigned char>(text[i]);
        if (byte == 0) {
            return i;
        }
        if (byte < 0x80) {
            ++i;
            continue;
        }
        std::size_t length = 0;
        std::uint32_t code = 0;
        std::uint32_t minimum = 0;
        if ((byte & 0xE0) == 0xC0) {
            length = 2;
            code = byte & 0x1Fu;
            minimum = 0x80;
        } else if ((byte & 0xF0) == 0xE0) {
            length = 3;
            code = byte & 0x0Fu;
            minimum = 0x800;
        } else if ((byte & 0xF8) == 0xF0) {
            length = 4;
            code = byte & 0x07u;
            minimum = 0x10000;
        } else {
            return i;
        }
        if (i + length > text.size()) {
            return i;
        }
        for (std::size_t k = 1; k < length; ++k) {
            auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0) != 0x80) {
                return i;
            }
            code = (code << 6) | (next & 0x3Fu);
        }
        if (code < minimum || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
            return i;
        }
        i += length;
    }
    return std::string_view::npos;
}

inline bool is_clean_text(std::string_view text) {
    return invalid_text_offset(text) == std::string_view::npos;
}

// "" when text is valid UTF-8 without NUL bytes, else a sentence naming what (e.g. "the note")
// and where.
inline std::string text_problem(std::string_view text, const std::string& what) {
    std::size_t at = invalid_text_offset(text);
    if (at == std::string_view::npos) {
        return {};
    }
    return what + (text[at] == '\0' ? " contains a NUL byte" : " is not valid UTF-8 text") +
           " (at byte " + std::to_string(at + 1) + "); save it as UTF-8 and try again";
}

// A pattern matching text as a prefix, for "x LIKE ? ESCAPE '\'": '%', '_' and '\' typed by a
// person match themselves, not anything.
inline std::string like_prefix(std::string_view text) {
    std::string pattern;
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') {
            pattern += '\\';
        }
        pattern += c;
    }
    return pattern + "%";
}

// A whole decimal integer in [minimum, maximum]: optional '-', digits only, nothing before or
// after ("1e3", "12x", " 5", "" and "4294967346" for an int are refused). The error names the
// option and the range.
inline std::expected<std::int64_t, std::string> parse_integer(
    std::string_view text, const std::string& name,
    std::int64_t minimum = std::numeric_limits<std::int64_t>::min(),
    std::int64_t maximum = std::numeric_limits<std::int64_t>::max()) {
    auto range = [&] {
        return name + " must be a whole number from " + std::to_string(minimum) + " to " +
               std::to_string(maximum) + " (not '" + std::string(text.substr(0, 40)) + "')";
    };
    std::size_t i = 0;
    bool negative = !text.empty() && text[0] == '-';
    if (negative) {
        i = 1;
    }
    if (i >= text.size()) {
        return std::unexpected(range());
    }
    // Accumulate as a negative number: its range is one larger.
    std::int64_t value = 0;
    constexpr std::int64_t lowest = std::numeric_limits<std::int64_t>::min();
    for (; i < text.size(); ++i) {
        char c = text[i];
        if (c < '0' || c > '9') {
            return std::unexpected(range());
        }
        int digit = c - '0';
        if (value < (lowest + digit) / 10) {
            return std::unexpected(range());
        }
        value = value * 10 - digit;
    }
    if (!negative) {
        if (value == lowest) {
            return std::unexpected(range());
        }
        value = -value;
    }
    if (value < minimum || value > maximum) {
        return std::unexpected(range());
    }
    return value;
}

}  // namespace dyad::sdk
