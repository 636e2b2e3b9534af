// Conversions between wx strings and the UTF-8 std::string the plugins' logic uses.
#pragma once

#include <wx/string.h>

#include <string>

namespace dyad::ui {

inline std::string utf8(const wxString& text) {
    return text.ToStdString(wxConvUTF8);
}

inline wxString wx(const std::string& text) {
    return wxString::FromUTF8(text);
}

}  // namespace dyad::ui
