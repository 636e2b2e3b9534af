#include "progress_chart.h"

#include <wx/dcbuffer.h>
#include <wx/graphics.h>

#include <cmath>
#include <dyad/accessible_wx.hpp>
#include <dyad/show.hpp>
#include <memory>

namespace dyad::bcr {

ProgressChart::ProgressChart(wxWindow* parent)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxSize(-1, 220), wxFULL_REPAINT_ON_RESIZE,
              "bcr_chart") {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    Bind(wxEVT_PAINT, [this](wxPaintEvent&) { paint(); });
}

void ProgressChart::set_points(std::vector<WeekPoint> points, const wxString& title) {
    m_points = std::move(points);
    m_title = title;
    // What the chart draws, in words, for a screen reader: each week's follow-through.
    wxString described;
    for (const auto& point : m_points) {
        wxString week = wxString::Format(
            _("week of %s: %s"),
            wxString::FromUTF8(dyad::show::date(point.week_start, dyad::show::DateStyle::Compact)),
            wxString::FromUTF8(dyad::show::percent(std::lround(point.adherence * 100))));
        if (point.impact > 0) {
            week += wxString::Format(_(", felt impact %s of 5"),
                                     wxString::FromUTF8(dyad::show::decimal(point.impact, 1)));
        }
        described += (described.empty() ? "" : "; ") + week;
    }
    dyad::show::set_accessible_name(this, title.empty() ? wxString(_("Follow-through")) : title,
                                    described.empty() ? wxString(_("No weeks yet.")) : described);
    Refresh();
}

void ProgressChart::paint() {
    wxAutoBufferedPaintDC dc(this);
    dc.SetBackground(wxBrush(GetBackgroundColour()));
    dc.Clear();
    std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(dc));
    if (!gc) {
        return;
    }
    wxSize size = GetClientSize();
    const double left = 56, right = 56, top = 30, bottom = 40;
    double width = size.x - left - right;
    double height = size.y - top - bottom;
    wxFont font = GetFont();
    gc->SetFont(font, GetForegroundColour());
    gc->DrawText(m_title.empty() ? _("Follow-through") : m_title, left, 6);
    if (width < 40 || height < 40) {
        return;
    }
    // Axes: adherence on the left (0-100 %), felt impact on the right (1-5).
    gc->SetPen(wxPen(wxColour(150, 150, 150)));
    gc->StrokeLine(left, top, left, top + height);
    gc->StrokeLine(left, top + height, left + width, top + height);
    gc->StrokeLine(left + width, top, left + width, top + height);
    for (int tick = 0; tick <= 4; ++tick) {
        double y = top + height - height * tick / 4.0;
        gc->SetPen(wxPen(wxColour(225, 225, 225)));
        gc->StrokeLine(left, y, left + width, y);
        gc->DrawText(wxString::FromUTF8(dyad::show::percent(tick * 25)), 8, y - 8);
        gc->DrawText(wxString::Format("%d", tick + 1), left + width + 8, y - 8);
    }
    gc->DrawText(_("adherence"), 4, top + height + 18);
    double label_width = 0, label_height = 0;
    gc->GetTextExtent(_("felt impact"), &label_width, &label_height);
    gc->DrawText(_("felt impact"), size.x - label_width - 4, top + height + 18);
    if (m_points.empty()) {
        gc->DrawText(_("No check-ins yet."), left + 16, top + height / 2);
        return;
    }
    double slot = width / static_cast<double>(m_points.size());
    wxGraphicsPath impact = gc->CreatePath();
    bool started = false;
    for (std::size_t i = 0; i < m_points.size(); ++i) {
        const WeekPoint& point = m_points[i];
        double x = left + slot * static_cast<double>(i);
        double bar = height * point.adherence;
        gc->SetBrush(wxBrush(wxColour(90, 140, 200)));
        gc->SetPen(*wxTRANSPARENT_PEN);
        gc->DrawRectangle(x + slot * 0.2, top + height - bar, slot * 0.6, bar);
        gc->DrawText(wxString::Format(_("week %zu"), i + 1), x + slot * 0.2, top + height + 4);
        if (point.impact > 0) {
            double y = top + height - height * (point.impact - 1) / 4.0;
            if (started) {
                impact.AddLineToPoint(x + slot / 2, y);
            } else {
                impact.MoveToPoint(x + slot / 2, y);
                started = true;
            }
            gc->SetBrush(wxBrush(wxColour(200, 90, 40)));
            gc->DrawEllipse(x + slot / 2 - 4, y - 4, 8, 8);
        }
    }
    gc->SetPen(wxPen(wxColour(200, 90, 40), 2));
    gc->StrokePath(impact);
}

}  // namespace dyad::bcr
