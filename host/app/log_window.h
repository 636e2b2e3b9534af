// Tools > Log: the host's log lines, live. Never shows client data because nothing logs it.
#pragma once

#include <wx/frame.h>
#include <wx/listctrl.h>

#include "util/log.h"

namespace dyad::app {

class LogWindow : public wxFrame {
  public:
    explicit LogWindow(wxWindow* parent);
    ~LogWindow() override;
    // The open log window, or nullptr. [main-thread]
    static LogWindow* instance();
    void append(const LogLine& line);

  private:
    wxListCtrl* m_list = nullptr;
};

// Routes Logger lines to the log window (if open) on the main thread. Call once at start-up.
void connect_log_window();

}  // namespace dyad::app
