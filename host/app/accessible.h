// Accessible names and descriptions for the host's controls (issue 19: every control has a name
// a screen reader announces). wxWidgets 3.2 sets none on GTK (wxAccessible is Windows only), so
// this names the control's GTK widget and its internal children through ATK, the GTK and ATK
// functions looked up in the libraries wx already loaded (no GTK headers are installed). Only a
// name and description are written; nothing else of the widget changes. Main thread.
#pragma once

#include <wx/string.h>
#include <wx/window.h>

#include <string>

namespace dyad::app {

// Names the control for assistive technology; the description, when given, is read after the
// name. With its_parts, each GTK widget inside it is named too (a choice's button, a list's
// inner window): only for controls without children of their own (never a notebook or panel
// holding other controls, whose names would be overwritten). False when GTK's accessibility
// functions are not there (nothing is changed then).
bool set_accessible_name(wxWindow* control, const wxString& name,
                         const wxString& description = wxString(), bool its_parts = true);

// The accessible name of the widget that has the keyboard focus in the window's top-level GTK
// window ("" when it has none; "(no focus)" when nothing has the focus). For tests and checks.
std::string focused_accessible_name(wxWindow* window);

}  // namespace dyad::app
