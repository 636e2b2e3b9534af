#include "appreciation_panel.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/listbox.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace appreciation {

Panel::Panel(wxWindow* parent, dyad::sdk::Host host, Store& store, const std::string& prompts)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL,
              "appreciation_panel"),
      m_host(host),
      m_store(store) {
    m_week = new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0,
                              "appreciation_week");
    m_entries = new wxListBox(this, wxID_ANY, wxDefaultPosition, wxSize(-1, 160), 0, nullptr, 0,
                              wxDefaultValidator, "appreciation_entries");
    m_giver = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0,
                           wxDefaultValidator, "appreciation_giver");
    // The prompts go in a label above the box: GTK never shows a hint (SetHint) in a
    // multi-line text control, only in single-line ones.
    auto* prompt = new wxStaticText(this, wxID_ANY, wxString::FromUTF8(prompts), wxDefaultPosition,
                                    wxDefaultSize, 0, "appreciation_prompt");
    m_text = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(-1, 60), wxTE_MULTILINE,
                            wxDefaultValidator, "appreciation_text");
    auto* add_button = new wxButton(this, wxID_ANY, "&Add entry", wxDefaultPosition, wxDefaultSize,
                                    0, wxDefaultValidator, "appreciation_add");
    m_message = new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0,
                                 "appreciation_message");
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    row->Add(new wxStaticText(this, wxID_ANY, "Given by"), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
    row->Add(m_giver, 0, wxRIGHT, 12);
    row->Add(add_button, 0);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(m_week, 0, wxALL, 10);
    sizer->Add(m_entries, 1, wxEXPAND | wxLEFT | wxRIGHT, 10);
    sizer->Add(prompt, 0, wxLEFT | wxRIGHT | wxTOP, 10);
    sizer->Add(m_text, 0, wxEXPAND | wxALL, 10);
    sizer->Add(row, 0, wxLEFT | wxRIGHT, 10);
    sizer->Add(m_message, 0, wxALL, 10);
    SetSizer(sizer);
    add_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { add(); });
}

void Panel::show_unit(std::int64_t unit_id) {
    m_unit_id = unit_id;
    m_entries->Clear();
    m_giver->Clear();
    m_message->SetLabel("");
    if (unit_id == 0) {
        m_week->SetLabel("No client unit selected.");
        return;
    }
    for (const auto& member : m_host.members(unit_id)) {
        m_giver->Append(wxString::FromUTF8(member.full_name()));
    }
    m_giver->SetSelection(m_giver->IsEmpty() ? wxNOT_FOUND : 0);
    int days = m_store.days_with_entries(unit_id, local_day(6), local_day());
    m_week->SetLabel(wxString::Format("Entries on %d of the last 7 days", days));
    for (const auto& entry : m_store.list(unit_id)) {
        m_entries->Append(wxString::FromUTF8(entry.day + "  " + entry.giver + ": " + entry.text));
    }
}

void Panel::add() {
    if (m_unit_id == 0 || m_giver->GetSelection() == wxNOT_FOUND) {
        m_message->SetLabel("Select a client unit first.");
        return;
    }
    std::string error;
    std::int64_t id =
        m_store.add(m_unit_id, local_day(), m_giver->GetStringSelection().ToStdString(wxConvUTF8),
                    m_text->GetValue().ToStdString(wxConvUTF8), error);
    if (id == 0) {
        m_message->SetLabel(wxString::FromUTF8("Not added: " + error));
        return;
    }
    // Audited by the entry's id only: the words are the couple's.
    m_host.core()->audit(m_host.raw(), "create", "entry", id);
    m_text->Clear();
    show_unit(m_unit_id);
    m_message->SetLabel("Added.");
}

}  // namespace appreciation
