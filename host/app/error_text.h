// An error from core code as the window shows it (a message box, a dialog's problem line).
#pragma once

#include <wx/string.h>

#include <dyad/show.hpp>

#include "util/error.h"

namespace dyad::app {

// In the window's language when core code marked the message as a whole sentence
// (show::marked("error", "wrong passphrase")), else as it is (English, with its details).
inline wxString error_text(const Error& error) {
    return wxString::FromUTF8(show::tr_in("error", error.message.c_str()));
}

}  // namespace dyad::app
