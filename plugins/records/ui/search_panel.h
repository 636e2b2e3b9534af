// View > Find in Records: one search box for clients (name, email or phone prefix) and notes
// (words, with the matches marked). Activating a result selects its client unit. Thin: the
// searches are the host's (units) and src/notes.cpp's (notes).
#pragma once

#include <wx/checkbox.h>
#include <wx/listctrl.h>
#include <wx/panel.h>
#include <wx/srchctrl.h>
#include <wx/stattext.h>

#include <dyad/plugin.hpp>

#include "../src/notes.h"

namespace dyad::records_plugin {

class SearchPanel : public wxPanel {
  public:
    SearchPanel(wxWindow* parent, dyad::sdk::Host host, NoteStore& notes);
    void run_search();

  private:
    struct Result {
        std::int64_t unit_id = 0;
    };

    dyad::sdk::Host m_host;
    NoteStore& m_notes;
    std::vector<Result> m_results;
    wxSearchCtrl* m_query = nullptr;
    wxCheckBox* m_process = nullptr;
    wxListCtrl* m_list = nullptr;
    wxStaticText* m_message = nullptr;
};

}  // namespace dyad::records_plugin
