#include "identity_page.h"

#include <wx/button.h>
#include <wx/sizer.h>

#include <confirm_dialog.h>
#include <dyad_directory_clinician.h>

#include "form_dialog.h"

namespace dyad::billing {
namespace {

struct Field {
    const char* key;
    const char* label;
};

const Field kFields[] = {
    {"legal_name", wxTRANSLATE("Legal name (as on the NPI record)")},
    {"tax_id_kind", wxTRANSLATE("Tax id kind (ein or ssn)")},
    {"tax_id", wxTRANSLATE("Tax id")},
    {"group_npi", wxTRANSLATE("Group NPI (optional)")},
    {"address", wxTRANSLATE("Address")},
    {"phone", wxTRANSLATE("Phone")},
    {"clinician_name", wxTRANSLATE("Rendering clinician")},
    {"clinician_npi", wxTRANSLATE("Clinician's NPI")},
    {"licence_type", wxTRANSLATE("Licence type (LMFT, LCSW...)")},
    {"licence_number", wxTRANSLATE("Licence number")},
    {"licence_state", wxTRANSLATE("Licence state (CA)")},
    {"taxonomy", wxTRANSLATE("Taxonomy (106H00000X)")},
};

std::string utf8(const wxString& text) {
    return text.ToStdString(wxConvUTF8);
}

}  // namespace

IdentityPage::IdentityPage(wxWindow* parent, dyad::sdk::Host host)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL,
              "billing_identity_page"),
      m_host(host),
      m_store(host) {
    auto* grid = new wxFlexGridSizer(2, 4, 8);
    grid->AddGrowableCol(1);
    for (const auto& field : kFields) {
        grid->Add(new wxStaticText(this, wxID_ANY, wxGetTranslation(field.label)), 0,
                  wxALIGN_CENTER_VERTICAL);
        auto* text =
            new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(320, -1), 0,
                           wxDefaultValidator, std::string("billing_identity_") + field.key);
        grid->Add(text, 1, wxEXPAND);
        m_fields[field.key] = text;
    }
    m_problem = new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0,
                                 "billing_identity_problem");
    m_problem->SetForegroundColour(wxColour(170, 0, 0));
    auto* from_directory =
        new wxButton(this, wxID_ANY, _("Fill from &Directory Profile"), wxDefaultPosition,
                     wxDefaultSize, 0, wxDefaultValidator, "billing_identity_from_directory");
    from_directory->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { fill_from_directory(); });
    m_clinicians = new wxListBox(this, wxID_ANY, wxDefaultPosition, wxSize(-1, 90), 0, nullptr,
                                 wxLB_SINGLE, wxDefaultValidator, "billing_clinicians");
    auto* add = new wxButton(this, wxID_ANY, _("&Add Clinician..."), wxDefaultPosition,
                             wxDefaultSize, 0, wxDefaultValidator, "billing_clinician_add");
    auto* edit = new wxButton(this, wxID_ANY, _("&Edit Clinician..."), wxDefaultPosition,
                              wxDefaultSize, 0, wxDefaultValidator, "billing_clinician_edit");
    auto* retire = new wxButton(this, wxID_ANY, _("&Retire Clinician..."), wxDefaultPosition,
                                wxDefaultSize, 0, wxDefaultValidator, "billing_clinician_retire");
    add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { clinician_dialog(Clinician{}); });
    auto edit_selected = [this] {
        int chosen = m_clinicians->GetSelection();
        if (chosen != wxNOT_FOUND) {
            clinician_dialog(m_clinicians_shown[static_cast<std::size_t>(chosen)]);
        }
    };
    edit->Bind(wxEVT_BUTTON, [edit_selected](wxCommandEvent&) { edit_selected(); });
    m_clinicians->Bind(wxEVT_LISTBOX_DCLICK, [edit_selected](wxCommandEvent&) { edit_selected(); });
    retire->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { retire_selected(); });
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    for (wxButton* button : {add, edit, retire}) {
        buttons->Add(button, 0, wxRIGHT, 6);
    }
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(grid, 0, wxEXPAND | wxALL, 8);
    sizer->Add(from_directory, 0, wxLEFT | wxRIGHT, 8);
    sizer->Add(new wxStaticText(this, wxID_ANY,
                                _("Other clinicians who see the practice's clients (saved at "
                                  "once; a unit's Billing tab says who sees it):")),
               0, wxLEFT | wxRIGHT | wxTOP, 8);
    sizer->Add(m_clinicians, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 8);
    sizer->Add(buttons, 0, wxLEFT | wxRIGHT | wxTOP, 8);
    sizer->Add(m_problem, 0, wxALL, 8);
    SetSizer(sizer);
    show_clinicians();
    m_fields["tax_id_kind"]->SetValue("ein");
    if (auto loaded = m_store.load(); loaded && *loaded) {
        const Identity& identity = **loaded;
        const std::map<std::string, std::string> values = {
            {"legal_name", identity.legal_name},
            {"tax_id_kind", identity.tax_id_kind},
            {"group_npi", identity.group_npi},
            {"address", identity.address},
            {"phone", identity.phone},
            {"clinician_name", identity.clinician_name},
            {"clinician_npi", identity.clinician_npi},
            {"licence_type", identity.licence_type},
            {"licence_number", identity.licence_number},
            {"licence_state", identity.licence_state},
            {"taxonomy", identity.taxonomy}};
        for (const auto& [key, value] : values) {
            m_fields[key]->SetValue(wxString::FromUTF8(value));
        }
        m_tax_id = identity.tax_id;
        m_masked = masked_tax_id(identity);
        m_fields["tax_id"]->SetValue(wxString::FromUTF8(m_masked));
    } else if (m_host.plugin_extension<dyad_directory_clinician_v1>(
                   "dyad.directory", DYAD_DIRECTORY_CLINICIAN_EXTENSION) != nullptr) {
        fill_from_directory();  // Nothing saved yet: what the profile knows, not typed twice.
    }
}

