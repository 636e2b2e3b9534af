// Edit > Find in All Records (Ctrl+Shift+F): what the plugins' search providers find
// (SDK 1.1 dyad.search/1, plugins/plugin_search.h), one row per hit; Enter or a double click
// closes the dialog with that hit chosen; the window then opens its unit and the plugin's tab.
// Thread: main.
#pragma once

#include <wx/dialog.h>
#include <wx/listctrl.h>
#include <wx/srchctrl.h>
#include <wx/stattext.h>

#include <cstdint>
#include <vector>

#include "plugins/plugin_search.h"
#include "practice.h"

namespace dyad::app {

class SearchDialog : public wxDialog {
  public:
    SearchDialog(wxWindow* parent, Practice& practice);
    void run_search();
    // The hit picked (ShowModal() returned wxID_OK), else nullptr.
    const plugins::SearchResult* chosen() const {
        return m_chosen < m_found.size() ? &m_found[m_chosen] : nullptr;
    }

  private:
    Practice& m_practice;
    std::size_t m_chosen = SIZE_MAX;
    wxSearchCtrl* m_query = nullptr;
    wxListCtrl* m_results = nullptr;
    wxStaticText* m_message = nullptr;
    std::vector<plugins::SearchResult> m_found;
};

}  // namespace dyad::app
