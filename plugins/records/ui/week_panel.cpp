#include "week_panel.h"

#include <wx_text.h>

#include <wx/button.h>
#include <wx/datetime.h>
#include <wx/sizer.h>

#include <dyad/show.hpp>

#include "../src/labels.h"

namespace dyad::records_plugin {

using dyad::ui::utf8;
using dyad::ui::wx;
namespace {

std::string today_local() {
    return wxDateTime::Today().FormatISODate().ToStdString(wxConvUTF8);
}

}  // namespace

WeekPanel::WeekPanel(wxWindow* parent, dyad::sdk::Host host, ScheduleStore& store)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, "week_panel"),
      m_host(host),
      m_store(store) {
    auto* previous = new wxButton(this, wxID_ANY, _("< &Previous"));
    auto* today = new wxButton(this, wxID_ANY, _("&This Week"));
    auto* next = new wxButton(this, wxID_ANY, _("&Next >"));
    m_title =
        new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0, "week_title");
    auto* top = new wxBoxSizer(wxHORIZONTAL);
    top->Add(previous, 0, wxRIGHT, 6);
    top->Add(today, 0, wxRIGHT, 6);
    top->Add(next, 0, wxRIGHT, 12);
    top->Add(m_title, 0, wxALIGN_CENTER_VERTICAL);
    auto* columns = new wxBoxSizer(wxHORIZONTAL);
    for (int day = 0; day < 7; ++day) {
        auto* column = new wxBoxSizer(wxVERTICAL);
        auto* header = new wxStaticText(this, wxID_ANY, "");
        auto* list =
            new wxListBox(this, wxID_ANY, wxDefaultPosition, wxSize(120, 300), 0, nullptr,
                          wxLB_SINGLE, wxDefaultValidator, "week_day_" + std::to_string(day));
        column->Add(header, 0, wxBOTTOM, 4);
        column->Add(list, 1, wxEXPAND);
        columns->Add(column, 1, wxEXPAND | wxRIGHT, 4);
        m_headers.push_back(header);
        m_days.push_back(list);
        list->Bind(wxEVT_LISTBOX_DCLICK, [this, day](wxCommandEvent& event) {
            auto row = static_cast<std::size_t>(event.GetSelection());
            if (row < m_units[static_cast<std::size_t>(day)].size()) {
                m_host.ui()->select_unit(m_host.raw(), m_units[static_cast<std::size_t>(day)][row]);
            }
        });
    }
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(top, 0, wxALL, 8);
    sizer->Add(columns, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 8);
    SetSizer(sizer);
    previous->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { move(-1); });
    next->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { move(1); });
    today->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        m_monday.clear();
        reload();
    });
}

void WeekPanel::move(int weeks) {
    auto monday = week_start(m_monday.empty() ? today_local() : m_monday, weeks);
    if (monday) {
        m_monday = *monday;
    }
    reload();
}

void WeekPanel::reload() {
    if (m_monday.empty()) {
        m_monday = week_start(today_local(), 0).value_or(today_local());
    }
    auto [from, to] = week_range_utc(m_monday);
    auto events = m_store.calendar(from, to);
    std::vector<DayColumn> days =
        group_by_day(m_monday, events ? *events : std::vector<CalendarEvent>{});
    m_title->SetLabel(wxString::Format(
        _("Week of %s"), wx(dyad::show::date(m_monday, dyad::show::DateStyle::Compact))));
    m_units.assign(7, {});
    for (std::size_t day = 0; day < days.size() && day < m_days.size(); ++day) {
        wxDateTime date;
        date.ParseISODate(wx(days[day].date));
        m_headers[day]->SetLabel(
            wx(dyad::show::weekday_name(static_cast<int>(date.GetWeekDay()), true) + " " +
               dyad::show::date(days[day].date, dyad::show::DateStyle::Short)));
        m_days[day]->Clear();
        for (const auto& event : days[day].events) {
            std::string name;
            m_host.core()->get_unit(
                m_host.raw(), event.unit_id,
                [](void* user, const dyad_unit_info* unit) {
                    *static_cast<std::string*>(user) = unit->display_name;
                },
                &name);
            wxString line = wx(local_clock(event.starts_at)) + " " + wx(name);
            if (event.status == "cancelled" || event.status == "no_show") {
                line += " (" + wx(session_status_label(event.status)) + ")";
            }
            m_days[day]->Append(line);
            m_units[day].push_back(event.unit_id);
        }
    }
    Layout();
}

}  // namespace dyad::records_plugin
