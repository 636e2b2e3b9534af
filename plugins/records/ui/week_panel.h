// View > Week: the practice's sessions of one week, a column per day; Enter or a double-click
// on a session opens its client unit.
#pragma once

#include <wx/listbox.h>
#include <wx/panel.h>
#include <wx/stattext.h>

#include <dyad/plugin.hpp>

#include "../src/schedule.h"

namespace dyad::records_plugin {

class WeekPanel : public wxPanel {
  public:
    WeekPanel(wxWindow* parent, dyad::sdk::Host host, ScheduleStore& store);
    void reload();

  private:
    void move(int weeks);

    dyad::sdk::Host m_host;
    ScheduleStore& m_store;
    std::string m_monday;
    std::vector<std::vector<std::int64_t>> m_units;  // Per day, per row: the unit.
    std::vector<wxListBox*> m_days;
    std::vector<wxStaticText*> m_headers;
    wxStaticText* m_title = nullptr;
};

}  // namespace dyad::records_plugin
