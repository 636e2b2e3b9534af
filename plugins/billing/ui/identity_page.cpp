#include "identity_page.h"

#include <wx/button.h>
#include <wx/sizer.h>

#include <dyad_directory_clinician.h>

namespace dyad::billing {
namespace {

struct Field {
    const char* key;
    const char* label;
};

const Field kFields[] = {
    {"legal_name", "Legal name (as on the NPI record)"},
    {"tax_id_kind", "Tax id kind (ein or ssn)"},
    {"tax_id", "Tax id"},
    {"group_npi", "Group NPI (optional)"},
    {"address", "Address"},
    {"phone", "Phone"},
    {"clinician_name", "Rendering clinician"},
    {"clinician_npi", "Clinician's NPI"},
    {"licence_type", "Licence type (LMFT, LCSW...)"},
    {"licence_number", "Licence number"},
    {"licence_state", "Licence state (CA)"},
    {"taxonomy", "Taxonomy (106H00000X)"},
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
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(grid, 0, wxEXPAND | wxALL, 8);
    sizer->Add(from_directory, 0, wxLEFT | wxRIGHT, 8);
    sizer->Add(m_problem, 0, wxALL, 8);
    SetSizer(sizer);
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

}  // namespace dyad::billing
