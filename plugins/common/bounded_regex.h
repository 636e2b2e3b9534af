// Regular expressions from files a clinic edits (the dialogue's language hints, the SMART rules
// of requests), run with std::regex. Its backtracking matcher takes exponential time on some
// patterns ("(a+)+b"), polynomial time on others (".*.*x" on a long line), and recurses once per
// repeated item (a stack overflow on a long text). So the work is bounded: a pattern has at
// most kMaxPatternLength characters; text is searched one piece at a time (a sentence, cut at
// a space to at most kMaxPieceBytes); and a BoundedMatcher stops after a number of steps (each
// character the matcher reads is one), so a pathological rule costs a bounded moment, never a
// frozen window. Normal rules on normal text use a small fraction of the budget. Header-only;
// a BoundedMatcher belongs to one thread.
#pragma once

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace dyad::datafile {

inline constexpr std::size_t kMaxPatternLength = 300;
inline constexpr std::size_t kMaxPieceBytes = 400;
// About 40 ms of the slowest (backtracking) matching in a release build; the shipped SMART
// rules on a 2 KB request use a third of it, the shipped hint rules on 10 KB of text a fifth.
inline constexpr std::size_t kDefaultMatchSteps = 1'000'000;

// "" when a pattern may be compiled, else why not, in words: longer than kMaxPatternLength,
// or a repetition count or back-reference of more than 4 digits (libstdc++ 12 reads such a
// number with a signed overflow, undefined behaviour).
inline std::string pattern_problem(const std::string& pattern) {
    if (pattern.size() > kMaxPatternLength) {
        return "longer than " + std::to_string(kMaxPatternLength) + " characters";
    }
    bool counting = false;  // Inside "{...}".
    bool numbered = false;  // After "\<digit>": a back-reference.
    std::size_t digits = 0;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        char c = pattern[i];
        if (c >= '0' && c <= '9' && (counting || numbered)) {
            if (++digits > 4) {
                return "has a number of more than 4 digits in a repetition or back-reference";
            }
            continue;
        }
        digits = 0;
        numbered = false;
        if (c == '\\' && i + 1 < pattern.size()) {
            char escaped = pattern[++i];
            numbered = escaped >= '0' && escaped <= '9';
            digits = numbered ? 1 : 0;
        } else if (c == '{') {
            counting = true;
        } else if (c == '}') {
            counting = false;
        }
    }
    return {};
}

struct TextMatch {
    std::size_t at = 0;  // Byte offset in the text.
    std::size_t length = 0;
};

class BoundedMatcher {
  public:
    explicit BoundedMatcher(std::size_t steps = kDefaultMatchSteps) : m_steps_left(steps) {}

    // The non-empty matches of pattern in text, in order, none spanning two pieces. Once the
    // steps run out, the search in progress and every later one find nothing.
    std::vector<TextMatch> find_all(const std::string& text, const std::regex& pattern) {
        std::vector<TextMatch> found;
        for_each_piece(text, [&](std::size_t begin, std::size_t end) {
            std::size_t from = begin;
            while (from < end && !exhausted()) {
                auto match = search(text, from, end, pattern);
                if (!match) {
                    break;
                }
                found.push_back(*match);
                from = match->at + match->length;
            }
        });
        return found;
    }

    // Whether pattern matches somewhere in text (a piece at a time).
    bool found(const std::string& text, const std::regex& pattern) {
        bool any = false;
        for_each_piece(text, [&](std::size_t begin, std::size_t end) {
            any = any || (!exhausted() && search(text, begin, end, pattern).has_value());
        });
        return any;
    }

    // True once a search ran out of steps: what it and later ones would have found is missing.
    bool exhausted() const { return m_exhausted; }

  private:
    struct OutOfSteps {};

    // A pointer into the text that spends one step each time the matcher reads a character.
    class Cursor {
      public:
        using iterator_category = std::bidirectional_iterator_tag;
        using value_type = char;
        using difference_type = std::ptrdiff_t;
        using pointer = const char*;
        using reference = const char&;

        Cursor() = default;
        Cursor(const char* at, std::size_t* steps_left) : m_at(at), m_steps_left(steps_left) {}

        reference operator*() const {
            if (*m_steps_left == 0) {
                throw OutOfSteps{};
            }
            --*m_steps_left;
            return *m_at;
        }
        Cursor& operator++() {
            ++m_at;
            return *this;
        }
        Cursor operator++(int) {
            Cursor before = *this;
            ++m_at;
            return before;
        }
        Cursor& operator--() {
            --m_at;
            return *this;
        }
        Cursor operator--(int) {
            Cursor before = *this;
            --m_at;
            return before;
        }
        bool operator==(const Cursor& other) const { return m_at == other.m_at; }
        const char* base() const { return m_at; }

      private:
        const char* m_at = nullptr;
        std::size_t* m_steps_left = nullptr;
    };

    // Sentences (ending after '.', '!', '?' or a line end), each cut at its last space before
    // kMaxPieceBytes (or at kMaxPieceBytes when it has none): visit(begin, end) byte offsets.
    template <typename Visit>
    static void for_each_piece(const std::string& text, Visit visit) {
        std::size_t begin = 0;
        while (begin < text.size()) {
            std::size_t limit = std::min(text.size(), begin + kMaxPieceBytes);
            std::size_t end = begin;
            bool sentence_end = false;
            while (end < limit && !sentence_end) {
                char c = text[end++];
                sentence_end = c == '.' || c == '!' || c == '?' || c == '\n';
            }
            if (!sentence_end && end < text.size()) {
                std::size_t space = text.rfind(' ', end - 1);
                if (space != std::string::npos && space > begin) {
                    end = space + 1;
                }
            }
            visit(begin, end);
            begin = end;
        }
    }

    // The first non-empty match in text[from, end): ^, $ and \b see the text around the piece.
    std::optional<TextMatch> search(const std::string& text, std::size_t from, std::size_t end,
                                    const std::regex& pattern) {
        const char* start = text.data();
        auto flags = std::regex_constants::match_not_null;
        if (from > 0) {
            flags |= std::regex_constants::match_prev_avail;
        }
        if (end < text.size()) {
            flags |= std::regex_constants::match_not_eol;
        }
        std::match_results<Cursor> match;
        try {
            if (!std::regex_search(Cursor(start + from, &m_steps_left),
                                   Cursor(start + end, &m_steps_left), match, pattern, flags)) {
                return std::nullopt;
            }
        } catch (const OutOfSteps&) {
            m_exhausted = true;
            return std::nullopt;
        }
        return TextMatch{static_cast<std::size_t>(match[0].first.base() - start),
                         static_cast<std::size_t>(match[0].second.base() - match[0].first.base())};
    }

    std::size_t m_steps_left;
    bool m_exhausted = false;
};

}  // namespace dyad::datafile
