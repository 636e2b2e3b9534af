#include "unit_overview.h"

#include <wx/sizer.h>

#include "util/ids.h"

namespace dyad::app {

UnitOverview::UnitOverview(wxWindow* parent, records::CoreRecords& records)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, "unit_overview"),
      m_records(records) {
    m_title = new wxStaticText(this, wxID_ANY, _("No client unit selected"), wxDefaultPosition,
                               wxDefaultSize, 0, "overview_title");
    m_title->SetFont(m_title->GetFont().Scaled(1.5f).Bold());
    m_details = new wxStaticText(this, wxID_ANY, _("Choose a client unit on the left."),
                                 wxDefaultPosition, wxDefaultSize, 0, "overview_details");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(m_title, 0, wxALL, 16);
    sizer->Add(m_details, 1, wxLEFT | wxRIGHT | wxBOTTOM, 16);
    SetSizer(sizer);
}

void UnitOverview::show_unit(std::int64_t unit_id) {
    if (unit_id == 0) {
        m_title->SetLabel(_("No client unit selected"));
        m_details->SetLabel(_("Choose a client unit on the left."));
        Layout();
        return;
    }
    auto unit = m_records.unit(unit_id);
    if (!unit) {
        m_title->SetLabel(_("This client unit could not be read"));
        m_details->SetLabel(wxString::FromUTF8(unit.error().message));
        Layout();
        return;
    }
    m_title->SetLabel(wxControl::EscapeMnemonics(wxString::FromUTF8(unit->display_name)));
    wxString text = wxString::Format(_("%s, %s"), wxString::FromUTF8(unit->kind),
                                     wxString::FromUTF8(unit->status)) +
                    "\n\n" + _("Members") + "\n";
    if (auto members = m_records.members(unit_id)) {
        for (const auto& member : *members) {
            text += "  " +
                    wxControl::EscapeMnemonics(
                        wxString::FromUTF8(member.given_name + " " + member.family_name)) +
                    "  (" + wxString::FromUTF8(member.role) + ")\n";
        }
    }
    text += "\n" + _("Upcoming appointments") + "\n";
    int shown = 0;
    if (auto upcoming = m_records.appointments_between(now_utc_iso(), "9999-12-31T00:00:00Z")) {
        for (const auto& appointment : *upcoming) {
            if (appointment.fields.unit_id != unit_id || shown == 5) {
                continue;
            }
            wxDateTime when;
            when.ParseISOCombined(wxString::FromUTF8(appointment.fields.starts_at.substr(0, 19)));
            when.MakeFromUTC();
            text += "  " + when.Format("%a %d %b %Y %H:%M") + "  " +
                    wxString::FromUTF8(appointment.fields.session_type) +
                    (appointment.fields.telehealth ? _(", telehealth") : wxString()) + "\n";
            ++shown;
        }
    }
    if (shown == 0) {
        text += "  " + _("None scheduled") + "\n";
    }
    m_details->SetLabel(text);
    Layout();
}

}  // namespace dyad::app
