#include "language.h"

#include <wx/config.h>
#include <wx/fileconf.h>
#include <wx/intl.h>
#include <wx/log.h>
#include <wx/translation.h>
#include <wx/wfstream.h>

#include <algorithm>
#include <cstdlib>
#include <dyad/show_wx.hpp>
#include <filesystem>

namespace dyad::app {
namespace {

// Prefixes given to wxFileTranslationsLoader; it keeps them for the process, so each is added
// once.
std::vector<std::string>& added_prefixes() {
    static std::vector<std::string> added;
    return added;
}

void add_lookup_prefix(const std::string& folder) {
    auto& added = added_prefixes();
    if (!folder.empty() && std::find(added.begin(), added.end(), folder) == added.end()) {
        added.push_back(folder);
        wxFileTranslationsLoader::AddCatalogLookupPathPrefix(wxString::FromUTF8(folder));
    }
}

// The host's locale folders given so far.
std::vector<std::string> lookup_folders() {
    return added_prefixes();
}

}  // namespace

std::vector<LanguageOption> language_options() {
    return {{"", _("The desktop's language")},
            {"en", "English"},
            {"es", wxString::FromUTF8("Español")}};
}

std::vector<std::string> installed_locale_dirs(const std::string& executable_path) {
    std::filesystem::path bin = std::filesystem::path(executable_path).parent_path();
    std::vector<std::string> folders = {(bin.parent_path() / "share" / "locale").string()};
    if (std::filesystem::exists(bin.parent_path() / "CMakeCache.txt")) {
        folders.push_back((bin.parent_path() / "locale").string());  // Build tree.
    }
    return folders;
}

std::string apply_language(const std::string& code, const std::vector<std::string>& locale_dirs) {
    for (const auto& folder : locale_dirs) {
        add_lookup_prefix(folder);
    }
    auto* translations = new wxTranslations();
    wxTranslations::Set(translations);  // Deletes the earlier one.
    // English needs no catalog: nothing is searched for (each search lists every language's
    // folder, a cost at every start).
    bool english = code == "en";
    if (code.empty()) {
        // The desktop's first choice: LANGUAGE's first entry when set (as gettext and wx read
        // it), else the locale's language.
        wxString first =
            wxString::FromUTF8(std::getenv("LANGUAGE") != nullptr ? std::getenv("LANGUAGE") : "")
                .BeforeFirst(':');
        if (!first.empty() && first != "C" && first != "POSIX") {
            english = first.StartsWith("en");
        } else {
            const wxLanguageInfo* desktop =
                wxLocale::GetLanguageInfo(wxLocale::GetSystemLanguage());
            english = desktop == nullptr || desktop->CanonicalName.StartsWith("en");
        }
        translations->SetLanguage(wxLANGUAGE_DEFAULT);
    } else {
        translations->SetLanguage(wxString::FromUTF8(code));
    }
    if (!english) {
        translations->AddCatalog("dyad");
        translations->AddStdCatalog();
    }
    dyad::show::use_wx_translations();
    return dyad::show::language();
}

void add_plugin_catalogs(const std::vector<std::string>& plugin_dirs) {
    wxTranslations* translations = wxTranslations::Get();
    if (translations == nullptr || dyad::show::language() == "en") {
        return;
    }
    // Dyad's folders (share/locale holds every package's catalogs): only the shipped plugins'
    // "dyad.<name>"; a plugin folder's own locale/: its plugins' catalogs.
    std::vector<std::pair<std::string, bool>> folders;
    for (const auto& folder : lookup_folders()) {
        folders.emplace_back(folder, true);
    }
    for (const auto& folder : plugin_dirs) {
        std::string locale = (std::filesystem::path(folder) / "locale").string();
        add_lookup_prefix(locale);
        folders.emplace_back(locale, false);
    }
    for (const auto& [folder, dyad_only] : folders) {
        std::error_code error;
        std::filesystem::path messages =
            std::filesystem::path(folder) / dyad::show::language() / "LC_MESSAGES";
        for (std::filesystem::directory_iterator it(messages, error), end; !error && it != end;
             it.increment(error)) {
            if (it->path().extension() != ".mo") {
                continue;
            }
            wxString domain = wxString::FromUTF8(it->path().stem().string());
            if (dyad_only && !domain.StartsWith("dyad.")) {
                continue;
            }
            if (domain != "dyad" && !domain.StartsWith("wxstd") &&
                !translations->IsLoaded(domain)) {
                translations->AddCatalog(domain);
            }
        }
    }
}

std::string configured_language() {
    wxString code;
    if (wxConfigBase* config = wxConfigBase::Get(false); config != nullptr) {
        config->Read("/ui/language", &code);
    }
    // Only a language Dyad offers (a hand-edited "../x" or "es_ES" is the desktop's).
    for (const auto& option : language_options()) {
        if (option.code == code.utf8_string()) {
            return option.code;
        }
    }
    return {};
}

void set_configured_language(const std::string& code) {
    if (wxConfigBase* config = wxConfigBase::Get(false); config != nullptr) {
        config->Write("/ui/language", wxString::FromUTF8(code));
        config->Flush();
    }
}

std::string set_toolkit_language(const std::string& config_path) {
    wxLogNull quiet;  // No wxApp yet: a damaged line must not set up a log target for good.
    // Read from a stream: a wxFileConfig given a file name asks wxStandardPaths, which wants a
    // wxApp. No file yet: the desktop's language.
    wxFFileInputStream in(wxString::FromUTF8(config_path));
    if (!in.IsOk()) {
        return {};
    }
    wxFileConfig config(in);
    wxConfigBase* previous = wxConfigBase::Set(&config);
    std::string code = configured_language();
    wxConfigBase::Set(previous);
    if (!code.empty()) {
        setenv("LANGUAGE", code.c_str(), 1);
    }
    return code;
}

}  // namespace dyad::app
