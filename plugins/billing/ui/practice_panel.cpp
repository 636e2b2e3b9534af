#include "practice_panel.h"

#include <wx/button.h>
#include <wx/scrolwin.h>
#include <wx/sizer.h>

#include <time_text.h>
#include <wx_text.h>
#include <dyad/show.hpp>
#include <map>

#include "../src/identity.h"
#include "../src/practice_report.h"
#include "../src/reports.h"
#include "billing_panel.h"

namespace dyad::billing {

using dyad::ui::wx;

namespace {

std::string unit_name(const dyad::sdk::Host& host, std::int64_t unit_id) {
    std::string name;
    host.core()->get_unit(
        host.raw(), unit_id,
        [](void* user, const dyad_unit_info* info) {
            *static_cast<std::string*>(user) = info->display_name;
        },
        &name);
    return name.empty()
               ? wxString::Format(_("unit %lld"), static_cast<long long>(unit_id)).utf8_string()
               : name;
}

// "Nov" for "2026-11", in the chosen language.
wxString month_label(const std::string& month) {
    int number = month.size() >= 7 ? std::atoi(month.substr(5, 2).c_str()) : 0;
    if (number < 1 || number > 12) {
        return wx(month);
    }
    return wx(dyad::show::month_name(number, true));
}

}  // namespace

PracticePanel::PracticePanel(wxWindow* parent, dyad::sdk::Host host, BillingStore& store,
                             Confirm confirm)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL,
              "billing_practice"),
      m_host(host),
      m_store(store),
      m_confirm(std::move(confirm)) {
    m_aging = new MoneyBars(this, "billing_aging_chart", {{_("open"), wxColour(200, 110, 60)}});
    m_aging_text = new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0,
                                    "billing_aging_text");
    m_months = new MoneyBars(
        this, "billing_months_chart",
        {{_("charged"), wxColour(90, 140, 200)}, {_("received"), wxColour(80, 160, 90)}});
    m_sessions =
        new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxSize(-1, 160),
                       wxLC_REPORT | wxLC_SINGLE_SEL, wxDefaultValidator, "billing_unbilled");
    m_sessions->AppendColumn(_("Date"), wxLIST_FORMAT_LEFT, 110);
    m_sessions->AppendColumn(_("Client unit"), wxLIST_FORMAT_LEFT, 260);
    m_clinicians =
        new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxSize(-1, 110),
                       wxLC_REPORT | wxLC_SINGLE_SEL, wxDefaultValidator, "billing_by_clinician");
    m_clinicians->AppendColumn(_("Clinician"), wxLIST_FORMAT_LEFT, 200);
    m_clinicians->AppendColumn(_("Sessions"), wxLIST_FORMAT_RIGHT, 80);
    m_clinicians->AppendColumn(_("Charged"), wxLIST_FORMAT_RIGHT, 110);
    m_clinicians->AppendColumn(_("Received"), wxLIST_FORMAT_RIGHT, 110);
    m_clinicians->AppendColumn(_("Outstanding"), wxLIST_FORMAT_RIGHT, 110);
    auto* charge =
        new wxButton(this, wxID_ANY, _("&Charge Unbilled Sessions..."), wxDefaultPosition,
                     wxDefaultSize, 0, wxDefaultValidator, "billing_charge_unbilled");
    auto* refresh = new wxButton(this, wxID_REFRESH, _("&Refresh"), wxDefaultPosition,
                                 wxDefaultSize, 0, wxDefaultValidator, "billing_practice_refresh");
    m_message = new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0,
                                 "billing_practice_message");

    auto* charts = new wxBoxSizer(wxHORIZONTAL);
    auto* left = new wxBoxSizer(wxVERTICAL);
    left->Add(m_aging, 1, wxEXPAND);
    left->Add(m_aging_text, 0, wxEXPAND | wxTOP, 6);
    charts->Add(left, 2, wxEXPAND | wxRIGHT, 12);
    charts->Add(m_months, 3, wxEXPAND);
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    buttons->Add(charge, 0, wxRIGHT, 6);
    buttons->Add(refresh, 0);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(charts, 1, wxEXPAND | wxALL, 8);
    sizer->Add(new wxStaticText(this, wxID_ANY, _("By clinician, sessions of the last 12 months")),
               0, wxLEFT | wxRIGHT, 8);
    sizer->Add(m_clinicians, 0, wxEXPAND | wxALL, 8);
    sizer->Add(
        new wxStaticText(this, wxID_ANY, _("Attended sessions of the last 90 days with no charge")),
        0, wxLEFT | wxRIGHT | wxTOP, 8);
    sizer->Add(m_sessions, 0, wxEXPAND | wxALL, 8);
    sizer->Add(buttons, 0, wxLEFT | wxRIGHT | wxBOTTOM, 8);
    sizer->Add(m_message, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 8);
    SetSizer(sizer);

    charge->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { charge_unbilled(); });
    refresh->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { reload(); });
}

void PracticePanel::show_message(const wxString& text, bool error) {
    m_message->SetForegroundColour(error ? wxColour(170, 30, 30) : GetForegroundColour());
    m_message->SetLabel(text);
    Layout();
}