bool IdentityPage::fill_from_directory() {
    Identity shown;
    shown.phone = utf8(m_fields["phone"]->GetValue());
    shown.address = utf8(m_fields["address"]->GetValue());
    auto filled = dyad::billing::fill_from_directory(m_host, shown);
    if (!filled) {
        m_problem->SetForegroundColour(wxColour(170, 0, 0));
        m_problem->SetLabel(wxString::FromUTF8(filled.error()));
        return false;
    }
    const std::map<std::string, std::string> values = {{"clinician_name", filled->clinician_name},
                                                       {"clinician_npi", filled->clinician_npi},
                                                       {"licence_type", filled->licence_type},
                                                       {"licence_number", filled->licence_number},
                                                       {"licence_state", filled->licence_state},
                                                       {"taxonomy", filled->taxonomy},
                                                       {"phone", filled->phone},
                                                       {"address", filled->address}};
    for (const auto& [key, value] : values) {
        if (!value.empty()) {
            m_fields[key]->SetValue(wxString::FromUTF8(value));
        }
    }
    m_problem->SetForegroundColour(GetForegroundColour());
    m_problem->SetLabel(
        _("The clinician's facts are from the Directory Profile; check them and "
          "save."));
    return true;
}

bool IdentityPage::apply() {
    auto value = [this](const char* key) { return utf8(m_fields[key]->GetValue().Trim()); };
    Identity identity;
    identity.legal_name = value("legal_name");
    identity.tax_id_kind = value("tax_id_kind");
    identity.tax_id = value("tax_id") == m_masked ? m_tax_id : value("tax_id");
    identity.group_npi = value("group_npi");
    identity.address = value("address");
    identity.phone = value("phone");
    identity.clinician_name = value("clinician_name");
    identity.clinician_npi = value("clinician_npi");
    identity.licence_type = value("licence_type");
    identity.licence_number = value("licence_number");
    identity.licence_state = value("licence_state");
    identity.taxonomy = value("taxonomy");
    auto saved = m_store.save(identity);
    m_problem->SetForegroundColour(wxColour(170, 0, 0));
    m_problem->SetLabel(saved ? wxString() : wxString::FromUTF8(saved.error()));
    m_problem->Wrap(560);
    Layout();
    return static_cast<bool>(saved);
}

