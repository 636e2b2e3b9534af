#include "reminders_panel.h"

#include <wx/button.h>

#include <time_text.h>
#include <wx_text.h>

namespace dyad::mail {
namespace {

using dyad::ui::utf8;
using dyad::ui::wx;

std::string state_words(const std::string& state) {
    if (state == "unknown") {
        return "may have been sent";
    }
    if (state == "retry") {
        return "retrying";
    }
    return state;
}

}  // namespace

RemindersPanel::RemindersPanel(wxWindow* parent, MailServices& services, Confirm confirm,
                               std::function<void()> send_now)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL,
              "mail_reminders_panel"),
      m_services(services),
      m_confirm(std::move(confirm)),
      m_send_now(std::move(send_now)) {
    m_members_grid = new wxFlexGridSizer(5, 4, 8);
    m_members_grid->AddGrowableCol(2);
    auto* save = new wxButton(this, wxID_ANY, _("&Save consent"), wxDefaultPosition, wxDefaultSize,
                              0, wxDefaultValidator, "mail_save_consent");
    m_list = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                            wxLC_REPORT | wxLC_SINGLE_SEL, wxDefaultValidator, "mail_messages");
    m_list->AppendColumn(_("Session"), wxLIST_FORMAT_LEFT, 130);
    m_list->AppendColumn(_("Message"), wxLIST_FORMAT_LEFT, 100);
    m_list->AppendColumn(_("To"), wxLIST_FORMAT_LEFT, 180);
    m_list->AppendColumn(_("State"), wxLIST_FORMAT_LEFT, 130);
    m_list->AppendColumn(_("Details"), wxLIST_FORMAT_LEFT, 320);
    auto* again = new wxButton(this, wxID_ANY, _("Send &again"), wxDefaultPosition, wxDefaultSize,
                               0, wxDefaultValidator, "mail_send_again");
    auto* dismiss = new wxButton(this, wxID_ANY, _("&Dismiss"), wxDefaultPosition, wxDefaultSize, 0,
                                 wxDefaultValidator, "mail_dismiss");
    auto* now = new wxButton(this, wxID_ANY, _("Send due &now"), wxDefaultPosition, wxDefaultSize,
                             0, wxDefaultValidator, "mail_send_now");
    m_message = new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0,
                                 "mail_reminders_message");
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    for (wxWindow* button : {static_cast<wxWindow*>(again), static_cast<wxWindow*>(dismiss),
                             static_cast<wxWindow*>(now)}) {
        buttons->Add(button, 0, wxRIGHT, 6);
    }
    buttons->Add(m_message, 1, wxALIGN_CENTER_VERTICAL | wxLEFT, 6);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(new wxStaticText(this, wxID_ANY,
                                _("E-mail reminders go only to members who agreed, at the "
                                  "address given; they never say anything clinical.")),
               0, wxALL, 8);
    sizer->Add(m_members_grid, 0, wxEXPAND | wxLEFT | wxRIGHT, 8);
    sizer->Add(save, 0, wxALL, 8);
    sizer->Add(m_list, 1, wxEXPAND | wxLEFT | wxRIGHT, 8);
    sizer->Add(buttons, 0, wxEXPAND | wxALL, 8);
    SetSizer(sizer);
    save->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save_consent(); });
    again->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { decide(true); });
    dismiss->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { decide(false); });
    now->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (m_send_now) {
            m_send_now();
        }
        reload();
    });
}

