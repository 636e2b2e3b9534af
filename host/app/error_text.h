// An error from core code as the window shows it (a message box, a dialog's problem line).
#pragma once

#include <wx/string.h>

#include "util/error.h"

namespace dyad::app {

// In the window's language when core code marked the message as a whole sentence
// (show::marked("error", "wrong passphrase")) or made it from a Reason marked so (its values as
// they are), else as it is (English).
inline wxString error_text(const Error& error) {
    return wxString::FromUTF8(shown_message(error));
}

}  // namespace dyad::app
