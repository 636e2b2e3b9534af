#include "gui_support.h"

#include <wx/app.h>
#include <wx/toplevel.h>
#include <wx/utils.h>

#include <chrono>

namespace dyad::test {

// Processes events until done() or the time is up; returns done().
bool pump_until(const std::function<bool()>& done, int milliseconds) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(milliseconds);
    while (std::chrono::steady_clock::now() < deadline) {
        wxTheApp->ProcessPendingEvents();
        wxYield();
        if (done()) {
            return true;
        }
        wxMilliSleep(10);
    }
    return done();
}

void pump(int milliseconds) {
    pump_until([] { return false; }, milliseconds);
}

// The window called name in any top-level window (practice views open in their own frames).
wxWindow* find_in_any_window(const wxString& name) {
    for (wxWindow* top : wxTopLevelWindows) {
        if (wxWindow* found = top->FindWindow(name)) {
            return found;
        }
    }
    return nullptr;
}

}  // namespace dyad::test
