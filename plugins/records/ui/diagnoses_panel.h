// The Diagnoses tab of a client unit: the unit's and its members' ICD-10-CM diagnoses, a code
// picker that searches the bundled list by code or words, and the Z63.0 billing warning in
// plain sight. Thin: the rules live in src/diagnoses.cpp.
#pragma once

#include <wx/listctrl.h>
#include <wx/panel.h>
#include <wx/stattext.h>

#include <dyad/plugin.hpp>
#include <functional>
#include <map>

#include "../src/diagnoses.h"

namespace dyad::records_plugin {

class DiagnosesPanel : public wxPanel {
  public:
    using Confirm = std::function<bool(wxWindow* parent, const wxString& question)>;

    DiagnosesPanel(wxWindow* parent, dyad::sdk::Host host, DiagnosisStore& store,
                   const CodeBook& codes, Confirm confirm);
    void show_unit(std::int64_t unit_id);

  private:
    void reload();
    void add_dialog();
    void set_status(const std::string& status);
    const Diagnosis* selected() const;
    void report(const std::string& error, const wxString& done);

    dyad::sdk::Host m_host;
    DiagnosisStore& m_store;
    const CodeBook& m_codes;
    Confirm m_confirm;
    std::int64_t m_unit_id = 0;
    std::vector<Diagnosis> m_shown;
    std::map<std::int64_t, std::string> m_member_names;

    wxStaticText* m_warning = nullptr;
    wxListCtrl* m_list = nullptr;
    wxStaticText* m_message = nullptr;
};

}  // namespace dyad::records_plugin
