#include "reminders_panel.h"

#include <wx/button.h>

#include <dyad/accessible_wx.hpp>

#include <time_text.h>
#include <wx_text.h>
#include <dyad/show.hpp>

namespace dyad::mail {
namespace {

using dyad::ui::utf8;
using dyad::ui::wx;

// A message's state as the list shows it, in the chosen language.
wxString state_words(const std::string& state) {
    if (state == "queued") {
        return wxGETTEXT_IN_CONTEXT("message state", "queued");
    }
    if (state == "sending") {
        return wxGETTEXT_IN_CONTEXT("message state", "sending");
    }
    if (state == "sent") {
        return wxGETTEXT_IN_CONTEXT("message state", "sent");
    }
    if (state == "retry") {
        return wxGETTEXT_IN_CONTEXT("message state", "retrying");
    }
    if (state == "failed") {
        return wxGETTEXT_IN_CONTEXT("message state", "failed");
    }
    if (state == "unknown") {
        return wxGETTEXT_IN_CONTEXT("message state", "may have been sent");
    }
    if (state == "withdrawn") {
        return wxGETTEXT_IN_CONTEXT("message state", "withdrawn");
    }
    return state == "dismissed" ? wxGETTEXT_IN_CONTEXT("message state", "dismissed") : wx(state);
}

// What a message is about, as the list and the questions name it.
wxString kind_words(const std::string& kind) {
    if (kind == "reminder") {
        return wxGETTEXT_IN_CONTEXT("message kind", "reminder");
    }
    if (kind == "cancellation") {
        return wxGETTEXT_IN_CONTEXT("message kind", "cancellation");
    }
    if (kind == "reschedule") {
        return wxGETTEXT_IN_CONTEXT("message kind", "reschedule");
    }
    if (kind == "test") {
        return wxGETTEXT_IN_CONTEXT("message kind", "test");
    }
    return kind == "document" ? wxGETTEXT_IN_CONTEXT("message kind", "document") : wx(kind);
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
    m_save = save;
    m_list = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                            wxLC_REPORT | wxLC_SINGLE_SEL, wxDefaultValidator, "mail_messages");
    dyad::show::set_accessible_name(m_list, _("Messages"));
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
        // Each partner's row by name for a screen reader; Tab reaches the rows before Save
        // consent, as they read (they are made after it).
        wxString who = wx(member.full_name());
        dyad::show::set_accessible_name(row.consents,
                                        wxString::Format(_("E-mail reminders for %s"), who));
        dyad::show::set_accessible_name(row.address,
                                        wxString::Format(_("E-mail address of %s"), who));
        dyad::show::set_accessible_name(row.joint,
                                        wxString::Format(_("%s may name the partner"), who));
        dyad::show::set_accessible_name(row.documents,
                                        wxString::Format(_("Documents by e-mail for %s"), who));
        for (wxWindow* control :
             {static_cast<wxWindow*>(row.consents), static_cast<wxWindow*>(row.address),
              static_cast<wxWindow*>(row.joint), static_cast<wxWindow*>(row.documents)}) {
            control->MoveBeforeInTabOrder(m_save);
        }
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
        long row = m_list->InsertItem(
            static_cast<long>(i),
            wx(dyad::show::local_date_time(m.about_starts_at, dyad::show::DateStyle::Compact)));
        m_list->SetItem(row, 1, kind_words(m.kind));
        m_list->SetItem(row, 2, wx(m.address));
        m_list->SetItem(row, 3, state_words(m.state));
        wxString details = wx(m.result);
        if (m.state == "queued" || m.state == "retry") {
            wxString when =
                wx(dyad::show::local_date_time(m.next_try, dyad::show::DateStyle::Compact));
            details = m.result.empty() ? wxString::Format(_("goes %s"), when)
                                       : wxString::Format(_("goes %s (%s)"), when, wx(m.result));
        }
        m_list->SetItem(row, 4, details);
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
    m_message->SetLabel(problems.empty() ? _("Consent saved.")
                                         : wxString::Format(_("Not saved: %s"), wx(problems)));
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
    wxString kind = kind_words(m->kind);
    wxString question =
        !again ? wxString::Format(_("Dismiss the %s to %s? It will not be sent."), kind,
                                  wx(m->address))
        : m->state == "unknown"
            ? wxString::Format(_("Send the %s to %s again? It may already have arrived once."),
                               kind, wx(m->address))
            : wxString::Format(_("Send the %s to %s again?"), kind, wx(m->address));
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
