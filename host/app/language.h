// The language of the window (issue 19): the catalogs Dyad ships, the choice kept in the
// configuration ("/ui/language") and applying it when the program starts. Main thread.
#pragma once

#include <wx/string.h>

#include <string>
#include <vector>

namespace dyad::app {

struct LanguageOption {
    std::string code;  // "" the desktop's language, else a catalog's code ("en", "es").
    wxString name;     // In its own language ("Español"), so anyone can find theirs.
};

// The choices Settings offers: the desktop's, English, then every language with a catalog.
std::vector<LanguageOption> language_options();

// The folders holding "<lang>/LC_MESSAGES/<domain>.mo": the installed share/locale beside the
// program, and the build tree's locale/ when run from there.
std::vector<std::string> installed_locale_dirs(const std::string& executable_path);

// Loads the catalogs of `code` ("" the desktop's language from LANGUAGE/LC_ALL/LANG) from
// locale_dirs: the host's ("dyad") and wxWidgets' own ("wxstd", when installed); replaces any
// earlier choice. English when there is no catalog for it. Returns the language applied ("en",
// "es"). Call before a practice opens: plugins read the language when they start.
std::string apply_language(const std::string& code, const std::vector<std::string>& locale_dirs);

// Loads every catalog of the language applied found in the locale folders and in
// "<folder>/locale" of each plugin folder (a plugin's domain is its id), before the plugins
// start: their constructors already read their words. English when there is none.
void add_plugin_catalogs(const std::vector<std::string>& plugin_dirs);

// The code kept in the configuration ("" the desktop's, also for a code Dyad does not offer),
// and keeping a new one (the next start applies it).
std::string configured_language();
void set_configured_language(const std::string& code);

// Before GTK starts (main): GTK's own words (the file and print dialogs' buttons, the colour
// and font pickers) come from gettext, which reads LANGUAGE. With a language chosen in
// Settings in the configuration file at config_path, sets LANGUAGE to its code so those words
// follow it (the desktop's language chosen: LANGUAGE is left alone). Returns the code set, or
// "" when none. Needs no wxApp.
std::string set_toolkit_language(const std::string& config_path);

}  // namespace dyad::app
