// Long work (backup, restore, integrity check) on a worker thread, with a modal progress dialog
// whose Cancel button stops it; the window keeps repainting meanwhile.
#pragma once

#include <wx/string.h>
#include <wx/window.h>

#include <functional>

#include "db/maintenance.h"

namespace dyad::app {

// work runs on a worker thread and must only touch its own connections; it reports progress
// through the callback, which returns false once the user cancelled. [main-thread]
Status run_with_progress(wxWindow* parent, const wxString& title, const wxString& message,
                         const std::function<Status(const db::Progress&)>& work);

}  // namespace dyad::app
