// Settings > Billing: the practice's billing identity (legal name, tax id shown masked until
// changed, NPIs checked by their check digit, licence, taxonomy). Thin: the checks live in
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

  private:
    dyad::sdk::Host m_host;
    IdentityStore m_store;
    std::map<std::string, wxTextCtrl*> m_fields;
    std::string m_tax_id;  // The saved one; the field shows it masked until typed over.
    std::string m_masked;
    wxStaticText* m_problem = nullptr;
};

}  // namespace dyad::billing
