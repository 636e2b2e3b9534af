// A labelled chart of one gift's follow-through: adherence per commitment week as bars
// (0-100 %) and the sender's mean felt impact as a line (1-5), drawn with wxGraphicsContext.
#pragma once

#include <wx/panel.h>

#include <vector>

#include "../src/process.h"

namespace dyad::bcr {

class ProgressChart : public wxPanel {
  public:
    explicit ProgressChart(wxWindow* parent);
    void set_points(std::vector<WeekPoint> points, const wxString& title);
    const std::vector<WeekPoint>& points() const { return m_points; }

  private:
    void paint();

    std::vector<WeekPoint> m_points;
    wxString m_title;
};

}  // namespace dyad::bcr
