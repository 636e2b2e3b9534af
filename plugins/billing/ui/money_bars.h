// A bar chart of money (issue 16's practice view): groups of bars, one per series, on an axis
// in dollars, with a legend; drawn with wxGraphicsContext. The figures are also given as text
// (accessible_text) so a screen reader has them. Thin wx only.
#pragma once

#include <wx/panel.h>

#include <cstdint>
#include <vector>

namespace dyad::billing {

class MoneyBars : public wxPanel {
  public:
    struct Series {
        wxString name;
        wxColour colour;
    };
    MoneyBars(wxWindow* parent, const wxString& name, std::vector<Series> series);
    // values[group][series] in cents (negative drawn as zero); labels one per group.
    void set(const wxString& title, std::vector<wxString> labels,
             std::vector<std::vector<std::int64_t>> values);
    // "title: label series $x, ...": the chart as a sentence (its tooltip, and for tests).
    wxString accessible_text() const;

  private:
    void paint();

    std::vector<Series> m_series;
    wxString m_title;
    std::vector<wxString> m_labels;
    std::vector<std::vector<std::int64_t>> m_values;
};

}  // namespace dyad::billing
