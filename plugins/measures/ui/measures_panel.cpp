#include "measures_panel.h"

#include <print_pages.h>

#include <wx/button.h>
#include <wx/choicdlg.h>
#include <wx/dialog.h>
#include <wx/filedlg.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/textdlg.h>

#include <dyad/accessible_wx.hpp>

#include <Poco/UUIDGenerator.h>
#include <data_files.h>
#include <time_text.h>
#include <wx_text.h>

#include <dyad/show.hpp>
#include <set>

#include "../src/report.h"

namespace dyad::measures {
namespace {

wxString day_text(const std::string& iso) {
    return wxString::FromUTF8(dyad::show::date(iso, dyad::show::DateStyle::Compact));
}

wxButton* button(wxWindow* parent, const wxString& label, const char* name) {
    return new wxButton(parent, wxID_ANY, label, wxDefaultPosition, wxDefaultSize, 0,
                        wxDefaultValidator, name);
}

}  // namespace

MeasuresPanel::MeasuresPanel(wxWindow* parent, dyad::sdk::Host host, MeasuresStore& store,
                             Confirm confirm)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL,
              "measures_panel"),
      m_host(host),
      m_store(store),
      m_confirm(std::move(confirm)) {
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    m_summary = new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0,
                                 "measures_summary");
    m_flags =
        new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0, "measures_flags");
    m_flags->SetForegroundColour(wxColour(170, 20, 20));
    auto* flag_row = new wxBoxSizer(wxHORIZONTAL);
    flag_row->Add(m_flags, 1, wxALIGN_CENTER_VERTICAL);
    auto* reviewed = button(this, _("Mark flags reviewed"), "measures_review_flags");
    flag_row->Add(reviewed, 0, wxLEFT, 8);
    m_instrument = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0,
                                wxDefaultValidator, "measures_instrument");
    dyad::show::set_accessible_name(m_instrument, _("Instrument"));
    m_chart = new MeasuresChart(this);
    m_list = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxSize(-1, 150),
                            wxLC_REPORT | wxLC_SINGLE_SEL, wxDefaultValidator, "measures_list");
    dyad::show::set_accessible_name(m_list, _("Scores"));
    for (const auto& [title, width] :
         std::vector<std::pair<wxString, int>>{{_("Date"), 100},
                                               {_("Partner"), 160},
                                               {_("Instrument"), 90},
                                               {_("Total"), 70},
                                               {_("Band"), 140},
                                               {_("How answered"), 120}}) {
        m_list->AppendColumn(title, wxLIST_FORMAT_LEFT, width);
    }
    auto* actions = new wxBoxSizer(wxHORIZONTAL);
    auto* answer = button(this, _("Client view..."), "measures_client_view");
    auto* cadence = button(this, _("Cadence..."), "measures_cadence");
    auto* voided = button(this, _("Void..."), "measures_void");
    auto* report = button(this, _("Report PDF..."), "measures_report");
    auto* exported = button(this, _("Export..."), "measures_export");
    for (auto* b : {answer, cadence, voided, report, exported}) {
        actions->Add(b, 0, wxRIGHT, 6);
    }
    m_message = new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0,
                                 "measures_message");
    sizer->Add(m_summary, 0, wxEXPAND | wxALL, 8);
    sizer->Add(flag_row, 0, wxEXPAND | wxLEFT | wxRIGHT, 8);
    sizer->Add(m_instrument, 0, wxALL, 8);
    sizer->Add(m_chart, 1, wxEXPAND | wxLEFT | wxRIGHT, 8);
    sizer->Add(m_list, 0, wxEXPAND | wxALL, 8);
    sizer->Add(actions, 0, wxLEFT | wxRIGHT, 8);
    sizer->Add(m_message, 0, wxEXPAND | wxALL, 8);
    SetSizer(sizer);
    reviewed->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { review_flags(); });
    answer->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { client_view_dialog(); });
    cadence->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { cadence_dialog(); });
    report->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { files_dialog(true); });
    exported->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { files_dialog(false); });
    voided->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        wxTextEntryDialog ask(this, _("Why is this administration void?"), _("Void"));
        if (ask.ShowModal() == wxID_OK) {
            void_selected(dyad::ui::utf8(ask.GetValue()));
        }
    });
    m_instrument->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
        int at = m_instrument->GetSelection();
        if (at != wxNOT_FOUND) {
            show_instrument(dyad::ui::utf8(m_instrument->GetString(static_cast<unsigned>(at))));
        }
    });
}

