// The Reminders tab of a client unit: each member's consent to e-mail reminders (the address,
// and whether reminders may name the partner), and the unit's messages with their state; a
// failed or "may have been sent" one can be sent again or dismissed (the therapist decides:
// SMTP cannot say whether it arrived). Thin: the rules live in src/store.cpp.
#pragma once

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/listctrl.h>
#include <wx/panel.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <functional>
#include <vector>

#include "../src/services.h"

namespace dyad::mail {

class RemindersPanel : public wxPanel {
  public:
    using Confirm = std::function<bool(wxWindow*, const wxString&)>;
    // send_now asks the background sender to plan and send at once.
    RemindersPanel(wxWindow* parent, MailServices& services, Confirm confirm,
                   std::function<void()> send_now);
    void show_unit(std::int64_t unit_id);
    void reload();

  private:
    struct MemberRow {
        std::int64_t client_id = 0;
        wxCheckBox* consents = nullptr;
        wxTextCtrl* address = nullptr;
        wxCheckBox* joint = nullptr;
        wxCheckBox* documents = nullptr;
    };
    void save_consent();
    void decide(bool again);
    std::int64_t selected() const;

    MailServices& m_services;
    Confirm m_confirm;
    std::function<void()> m_send_now;
    std::int64_t m_unit_id = 0;
    wxFlexGridSizer* m_members_grid = nullptr;
    std::vector<MemberRow> m_rows;
    std::vector<Message> m_messages;
    wxListCtrl* m_list = nullptr;
    wxButton* m_save = nullptr;
    wxStaticText* m_message = nullptr;
};

}  // namespace dyad::mail
