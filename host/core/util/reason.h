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

    std::string filled(std::string text, bool translate) const {
        for (const auto& value : m_values) {
            text = show::fill(std::move(text), value.name,
                              translate && value.translated
                                  ? show::tr_in(kReasonContext, value.text.c_str())
                                  : value.text);
        }
        return text;
    }

    std::string m_pattern;
    std::vector<Value> m_values;
};

}  // namespace dyad
