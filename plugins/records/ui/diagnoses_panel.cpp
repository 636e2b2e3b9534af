#include "diagnoses_panel.h"

#include <wx_text.h>

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/dialog.h>
#include <wx/listbox.h>
#include <wx/sizer.h>
#include <wx/textctrl.h>

#include <dyad/accessible_wx.hpp>

#include <dyad/show.hpp>

#include "../src/labels.h"

namespace dyad::records_plugin {

using dyad::ui::utf8;
using dyad::ui::wx;

DiagnosesPanel::DiagnosesPanel(wxWindow* parent, dyad::sdk::Host host, DiagnosisStore& store,
                               const CodeBook& codes, Confirm confirm)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL,
              "diagnoses_panel"),
      m_host(host),
      m_store(store),
      m_codes(codes),
      m_confirm(std::move(confirm)) {
    m_warning = new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0,
                                 "diagnoses_warning");
    m_warning->SetForegroundColour(wxColour(160, 60, 0));
    m_warning->SetFont(m_warning->GetFont().Bold());
    m_list = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                            wxLC_REPORT | wxLC_SINGLE_SEL, wxDefaultValidator, "diagnoses_list");
    dyad::show::set_accessible_name(m_list, _("Diagnoses"));
    m_list->AppendColumn(_("Code"), wxLIST_FORMAT_LEFT, 80);
    m_list->AppendColumn(_("Description"), wxLIST_FORMAT_LEFT, 380);
    m_list->AppendColumn(_("For"), wxLIST_FORMAT_LEFT, 140);
    m_list->AppendColumn(_("Status"), wxLIST_FORMAT_LEFT, 120);
    m_list->AppendColumn(_("Onset"), wxLIST_FORMAT_LEFT, 100);
    auto* add = new wxButton(this, wxID_ANY, _("&Add Diagnosis..."), wxDefaultPosition,
                             wxDefaultSize, 0, wxDefaultValidator, "diagnosis_add");
    auto* resolve = new wxButton(this, wxID_ANY, _("Mark &Resolved"));
    auto* reactivate = new wxButton(this, wxID_ANY, _("Mark A&ctive"));
    auto* in_error = new wxButton(this, wxID_ANY, _("Entered in &Error..."));
    m_message = new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0,
                                 "diagnoses_message");

    auto* actions = new wxBoxSizer(wxHORIZONTAL);
    for (wxWindow* button :
         {static_cast<wxWindow*>(add), static_cast<wxWindow*>(resolve),
          static_cast<wxWindow*>(reactivate), static_cast<wxWindow*>(in_error)}) {
        actions->Add(button, 0, wxRIGHT, 6);
    }
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(m_warning, 0, wxEXPAND | wxALL, 8);
    sizer->Add(m_list, 1, wxEXPAND | wxLEFT | wxRIGHT, 8);
    sizer->Add(actions, 0, wxALL, 8);
    sizer->Add(m_message, 0, wxLEFT | wxRIGHT | wxBOTTOM, 8);
    SetSizer(sizer);

    add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { add_dialog(); });
    resolve->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { set_status("resolved"); });
    reactivate->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { set_status("active"); });
    in_error->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { set_status("entered_in_error"); });
}

void DiagnosesPanel::show_unit(std::int64_t unit_id) {
    m_unit_id = unit_id;
    m_message->SetLabel("");
    reload();
}

void DiagnosesPanel::reload() {
    m_list->DeleteAllItems();
    m_shown.clear();
    m_member_names.clear();
    for (const auto& member : m_host.members(m_unit_id)) {
        m_member_names[member.client_id] = member.full_name();
    }
    auto diagnoses = m_store.for_unit(m_unit_id);
    if (!diagnoses) {
        m_message->SetLabel(
            wxString::Format(_("Diagnoses could not be read: %s"), wx(diagnoses.error())));
        return;
    }
    m_shown = std::move(*diagnoses);
    (void)m_host.core()->audit(m_host.raw(), "view", "diagnoses", m_unit_id);
    for (const auto& diagnosis : m_shown) {
        long row = m_list->InsertItem(m_list->GetItemCount(), wx(diagnosis.code));
        m_list->SetItem(row, 1, wx(diagnosis.description));
        auto member = m_member_names.find(diagnosis.client_id);
        m_list->SetItem(row, 2,
                        member != m_member_names.end() ? wx(member->second) : _("the unit"));
        m_list->SetItem(row, 3, wx(diagnosis_status_label(diagnosis.status)));
        m_list->SetItem(row, 4,
                        wx(dyad::show::date(diagnosis.onset_date, dyad::show::DateStyle::Compact)));
        if (diagnosis.status != "active") {
            m_list->SetItemTextColour(row, wxColour(120, 120, 120));
        }
    }
    auto billed = m_store.billed_couple_sessions(m_unit_id);
    std::string warning = billed ? billing_warning(m_shown, *billed) : std::string();
    m_warning->SetLabel(wx(warning));
    m_warning->Wrap(std::max(400, GetClientSize().GetWidth() - 24));
    m_warning->Show(!warning.empty());
    Layout();
}

