#include "week_chart.h"

#include "accessible.h"

#include <wx/dcbuffer.h>
#include <wx/settings.h>

#include <algorithm>
#include <dyad/show.hpp>

namespace dyad::app {
namespace {

struct Series {
    int records::WeekFigures::*count;
    wxColour colour;
    const char* name;
};

const Series kSeries[] = {
    {&records::WeekFigures::attended, wxColour(80, 160, 90), wxTRANSLATE("attended")},
    {&records::WeekFigures::no_show, wxColour(200, 80, 60), wxTRANSLATE("no-show")},
    {&records::WeekFigures::cancelled, wxColour(160, 160, 160), wxTRANSLATE("cancelled")},
    {&records::WeekFigures::scheduled, wxColour(90, 140, 200), wxTRANSLATE("scheduled")}};

// "Nov 9" for the Monday "2026-11-09", in the user's language.
wxString week_label(const std::string& monday) {
    return wxString::FromUTF8(show::date(monday, show::DateStyle::Short));
}

}  // namespace

WeekChart::WeekChart(wxWindow* parent)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxSize(340, 170), wxFULL_REPAINT_ON_RESIZE,
              "week_chart") {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    SetMinSize(wxSize(340, 170));
    Bind(wxEVT_PAINT, [this](wxPaintEvent&) { paint(); });
}

void WeekChart::set(std::vector<records::WeekFigures> weeks) {
    m_weeks = std::move(weeks);
    SetToolTip(describe());
    set_accessible_name(this, _("Sessions, last 8 weeks"), describe());
    Refresh();
}

wxString WeekChart::describe() const {
    wxString text;
    for (const auto& week : m_weeks) {
        text += wxString::Format(_("Week of %s: attended %d, no-show %d, cancelled %d, "
                                   "scheduled %d"),
                                 week_label(week.monday), week.attended, week.no_show,
                                 week.cancelled, week.scheduled) +
                "\n";
    }
    return text.Trim();
}

void WeekChart::paint() {
    wxAutoBufferedPaintDC dc(this);
    dc.SetBackground(wxBrush(GetParent()->GetBackgroundColour()));
    dc.Clear();
    if (m_weeks.empty()) {
        return;
    }
    wxSize size = GetClientSize();
    wxFont small = GetFont().Smaller();
    dc.SetFont(small);
    dc.SetTextForeground(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT));
    int label_height = dc.GetCharHeight() + 4;
    // The legend along the top: a swatch and the word for each series.
    int legend_x = 2;
    for (const auto& series : kSeries) {
        dc.SetPen(*wxTRANSPARENT_PEN);
        dc.SetBrush(wxBrush(series.colour));
        dc.DrawRectangle(legend_x, 4, 9, 9);
        wxString name = wxGetTranslation(series.name);
        dc.DrawText(name, legend_x + 12, 0);
        legend_x += 12 + dc.GetTextExtent(name).x + 10;
    }
    int top = label_height + 4;
    int bottom = size.y - label_height;
    int most = 1;
    for (const auto& week : m_weeks) {
        most = std::max(most, week.attended + week.no_show + week.cancelled + week.scheduled);
    }
    int slot = std::max(1, size.x / static_cast<int>(m_weeks.size()));
    int bar = std::max(4, slot * 3 / 5);
    dc.SetPen(*wxTRANSPARENT_PEN);
    int widest = 0;
    for (const auto& week : m_weeks) {
        widest = std::max(widest, dc.GetTextExtent(week_label(week.monday)).x);
    }
    bool every_week = slot > widest + 4;  // Otherwise every other week back from this one.
    for (std::size_t i = 0; i < m_weeks.size(); ++i) {
        int x = static_cast<int>(i) * slot + (slot - bar) / 2;
        int y = bottom;
        for (const auto& series : kSeries) {
            int count = m_weeks[i].*series.count;
            int height = (bottom - top) * count / most;
            dc.SetBrush(wxBrush(series.colour));
            dc.DrawRectangle(x, y - height, bar, height);
            y -= height;
        }
        wxString label = week_label(m_weeks[i].monday);
        wxSize extent = dc.GetTextExtent(label);
        if (every_week || (m_weeks.size() - 1 - i) % 2 == 0) {
            dc.DrawText(label, static_cast<int>(i) * slot + (slot - extent.x) / 2, bottom + 2);
        }
    }
}

}  // namespace dyad::app
