// Why a plugin was refused, disabled or quarantined, in words people read (issue 19), kept so
// it can be said in either language: its English pattern, marked for translation in the
// context "plugin reason" where it is written, and the values filled into its {slots}.
//
//   Reason(show::marked("plugin reason", "its id '{id}' is not a lowercase reverse-DNS name"))
//       .with("id", id)
//
// english() is for the log, dyadctl and --json (always English); shown() is in the language
// the window shows (dyad::show). Values (an id, a path, a system's or a plugin's own error
// text) stay as they are, except a word given with word(), itself marked in the same context.
// A pattern nobody marked (text from elsewhere) is shown as it is. Header-only, no wx.
#pragma once

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "dyad/show.hpp"

namespace dyad {

inline constexpr const char* kReasonContext = "plugin reason";

class Reason {
  public:
    Reason() = default;
    explicit Reason(std::string pattern) : m_pattern(std::move(pattern)) {}

    // Fills {name} with value, as it is.
    Reason& with(const char* name, std::string value) {
        m_values.push_back({name, std::move(value), false});
        return *this;
    }
    // Fills {name} with a word marked show::marked("plugin reason", ...), translated when shown.
    Reason& word(const char* name, std::string english) {
        m_values.push_back({name, std::move(english), true});
        return *this;
    }

    bool empty() const { return m_pattern.empty(); }
    std::string english() const { return filled(m_pattern, false); }
    std::string shown() const {
        return filled(show::tr_in(kReasonContext, m_pattern.c_str()), true);
    }

  private:
    struct Value {
        const char* name;
        std::string text;
        bool translated;
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
                text += translate && value->translated
                            ? show::tr_in(kReasonContext, value->text.c_str())
                            : value->text;
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

    std::string m_pattern;
    std::vector<Value> m_values;
};

}  // namespace dyad
