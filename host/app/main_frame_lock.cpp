// Signing in and the lock (issue 15): the sign-in dialog when a practice has users, and the
// lock screen (File > Lock, Ctrl+L, or idle) that hides every window's client data until the
// same user signs in again. Windows are hidden, never destroyed, so unsaved drafts stay.
#include <wx/button.h>
#include <wx/config.h>
#include <wx/dialog.h>
#include <wx/eventfilter.h>
#include <wx/menu.h>
#include <wx/msgdlg.h>
#include <wx/panel.h>
#include <wx/print.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/utils.h>

#include "crypto/practice_keys.h"
#include "encryption_dialogs.h"
#include "error_text.h"
#include "main_frame.h"
#include "people/users.h"

namespace dyad::app {
namespace {

// Notes every key press and mouse use in the application, for the idle lock.
class ActivityFilter : public wxEventFilter {
  public:
    explicit ActivityFilter(std::chrono::steady_clock::time_point* last) : m_last(last) {
        wxEvtHandler::AddFilter(this);
    }
    ~ActivityFilter() override { wxEvtHandler::RemoveFilter(this); }
    int FilterEvent(wxEvent& event) override {
        wxEventType type = event.GetEventType();
        if (type == wxEVT_KEY_DOWN || type == wxEVT_LEFT_DOWN || type == wxEVT_RIGHT_DOWN ||
            type == wxEVT_MOTION || type == wxEVT_MOUSEWHEEL) {
            *m_last = std::chrono::steady_clock::now();
        }
        return Event_Skip;
    }