const Diagnosis* DiagnosesPanel::selected() const {
    long row = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    return row >= 0 && static_cast<std::size_t>(row) < m_shown.size()
               ? &m_shown[static_cast<std::size_t>(row)]
               : nullptr;
}

void DiagnosesPanel::report(const std::string& error, const wxString& done) {
    m_message->SetLabel(error.empty() ? done : wx(error));
    if (error.empty()) {
        reload();
    }
}

void DiagnosesPanel::set_status(const std::string& status) {
    const Diagnosis* diagnosis = selected();
    if (diagnosis == nullptr) {
        m_message->SetLabel(_("Select a diagnosis first."));
        return;
    }
    if (status == "entered_in_error" &&
        !m_confirm(this, wxString::Format(_("Mark %s as entered in error?\nIt stays in the "
                                            "record, struck from the active list."),
                                          wx(diagnosis->code)))) {
        return;
    }
    std::int64_t id = diagnosis->id;
    auto changed = m_store.set_status(id, status);
    if (changed) {
        (void)m_host.core()->audit(m_host.raw(), "update", "diagnosis", id);
    }
    report(changed ? std::string() : changed.error(), _("Saved."));
}

void DiagnosesPanel::add_dialog() {
    wxDialog dialog(this, wxID_ANY, _("Add a Diagnosis"), wxDefaultPosition, wxSize(620, 520),
                    wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER, "diagnosis_dialog");
    auto* search = new wxTextCtrl(&dialog, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0,
                                  wxDefaultValidator, "diagnosis_search");
    search->SetHint(_("Code (F43.2) or words (adjustment anxiety)"));
    auto* codes = new wxListBox(&dialog, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr,
                                wxLB_SINGLE, wxDefaultValidator, "diagnosis_codes");
    auto* who = new wxChoice(&dialog, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0,
                             wxDefaultValidator, "diagnosis_for");
    std::vector<std::int64_t> who_ids{0};
    who->Append(_("The whole unit"));
    for (const auto& [client_id, name] : m_member_names) {
        who->Append(wx(name));
        who_ids.push_back(client_id);
    }
    who->SetSelection(m_member_names.empty() ? 0 : 1);
    auto* onset = new wxTextCtrl(&dialog, wxID_ANY, "", wxDefaultPosition, wxSize(120, -1), 0,
                                 wxDefaultValidator, "diagnosis_onset");
    onset->SetHint(_("YYYY-MM-DD"));
    auto* error = new wxStaticText(&dialog, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0,
                                   "diagnosis_error");
    error->SetForegroundColour(wxColour(176, 0, 32));

    std::vector<DiagnosisCode> found;
    auto fill = [&] {
        found = m_codes.search(utf8(search->GetValue()), 200);
        codes->Clear();
        for (const auto& code : found) {
            codes->Append(wx(code.code + "  " + code.description));
        }
        if (!found.empty()) {
            codes->SetSelection(0);
        }
    };
    search->Bind(wxEVT_TEXT, [&](wxCommandEvent&) { fill(); });

    auto* form = new wxFlexGridSizer(2, 6, 8);
    form->Add(new wxStaticText(&dialog, wxID_ANY, _("For:")), 0, wxALIGN_CENTER_VERTICAL);
    form->Add(who, 0);
    form->Add(new wxStaticText(&dialog, wxID_ANY, _("Onset (optional):")), 0,
              wxALIGN_CENTER_VERTICAL);
    form->Add(onset, 0);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(search, 0, wxEXPAND | wxALL, 8);
    sizer->Add(codes, 1, wxEXPAND | wxLEFT | wxRIGHT, 8);
    sizer->Add(form, 0, wxALL, 8);
    sizer->Add(error, 0, wxLEFT | wxRIGHT, 8);
    sizer->Add(dialog.CreateSeparatedButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, 8);
    dialog.SetSizer(sizer);
    dialog.Bind(
        wxEVT_BUTTON,
        [&](wxCommandEvent&) {
            int chosen = codes->GetSelection();
            if (chosen == wxNOT_FOUND || static_cast<std::size_t>(chosen) >= found.size()) {
                error->SetLabel(_("Search for a code and choose it from the list."));
                return;
            }
            auto added =
                m_store.add(m_unit_id, who_ids[static_cast<std::size_t>(who->GetSelection())],
                            found[static_cast<std::size_t>(chosen)],
                            utf8(onset->GetValue().Trim().Trim(false)));
            if (!added) {
                error->SetLabel(wx(added.error()));
                return;
            }
            (void)m_host.core()->audit(m_host.raw(), "create", "diagnosis", *added);
            dialog.EndModal(wxID_OK);
        },
        wxID_OK);
    search->SetFocus();
    if (dialog.ShowModal() == wxID_OK) {
        report({}, _("Diagnosis added."));
    }
}

}  // namespace dyad::records_plugin
