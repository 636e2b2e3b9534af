// View > Directory Profile: the therapist's public profile as a form, with a live character
// counter under each text that shows every directory's limit for it (red when over), and Save
// Version. Thin: the rules are in src/profile.cpp and src/adapters.cpp.
#pragma once

#include <wx/checkbox.h>
#include <wx/panel.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <dyad/plugin.hpp>
#include <map>

#include "../src/adapters.h"
#include "../src/profile.h"

namespace dyad::directory {

class ProfileEditor : public wxPanel {
  public:
    ProfileEditor(wxWindow* parent, dyad::sdk::Host host, ProfileStore& store,
                  const AdapterLibrary& adapters);
    // Saves a new version; false with the problems shown.
    bool save();

  private:
    void load();
    Profile collect() const;
    void update_counter(const std::string& field);

    dyad::sdk::Host m_host;
    ProfileStore& m_store;
    const AdapterLibrary& m_adapters;
    std::map<std::string, wxTextCtrl*> m_texts;
    std::map<std::string, wxStaticText*> m_counters;
    wxCheckBox* m_sliding = nullptr;
    wxCheckBox* m_accepting = nullptr;
    wxStaticText* m_message = nullptr;
};

}  // namespace dyad::directory
