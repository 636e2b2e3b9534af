// Words people read, kept so they can be said in either language (issue 19): an English
// pattern, marked for translation where it is written, and the values filled into its {slots}.
// Why a plugin was refused, disabled or quarantined (context "plugin reason"):
//
//   Reason(show::marked("plugin reason", "its id '{id}' is not a lowercase reverse-DNS name"))
//       .with("id", id)
//
// and a core error that names what it is about (context "error", see util/error.h):
//
//   fail(ErrorCode::Io, error_reason(show::marked("error", "cannot write {path}")).with(...))
//
// english() is for the log, dyadctl and --json (always English); shown() is in the language
// the window shows (dyad::show). Values (an id, a path, a system's or a plugin's own error
// text) stay as they are, except a word given with word(), itself marked in the same context.
// A pattern nobody marked (text from elsewhere) is shown as it is. Header-only, no wx.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "dyad/show.hpp"

namespace dyad {

inline constexpr const char* kReasonContext = "plugin reason";
inline constexpr const char* kErrorContext = "error";

class Reason {
  public:
    Reason() = default;
    // A pattern marked in the context "plugin reason".
    explicit Reason(std::string pattern) : m_pattern(std::move(pattern)) {}
    // A pattern marked in `context`, a string literal (it is kept, not copied).
    Reason(const char* context, std::string pattern)
        : m_context(context), m_pattern(std::move(pattern)) {}

    // Fills {name} with value, as it is.
    Reason& with(const char* name, std::string value) {
        m_values.push_back({name, std::move(value), false, {}});
        return *this;
    }
    // Fills {name} with a word marked show::marked("plugin reason", ...), translated when shown.
    Reason& word(const char* name, std::string english) {
        m_values.push_back({name, std::move(english), true, {}});
        return *this;
    }

    // Fills {name} with words already said in both languages (another error's, see
    // shown_message in util/error.h).
    Reason& with_both(const char* name, std::string english, std::string shown) {
        m_values.push_back({name, std::move(english), false, std::move(shown)});
        return *this;
    }

    bool empty() const { return m_pattern.empty(); }
    std::string english() const { return filled(m_pattern, false); }
    std::string shown() const { return filled(show::tr_in(m_context, m_pattern.c_str()), true); }

  private:
    struct Value {
        const char* name;
        std::string text;                  // English, or as it is.
        bool translated;                   // text is a word marked in this context.
        std::optional<std::string> shown;  // text's own words in the window's language.
    };

    // One pass over the pattern: a value that holds "{name}" text is never filled again.
    std::string filled(const std::string& pattern, bool translate) const {
        std::string text;
        std::size_t at = 0;
        while (at < pattern.size()) {
            std::size_t open = pattern.find('{', at);
            std::size_t close = open == std::string::npos ? open : pattern.find('}', open);
            if (close == std::string::npos) {
                break;
            }
            text.append(pattern, at, open - at);
            const Value* value = find(pattern.substr(open + 1, close - open - 1));
            if (value == nullptr) {
                text.append(pattern, open, close - open + 1);  // Not a slot of this reason.
            } else {
                if (translate && value->shown) {
                    text += *value->shown;
                } else {
                    text += translate && value->translated
                                ? show::tr_in(m_context, value->text.c_str())
                                : value->text;
                }
            }
            at = close + 1;
        }
        text.append(pattern, std::min(at, pattern.size()), std::string::npos);
        return text;
    }

    const Value* find(const std::string& name) const {
        for (const auto& value : m_values) {
            if (name == value.name) {
                return &value;
            }
        }
        return nullptr;
    }

    const char* m_context = kReasonContext;
    std::string m_pattern;
    std::vector<Value> m_values;
};

// A core error's words, marked show::marked("error", ...) where they are written.
inline Reason error_reason(std::string pattern) {
    return Reason(kErrorContext, std::move(pattern));
}

}  // namespace dyad