void IdentityPage::show_clinicians() {
    m_clinicians->Clear();
    m_clinicians_shown.clear();
    auto list = ClinicianStore(m_host).list(true);  // Retired ones too: Edit brings them back.
    if (!list) {
        m_problem->SetLabel(wxString::FromUTF8(list.error()));
        return;
    }
    m_clinicians_shown = *list;
    for (const auto& clinician : m_clinicians_shown) {
        m_clinicians->Append(
            wxString::FromUTF8(clinician.name + ", " + clinician.licence_type + "   NPI " +
                               clinician.npi) +
            (clinician.retired ? _("   (retired; Edit brings them back)") : wxString()));
    }
}

void IdentityPage::clinician_dialog(const Clinician& start) {
    FormDialog form(this, start.id == 0 ? _("Add Clinician") : _("Edit Clinician"),
                    "billing_clinician_dialog");
    auto* name = form.text(_("Name"), "clinician_name", wxString::FromUTF8(start.name));
    auto* npi = form.text(_("NPI"), "clinician_npi", wxString::FromUTF8(start.npi));
    auto* type = form.text(_("Licence type (LMFT, LCSW...)"), "clinician_licence_type",
                           wxString::FromUTF8(start.licence_type));
    auto* number = form.text(_("Licence number"), "clinician_licence_number",
                             wxString::FromUTF8(start.licence_number));
    auto* state = form.text(_("Licence state (CA)"), "clinician_licence_state",
                            wxString::FromUTF8(start.licence_state));
    auto* taxonomy = form.text(_("Taxonomy (106H00000X)"), "clinician_taxonomy",
                               wxString::FromUTF8(start.taxonomy));
    if (!form.show(_("Charges already posted keep the clinician they were rendered by; "
                     "documents issued keep what they printed. Saving a retired clinician "
                     "brings them back."))) {
        return;
    }
    Clinician clinician = start;
    clinician.name = utf8(name->GetValue().Trim().Trim(false));
    clinician.npi = utf8(npi->GetValue().Trim().Trim(false));
    clinician.licence_type = utf8(type->GetValue().Trim().Trim(false));
    clinician.licence_number = utf8(number->GetValue().Trim().Trim(false));
    clinician.licence_state = utf8(state->GetValue().Trim().Trim(false));
    clinician.taxonomy = utf8(taxonomy->GetValue().Trim().Trim(false));
    save_clinician(clinician);
}

bool IdentityPage::save_clinician(const Clinician& clinician) {
    auto saved = ClinicianStore(m_host).save(clinician);
    m_problem->SetForegroundColour(saved ? GetForegroundColour() : wxColour(170, 0, 0));
    m_problem->SetLabel(saved ? wxString::Format(_("%s saved."), wxString::FromUTF8(clinician.name))
                              : wxString::FromUTF8(saved.error()));
    m_problem->Wrap(560);
    show_clinicians();
    Layout();
    if (saved) {
        m_host.refresh_panels("billing.unit");  // The tab's "Seen by" lists them at once.
    }
    return static_cast<bool>(saved);
}

bool IdentityPage::retire_selected() {
    int chosen = m_clinicians->GetSelection();
    if (chosen == wxNOT_FOUND) {
        m_problem->SetLabel(_("Choose a clinician in the list first."));
        return false;
    }
    const Clinician& clinician = m_clinicians_shown[static_cast<std::size_t>(chosen)];
    if (!dyad::ui::confirm(this, wxString::Format(_("Retire %s? Their charges stay theirs; no "
                                                    "unit can be seen by them any more."),
                                                  wxString::FromUTF8(clinician.name)))) {
        return false;
    }
    auto retired = ClinicianStore(m_host).retire(clinician.id);
    m_problem->SetForegroundColour(retired ? GetForegroundColour() : wxColour(170, 0, 0));
    m_problem->SetLabel(retired
                            ? wxString::Format(_("%s retired."), wxString::FromUTF8(clinician.name))
                            : wxString::FromUTF8(retired.error()));
    show_clinicians();
    Layout();
    if (retired) {
        m_host.refresh_panels("billing.unit");
    }
    return static_cast<bool>(retired);
}

}  // namespace dyad::billing
