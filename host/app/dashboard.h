// The Home tab: the host's own cards ("this week", the last eight weeks as a chart), then a
// card per plugin dashboard panel.
#pragma once

#include <wx/scrolwin.h>
#include <wx/stattext.h>

#include <vector>

#include "plugins/contributions.h"
#include "records/core_records.h"

namespace dyad::app {

class Dashboard : public wxScrolledWindow {
  public:
    Dashboard(wxWindow* parent, records::CoreRecords& records,
              const std::vector<plugins::PanelContribution>& cards);
    // Re-reads the host card and asks each plugin card to refresh.
    void refresh();
    // Destroys the plugin cards' windows (before their plugins are destroyed).
    void destroy_plugin_windows();

  private:
    struct Card {
        plugins::PanelContribution contribution;
        wxWindow* window = nullptr;
    };
    wxWindow* add_card(const wxString& title, const std::function<wxWindow*(wxWindow*)>& body);

    records::CoreRecords& m_records;
    wxStaticText* m_week = nullptr;
    class WeekChart* m_weeks = nullptr;  // The last eight weeks' sessions.
    std::vector<Card> m_cards;
};

}  // namespace dyad::app
