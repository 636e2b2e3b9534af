#include "users_dialog.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choicdlg.h>
#include <wx/choice.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/utils.h>

#include <algorithm>
#include <dyad/show.hpp>

#include "crypto/practice_keys.h"
#include "encryption_dialogs.h"
#include "error_text.h"

namespace dyad::app {
namespace {

std::string utf8(const wxString& text) {
    return text.ToStdString(wxConvUTF8);
}

void wipe(std::string& secret) {
    std::fill(secret.begin(), secret.end(), '\0');
}

// A role as people read it ("Therapist"), in their language.
wxString role_label(const people::RoleInfo& info) {
    return wxString::FromUTF8(dyad::show::tr_in("role", std::string(info.label).c_str()));
}

std::string choose_a_user_first() {
    return _("Choose a user first.").utf8_string();
}

}  // namespace

UsersDialog::UsersDialog(wxWindow* parent, Practice& practice, std::int64_t unit_id)
    : wxDialog(parent, wxID_ANY, _("Users"), wxDefaultPosition, wxSize(760, 420),
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER, "users_dialog"),
      m_practice(practice),
      m_unit_id(unit_id) {
    m_list = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                            wxLC_REPORT | wxLC_SINGLE_SEL, wxDefaultValidator, "users_list");
    m_list->AppendColumn(_("Name"), wxLIST_FORMAT_LEFT, 180);
    m_list->AppendColumn(_("Role"), wxLIST_FORMAT_LEFT, 110);
    m_list->AppendColumn(_("Supervisor"), wxLIST_FORMAT_LEFT, 160);
    m_list->AppendColumn(_("Caseload"), wxLIST_FORMAT_RIGHT, 80);
    m_list->AppendColumn(_("Selected unit"), wxLIST_FORMAT_LEFT, 140);
    auto* add = new wxButton(this, wxID_ANY, _("&Add User..."), wxDefaultPosition, wxDefaultSize, 0,
                             wxDefaultValidator, "users_add");
    auto* supervisor = new wxButton(this, wxID_ANY, _("&Supervisor..."), wxDefaultPosition,
                                    wxDefaultSize, 0, wxDefaultValidator, "users_supervisor");
    auto* passphrase = new wxButton(this, wxID_ANY, _("&Passphrase..."), wxDefaultPosition,
                                    wxDefaultSize, 0, wxDefaultValidator, "users_passphrase");
    auto* assign = new wxButton(this, wxID_ANY, _("Put Unit &on Caseload"), wxDefaultPosition,
                                wxDefaultSize, 0, wxDefaultValidator, "users_assign");
    auto* unassign = new wxButton(this, wxID_ANY, _("&Take Unit off Caseload"), wxDefaultPosition,
                                  wxDefaultSize, 0, wxDefaultValidator, "users_unassign");
    assign->Enable(unit_id != 0);
    unassign->Enable(unit_id != 0);
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    for (wxButton* button : {add, supervisor, passphrase, assign, unassign}) {
        buttons->Add(button, 0, wxRIGHT, 6);
    }
    buttons->AddStretchSpacer();
    buttons->Add(new wxButton(this, wxID_CLOSE, _("&Close")));
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(m_list, 1, wxEXPAND | wxALL, 8);
    sizer->Add(new wxStaticText(
                   this, wxID_ANY,
                   _("A therapist sees the units on their caseload; a supervisor also their "
                     "supervisees'. Billers and the front desk see client details and the "
                     "schedule, never clinical records. The first user is the practice's owner; "
                     "from then on everyone signs in when Dyad starts.")),
               0, wxLEFT | wxRIGHT, 8);
    sizer->Add(buttons, 0, wxEXPAND | wxALL, 8);
    SetSizer(sizer);
    SetEscapeId(wxID_CLOSE);
    add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { add_dialog(); });
    supervisor->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { supervisor_dialog(); });
    passphrase->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        auto row = selected_row();
        if (!row) {
            wxMessageBox(_("Choose a user first."), _("Users"), wxOK, this);
            return;
        }
        auto chosen = ask_new_passphrase(
            this,
            wxString::Format(_("New Passphrase for %s"), wxString::FromUTF8(m_users[*row].name)),
            false);
        if (!chosen) {
            return;
        }
        std::string problem = set_passphrase(*row, chosen->passphrase);
        wipe(chosen->passphrase);
        wxMessageBox(
            problem.empty() ? _("The passphrase was changed.") : wxString::FromUTF8(problem),
            _("Users"), wxOK | (problem.empty() ? 0 : wxICON_ERROR), this);
    });
    auto on_caseload = [this](bool put) {
        auto row = selected_row();
        std::string problem = row ? assign_selected_unit(*row, put) : choose_a_user_first();
        if (!problem.empty()) {
            wxMessageBox(wxString::FromUTF8(problem), _("Users"), wxOK | wxICON_ERROR, this);
        }
    };
    assign->Bind(wxEVT_BUTTON, [on_caseload](wxCommandEvent&) { on_caseload(true); });
    unassign->Bind(wxEVT_BUTTON, [on_caseload](wxCommandEvent&) { on_caseload(false); });
    refresh();
}

