// One instrument's scores for a unit as one line per partner over the dates of administration,
// the cut-off's distressed side shaded, a marker where a score is a reliable change from that
// partner's first (ringed green: improvement, red: worsening), and the gap between the
// partners' latest scores in words. Drawn with wxGraphicsContext; what it draws is also kept
// as data (series(), gap_text()) for tests.
#pragma once

#include <wx/panel.h>

#include <string>
#include <vector>

#include "../src/instrument.h"
#include "../src/scoring.h"

namespace dyad::measures {

struct Series {
    wxString name;
    std::vector<Point> points;
    std::vector<Change> marks;
};

class MeasuresChart : public wxPanel {
  public:
    explicit MeasuresChart(wxWindow* parent);
    // instrument: nullptr for an empty chart. It must outlive the next set_data.
    void set_data(const Instrument* instrument, std::vector<Series> series);
    const std::vector<Series>& series() const { return m_series; }
    wxString gap_text() const;
    int reliable_marks() const;

  private:
    void paint();

    const Instrument* m_instrument = nullptr;
    std::vector<Series> m_series;
};

}  // namespace dyad::measures
