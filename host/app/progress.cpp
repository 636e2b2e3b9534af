#include "progress.h"

#include <wx/progdlg.h>
#include <wx/utils.h>

#include <atomic>
#include <thread>

namespace dyad::app {

Status run_with_progress(wxWindow* parent, const wxString& title, const wxString& message,
                         const std::function<Status(const db::Progress&)>& work) {
    std::atomic<int> permille = 0;
    std::atomic<bool> cancelled = false;
    std::atomic<bool> finished = false;
    Status result = ok();
    std::thread worker([&] {
        result = work([&](double fraction) {
            permille = static_cast<int>(fraction * 1000.0);
            return !cancelled.load();
        });
        finished = true;
    });
    {
        wxProgressDialog dialog(
            title, message, 1000, parent,
            wxPD_APP_MODAL | wxPD_CAN_ABORT | wxPD_ELAPSED_TIME | wxPD_AUTO_HIDE);
        while (!finished) {
            if (!dialog.Update(std::min(permille.load(), 999))) {
                cancelled = true;
            }
            wxMilliSleep(25);
        }
    }
    worker.join();
    return result;
}

}  // namespace dyad::app