MeasuresPanel::~MeasuresPanel() {
    // Deleted now, not at the next idle time: the plugin's code may be unloaded by then.
    if (ClientView* view = m_view.get()) {
        view->detach();
        delete view;
    }
}

std::string MeasuresPanel::member_name(std::int64_t client_id) const {
    for (const auto& member : m_members) {
        if (member.client_id == client_id) {
            return member.full_name();
        }
    }
    return dyad::show::fill(dyad::show::tr("client {id}"), "id", std::to_string(client_id));
}

void MeasuresPanel::show_message(const wxString& text, bool error) {
    m_message->SetForegroundColour(error ? wxColour(170, 20, 20) : GetForegroundColour());
    m_message->SetLabel(text);
}

void MeasuresPanel::show_unit(std::int64_t unit_id) {
    m_unit_id = unit_id;
    m_members = unit_id != 0 ? m_host.members(unit_id) : std::vector<dyad::sdk::Host::Member>();
    m_instrument_id.clear();
    show_message("", false);
    reload();
}

void MeasuresPanel::reload() {
    m_history.clear();
    m_open_flags.clear();
    if (m_unit_id != 0) {
        auto history = m_store.history(m_unit_id);
        auto flags = m_store.open_flags(m_unit_id);
        if (!history || !flags) {
            show_message(wxString::FromUTF8(!history ? history.error() : flags.error()), true);
        } else {
            m_history = std::move(*history);
            m_open_flags = std::move(*flags);
        }
    }
    m_list->DeleteAllItems();
    std::set<std::string> used;
    for (auto a = m_history.rbegin(); a != m_history.rend(); ++a) {
        long row = m_list->InsertItem(m_list->GetItemCount(), day_text(a->date));
        m_list->SetItemData(row, static_cast<long>(a->id));
        m_list->SetItem(row, 1, wxString::FromUTF8(member_name(a->client_id)));
        m_list->SetItem(row, 2, wxString::FromUTF8(a->instrument_id));
        m_list->SetItem(row, 3, wxString::FromUTF8(shown_number(a->score.total)));
        m_list->SetItem(row, 4, wxString::FromUTF8(shown_label(a->score.band)));
        m_list->SetItem(row, 5, a->mode == "client_view" ? _("client view") : _("entered"));
        used.insert(a->instrument_id);
    }
    m_instrument->Clear();
    for (const auto& id : used) {
        m_instrument->Append(wxString::FromUTF8(id));
    }
    if (m_instrument_id.empty() && !m_history.empty()) {
        m_instrument_id = m_history.back().instrument_id;
    }
    m_instrument->SetStringSelection(wxString::FromUTF8(m_instrument_id));
    // The latest score of each partner on each instrument, and whether they are on track.
    int on_track_by = std::max(2, std::atoi(m_host.setting("measures.on_track_by", "4").c_str()));
    wxString summary;
    for (const auto& id : used) {
        const Instrument* instrument = m_store.library().find(id);
        if (instrument == nullptr) {
            continue;
        }
        for (const auto& member : m_members) {
            auto points = points_of(m_history, id, member.client_id);
            if (points.empty()) {
                continue;
            }
            Trajectory path = trajectory(*instrument, points, on_track_by);
            // TRANSLATORS: partner, instrument, latest total and its date.
            wxString line =
                wxString::Format(_("%s %s: %s (%s)"), wxString::FromUTF8(member.given_name),
                                 wxString::FromUTF8(instrument->short_title),
                                 wxString::FromUTF8(shown_number(points.back().total)),
                                 day_text(points.back().date));
            summary +=
                (path.status.empty() ? line : line + " - " + wxString::FromUTF8(path.status)) +
                "\n";
        }
    }
    m_summary->SetLabel(summary.empty() ? _("No measures recorded yet.") : summary.Trim());
    wxString flags;
    for (const auto& flag : m_open_flags) {
        flags += wxString::Format(_("Safety flag: %s, %s %s: %s\n"),
                                  wxString::FromUTF8(member_name(flag.client_id)),
                                  wxString::FromUTF8(flag.instrument_id), day_text(flag.date),
                                  wxString::FromUTF8(shown_label(flag.text)));
    }
    m_flags->SetLabel(flags.Trim());
    FindWindow("measures_review_flags")->Show(!m_open_flags.empty());
    show_instrument(m_instrument_id);
    Layout();
}