long UsersDialog::refresh() {
    m_list->DeleteAllItems();
    people::People people(m_practice.connection());
    auto users = people.users();
    m_users = users ? *users : std::vector<people::User>();
    for (const auto& user : m_users) {
        long row = m_list->InsertItem(m_list->GetItemCount(), wxString::FromUTF8(user.name));
        m_list->SetItem(row, 1, role_label(people::role_info(user.role)));
        wxString supervisor;
        for (const auto& other : m_users) {
            if (user.supervisor_id && other.id == *user.supervisor_id) {
                supervisor = wxString::FromUTF8(other.name);
            }
        }
        m_list->SetItem(row, 2, supervisor);
        auto caseload = people.caseload(user.id);
        bool on_it =
            caseload && std::find(caseload->begin(), caseload->end(), m_unit_id) != caseload->end();
        m_list->SetItem(row, 3,
                        caseload ? wxString::FromUTF8(
                                       dyad::show::number(static_cast<long long>(caseload->size())))
                                 : wxString("?"));
        m_list->SetItem(row, 4, m_unit_id != 0 && on_it ? _("on caseload") : wxString());
    }
    return m_list->GetItemCount();
}

std::optional<std::size_t> UsersDialog::selected_row() const {
    long row = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (row < 0 || static_cast<std::size_t>(row) >= m_users.size()) {
        return std::nullopt;
    }
    return static_cast<std::size_t>(row);
}

std::string UsersDialog::add(const NewUser& user) {
    if (user.practice_passphrase) {
        // Proof that it is the practice's passphrase: it opens the key file.
        wxBusyCursor busy;
        auto opened = crypto::unlock_with_passphrase(m_practice.database_path(), user.passphrase);
        if (!opened) {
            return wxString::Format(_("That is not the practice's passphrase: %s"),
                                    error_text(opened.error()))
                .utf8_string();
        }
    }
    people::People people(m_practice.connection());
    auto added = people.add_user(m_practice.session(), user.name, user.role, user.passphrase,
                                 user.practice_passphrase);
    if (!added) {
        return shown_message(added.error());
    }
    refresh();
    return {};
}

std::string UsersDialog::set_passphrase(std::size_t row, const std::string& passphrase) {
    if (row >= m_users.size()) {
        return choose_a_user_first();
    }
    people::People people(m_practice.connection());
    auto done = people.set_passphrase(m_practice.session(), m_users[row].id, passphrase);
    return done ? std::string() : shown_message(done.error());
}

std::string UsersDialog::set_supervisor(std::size_t row,
                                        std::optional<std::size_t> supervisor_row) {
    if (row >= m_users.size() || (supervisor_row && *supervisor_row >= m_users.size())) {
        return choose_a_user_first();
    }
    std::optional<std::int64_t> supervisor;
    if (supervisor_row) {
        if (*supervisor_row == row) {
            return _("Nobody supervises themselves.").utf8_string();
        }
        supervisor = m_users[*supervisor_row].id;
    }
    people::People people(m_practice.connection());
    auto done = people.set_supervisor(m_practice.session(), m_users[row].id, supervisor);
    if (!done) {
        return shown_message(done.error());
    }
    refresh();
    return {};
}

std::string UsersDialog::assign_selected_unit(std::size_t row, bool on_caseload) {
    if (m_unit_id == 0) {
        return _("Select a client unit in the main window first.").utf8_string();
    }
    if (row >= m_users.size()) {
        return choose_a_user_first();
    }
    people::People people(m_practice.connection());
    auto done = on_caseload
                    ? people.assign_unit(m_practice.session(), m_users[row].id, m_unit_id)
                    : people.unassign_unit(m_practice.session(), m_users[row].id, m_unit_id);
    if (!done) {
        return shown_message(done.error());
    }
    refresh();
    return {};
}