void RemindersPanel::show_unit(std::int64_t unit_id) {
    m_unit_id = unit_id;
    m_message->SetLabel("");
    m_members_grid->Clear(true);
    m_rows.clear();
    for (const auto& member : m_services.host.members(unit_id)) {
        MemberRow row;
        row.client_id = member.client_id;
        auto consent = m_services.store.consent(member.client_id);
        bool yes = consent && *consent && (*consent)->reminders;
        std::string address = consent && *consent ? (*consent)->own_address : "";
        std::string id = std::to_string(member.client_id);
        m_members_grid->Add(new wxStaticText(this, wxID_ANY, wx(member.full_name())), 0,
                            wxALIGN_CENTER_VERTICAL);
        row.consents = new wxCheckBox(this, wxID_ANY, _("E-mail reminders"), wxDefaultPosition,
                                      wxDefaultSize, 0, wxDefaultValidator, "mail_consent_" + id);
        row.consents->SetValue(yes);
        row.address = new wxTextCtrl(this, wxID_ANY, wx(address), wxDefaultPosition, wxDefaultSize,
                                     0, wxDefaultValidator, "mail_address_" + id);
        row.address->SetHint(_("the address on the client's record"));
        row.address->SetToolTip(
            _("Empty: the e-mail address on the client's record, followed when it changes."));
        row.joint = new wxCheckBox(this, wxID_ANY, _("May name the partner"), wxDefaultPosition,
                                   wxDefaultSize, 0, wxDefaultValidator, "mail_joint_" + id);
        row.joint->SetValue(consent && *consent && (*consent)->joint);
        row.documents =
            new wxCheckBox(this, wxID_ANY, _("Documents by e-mail"), wxDefaultPosition,
                           wxDefaultSize, 0, wxDefaultValidator, "mail_documents_" + id);
        row.documents->SetToolTip(
            _("Invoices and superbills, sent only when you choose to; a "
              "superbill names diagnoses."));
        row.documents->SetValue(consent && *consent && (*consent)->documents);
        m_members_grid->Add(row.consents, 0, wxALIGN_CENTER_VERTICAL);
        m_members_grid->Add(row.address, 1, wxEXPAND);
        m_members_grid->Add(row.joint, 0, wxALIGN_CENTER_VERTICAL);
        m_members_grid->Add(row.documents, 0, wxALIGN_CENTER_VERTICAL);
        m_rows.push_back(row);
    }
    Layout();
    reload();
}

void RemindersPanel::reload() {
    m_list->DeleteAllItems();
    m_messages.clear();
    if (m_unit_id == 0) {
        return;
    }
    auto found = m_services.store.messages(m_unit_id);
    if (!found) {
        m_message->SetLabel(wx(found.error()));
        return;
    }
    m_messages = std::move(*found);
    for (std::size_t i = 0; i < m_messages.size(); ++i) {
        const auto& m = m_messages[i];
        long row = m_list->InsertItem(static_cast<long>(i),
                                      wx(dyad::datafile::local_minute_of(m.about_starts_at)));
        m_list->SetItem(row, 1, wx(m.kind));
        m_list->SetItem(row, 2, wx(m.address));
        m_list->SetItem(row, 3, wx(state_words(m.state)));
        std::string details = m.result;
        if (m.state == "queued" || m.state == "retry") {
            details = "goes " + dyad::datafile::local_minute_of(m.next_try) +
                      (m.result.empty() ? "" : " (" + m.result + ")");
        }
        m_list->SetItem(row, 4, wx(details));
    }
}

void RemindersPanel::save_consent() {
    std::string problems;
    for (const auto& row : m_rows) {
        std::string address = utf8(row.address->GetValue().Trim().Trim(false));
        auto saved = m_services.store.set_consent(row.client_id, row.consents->GetValue(), address,
                                                  row.joint->GetValue(), row.documents->GetValue());
        if (!saved) {
            problems += (problems.empty() ? "" : "; ") + saved.error();
        }
    }
    m_message->SetLabel(problems.empty() ? _("Consent saved.") : wx("Not saved: " + problems));
    if (problems.empty() && m_send_now) {
        m_send_now();  // Queues the reminders the new consent allows.
    }
    reload();
}

std::int64_t RemindersPanel::selected() const {
    long row = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    return row < 0 || static_cast<std::size_t>(row) >= m_messages.size()
               ? 0
               : m_messages[static_cast<std::size_t>(row)].id;
}

void RemindersPanel::decide(bool again) {
    std::int64_t id = selected();
    if (id == 0) {
        m_message->SetLabel(_("Select a message first."));
        return;
    }
    const Message* m = nullptr;
    for (const auto& message : m_messages) {
        if (message.id == id) {
            m = &message;
        }
    }
    wxString question =
        again ? wx("Send the " + m->kind + " to " + m->address + " again?" +
                   (m->state == "unknown" ? " It may already have arrived once." : ""))
              : wx("Dismiss the " + m->kind + " to " + m->address + "? It will not be sent.");
    if (!m_confirm(this, question)) {
        return;
    }
    auto done = again ? m_services.store.retry(id, dyad::datafile::now_utc())
                      : m_services.store.dismiss(id);
    m_message->SetLabel(done ? (again ? _("Queued to be sent again.") : _("Dismissed."))
                             : wx(done.error()));
    if (done && again && m_send_now) {
        m_send_now();
    }
    reload();
}

}  // namespace dyad::mail
