#include "clients_panel.h"

#include <wx_text.h>

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/dialog.h>
#include <wx/sizer.h>
#include <wx/statbox.h>
#include <wx/textctrl.h>

#include <dyad/accessible_wx.hpp>

#include "../src/labels.h"

namespace dyad::records_plugin {

using dyad::ui::utf8;
using dyad::ui::wx;
namespace {

// The edit dialog: stays open, with everything typed kept, until the record saves.
class ClientDialog : public wxDialog {
  public:
    ClientDialog(wxWindow* parent, ClientStore& store, const MemberRecord& member,
                 std::int64_t unit_id)
        : wxDialog(parent, wxID_ANY, _("Edit Client"), wxDefaultPosition, wxDefaultSize,
                   wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER, "client_dialog"),
          m_store(store),
          m_client_id(member.client_id),
          m_unit_id(unit_id) {
        auto* grid = new wxFlexGridSizer(2, wxSize(8, 6));
        grid->AddGrowableCol(1);
        auto field = [&](const wxString& label, const std::string& value, const char* name) {
            grid->Add(new wxStaticText(this, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL);
            auto* text = new wxTextCtrl(this, wxID_ANY, wx(value), wxDefaultPosition,
                                        wxSize(260, -1), 0, wxDefaultValidator, name);
            grid->Add(text, 1, wxEXPAND);
            return text;
        };
        m_given = field(_("&First name *"), member.given_name, "client_given");
        m_family = field(_("&Last name *"), member.family_name, "client_family");
        m_preferred = field(_("P&referred name"), member.preferred_name, "client_preferred");
        m_pronouns = field(_("&Pronouns"), member.pronouns, "client_pronouns");
        m_birth = field(_("&Date of birth"), member.date_of_birth, "client_dob");
        m_email = field(_("&Email"), member.email, "client_email");
        m_phone = field(_("P&hone"), member.phone, "client_phone");
        grid->Add(new wxStaticText(this, wxID_ANY, _("&Status")), 0, wxALIGN_CENTER_VERTICAL);
        m_status = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0,
                                wxDefaultValidator, "client_status");
        for (const auto& status : m_statuses) {
            m_status->Append(wx(client_status_label(status)));
            if (member.status == status) {
                m_status->SetSelection(static_cast<int>(m_status->GetCount()) - 1);
            }
        }
        grid->Add(m_status, 1, wxEXPAND);
        m_emergency_name =
            field(_("Emergency &contact"), member.details.emergency_name, "client_emergency_name");
        m_emergency_relation =
            field(_("Relation"), member.details.emergency_relation, "client_emergency_relation");
        m_emergency_phone =
            field(_("Emergency phone"), member.details.emergency_phone, "client_emergency_phone");
        m_referral =
            field(_("&Referral source"), member.details.referral_source, "client_referral");
        m_may_contact =
            new wxCheckBox(this, wxID_ANY, _("&May be contacted (calls, email)"), wxDefaultPosition,
                           wxDefaultSize, 0, wxDefaultValidator, "client_may_contact");
        m_may_contact->SetValue(member.details.may_contact);
        m_may_share = new wxCheckBox(this, wxID_ANY,
                                     _("What this client shares may be shared with their "
                                       "&partner"),
                                     wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                                     "client_may_share");
        m_may_share->SetValue(member.details.may_share_with_partner);
        m_error = new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0,
                                   "client_error");
        m_error->SetForegroundColour(wxColour(176, 0, 32));
        auto* sizer = new wxBoxSizer(wxVERTICAL);
        sizer->Add(grid, 1, wxEXPAND | wxALL, 12);
        sizer->Add(m_may_contact, 0, wxLEFT | wxRIGHT, 12);
        sizer->Add(m_may_share, 0, wxALL, 12);
        sizer->Add(m_error, 0, wxLEFT | wxRIGHT, 12);
        sizer->Add(CreateSeparatedButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, 10);
        SetSizerAndFit(sizer);
        Bind(
            wxEVT_BUTTON, [this](wxCommandEvent&) { save(); }, wxID_OK);
    }

  private:
    // The code of the chosen status; "" when none is chosen.
    std::string status_code() const {
        int chosen = m_status->GetSelection();
        return chosen < 0 || static_cast<std::size_t>(chosen) >= m_statuses.size()
                   ? std::string()
                   : m_statuses[static_cast<std::size_t>(chosen)];
    }

    void save() {
        CoreClientFields core{utf8(m_given->GetValue()),     utf8(m_family->GetValue()),
                              utf8(m_preferred->GetValue()), utf8(m_pronouns->GetValue()),
                              utf8(m_birth->GetValue()),     utf8(m_email->GetValue()),
                              utf8(m_phone->GetValue()),     status_code()};
        ClientDetails details{
            utf8(m_emergency_name->GetValue()),  utf8(m_emergency_relation->GetValue()),
            utf8(m_emergency_phone->GetValue()), utf8(m_referral->GetValue()),
            m_may_contact->GetValue(),           m_may_share->GetValue()};
        auto saved = m_store.save(m_client_id, m_unit_id, core, details);
        if (!saved) {
            m_error->SetLabel(wx(saved.error()));
            Layout();
            Fit();
            return;
        }
        EndModal(wxID_OK);
    }

