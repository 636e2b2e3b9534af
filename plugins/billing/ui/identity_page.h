// Settings > Billing: the practice's billing identity (legal name, tax id shown masked until
// changed, NPIs checked by their check digit, licence, taxonomy), the clinician's facts filled
// from the Directory Profile rather than typed twice. Thin: the checks live in
// src/identity.cpp.
#pragma once

#include <wx/panel.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <dyad/plugin.hpp>
#include <map>

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

  private:
    dyad::sdk::Host m_host;
    IdentityStore m_store;
    std::map<std::string, wxTextCtrl*> m_fields;
    std::string m_tax_id;  // The saved one; the field shows it masked until typed over.
    std::string m_masked;
    wxStaticText* m_problem = nullptr;
};

}  // namespace dyad::billing
