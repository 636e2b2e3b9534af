// dyad::show's words from wxWidgets' translations (SDK 1.1, issue 19): the host loads the
// catalogs of the language the person chose (its own, "wxstd", and one per plugin named by the
// plugin's id, e.g. "com.example.temperature.mo" under <plugin folder>/locale/<lang>/
// LC_MESSAGES/) before any plugin starts. A module with wx windows calls use_wx_translations()
// once when it starts (a plugin: when its plugin object is created), on the main thread.
#pragma once

#include <wx/translation.h>

#include <string>

#include "show.hpp"

namespace dyad::show {

inline std::string wx_translate(const char* context, const char* english, const char* many,
                                long long n) {
    wxString in = context != nullptr ? wxString::FromUTF8(context) : wxString();
    if (many != nullptr) {
        return wxGetTranslation(wxString::FromUTF8(english), wxString::FromUTF8(many),
                                static_cast<unsigned>(n < 0 ? -n : n), wxString(), in)
            .utf8_string();
    }
    return wxGetTranslation(wxString::FromUTF8(english), wxString(), in).utf8_string();
}

// The language of the host's own catalog ("dyad"), or English when there is none. Reads the
// loaded catalog's header (no folder is searched: each plugin calls it at start).
inline void use_wx_translations() {
    std::string code = "en";
    if (wxTranslations* translations = wxTranslations::Get(); translations != nullptr) {
        wxString loaded = translations->GetHeaderValue("Language", "dyad");
        if (!loaded.empty()) {
            code = loaded.BeforeFirst('_').utf8_string();
        }
    }
    set_language(code, code == "en" ? nullptr : &wx_translate);
}

}  // namespace dyad::show
