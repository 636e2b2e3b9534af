#include "dashboard.h"

#include <wx/control.h>
#include <wx/datetime.h>
#include <wx/panel.h>
#include <wx/sizer.h>
#include <wx/statbox.h>
#include <wx/wrapsizer.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <dyad/show.hpp>

#include "records/week_figures.h"
#include "util/log.h"
#include "week_chart.h"

namespace dyad::app {
namespace {

std::string iso_days_from_now(int days) {
    std::time_t when = std::time(nullptr) + static_cast<std::time_t>(days) * 86400;
    std::tm parts{};
    gmtime_r(&when, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT00:00:00Z", &parts);
    return text;
}

// "Wed Dec 2, 2:30 PM" in the user's local time and language from a UTC time
// "YYYY-MM-DDTHH:MM:SSZ"; the text itself when malformed.
wxString local_slot(const std::string& utc) {
    std::tm parts{};
    if (utc.size() != 20 || strptime(utc.c_str(), "%Y-%m-%dT%H:%M:%SZ", &parts) == nullptr) {
        return wxString::FromUTF8(utc);
    }
    std::time_t when = timegm(&parts);
    std::tm local{};
    localtime_r(&when, &local);
    // TRANSLATORS: an appointment of the next seven days on Home: {wd} the abbreviated
    // weekday, {date} the month and day ("Dec 2"), {time} the time of day.
    std::string text = show::tr_in("appointment this week", "{wd} {date}, {time}");
    text = show::fill(text, "wd", show::weekday_name(local.tm_wday, true));
    text = show::fill(
        text, "date",
        show::date(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday, show::DateStyle::Short));
    text = show::fill(text, "time", show::time_of_day(local.tm_hour, local.tm_min));
    return wxString::FromUTF8(text);
}

}  // namespace

Dashboard::Dashboard(wxWindow* parent, records::CoreRecords& records,
                     const std::vector<plugins::PanelContribution>& cards)
    : wxScrolledWindow(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxVSCROLL, "dashboard"),
      m_records(records) {
    SetScrollRate(0, 12);
    SetSizer(new wxWrapSizer(wxHORIZONTAL));
    add_card(_("This week"), [this](wxWindow* parent_window) {
        m_week = new wxStaticText(parent_window, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0,
                                  "week_card");
        return m_week;
    });
    add_card(_("Sessions, last 8 weeks"), [this](wxWindow* parent_window) {
        m_weeks = new WeekChart(parent_window);
        return m_weeks;
    });
    for (const auto& contribution : cards) {
        Card card{contribution, nullptr};
        card.window =
            add_card(wxString::FromUTF8(contribution.title), [&](wxWindow* parent_window) {
                return static_cast<wxWindow*>(
                    contribution.create(contribution.user, parent_window));
            });
        if (card.window == nullptr) {
            log_warning(contribution.plugin_id + ": dashboard card '" + contribution.id +
                        "' could not be created");
        }
        m_cards.push_back(card);
    }
    refresh();
}

wxWindow* Dashboard::add_card(const wxString& title,
                              const std::function<wxWindow*(wxWindow*)>& body) {
    auto* box = new wxStaticBoxSizer(wxVERTICAL, this, title);
    wxWindow* window = body(box->GetStaticBox());
    if (window != nullptr) {
        wxSize least = window->GetMinSize();  // A chart keeps its height; text wraps.
        window->SetMinSize(wxSize(std::max(260, least.x), least.y));
        box->Add(window, 1, wxEXPAND | wxALL, 8);
    }
    GetSizer()->Add(box, 0, wxALL, 10);
    return window;
}

void Dashboard::refresh() {
    auto appointments = m_records.appointments_between(iso_days_from_now(0), iso_days_from_now(7));
    wxString text;
    if (!appointments) {
        text = _("Appointments could not be read; see Tools > Log.");
        log_error("dashboard: " + appointments.error().message);
    } else if (appointments->empty()) {
        text = _("No appointments in the next seven days.");
    } else {
        for (const auto& appointment : *appointments) {
            auto unit = m_records.unit(appointment.fields.unit_id);
            text += local_slot(appointment.fields.starts_at) + "  " +
                    (unit ? wxControl::EscapeMnemonics(wxString::FromUTF8(unit->display_name))
                          : wxString(_("(archived)"))) +
                    (appointment.fields.telehealth ? _("  (telehealth)") : wxString()) + "\n";
        }
        text.Trim();
    }
    m_week->SetLabel(text);
    std::string today = wxDateTime::Today().FormatISODate().ToStdString();
    if (auto range = records::week_range(today, 8)) {
        auto past = m_records.appointments_between(range->first, range->second);
        if (past) {
            m_weeks->set(records::week_figures(*past, today, 8));
        } else {
            log_error("dashboard: " + past.error().message);
        }
    }
    for (const auto& card : m_cards) {
        if (card.window != nullptr && card.contribution.refresh != nullptr) {
            card.contribution.refresh(card.contribution.user, card.window);
        }
    }
    Layout();
    FitInside();
}

void Dashboard::destroy_plugin_windows() {
    for (auto& card : m_cards) {
        if (card.window != nullptr) {
            card.window->Destroy();
            card.window = nullptr;
        }
    }
    m_cards.clear();
}

}  // namespace dyad::app
