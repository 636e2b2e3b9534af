// The "Appreciation" tab of a couple: this week's streak, the appreciations given, and a box to
// add one (who gives it, and the words, with the dialogue's sentence stems as a hint).
#pragma once

#include <wx/panel.h>

#include <cstdint>
#include <dyad/plugin.hpp>

#include "appreciation_store.h"

class wxChoice;
class wxListBox;
class wxStaticText;
class wxTextCtrl;

namespace appreciation {

class Panel : public wxPanel {
  public:
    Panel(wxWindow* parent, dyad::sdk::Host host, Store& store, const std::string& prompts);
    void show_unit(std::int64_t unit_id);  // 0: no unit selected.

  private:
    void add();

    dyad::sdk::Host m_host;
    Store& m_store;
    std::int64_t m_unit_id = 0;
    wxStaticText* m_week = nullptr;
    wxListBox* m_entries = nullptr;
    wxChoice* m_giver = nullptr;
    wxTextCtrl* m_text = nullptr;
    wxStaticText* m_message = nullptr;
};

}  // namespace appreciation
