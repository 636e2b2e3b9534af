// The Home tab's chart of the last weeks (issue 19): a stacked bar per week of sessions
// attended, missed (no-show), cancelled and still scheduled, the weeks labelled by their Monday.
// The figures are also the tooltip text, for screen readers. Thin: the counting is
// records/week_figures.
#pragma once

#include <wx/panel.h>

#include <vector>

#include "records/week_figures.h"

namespace dyad::app {

class WeekChart : public wxPanel {
  public:
    explicit WeekChart(wxWindow* parent);
    void set(std::vector<records::WeekFigures> weeks);
    // The figures in words, one week per line (also the tooltip).
    wxString describe() const;

  private:
    void paint();
    std::vector<records::WeekFigures> m_weeks;
};

}  // namespace dyad::app
