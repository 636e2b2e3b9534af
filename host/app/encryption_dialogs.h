// The windows of an encrypted practice (docs/encryption.md): unlocking it (the keyring first,
// then the passphrase or the recovery key), choosing a new passphrase, and the recovery key
// sheet that is shown once, saved as a PDF to print, and typed back before it counts.
// Thread: main. The decisions are host/core's (crypto/practice_keys.h); these only ask.
#pragma once

#include <wx/stattext.h>
#include <wx/string.h>
#include <wx/window.h>

#include <optional>
#include <string>

#include "crypto/practice_keys.h"

namespace dyad::app {

// An empty red label for a dialog's "what is wrong" line, found by `name` in tests.
wxStaticText* problem_label(wxWindow* parent, const char* name);

// The key of the encrypted practice at database_path: from this computer's keyring when it
// remembers it, otherwise asked (dialog "unlock_dialog"; a wrong passphrase is said in it and
// asked again). nullopt when the user cancelled. typed_passphrase (may be null) receives the
// passphrase when one was typed and opened it (not the keyring, not the recovery key), so that
// a solo practice's user can be signed in by the same step; the caller wipes it.
std::optional<crypto::PracticeKey> ask_unlock(wxWindow* parent, const std::string& database_path,
                                              std::string* typed_passphrase = nullptr);

struct NewPassphrase {
    std::string passphrase;
    bool remember = false;  // "Remember on this computer".
};

// A new passphrase, typed twice and checked (dialog "new_passphrase_dialog"); nullopt when
// cancelled. `offer_remember`: show the "remember on this computer" box.
std::optional<NewPassphrase> ask_new_passphrase(wxWindow* parent, const wxString& title,
                                                bool offer_remember);

// Shows the recovery key once (dialog "recovery_key_dialog"), offers to save it as a PDF to
// print, and asks for it back; false when the user cancelled before typing it back.
bool show_recovery_key(wxWindow* parent, const std::string& recovery_text);

// Writes the recovery key sheet (a PDF) to path; an error message, or "" when written.
std::string save_recovery_sheet(const std::string& path, const std::string& recovery_text);

}  // namespace dyad::app