void MeasuresPanel::show_instrument(const std::string& instrument_id) {
    m_instrument_id = instrument_id;
    const Instrument* instrument =
        instrument_id.empty() ? nullptr : m_store.library().find(instrument_id);
    std::vector<Series> series;
    int on_track_by = std::max(2, std::atoi(m_host.setting("measures.on_track_by", "4").c_str()));
    for (const auto& member : m_members) {
        auto points = points_of(m_history, instrument_id, member.client_id);
        if (instrument == nullptr || points.empty()) {
            continue;
        }
        Trajectory path = trajectory(*instrument, points, on_track_by);
        series.push_back({wxString::FromUTF8(member.full_name()), points, path.marks});
    }
    m_chart->set_data(instrument, std::move(series));
}

ClientView* MeasuresPanel::open_client_view(std::int64_t client_id,
                                            const std::string& instrument_id,
                                            std::int64_t appointment_id, bool full_screen) {
    if (m_view) {
        show_message(_("The client view is open already."), true);
        return nullptr;
    }
    auto usable = m_store.usable(instrument_id);
    if (!usable) {
        show_message(wxString::FromUTF8(usable.error()), true);
        return nullptr;
    }
    std::int64_t unit = m_unit_id;
    std::string name;
    for (const auto& member : m_members) {
        if (member.client_id == client_id) {
            name = member.given_name;
        }
    }
    if (name.empty()) {
        show_message(_("Choose a partner of this unit."), true);
        return nullptr;
    }
    m_view = new ClientView(
        wxGetTopLevelParent(this), **usable, wxString::FromUTF8(name),
        [this, unit, client_id, instrument_id, appointment_id](const Answers& answers) {
            m_view = nullptr;
            NewAdministration request{unit,
                                      client_id,
                                      appointment_id,
                                      instrument_id,
                                      answers,
                                      "client_view",
                                      dyad::datafile::local_today()};
            auto saved = m_store.administer(request, dyad::datafile::local_today());
            if (!saved) {
                show_message(
                    wxString::Format(_("Not saved: %s"), wxString::FromUTF8(saved.error())), true);
            } else {
                show_message(
                    wxString::Format(_("%s saved for %s."), wxString::FromUTF8(instrument_id),
                                     wxString::FromUTF8(member_name(client_id))),
                    false);
                m_instrument_id = instrument_id;
            }
            if (unit == m_unit_id) {
                reload();
            }
            m_host.refresh_panels("measures.summary");  // The Overview card (SDK 1.1).
            // Back to the therapist through the lock screen where someone must unlock it
            // (a signed-in user or the practice's passphrase; SDK 1.1), once the view is gone.
            CallAfter([this] { m_host.lock_window(); });
        },
        [this] {
            m_view = nullptr;
            show_message(_("The client view was ended; nothing was saved."), false);
        },
        full_screen);
    return m_view;
}

bool MeasuresPanel::set_cadence(const Cadence& cadence) {
    auto saved = m_store.set_cadence(cadence);
    show_message(saved ? _("Cadence saved.") : wxString::FromUTF8(saved.error()), !saved);
    return saved.has_value();
}

bool MeasuresPanel::review_flags() {
    if (m_open_flags.empty() ||
        !m_confirm(this, _("Mark the open safety flags of this unit as reviewed with the "
                           "client?"))) {
        return false;
    }
    auto done = m_store.review_unit_flags(m_unit_id, "reviewed in the Measures tab");
    show_message(
        done ? wxString::Format(
                   wxPLURAL("%d flag marked reviewed.", "%d flags marked reviewed.", *done), *done)
             : wxString::FromUTF8(done.error()),
        !done);
    reload();
    return done.has_value();
}

bool MeasuresPanel::void_selected(const std::string& reason) {
    long row = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (row < 0) {
        show_message(_("Choose an administration first."), true);
        return false;
    }
    auto done = m_store.void_administration(m_list->GetItemData(row), reason);
    show_message(done ? _("Administration voided.") : wxString::FromUTF8(done.error()), !done);
    reload();
    return done.has_value();
}