    ClientStore& m_store;
    const std::vector<std::string> m_statuses = client_status_codes();
    std::int64_t m_client_id;
    std::int64_t m_unit_id;
    wxTextCtrl* m_given = nullptr;
    wxTextCtrl* m_family = nullptr;
    wxTextCtrl* m_preferred = nullptr;
    wxTextCtrl* m_pronouns = nullptr;
    wxTextCtrl* m_birth = nullptr;
    wxTextCtrl* m_email = nullptr;
    wxTextCtrl* m_phone = nullptr;
    wxChoice* m_status = nullptr;
    wxTextCtrl* m_emergency_name = nullptr;
    wxTextCtrl* m_emergency_relation = nullptr;
    wxTextCtrl* m_emergency_phone = nullptr;
    wxTextCtrl* m_referral = nullptr;
    wxCheckBox* m_may_contact = nullptr;
    wxCheckBox* m_may_share = nullptr;
    wxStaticText* m_error = nullptr;
};

}  // namespace

ClientsPanel::ClientsPanel(wxWindow* parent, ClientStore& store, Confirm confirm)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, "clients_panel"),
      m_store(store),
      m_confirm(std::move(confirm)) {
    m_list = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                            wxLC_REPORT | wxLC_SINGLE_SEL, wxDefaultValidator, "client_list");
    dyad::show::set_accessible_name(m_list, _("Clients of the unit"));
    const std::pair<const char*, int> columns[] = {
        {wxTRANSLATE("Name"), 170},       {wxTRANSLATE("Role"), 70},
        {wxTRANSLATE("Pronouns"), 80},    {wxTRANSLATE("Email"), 170},
        {wxTRANSLATE("Phone"), 110},      {wxTRANSLATE("Status"), 80},
        {wxTRANSLATE("May contact"), 90}, {wxTRANSLATE("May share"), 80}};
    for (const auto& [title, width] : columns) {
        m_list->AppendColumn(wxGetTranslation(title), wxLIST_FORMAT_LEFT, width);
    }
    auto* edit = new wxButton(this, wxID_ANY, _("&Edit Client..."), wxDefaultPosition,
                              wxDefaultSize, 0, wxDefaultValidator, "client_edit");
    auto* archive = new wxButton(this, wxID_ANY, _("A&rchive Client..."), wxDefaultPosition,
                                 wxDefaultSize, 0, wxDefaultValidator, "client_archive");
    m_message =
        new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0, "client_message");
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    buttons->Add(edit, 0, wxRIGHT, 6);
    buttons->Add(archive, 0, wxRIGHT, 12);
    buttons->Add(m_message, 1, wxALIGN_CENTER_VERTICAL);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(m_list, 1, wxEXPAND | wxALL, 8);
    sizer->Add(buttons, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 8);
    SetSizer(sizer);
    edit->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { edit_selected(); });
    archive->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { archive_selected(); });
    m_list->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) { edit_selected(); });
}

void ClientsPanel::show_unit(std::int64_t unit_id) {
    m_unit_id = unit_id;
    m_message->SetLabel("");
    reload();
}

void ClientsPanel::reload() {
    m_list->DeleteAllItems();
    m_members.clear();
    if (m_unit_id == 0) {
        return;
    }
    auto members = m_store.members(m_unit_id);
    if (!members) {
        m_message->SetLabel(wx(members.error()));
        return;
    }
    m_members = std::move(*members);
    for (std::size_t i = 0; i < m_members.size(); ++i) {
        const auto& m = m_members[i];
        long row = m_list->InsertItem(static_cast<long>(i), wx(m.given_name + " " + m.family_name));
        m_list->SetItem(row, 1, wx(role_label(m.role)));
        m_list->SetItem(row, 2, wx(m.pronouns));
        m_list->SetItem(row, 3, wx(m.email));
        m_list->SetItem(row, 4, wx(m.phone));
        m_list->SetItem(row, 5, wx(client_status_label(m.status)));
        m_list->SetItem(row, 6, m.details.may_contact ? _("yes") : _("no"));
        m_list->SetItem(row, 7, m.details.may_share_with_partner ? _("yes") : _("no"));
    }
    if (!m_members.empty()) {
        m_list->SetItemState(0, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
    }
}

const MemberRecord* ClientsPanel::selected() const {
    long row = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (row < 0 || static_cast<std::size_t>(row) >= m_members.size()) {
        return nullptr;
    }
    return &m_members[static_cast<std::size_t>(row)];
}

bool ClientsPanel::edit_selected() {
    const MemberRecord* member = selected();
    if (member == nullptr) {
        m_message->SetLabel(_("Choose a client in the list first."));
        return false;
    }
    ClientDialog dialog(this, m_store, *member, m_unit_id);
    if (dialog.ShowModal() != wxID_OK) {
        return false;
    }
    reload();
    m_message->SetLabel(_("Saved."));
    return true;
}

bool ClientsPanel::archive_selected() {
    const MemberRecord* member = selected();
    if (member == nullptr) {
        m_message->SetLabel(_("Choose a client in the list first."));
        return false;
    }
    wxString name = wx(member->given_name + " " + member->family_name);
    if (!m_confirm(this, wxString::Format(_("Archive %s? The record is kept (never deleted) and "
                                            "leaves the lists; its notes stay on the unit."),
                                          name))) {
        return false;
    }
    auto archived = m_store.archive(member->client_id);
    if (!archived) {
        m_message->SetLabel(wx(archived.error()));
        return false;
    }
    reload();
    m_message->SetLabel(wxString::Format(_("%s was archived."), name));
    return true;
}

}  // namespace dyad::records_plugin
