#include "measures_chart.h"

#include <wx/dcbuffer.h>
#include <wx/graphics.h>

#include <algorithm>
#include <cmath>
#include <dyad/accessible_wx.hpp>
#include <dyad/show.hpp>
#include <memory>
#include <set>

namespace dyad::measures {
namespace {

const wxColour kLines[] = {wxColour(40, 100, 180), wxColour(200, 110, 30), wxColour(90, 150, 60),
                           wxColour(140, 80, 160)};

}  // namespace

MeasuresChart::MeasuresChart(wxWindow* parent)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxSize(-1, 260), wxFULL_REPAINT_ON_RESIZE,
              "measures_chart") {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    Bind(wxEVT_PAINT, [this](wxPaintEvent&) { paint(); });
}

void MeasuresChart::set_data(const Instrument* instrument, std::vector<Series> series) {
    m_instrument = instrument;
    m_series = std::move(series);
    // What the chart draws, in words, for a screen reader: each partner's scores by date.
    wxString described;
    for (const auto& line : m_series) {
        if (line.points.empty()) {
            continue;
        }
        wxString scores;
        for (const auto& point : line.points) {
            scores += (scores.empty() ? "" : "; ") +
                      wxString::Format(_("%s on %s"),
                                       wxString::FromUTF8(dyad::show::decimal(point.total, 0)),
                                       wxString::FromUTF8(dyad::show::date(
                                           point.date, dyad::show::DateStyle::Compact)));
        }
        described += (described.empty() ? "" : "\n") + line.name + ": " + scores;
    }
    if (!described.empty()) {
        described += "\n" + gap_text();
    }
    dyad::show::set_accessible_name(this, _("Scores over time"),
                                    described.empty() ? wxString(_("No scores yet.")) : described);
    Refresh();
}

wxString MeasuresChart::gap_text() const {
    std::vector<const Series*> with_points;
    for (const auto& s : m_series) {
        if (!s.points.empty()) {
            with_points.push_back(&s);
        }
    }
    if (with_points.size() < 2) {
        return {};
    }
    const Series& a = *with_points[0];
    const Series& b = *with_points[1];
    double gap = std::fabs(a.points.back().total - b.points.back().total);
    return wxString::Format(_("Gap between partners at their latest: %s points"),
                            wxString::FromUTF8(shown_number(gap)));
}

int MeasuresChart::reliable_marks() const {
    int count = 0;
    for (const auto& s : m_series) {
        count += static_cast<int>(std::count_if(s.marks.begin(), s.marks.end(),
                                                [](Change c) { return c != Change::None; }));
    }
    return count;
}

void MeasuresChart::paint() {
    wxAutoBufferedPaintDC dc(this);
    dc.SetBackground(wxBrush(GetBackgroundColour()));
    dc.Clear();
    std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(dc));
    if (!gc) {
        return;
    }
    wxSize size = GetClientSize();
    const double left = 48, right = 150, top = 30, bottom = 44;
    double width = size.x - left - right;
    double height = size.y - top - bottom;
    gc->SetFont(GetFont(), GetForegroundColour());
    if (m_instrument == nullptr) {
        gc->DrawText(_("No measures recorded yet."), left, top);
        return;
    }
    gc->DrawText(wxString::FromUTF8(m_instrument->title), left, 6);
    if (width < 60 || height < 60) {
        return;
    }
    double low = m_instrument->min_total(), high = m_instrument->max_total();
    auto y_of = [&](double value) { return top + height - height * (value - low) / (high - low); };
    // Dates across: every administration date of any partner, in order.
    std::set<std::string> dates;
    for (const auto& s : m_series) {
        for (const auto& p : s.points) {
            dates.insert(p.date);
        }
    }
    std::vector<std::string> axis(dates.begin(), dates.end());
    auto x_of = [&](const std::string& date) {
        auto at = std::find(axis.begin(), axis.end(), date) - axis.begin();
        return axis.size() < 2
                   ? left + width / 2
                   : left + width * static_cast<double>(at) / static_cast<double>(axis.size() - 1);
    };
    if (m_instrument->cutoff) {
        double cut = y_of(*m_instrument->cutoff);
        gc->SetBrush(wxBrush(wxColour(250, 225, 220)));
        gc->SetPen(*wxTRANSPARENT_PEN);
        if (m_instrument->higher_is_better) {
            gc->DrawRectangle(left, cut, width, top + height - cut);
        } else {
            gc->DrawRectangle(left, top, width, cut - top);
        }
        gc->SetPen(wxPen(wxColour(200, 80, 60), 1, wxPENSTYLE_SHORT_DASH));
        gc->StrokeLine(left, cut, left + width, cut);
        gc->DrawText(wxString::Format(_("cut-off %s"),
                                      wxString::FromUTF8(shown_number(*m_instrument->cutoff))),
                     left + width + 6, cut - 8);
    }
    gc->SetPen(wxPen(wxColour(150, 150, 150)));
    gc->StrokeLine(left, top, left, top + height);
    gc->StrokeLine(left, top + height, left + width, top + height);
    for (int tick = 0; tick <= 4; ++tick) {
        double value = low + (high - low) * tick / 4.0;
        gc->DrawText(wxString::FromUTF8(shown_number(value)), 6, y_of(value) - 8);
    }
    if (!axis.empty()) {
        auto day = [](const std::string& iso) {
            return wxString::FromUTF8(dyad::show::date(iso, dyad::show::DateStyle::Compact));
        };
        gc->DrawText(day(axis.front()), left, top + height + 6);
        if (axis.size() > 1) {
            double w = 0, h = 0;
            gc->GetTextExtent(day(axis.back()), &w, &h);
            gc->DrawText(day(axis.back()), left + width - w, top + height + 6);
        }
    }
    for (std::size_t i = 0; i < m_series.size(); ++i) {
        const Series& s = m_series[i];
        wxColour colour = kLines[i % 4];
        wxGraphicsPath line = gc->CreatePath();
        for (std::size_t p = 0; p < s.points.size(); ++p) {
            double x = x_of(s.points[p].date), y = y_of(s.points[p].total);
            p == 0 ? line.MoveToPoint(x, y) : line.AddLineToPoint(x, y);
        }
        gc->SetPen(wxPen(colour, 2));
        gc->StrokePath(line);
        for (std::size_t p = 0; p < s.points.size(); ++p) {
            double x = x_of(s.points[p].date), y = y_of(s.points[p].total);
            gc->SetPen(*wxTRANSPARENT_PEN);
            gc->SetBrush(wxBrush(colour));
            gc->DrawEllipse(x - 4, y - 4, 8, 8);
            if (p < s.marks.size() && s.marks[p] != Change::None) {
                gc->SetBrush(*wxTRANSPARENT_BRUSH);
                gc->SetPen(wxPen(
                    s.marks[p] == Change::Improved ? wxColour(30, 150, 60) : wxColour(200, 30, 30),
                    3));
                gc->DrawEllipse(x - 9, y - 9, 18, 18);
            }
        }
        gc->SetBrush(wxBrush(colour));
        gc->SetPen(*wxTRANSPARENT_PEN);
        double legend_y = top + 24.0 * static_cast<double>(i + 1);
        gc->DrawRectangle(left + width + 6, legend_y + 4, 12, 12);
        gc->DrawText(s.name, left + width + 22, legend_y);
    }
    wxString gap = gap_text();
    if (!gap.empty()) {
        gc->DrawText(gap, left, top + height + 24);
    }
}

}  // namespace dyad::measures
