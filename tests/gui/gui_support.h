// Helpers shared by the GUI tests (under Xvfb).
#pragma once

#include <wx/string.h>
#include <wx/window.h>

#include <functional>

namespace dyad::test {

// Processes events until done() or the time is up; returns done().
bool pump_until(const std::function<bool()>& done, int milliseconds = 5000);

// Processes events for the given time.
void pump(int milliseconds);

// The window called name in any top-level window (practice views open in their own frames).
wxWindow* find_in_any_window(const wxString& name);

}  // namespace dyad::test
