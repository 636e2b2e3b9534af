// The Dialogue card on a unit's Overview (SDK 1.1): how many dialogues, the last one, and the
// fidelity trend (the five-point checklist per dialogue, oldest to newest) as a small line
// chart drawn with wxGraphicsContext. The points are kept as data for tests.
#pragma once

#include <wx/panel.h>
#include <wx/stattext.h>

#include <vector>

#include "../src/record.h"

namespace dyad::dialogue {

class FidelityCard : public wxPanel {
  public:
    explicit FidelityCard(wxWindow* parent);
    // history oldest first; the last 12 are drawn.
    void show(const std::vector<DialogueRecord>& history);
    // The history could not be read: says so instead of a chart.
    void show_problem(const wxString& problem);
    const std::vector<int>& points() const { return m_points; }
    wxString text() const { return m_label->GetLabel(); }

  private:
    void paint();

    wxStaticText* m_label = nullptr;
    wxPanel* m_chart = nullptr;
    std::vector<int> m_points;  // Fidelity 0-5 per dialogue shown.
};

}  // namespace dyad::dialogue
