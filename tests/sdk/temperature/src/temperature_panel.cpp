#include "temperature_panel.h"

#include <wx/button.h>
#include <wx/sizer.h>

namespace temperature {

TemperaturePanel::TemperaturePanel(wxWindow* parent, dyad::sdk::Host host, ReadingStore& store)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL,
              "temperature_panel"),
      m_host(host),
      m_store(store) {
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(new wxStaticText(this, wxID_ANY, "&Whose reading"), 0, wxLEFT | wxTOP, 8);
    m_writer = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0,
                            wxDefaultValidator, "temperature_writer");
    sizer->Add(m_writer, 0, wxALL, 8);
    sizer->Add(new wxStaticText(this, wxID_ANY, "An &appreciation"), 0, wxLEFT, 8);
    m_appreciation = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(-1, 50),
                                    wxTE_MULTILINE, wxDefaultValidator, "temperature_appreciation");
    sizer->Add(m_appreciation, 0, wxEXPAND | wxALL, 8);
    sizer->Add(new wxStaticText(this, wxID_ANY, "A &puzzle"), 0, wxLEFT, 8);
    m_puzzle = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(-1, 50), wxTE_MULTILINE,
                              wxDefaultValidator, "temperature_puzzle");
    sizer->Add(m_puzzle, 0, wxEXPAND | wxALL, 8);
    auto* add_button = new wxButton(this, wxID_ANY, "A&dd Reading", wxDefaultPosition,
                                    wxDefaultSize, 0, wxDefaultValidator, "temperature_add");
    add_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { add(); });
    sizer->Add(add_button, 0, wxLEFT | wxRIGHT, 8);
    m_message = new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0,
                                 "temperature_message");
    sizer->Add(m_message, 0, wxALL, 8);
    m_readings = new wxListBox(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0,
                               wxDefaultValidator, "temperature_readings");
    sizer->Add(m_readings, 1, wxEXPAND | wxALL, 8);
    SetSizer(sizer);
}

void TemperaturePanel::show_unit(std::int64_t unit_id) {
    m_unit_id = unit_id;
    m_members = unit_id != 0 ? m_host.members(unit_id) : std::vector<dyad::sdk::Host::Member>{};
    m_writer->Clear();
    for (const auto& member : m_members) {
        m_writer->Append(wxString::FromUTF8(member.full_name()));
    }
    if (!m_members.empty()) {
        m_writer->SetSelection(0);
    }
    m_readings->Clear();
    if (unit_id == 0) {
        return;
    }
    // The therapist sees every partner's reading.
    for (const auto& reading : m_store.list(unit_id)) {
        std::string writer;
        for (const auto& member : m_members) {
            if (member.client_id == reading.client_id) {
                writer = member.given_name;
            }
        }
        m_readings->Append(wxString::FromUTF8(reading.day + "  " + writer + ": " +
                                              reading.appreciation + " / " + reading.puzzle));
    }
    if (m_store.paused(unit_id)) {
        m_message->SetLabel("Paused: this couple was discharged.");
    }
}

void TemperaturePanel::add() {
    int writer = m_writer->GetSelection();
    if (m_unit_id == 0 || writer == wxNOT_FOUND) {
        m_message->SetLabel("Select a couple first.");
        return;
    }
    std::string error;
    std::int64_t id = m_store.add(m_unit_id, m_members[static_cast<std::size_t>(writer)].client_id,
                                  local_day(), m_appreciation->GetValue().ToStdString(wxConvUTF8),
                                  m_puzzle->GetValue().ToStdString(wxConvUTF8), {}, error);
    if (id == 0) {
        m_message->SetLabel(wxString::FromUTF8("Not added: " + error));
        return;
    }
    m_appreciation->Clear();
    m_puzzle->Clear();
    show_unit(m_unit_id);
    m_message->SetLabel("Added.");
    // The Overview card and the Home card count readings: ask the host to show them again.
    (void)m_host.refresh_panels("temperature.card");
    (void)m_host.refresh_panels("temperature.home");
}

}  // namespace temperature