void MeasuresPanel::client_view_dialog() {
    if (m_unit_id == 0 || m_members.empty()) {
        return;
    }
    wxDialog dialog(this, wxID_ANY, _("Answer in the client view"), wxDefaultPosition,
                    wxDefaultSize, wxDEFAULT_DIALOG_STYLE, "measures_client_dialog");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* partner = new wxChoice(&dialog, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0,
                                 wxDefaultValidator, "client_partner");
    for (const auto& member : m_members) {
        partner->Append(wxString::FromUTF8(member.full_name()));
    }
    partner->SetSelection(0);
    auto* instrument = new wxChoice(&dialog, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr,
                                    0, wxDefaultValidator, "client_instrument");
    for (const auto& i : m_store.library().instruments) {
        instrument->Append(wxString::FromUTF8(i.id));
    }
    // What is due today for this unit comes first.
    auto due = m_store.due(dyad::datafile::local_today(), m_unit_id);
    if (due && !due->empty()) {
        instrument->SetStringSelection(wxString::FromUTF8(due->front().instrument_id));
    } else {
        instrument->SetSelection(0);
    }
    sizer->Add(new wxStaticText(&dialog, wxID_ANY, _("Partner")), 0, wxALL, 6);
    sizer->Add(partner, 0, wxEXPAND | wxLEFT | wxRIGHT, 6);
    sizer->Add(new wxStaticText(&dialog, wxID_ANY, _("Instrument")), 0, wxALL, 6);
    sizer->Add(instrument, 0, wxEXPAND | wxLEFT | wxRIGHT, 6);
    sizer->Add(dialog.CreateButtonSizer(wxOK | wxCANCEL), 0, wxALL, 6);
    dialog.SetSizerAndFit(sizer);
    if (dialog.ShowModal() != wxID_OK || partner->GetSelection() == wxNOT_FOUND ||
        instrument->GetSelection() == wxNOT_FOUND) {
        return;
    }
    std::int64_t client = m_members[static_cast<std::size_t>(partner->GetSelection())].client_id;
    std::string id = dyad::ui::utf8(instrument->GetStringSelection());
    std::int64_t appointment = 0;
    for (const auto& d : due ? *due : std::vector<Due>{}) {
        if (d.instrument_id == id && d.client_id == client) {
            appointment = d.appointment_id;
        }
    }
    open_client_view(client, id, appointment);
}

void MeasuresPanel::cadence_dialog() {
    if (m_unit_id == 0) {
        return;
    }
    wxDialog dialog(this, wxID_ANY, _("Measures cadence"), wxDefaultPosition, wxDefaultSize,
                    wxDEFAULT_DIALOG_STYLE, "measures_cadence_dialog");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* instrument = new wxChoice(&dialog, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr,
                                    0, wxDefaultValidator, "cadence_instrument");
    for (const auto& i : m_store.library().instruments) {
        instrument->Append(wxString::FromUTF8(i.id));
    }
    instrument->SetSelection(0);
    auto* who = new wxChoice(&dialog, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0,
                             wxDefaultValidator, "cadence_who");
    who->Append(_("Each partner"));
    for (const auto& member : m_members) {
        who->Append(wxString::FromUTF8(member.full_name()));
    }
    who->SetSelection(0);
    auto* every = new wxSpinCtrl(&dialog, wxID_ANY, "1", wxDefaultPosition, wxDefaultSize,
                                 wxSP_ARROW_KEYS, 1, 366, 1, "cadence_every");
    auto* per = new wxChoice(&dialog, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0,
                             wxDefaultValidator, "cadence_per");
    per->Append(_("sessions"));
    per->Append(_("days"));
    per->SetSelection(0);
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    row->Add(new wxStaticText(&dialog, wxID_ANY, _("Every")), 0, wxALIGN_CENTER_VERTICAL);
    row->Add(every, 0, wxLEFT | wxRIGHT, 6);
    row->Add(per);
    sizer->Add(instrument, 0, wxEXPAND | wxALL, 6);
    sizer->Add(who, 0, wxEXPAND | wxALL, 6);
    sizer->Add(row, 0, wxALL, 6);
    sizer->Add(dialog.CreateButtonSizer(wxOK | wxCANCEL), 0, wxALL, 6);
    dialog.SetSizerAndFit(sizer);
    if (dialog.ShowModal() != wxID_OK) {
        return;
    }
    Cadence cadence;
    cadence.unit_id = m_unit_id;
    cadence.instrument_id = dyad::ui::utf8(instrument->GetStringSelection());
    int person = who->GetSelection();
    cadence.respondent_id =
        person > 0 ? m_members[static_cast<std::size_t>(person - 1)].client_id : 0;
    (per->GetSelection() == 0 ? cadence.every_sessions : cadence.every_days) = every->GetValue();
    set_cadence(cadence);
}