void UsersDialog::add_dialog() {
    wxDialog dialog(this, wxID_ANY, _("Add User"), wxDefaultPosition, wxDefaultSize,
                    wxDEFAULT_DIALOG_STYLE, "add_user_dialog");
    auto* name = new wxTextCtrl(&dialog, wxID_ANY, "", wxDefaultPosition, wxSize(320, -1), 0,
                                wxDefaultValidator, "new_user_name");
    name->SetHint(_("Name"));
    wxArrayString labels;
    for (const auto& info : people::all_roles()) {
        labels.Add(role_label(info));
    }
    auto* role = new wxChoice(&dialog, wxID_ANY, wxDefaultPosition, wxDefaultSize, labels, 0,
                              wxDefaultValidator, "new_user_role");
    role->SetSelection(m_users.empty() ? 0 : 1);  // The first user is the owner.
    auto* first = new wxTextCtrl(&dialog, wxID_ANY, "", wxDefaultPosition, wxSize(320, -1),
                                 wxTE_PASSWORD, wxDefaultValidator, "new_user_passphrase");
    first->SetHint(_("Passphrase (at least 10 characters)"));
    auto* again = new wxTextCtrl(&dialog, wxID_ANY, "", wxDefaultPosition, wxSize(320, -1),
                                 wxTE_PASSWORD, wxDefaultValidator, "new_user_passphrase_again");
    again->SetHint(_("The same passphrase again"));
    auto* same = new wxCheckBox(
        &dialog, wxID_ANY, _("Sign in with the &practice passphrase (one step opens both)"),
        wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator, "new_user_practice_passphrase");
    // Only for the solo owner of an encrypted practice: with more users it would be shared.
    same->Show(m_practice.key() != nullptr && m_users.empty());
    auto* problem = problem_label(&dialog, "add_user_problem");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    for (wxWindow* field : std::initializer_list<wxWindow*>{name, role, first, again, same}) {
        sizer->Add(field, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 12);
    }
    sizer->Add(problem, 0, wxALL, 12);
    sizer->Add(dialog.CreateButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, 12);
    dialog.SetSizerAndFit(sizer);
    same->Bind(wxEVT_CHECKBOX, [&](wxCommandEvent&) {
        first->SetHint(same->GetValue() ? _("The practice passphrase")
                                        : _("Passphrase (at least 10 characters)"));
    });
    dialog.Bind(
        wxEVT_BUTTON,
        [&](wxCommandEvent&) {
            NewUser user;
            user.name = utf8(name->GetValue());
            user.role =
                people::all_roles()[static_cast<std::size_t>(std::max(0, role->GetSelection()))]
                    .role;
            user.passphrase = utf8(first->GetValue());
            std::string repeated = utf8(again->GetValue());
            user.practice_passphrase = same->IsShown() && same->GetValue();
            bool match = user.passphrase == repeated;
            wipe(repeated);
            std::string error = match ? add(user) : _("The two passphrases differ.").utf8_string();
            wipe(user.passphrase);
            if (error.empty()) {
                dialog.EndModal(wxID_OK);
                return;
            }
            first->Clear();
            again->Clear();
            problem->SetLabel(wxString::FromUTF8(error));
            dialog.Fit();
        },
        wxID_OK);
    name->SetFocus();
    dialog.ShowModal();
}

void UsersDialog::supervisor_dialog() {
    auto row = selected_row();
    if (!row) {
        wxMessageBox(_("Choose a user first."), _("Users"), wxOK, this);
        return;
    }
    wxArrayString names;
    names.Add(_("(nobody)"));
    for (const auto& user : m_users) {
        names.Add(wxString::FromUTF8(user.name));
    }
    wxSingleChoiceDialog choose(
        this, wxString::Format(_("Who supervises %s?"), wxString::FromUTF8(m_users[*row].name)),
        _("Supervisor"), names);
    if (choose.ShowModal() != wxID_OK) {
        return;
    }
    int picked = choose.GetSelection();
    std::optional<std::size_t> supervisor;
    if (picked > 0) {
        supervisor = static_cast<std::size_t>(picked - 1);
    }
    std::string error = set_supervisor(*row, supervisor);
    if (!error.empty()) {
        wxMessageBox(wxString::FromUTF8(error), _("Users"), wxOK | wxICON_ERROR, this);
    }
}

}  // namespace dyad::app
