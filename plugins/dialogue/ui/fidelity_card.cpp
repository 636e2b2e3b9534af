#include "fidelity_card.h"

#include <wx/dcbuffer.h>
#include <wx/graphics.h>
#include <wx/sizer.h>

#include <dyad/accessible_wx.hpp>
#include <dyad/show.hpp>
#include <memory>

namespace dyad::dialogue {

FidelityCard::FidelityCard(wxWindow* parent)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, "dialogue_fidelity_card") {
    m_label = new wxStaticText(this, wxID_ANY, "");
    m_chart =
        new wxPanel(this, wxID_ANY, wxDefaultPosition, wxSize(320, 70), wxFULL_REPAINT_ON_RESIZE);
    m_chart->SetBackgroundStyle(wxBG_STYLE_PAINT);
    m_chart->Bind(wxEVT_PAINT, [this](wxPaintEvent&) { paint(); });
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(m_label, 0, wxBOTTOM, 4);
    sizer->Add(m_chart, 0, wxEXPAND);
    SetSizer(sizer);
}

void FidelityCard::show(const std::vector<DialogueRecord>& history) {
    m_points.clear();
    std::size_t first = history.size() > 12 ? history.size() - 12 : 0;
    for (std::size_t i = first; i < history.size(); ++i) {
        m_points.push_back(history[i].fidelity.count());
    }
    if (history.empty()) {
        m_label->SetLabel(_("No dialogue yet."));
    } else {
        const DialogueRecord& last = history.back();
        m_label->SetLabel(
            wxString::Format(wxPLURAL("%zu dialogue; the last on %s, fidelity %d of 5",
                                      "%zu dialogues; the last on %s, fidelity %d of 5",
                                      static_cast<unsigned>(history.size())),
                             history.size(),
                             wxString::FromUTF8(dyad::show::local_date(
                                 last.started_at, dyad::show::DateStyle::Compact)),
                             last.fidelity.count()));
    }
    // The trend in words for a screen reader, as the chart draws it.
    wxString trend;
    for (int point : m_points) {
        trend += (trend.empty() ? "" : ", ") + wxString::Format("%d", point);
    }
    dyad::show::set_accessible_name(
        m_chart, _("Dialogue fidelity trend"),
        wxString::Format(_("Fidelity of the last dialogues, out of 5: %s"), trend));
    m_chart->Show(m_points.size() >= 2);
    m_chart->Refresh();
    Layout();
}

void FidelityCard::show_problem(const wxString& problem) {
    m_points.clear();
    m_label->SetLabel(problem);
    m_chart->Hide();
    Layout();
}

void FidelityCard::paint() {
    wxAutoBufferedPaintDC dc(m_chart);
    dc.SetBackground(wxBrush(GetBackgroundColour()));
    dc.Clear();
    std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(dc));
    if (!gc || m_points.size() < 2) {
        return;
    }
    wxSize size = m_chart->GetClientSize();
    const double left = 4, top = 6, width = size.x - 8.0, height = size.y - 12.0;
    gc->SetPen(wxPen(wxColour(220, 220, 220)));
    gc->StrokeLine(left, top, left + width, top);                    // 5 of 5
    gc->StrokeLine(left, top + height, left + width, top + height);  // 0 of 5
    wxGraphicsPath line = gc->CreatePath();
    for (std::size_t i = 0; i < m_points.size(); ++i) {
        double x = left + width * static_cast<double>(i) / static_cast<double>(m_points.size() - 1);
        double y = top + height - height * m_points[i] / 5.0;
        i == 0 ? line.MoveToPoint(x, y) : line.AddLineToPoint(x, y);
    }
    gc->SetPen(wxPen(wxColour(40, 120, 90), 2));
    gc->StrokePath(line);
}

}  // namespace dyad::dialogue
