#include "log_window.h"

#include <wx/app.h>
#include <wx/sizer.h>

namespace dyad::app {
namespace {
LogWindow* g_log_window = nullptr;
}

LogWindow::LogWindow(wxWindow* parent)
    : wxFrame(parent, wxID_ANY, _("Dyad Log"), wxDefaultPosition, wxSize(820, 420)) {
    SetName("log_window");
    m_list = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                            wxLC_REPORT | wxLC_SINGLE_SEL);
    m_list->AppendColumn(_("Time (UTC)"), wxLIST_FORMAT_LEFT, 160);
    m_list->AppendColumn(_("Level"), wxLIST_FORMAT_LEFT, 70);
    m_list->AppendColumn(_("Source"), wxLIST_FORMAT_LEFT, 120);
    m_list->AppendColumn(_("Message"), wxLIST_FORMAT_LEFT, 460);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(m_list, 1, wxEXPAND);
    SetSizer(sizer);
    for (const auto& line : Logger::instance().recent()) {
        append(line);
    }
    g_log_window = this;
}

LogWindow::~LogWindow() {
    if (g_log_window == this) {
        g_log_window = nullptr;
    }
}

LogWindow* LogWindow::instance() {
    return g_log_window;
}

void LogWindow::append(const LogLine& line) {
    long row = m_list->InsertItem(m_list->GetItemCount(), wxString::FromUTF8(line.time));
    m_list->SetItem(row, 1, log_level_name(line.level));
    m_list->SetItem(row, 2, wxString::FromUTF8(line.source));
    m_list->SetItem(row, 3, wxString::FromUTF8(line.message));
    m_list->EnsureVisible(row);
}

void connect_log_window() {
    Logger::instance().set_listener([](const LogLine& line) {
        if (wxTheApp == nullptr) {
            return;
        }
        // Any thread may log; the window is touched on the main thread only.
        wxTheApp->CallAfter([line] {
            if (LogWindow* window = LogWindow::instance()) {
                window->append(line);
            }
        });
    });
}

}  // namespace dyad::app
