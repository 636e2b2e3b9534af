// The "Temperature" tab of a couple (only couples: the tab is registered for unit kind
// "couple"): add one partner's reading, see the couple's readings.
#pragma once

#include <wx/choice.h>
#include <wx/listbox.h>
#include <wx/panel.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <vector>

#include "reading_store.h"

namespace temperature {

class TemperaturePanel : public wxPanel {
  public:
    TemperaturePanel(wxWindow* parent, dyad::sdk::Host host, ReadingStore& store);
    void show_unit(std::int64_t unit_id);

  private:
    void add();

    dyad::sdk::Host m_host;
    ReadingStore& m_store;
    std::int64_t m_unit_id = 0;
    std::vector<dyad::sdk::Host::Member> m_members;
    wxChoice* m_writer = nullptr;
    wxTextCtrl* m_appreciation = nullptr;
    wxTextCtrl* m_puzzle = nullptr;
    wxListBox* m_readings = nullptr;
    wxStaticText* m_message = nullptr;
};

}  // namespace temperature
