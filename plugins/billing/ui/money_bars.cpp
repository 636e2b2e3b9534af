#include "money_bars.h"

#include <wx/dcbuffer.h>
#include <wx/graphics.h>

#include <algorithm>
#include <dyad/show.hpp>
#include <memory>

namespace dyad::billing {
namespace {

// The axis' top: the largest value rounded up to 1, 2 or 5 times a power of ten dollars.
std::int64_t axis_top(std::int64_t largest) {
    std::int64_t step = 100;  // $1
    while (true) {
        for (std::int64_t factor : {1, 2, 5}) {
            if (largest <= step * factor) {
                return step * factor;
            }
        }
        step *= 10;
    }
}

// Whole dollars, as the axis shows them: the amount as dyad::show::money gives it in the
// chosen language ("$1,200.00", "1.200,00 $"), its cents (the last two digits and the
// separator before them) left out.
wxString whole_dollars(std::int64_t cents) {
    std::string text = dyad::show::money(cents / 100 * 100);
    std::size_t last = text.find_last_of("0123456789");
    if (last != std::string::npos && last >= 3) {
        text.erase(last - 2, 3);
    }
    return wxString::FromUTF8(text);
}

}  // namespace

MoneyBars::MoneyBars(wxWindow* parent, const wxString& name, std::vector<Series> series)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxSize(-1, 200), wxFULL_REPAINT_ON_RESIZE, name),
      m_series(std::move(series)) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    SetMinSize(wxSize(360, 200));
    Bind(wxEVT_PAINT, [this](wxPaintEvent&) { paint(); });
}

void MoneyBars::set(const wxString& title, std::vector<wxString> labels,
                    std::vector<std::vector<std::int64_t>> values) {
    m_title = title;
    m_labels = std::move(labels);
    m_values = std::move(values);
    SetToolTip(accessible_text());
    Refresh();
}

wxString MoneyBars::accessible_text() const {
    wxString text = m_title + ":";
    for (std::size_t group = 0; group < m_labels.size() && group < m_values.size(); ++group) {
        text += (group == 0 ? " " : "; ") + m_labels[group];
        for (std::size_t i = 0; i < m_series.size() && i < m_values[group].size(); ++i) {
            text += (m_series.size() > 1 ? " " + m_series[i].name : wxString()) + " " +
                    wxString::FromUTF8(dyad::show::money(m_values[group][i]));
        }
    }
    return text;
}

void MoneyBars::paint() {
    wxAutoBufferedPaintDC dc(this);
    dc.SetBackground(wxBrush(GetBackgroundColour()));
    dc.Clear();
    std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(dc));
    if (!gc) {
        return;
    }
    wxSize size = GetClientSize();
    gc->SetFont(GetFont(), GetForegroundColour());
    double text_width = 0, text_height = 0;
    gc->GetTextExtent("$00,000", &text_width, &text_height);
    const double left = text_width + 12, right = 12, top = 8 + text_height * 2,
                 bottom = text_height + 10;
    double width = size.x - left - right;
    double height = size.y - top - bottom;
    gc->DrawText(m_title, 8, 4);
    // The legend, right of the title, when there is more than one series.
    double x_legend = size.x - right;
    for (auto series = m_series.rbegin(); m_series.size() > 1 && series != m_series.rend();
         ++series) {
        double w = 0, h = 0;
        gc->GetTextExtent(series->name, &w, &h);
        x_legend -= w;
        gc->DrawText(series->name, x_legend, 4);
        x_legend -= 16;
        gc->SetBrush(wxBrush(series->colour));
        gc->SetPen(*wxTRANSPARENT_PEN);
        gc->DrawRectangle(x_legend, 4 + h / 4, 10, h / 2);
        x_legend -= 12;
    }
    if (width < 40 || height < 30 || m_labels.empty()) {
        return;
    }
    std::int64_t largest = 0;
    for (const auto& group : m_values) {
        for (std::int64_t value : group) {
            largest = std::max(largest, value);
        }
    }
    std::int64_t top_value = axis_top(std::max<std::int64_t>(largest, 1));
    gc->SetPen(wxPen(wxColour(150, 150, 150)));
    gc->StrokeLine(left, top, left, top + height);
    gc->StrokeLine(left, top + height, left + width, top + height);
    for (int tick = 0; tick <= 4; ++tick) {
        double y = top + height - height * tick / 4.0;
        gc->SetPen(wxPen(wxColour(225, 225, 225)));
        if (tick > 0) {
            gc->StrokeLine(left + 1, y, left + width, y);
        }
        wxString label = whole_dollars(top_value * tick / 4);
        double w = 0, h = 0;
        gc->GetTextExtent(label, &w, &h);
        gc->DrawText(label, left - w - 6, y - h / 2);
    }
    double slot = width / static_cast<double>(m_labels.size());
    double bar = slot * 0.7 / static_cast<double>(std::max<std::size_t>(m_series.size(), 1));
    for (std::size_t group = 0; group < m_labels.size(); ++group) {
        double x = left + slot * static_cast<double>(group) + slot * 0.15;
        for (std::size_t i = 0;
             group < m_values.size() && i < m_values[group].size() && i < m_series.size(); ++i) {
            double value = static_cast<double>(std::max<std::int64_t>(m_values[group][i], 0));
            double h = height * value / static_cast<double>(top_value);
            gc->SetBrush(wxBrush(m_series[i].colour));
            gc->SetPen(*wxTRANSPARENT_PEN);
            gc->DrawRectangle(x + bar * static_cast<double>(i), top + height - h, bar * 0.92, h);
        }
        double w = 0, h = 0;
        gc->GetTextExtent(m_labels[group], &w, &h);
        if (w <= slot || group % 2 == 0) {  // Every other label when they would overlap.
            gc->DrawText(m_labels[group], left + slot * static_cast<double>(group) + (slot - w) / 2,
                         top + height + 4);
        }
    }
}

}  // namespace dyad::billing