  private:
    std::chrono::steady_clock::time_point* m_last;
};

}  // namespace

void MainFrame::make_lock_screen() {
    m_lock_screen = new wxPanel(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, "lock_screen");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    m_lock_message = new wxStaticText(m_lock_screen, wxID_ANY, "");
    m_lock_field =
        new wxTextCtrl(m_lock_screen, wxID_ANY, "", wxDefaultPosition, wxSize(320, -1),
                       wxTE_PASSWORD | wxTE_PROCESS_ENTER, wxDefaultValidator, "lock_passphrase");
    auto* unlock = new wxButton(m_lock_screen, wxID_ANY, _("&Unlock"), wxDefaultPosition,
                                wxDefaultSize, 0, wxDefaultValidator, "unlock_button");
    m_lock_problem = problem_label(m_lock_screen, "lock_problem");
    sizer->AddStretchSpacer();
    sizer->Add(m_lock_message, 0, wxALIGN_CENTER | wxALL, 12);
    sizer->Add(m_lock_field, 0, wxALIGN_CENTER | wxALL, 6);
    sizer->Add(unlock, 0, wxALIGN_CENTER | wxALL, 6);
    sizer->Add(m_lock_problem, 0, wxALIGN_CENTER | wxALL, 6);
    sizer->AddStretchSpacer();
    m_lock_screen->SetSizer(sizer);
    m_lock_screen->Hide();
    GetSizer()->Add(m_lock_screen, 1, wxEXPAND);
    auto attempt = [this](wxCommandEvent&) {
        std::string secret = m_lock_field->GetValue().ToStdString(wxConvUTF8);
        m_lock_field->Clear();
        std::string problem = try_unlock(secret);
        std::fill(secret.begin(), secret.end(), '\0');
        if (!problem.empty()) {
            m_lock_problem->SetLabel(wxString::FromUTF8(problem));
            m_lock_screen->Layout();
            m_lock_field->SetFocus();
        }
    };
    unlock->Bind(wxEVT_BUTTON, attempt);
    m_lock_field->Bind(wxEVT_TEXT_ENTER, attempt);
}

void MainFrame::setup_lock() {
    m_last_input = std::chrono::steady_clock::now();
    m_activity = std::make_unique<ActivityFilter>(&m_last_input);
    m_idle_timer.SetOwner(this);
    Bind(
        wxEVT_TIMER, [this](wxTimerEvent&) { check_idle(); }, m_idle_timer.GetId());
    m_idle_timer.Start(m_options.idle_lock.count() > 0 ? 250 : 15'000);
}

std::chrono::seconds MainFrame::idle_limit() const {
    if (m_options.idle_lock.count() > 0) {
        return m_options.idle_lock;
    }
    long minutes = wxConfigBase::Get()->ReadLong("/security/lock_minutes", 10);
    return std::chrono::minutes(std::clamp(minutes, 1L, 240L));
}

void MainFrame::check_idle() {
    if (!m_practice || locked()) {
        return;
    }
    if (std::chrono::steady_clock::now() - m_last_input >= idle_limit()) {
        lock();
    }
}

bool MainFrame::locked() const {
    return m_lock_screen != nullptr && m_lock_screen->IsShown();
}

void MainFrame::lock() {
    if (!m_practice || locked()) {
        return;
    }
    if (m_lock_screen == nullptr) {
        make_lock_screen();  // Made at the first lock: nothing of it at start-up.
    }
    const auto& session = m_practice->session();
    wxString who =
        session.user_id != 0 ? wxString::FromUTF8(session.name) : wxString(_("The practice"));
    wxString how = session.user_id != 0 ? _("Enter your passphrase to unlock.")
                   : m_practice->key() != nullptr
                       ? _("Enter the practice's passphrase to unlock.")
                       : _("This practice has neither users nor a passphrase, so anyone can "
                           "unlock it: add users or encrypt it (File > Security).");
    m_lock_message->SetLabel(wxString::Format(_("Dyad is locked. %s\n%s"), who, how));
    m_lock_problem->SetLabel("");
    // Every other window of the practice (views, plugin frames) hides too; drafts stay.
    m_hidden_windows.clear();
    for (wxWindow* top : wxTopLevelWindows) {
        if (top != this && top->IsShown() && !top->IsBeingDeleted()) {
            if (dynamic_cast<wxPreviewFrame*>(top) != nullptr) {
                top->Close(true);  // A print preview holds nothing to keep: it goes.
                continue;
            }
            top->Hide();
            m_hidden_windows.push_back(top);
        }
    }
    m_notices->Hide();
    m_splitter->Hide();
    m_lock_screen->Show();
    GetMenuBar()->EnableTop(0, false);
    for (size_t i = 1; i < GetMenuBar()->GetMenuCount(); ++i) {
        GetMenuBar()->EnableTop(i, false);
    }
    Layout();
    m_lock_field->SetFocus();
    (void)m_practice->records().record_event("lock", "session", session.user_id, "", "user");
}

std::string MainFrame::try_unlock(const std::string& secret) {
    if (!m_practice) {
        return _("No practice is open.").utf8_string();
    }
    const auto& session = m_practice->session();
    if (session.user_id != 0) {
        people::People people(m_practice->connection());
        auto again = people.sign_in(session.name, secret);
        if (!again) {
            return shown_message(again.error());
        }
    } else if (m_practice->key() != nullptr) {
        auto key = crypto::unlock_with_passphrase(m_practice->database_path(), secret);
        if (!key) {
            return shown_message(key.error());
        }
    }
    m_lock_screen->Hide();
    m_splitter->Show();
    for (size_t i = 0; i < GetMenuBar()->GetMenuCount(); ++i) {
        GetMenuBar()->EnableTop(i, true);
    }
    for (const auto& window : m_hidden_windows) {
        if (window) {  // Not closed while locked.
            window->Show();
        }
    }
    m_hidden_windows.clear();
    Layout();
    m_last_input = std::chrono::steady_clock::now();
    (void)m_practice->records().record_event("unlock", "session", session.user_id, "", "user");
    return "";
}

Status MainFrame::sign_in_practice(const std::string& practice_passphrase) {
    people::People people(m_practice->connection());
    auto any = people.any_users();
    if (!any) {
        return std::unexpected(any.error());
    }
    if (!*any) {
        return ok();
    }
    if (!practice_passphrase.empty()) {
        wxBusyCursor busy;
        auto solo = people.sign_in_solo(practice_passphrase);
        if (solo && *solo) {
            m_practice->set_session(**solo);
            return ok();
        }
    }
    wxDialog dialog(this, wxID_ANY, _("Sign In"), wxDefaultPosition, wxDefaultSize,
                    wxDEFAULT_DIALOG_STYLE, "sign_in_dialog");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(new wxStaticText(&dialog, wxID_ANY, _("Sign in to this practice.")), 0, wxALL, 16);
    auto* name = new wxTextCtrl(&dialog, wxID_ANY, "", wxDefaultPosition, wxSize(320, -1), 0,
                                wxDefaultValidator, "user_name");
    name->SetHint(_("Name"));
    auto* passphrase =
        new wxTextCtrl(&dialog, wxID_ANY, "", wxDefaultPosition, wxSize(320, -1),
                       wxTE_PASSWORD | wxTE_PROCESS_ENTER, wxDefaultValidator, "user_passphrase");
    passphrase->SetHint(_("Passphrase"));
    auto* problem = problem_label(&dialog, "sign_in_problem");
    sizer->Add(name, 0, wxEXPAND | wxLEFT | wxRIGHT, 16);
    sizer->Add(passphrase, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 16);
    sizer->Add(problem, 0, wxALL, 16);
    sizer->Add(dialog.CreateButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, 16);
    dialog.SetSizerAndFit(sizer);
    std::optional<people::Session> session;
    auto attempt = [&] {
        std::string secret = passphrase->GetValue().ToStdString(wxConvUTF8);
        passphrase->Clear();
        auto signed_in = people.sign_in(name->GetValue().ToStdString(wxConvUTF8), secret);
        std::fill(secret.begin(), secret.end(), '\0');
        if (!signed_in) {
            problem->SetLabel(error_text(signed_in.error()));
            dialog.Fit();
            passphrase->SetFocus();
            return;
        }
        session = *signed_in;
        dialog.EndModal(wxID_OK);
    };
    dialog.Bind(
        wxEVT_BUTTON, [&](wxCommandEvent&) { attempt(); }, wxID_OK);
    passphrase->Bind(wxEVT_TEXT_ENTER, [&](wxCommandEvent&) { attempt(); });
    name->SetFocus();
    dialog.ShowModal();
    if (!session) {
        return fail(ErrorCode::Refused, show::marked("error", "nobody signed in"));
    }
    m_practice->set_session(*session);
    return ok();
}

}  // namespace dyad::app
