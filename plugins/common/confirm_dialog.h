// The confirmation the shipped plugins ask before a destructive or lasting step: a plain wx
// dialog rather than the native message box (same look, reachable by keyboard, "No" the
// default and Escape, and GUI tests can answer it: its name is "confirm_dialog").
#pragma once

#include <wx/string.h>
#include <wx/window.h>

namespace dyad::ui {

// True when the therapist answers Yes. Modal; main thread.
bool confirm(wxWindow* owner, const wxString& question);

}  // namespace dyad::ui
