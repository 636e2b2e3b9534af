// Settings > Billing: the practice's billing identity (legal name, tax id shown masked until
// changed, NPIs checked by their check digit, licence, taxonomy), the clinician's facts filled
// from the Directory Profile rather than typed twice. Thin: the checks live in
// src/identity.cpp.
#pragma once

#include <wx/listbox.h>
#include <wx/panel.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <dyad/plugin.hpp>
#include <map>

#include "../src/clinicians.h"
#include "../src/identity.h"

namespace dyad::billing {

class IdentityPage : public wxPanel {
  public:
    IdentityPage(wxWindow* parent, dyad::sdk::Host host);
    // Saves what the page shows; false (the reason shown in the page) when refused.
    bool apply();
    // Fills the clinician's fields (and an empty phone and address) from the Directory
    // Profile; false, the reason shown, when there is none. Done on opening when no identity
    // was saved yet.
    bool fill_from_directory();
    // The practice's other clinicians (a group practice): each saved at once by its dialog,
    // not by the Settings OK. Add or change (id 0 adds); false, the reason shown, when refused.
    bool save_clinician(const Clinician& clinician);
    // Retires the clinician selected in the list, after a confirmation.
    bool retire_selected();

  private:
    dyad::sdk::Host m_host;
    IdentityStore m_store;
    std::map<std::string, wxTextCtrl*> m_fields;
    std::string m_tax_id;  // The saved one; the field shows it masked until typed over.
    std::string m_masked;
    wxStaticText* m_problem = nullptr;
    wxListBox* m_clinicians = nullptr;
    std::vector<Clinician> m_clinicians_shown;
    void show_clinicians();
    void clinician_dialog(const Clinician& start);
};

}  // namespace dyad::billing