void PracticePanel::reload() {
    std::string today = dyad::datafile::local_today();
    dyad::sdk::Database db(m_host);
    auto report = aging(db, today);
    if (report) {
        std::vector<wxString> labels;
        std::vector<std::vector<std::int64_t>> values;
        for (std::size_t i = 0; i < 4; ++i) {
            labels.push_back(kAgingLabels[i]);
            values.push_back({report->buckets[i]});
        }
        m_aging->set(_("Owed, by days since the session"), labels, values);
        wxString text = wxString::Format(
            wxPLURAL("%s owed by %d unit; %s held as credit.",
                     "%s owed by %d units; %s held as credit.", report->units_owing),
            shown_money(report->total_cents), report->units_owing,
            shown_money(report->credit_cents));
        if (!report->payments_by_method.empty()) {
            text += "\n" + _("Payments received, by method:");
            for (const auto& [method, cents] : report->payments_by_method) {
                text += " " + method_label(method) + " " + shown_money(cents) + ";";
            }
            text.RemoveLast();
        }
        m_aging_text->SetLabel(text);
        m_aging_text->Wrap(360);
    } else {
        m_aging_text->SetLabel(wx(report.error()));
    }
    auto months = monthly_figures(db, today, 12);
    if (months) {
        std::vector<wxString> labels;
        std::vector<std::vector<std::int64_t>> values;
        for (const auto& month : *months) {
            labels.push_back(month_label(month.month));
            values.push_back({month.charged_cents, month.received_cents});
        }
        m_months->set(_("Charged and received, last 12 months"), labels, values);
    }
    m_clinicians->DeleteAllItems();
    auto identity = IdentityStore(m_host).load();
    std::string own = identity && *identity ? (*identity)->clinician_name : std::string();
    auto by_clinician =
        clinician_figures(db, own.empty() ? _("The practice's own clinician").utf8_string() : own,
                          local_date_days_ago(365), today);
    for (const auto& row : by_clinician ? *by_clinician : std::vector<ClinicianFigures>{}) {
        long item = m_clinicians->InsertItem(m_clinicians->GetItemCount(), wx(row.name));
        m_clinicians->SetItem(item, 1, wx(dyad::show::number(row.sessions)));
        m_clinicians->SetItem(item, 2, shown_money(row.charged_cents));
        m_clinicians->SetItem(item, 3, shown_money(row.received_cents));
        m_clinicians->SetItem(item, 4, shown_money(row.outstanding()));
    }
    m_sessions->DeleteAllItems();
    auto unbilled = m_store.unbilled_sessions(today);
    m_unbilled = unbilled ? *unbilled : std::vector<BillingStore::Unbilled>{};
    std::map<std::int64_t, std::string> names;
    for (const auto& session : m_unbilled) {
        if (names.count(session.unit_id) == 0) {
            names[session.unit_id] = unit_name(m_host, session.unit_id);
        }
        long row = m_sessions->InsertItem(m_sessions->GetItemCount(), shown_date(session.date));
        m_sessions->SetItem(row, 1, wx(names[session.unit_id]));
    }
    if (!report || !months || !unbilled || !by_clinician) {
        show_message(wx(!report         ? report.error()
                        : !months       ? months.error()
                        : !by_clinician ? by_clinician.error()
                                        : unbilled.error()),
                     true);
    }
    Layout();
}

bool PracticePanel::charge_unbilled() {
    if (m_unbilled.empty()) {
        show_message(_("There are no unbilled sessions."), false);
        return false;
    }
    // Unit -> first day, last day and the listed appointments: exactly those are charged (not a
    // missed session between them whose fee was waived).
    struct Listed {
        std::string first, last;
        std::vector<std::int64_t> appointments;
    };
    std::map<std::int64_t, Listed> units;
    for (const auto& session : m_unbilled) {
        auto it = units.try_emplace(session.unit_id, Listed{session.date, session.date, {}}).first;
        it->second.first = std::min(it->second.first, session.date);
        it->second.last = std::max(it->second.last, session.date);
        it->second.appointments.push_back(session.appointment_id);
    }
    auto session_count = static_cast<unsigned>(m_unbilled.size());
    auto unit_count = static_cast<unsigned>(units.size());
    wxString sessions =
        wxString::Format(wxPLURAL("%u session", "%u sessions", session_count), session_count);
    wxString unit_words =
        wxString::Format(wxPLURAL("%u client unit", "%u client units", unit_count), unit_count);
    // TRANSLATORS: "Charge 3 sessions of 2 client units by each unit's billing setup?"
    if (!m_confirm(this, wxString::Format(_("Charge %s of %s by each unit's billing setup?"),
                                          sessions, unit_words))) {
        return false;
    }
    std::string by = m_host.signed_in().name.empty() ? "user" : m_host.signed_in().name;
    int created = 0;
    std::vector<std::string> problems;
    for (const auto& [unit, listed] : units) {
        auto run =
            m_store.charge_sessions(unit, listed.first, listed.last, by, &listed.appointments);
        if (!run) {
            problems.push_back(unit_name(m_host, unit) + ": " + run.error());
            continue;
        }
        created += run->created;
        for (const auto& skipped : run->skipped) {
            problems.push_back(unit_name(m_host, unit) + ": " + skipped);
        }
    }
    reload();
    wxString text =
        wxString::Format(wxPLURAL("%d charge created.", "%d charges created.", created), created);
    for (const auto& problem : problems) {
        text += "\n" + wx(problem);
    }
    show_message(text, !problems.empty());
    return created > 0;
}

}  // namespace dyad::billing