ReportInput MeasuresPanel::report_input(bool clinician) {
    ReportInput input;
    input.history = m_history;
    for (const auto& member : m_members) {
        input.names[member.client_id] = member.full_name();
    }
    m_host.core()->get_unit(
        m_host.raw(), m_unit_id,
        [](void* user, const dyad_unit_info* info) {
            *static_cast<std::string*>(user) = info->display_name;
        },
        &input.unit_name);
    input.clinician = clinician;
    input.on_track_by = std::max(2, std::atoi(m_host.setting("measures.on_track_by", "4").c_str()));
    return input;
}

bool MeasuresPanel::print(bool preview) {
    if (m_unit_id == 0) {
        return false;
    }
    auto pages =
        measures_pages(m_store.library(), report_input(true), dyad::datafile::local_today());
    if (!pages) {
        show_message(wxString::Format(_("Not printed: %s"), wxString::FromUTF8(pages.error())),
                     true);
        return true;
    }
    std::int64_t unit = m_unit_id;
    dyad::ui::print_pages(this, std::move(*pages), _("Outcome measures"), preview,
                          [host = m_host, unit](const std::string& format) {
                              (void)host.core()->record_export(
                                  host.raw(), "unit", unit,
                                  ("measures-" + format + "-clinician").c_str());
                          });
    return true;
}

void MeasuresPanel::files_dialog(bool pdf) {
    if (m_unit_id == 0) {
        return;
    }
    wxArrayString audiences;
    audiences.Add(_("For the clinician (with safety flags)"));
    audiences.Add(_("To share with the couple (no safety flags, no risk items)"));
    int audience =
        wxGetSingleChoiceIndex(_("Who is this copy for?"), _("Measures"), audiences, 0, this);
    if (audience < 0) {
        return;
    }
    int format = 0;
    if (!pdf) {
        wxArrayString formats;
        formats.Add("FHIR R4 (JSON)");
        formats.Add("CSV");
        format = wxGetSingleChoiceIndex(_("Format"), _("Export measures"), formats, 0, this);
        if (format < 0) {
            return;
        }
    }
    wxFileDialog save(this, pdf ? _("Save the measures report") : _("Export measures"), "",
                      pdf ? "measures.pdf" : (format == 0 ? "measures.json" : "measures.csv"),
                      pdf ? _("PDF files (*.pdf)|*.pdf") : wxString("*.*|*.*"),
                      wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (save.ShowModal() != wxID_OK) {
        return;
    }
    std::string path = dyad::ui::utf8(save.GetPath());
    ReportInput input = report_input(audience == 0);
    std::string error;
    if (pdf) {
        auto pages = measures_pdf(m_store.library(), input, path, dyad::datafile::local_today());
        error = pages ? "" : pages.error();
    } else {
        std::string text =
            format == 1
                ? measures_csv(m_store.library(), input)
                : measures_fhir(m_store.library(), input, dyad::datafile::now_utc(), [] {
                      return Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
                  });
        error = dyad::datafile::write_file_atomically(path, text);
    }
    if (!error.empty()) {
        show_message(wxString::FromUTF8(error), true);
        return;
    }
    std::string kind = std::string("measures-") +
                       (pdf           ? "pdf"
                        : format == 0 ? "fhir"
                                      : "csv") +
                       (audience == 0 ? "-clinician" : "-couple");
    (void)m_host.core()->record_export(m_host.raw(), "unit", m_unit_id, kind.c_str());
    show_message(wxString::Format(_("Written to %s."), save.GetPath()), false);
}

}  // namespace dyad::measures
