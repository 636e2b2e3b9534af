// dyad.records: client records. This first part holds progress and psychotherapy notes:
// templates from data files, drafts that autosave, signing, amendments, search; in the GUI (the
// Notes tab of a client unit) and in `dyadctl records ...`.
#include <wx/button.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/dialog.h>
#include <wx/filedlg.h>
#include <wx/msgdlg.h>
#include <wx/progdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/utils.h>

#include <confirm_dialog.h>
#include <dyad_mail_reminders.h>
#include <print_pages.h>
#include <time_text.h>
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <dyad/db.hpp>
#include <dyad/plugin.hpp>
#include <dyad/show.hpp>
#include <dyad/show_wx.hpp>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <stdexcept>

#include "include/dyad_records_diagnoses.h"
#include "src/chart_glance.h"
#include "src/cli.h"
#include "src/clients.h"
#include "src/csv_import.h"
#include "src/demo.h"
#include "src/labels.h"
#include "src/notes.h"
#include "src/plans.h"
#include "src/records.h"
#include "src/schedule.h"
#include "src/schema.h"
#include "src/units.h"
#include "ui/clients_panel.h"
#include "ui/diagnoses_panel.h"
#include "ui/notes_panel.h"
#include "ui/plan_panel.h"
#include "ui/schedule_panel.h"
#include "ui/search_panel.h"
#include "ui/week_panel.h"

namespace dyad::records_plugin {
namespace {

using dyad::sdk::CliOutput;

using dyad::show::DateStyle;
using dyad::show::tr;
using dyad::ui::confirm;

// "3 clients", "2 units": parts of the import's sentences.
wxString clients_text(std::size_t count) {
    return wxString::Format(wxPLURAL("%zu client", "%zu clients", static_cast<unsigned>(count)),
                            count);
}

wxString units_text(std::size_t count) {
    return wxString::Format(wxPLURAL("%zu unit", "%zu units", static_cast<unsigned>(count)), count);
}

class RecordsPlugin : public dyad::sdk::Plugin {
  public:
    explicit RecordsPlugin(dyad::sdk::Host host) : Plugin(with_language(host)), m_records(host) {
        for (const auto& problem : m_records.problems) {
            host.log(DYAD_LOG_WARNING, problem);
        }
        add_panel(
            DYAD_PANEL_UNIT, "records.clients", tr("Clients").c_str(), 10,
            [this](void* parent) {
                return static_cast<void*>(
                    new ClientsPanel(static_cast<wxWindow*>(parent), m_records.clients, &confirm));
            },
            [](void* window, std::int64_t unit_id) {
                static_cast<ClientsPanel*>(window)->show_unit(unit_id);
            },
            {}, DYAD_RECORDS_DEMOGRAPHICS, nullptr, {}, "chart");
        add_panel(
            DYAD_PANEL_UNIT, "records.notes", tr("Notes").c_str(), 20,
            [this](void* parent) {
                return static_cast<void*>(new NotesPanel(static_cast<wxWindow*>(parent),
                                                         this->host(), m_records.notes,
                                                         m_records.templates, &confirm));
            },
            [](void* window, std::int64_t unit_id) {
                static_cast<NotesPanel*>(window)->show_unit(unit_id);
            },
            {}, DYAD_RECORDS_CLINICAL, nullptr, print_chart(), "chart");
        add_panel(
            DYAD_PANEL_UNIT, "records.plan", tr("Plan").c_str(), 30,
            [this](void* parent) {
                return static_cast<void*>(new PlanPanel(static_cast<wxWindow*>(parent),
                                                        this->host(), m_records.plans,
                                                        m_records.plan_templates, &confirm));
            },
            [](void* window, std::int64_t unit_id) {
                static_cast<PlanPanel*>(window)->show_unit(unit_id);
            },
            {}, DYAD_RECORDS_CLINICAL, nullptr, print_chart(), "chart");
        add_panel(
            DYAD_PANEL_UNIT, "records.diagnoses", tr("Diagnoses").c_str(), 35,
            [this](void* parent) {
                return static_cast<void*>(new DiagnosesPanel(static_cast<wxWindow*>(parent),
                                                             this->host(), m_records.diagnoses,
                                                             m_records.codes, &confirm));
            },
            [](void* window, std::int64_t unit_id) {
                static_cast<DiagnosesPanel*>(window)->show_unit(unit_id);
            },
            {}, DYAD_RECORDS_CLINICAL, nullptr, print_chart(), "chart");
        add_panel(
            DYAD_PANEL_UNIT, "records.schedule", tr("Schedule").c_str(), 15,
            [this](void* parent) {
                return static_cast<void*>(new SchedulePanel(
                    static_cast<wxWindow*>(parent), m_records.schedule, reminders_column()));
            },
            [](void* window, std::int64_t unit_id) {
                static_cast<SchedulePanel*>(window)->show_unit(unit_id);
            },
            {}, DYAD_RECORDS_SCHEDULE, nullptr, {}, "chart");
        add_panel(
            DYAD_PANEL_UNIT_SUMMARY, "records.chart", tr("Chart").c_str(), 10,
            [](void* parent) {
                return static_cast<void*>(new wxStaticText(static_cast<wxWindow*>(parent), wxID_ANY,
                                                           "", wxDefaultPosition, wxDefaultSize, 0,
                                                           "records_chart_card"));
            },
            [this](void* window, std::int64_t unit_id) {
                auto* label = static_cast<wxStaticText*>(window);
                label->SetLabel(wxString::FromUTF8(chart_card(unit_id)));
                label->Wrap(330);
            },
            {}, DYAD_RECORDS_CLINICAL, nullptr, print_chart());
        add_panel(
            DYAD_PANEL_DASHBOARD, "records.drafts", tr("Notes to sign").c_str(), 20,
            [](void* parent) {
                return static_cast<void*>(new wxStaticText(static_cast<wxWindow*>(parent), wxID_ANY,
                                                           "", wxDefaultPosition, wxDefaultSize, 0,
                                                           "records_drafts"));
            },
            {},
            [this](void* window) {
                auto drafts = m_records.notes.drafts_to_sign();
                auto count = drafts ? static_cast<long long>(drafts->first) : 0LL;
                wxString text =
                    !drafts ? wxString(_("Could not be read."))
                    : count == 0
                        ? wxString(_("Every note is signed."))
                        : wxString::Format(wxPLURAL("%lld draft note to sign, from %s.",
                                                    "%lld draft notes to sign, the oldest from %s.",
                                                    static_cast<unsigned>(count)),
                                           count,
                                           wxString::FromUTF8(dyad::show::date(
                                               drafts->second, DateStyle::Compact)));
                static_cast<wxStaticText*>(window)->SetLabel(text);
            },
            DYAD_RECORDS_CLINICAL);
        add_panel(
            DYAD_PANEL_PRACTICE, "records.search", tr("Find in Records").c_str(), 10,
            [this](void* parent) {
                return static_cast<void*>(
                    new SearchPanel(static_cast<wxWindow*>(parent), this->host(), m_records.notes));
            },
            {}, {}, DYAD_RECORDS_CLINICAL);
        add_panel(
            DYAD_PANEL_PRACTICE, "records.week", tr("Week Calendar").c_str(), 20,
            [this](void* parent) {
                return static_cast<void*>(new WeekPanel(static_cast<wxWindow*>(parent),
                                                        this->host(), m_records.schedule));
            },
            {}, [](void* window) { static_cast<WeekPanel*>(window)->reload(); },
            DYAD_RECORDS_SCHEDULE);
        add_command(
            "records.ics", tr("Export &Calendar (.ics)...").c_str(), "Session", "Ctrl+Shift+I",
            tr("Save the next 26 weeks of sessions as an iCalendar file, without client names or "
               "notes")
                .c_str(),
            10, false, [this](std::int64_t) { export_calendar_dialog(); }, DYAD_RECORDS_SCHEDULE);
        add_command(
            "records.unit-from-clients", tr("New Unit from &Existing Clients...").c_str(), "Client",
            "Ctrl+Shift+U",
            tr("Make a couple, family or group from clients already on file").c_str(), 5, false,
            [this](std::int64_t) { new_unit_dialog(); }, DYAD_RECORDS_DEMOGRAPHICS);
        add_command(
            "records.import-csv", tr("&Import Clients from CSV...").c_str(), "Client",
            "Ctrl+Shift+M",
            tr("Add clients, couples and families from a CSV file, after a dry run that lists "
               "every problem")
                .c_str(),
            6, false, [this](std::int64_t) { import_dialog(); }, DYAD_RECORDS_DEMOGRAPHICS);
        add_command(
            "records.export-csv", tr("Export &Chart (CSV)...").c_str(), "Client", "Ctrl+Shift+E",
            tr("Save the selected unit's chart (members, sessions, notes, plan) as CSV").c_str(),
            20, true, [this](std::int64_t unit_id) { export_chart_dialog(unit_id, "csv"); },
            DYAD_RECORDS_CLINICAL);
        add_command(
            "records.export-pdf", tr("Chart &Summary (PDF)...").c_str(), "Client", "Ctrl+Shift+R",
            tr("Save a printable summary of the selected unit's chart as PDF").c_str(), 22, true,
            [this](std::int64_t unit_id) { export_chart_dialog(unit_id, "pdf"); },
            DYAD_RECORDS_CLINICAL);
        add_command(
            "records.export-fhir", tr("Export Chart (&FHIR R4)...").c_str(), "Client",
            "Ctrl+Shift+X",
            tr("Save the selected unit's chart as a FHIR R4 Bundle for another health record "
               "system")
                .c_str(),
            21, true, [this](std::int64_t unit_id) { export_chart_dialog(unit_id, "fhir"); },
            DYAD_RECORDS_CLINICAL);
        add_cli_command("records", "client records: clients, schedule, notes, plans and search",
                        records_cli_usage(),
                        [this](const std::vector<std::string>& args, const CliOutput& output) {
                            return run_records_cli(m_records, args, output);
                        });
        // Dyad's search (Edit > Find in All Records) finds words in progress notes and their
        // amendments; psychotherapy notes never (notes.h).
        provide_search(
            DYAD_RECORDS_CLINICAL, tr("Notes"), [this](const std::string& query, int limit) {
                auto hits = m_records.notes.search(query, Include::ProgressOnly, limit);
                if (!hits) {
                    throw std::runtime_error(hits.error());
                }
                std::vector<dyad::sdk::SearchHit> found;
                for (const auto& hit : *hits) {
                    found.push_back(
                        {hit.unit_id,
                         dyad::show::fill(tr("Note of {date}"), "date",
                                          dyad::show::date(hit.session_date, DateStyle::Compact)),
                         hit.snippet, "records.notes"});
                }
                return found;
            });
        // The demo practice's notes, diagnoses and plans (src/demo.h).
        provide_demo(
            [this](const dyad::sdk::DemoRequest& request) { fill_demo(m_records, request); });
    }

    const dyad_schema_v1* schema() const override { return records_schema(); }

    // What other plugins may ask for (include/dyad_records_diagnoses.h).
    const void* extension(const char* id) const override {
        return std::string(id) == DYAD_RECORDS_DIAGNOSES_EXTENSION ? &m_diagnoses_table : nullptr;
    }

  private:
    // The language people chose, before anything is read: the data files (note and plan
    // templates) are read in it, and the chart summary PDF is written in it.
    static dyad::sdk::Host with_language(dyad::sdk::Host host) {
        dyad::show::use_wx_translations();
        return host;
    }

    // The schedule's Reminders column when the mail plugin runs (dyad_mail_reminders.h).
    std::function<std::string(std::int64_t)> reminders_column() const {
        const auto* mail = host().plugin_extension<dyad_mail_reminders_v1>(
            "dyad.mail", DYAD_MAIL_REMINDERS_EXTENSION);
        if (mail == nullptr || mail->struct_size < sizeof(dyad_mail_reminders_v1)) {
            return {};
        }
        return [mail](std::int64_t appointment_id) {
            char state[64] = {};
            return mail->appointment_state(mail->self, appointment_id, state, sizeof state) ==
                           DYAD_OK
                       ? std::string(state)
                       : std::string();
        };
    }

    // The Overview card: the chart at a glance (src/chart_glance.h). Notes are read as progress
    // notes only: a psychotherapy note's existence is not shown on the Overview.
    std::string chart_card(std::int64_t unit_id) {
        if (unit_id == 0) {
            return "";
        }
        auto notes = m_records.notes.notes_for_unit(unit_id, Include::ProgressOnly);
        auto diagnoses = m_records.diagnoses.for_unit(unit_id);
        auto plans = m_records.plans.plans_for_unit(unit_id);
        if (!notes || !diagnoses || !plans) {
            return tr("Could not be read.");
        }
        return chart_glance(*notes, *diagnoses, *plans, dyad::datafile::local_today());
    }

    static int diagnoses_for_client(void* self, std::int64_t client_id,
                                    dyad_records_diagnosis_visitor visit, void* user) {
        auto* plugin = static_cast<RecordsPlugin*>(self);
        int code = DYAD_ERROR;
        dyad::sdk::detail::guarded(plugin->host(), "listing diagnoses", [&] {
            const auto& host = plugin->host();
            if (!host.may(DYAD_RECORDS_CLINICAL) && !host.may(DYAD_RECORDS_BILLING)) {
                code = DYAD_DENIED;
                return;
            }
            auto found = plugin->m_records.diagnoses.for_client(client_id);
            if (!found) {
                return;
            }
            for (const auto& diagnosis : *found) {
                dyad_records_diagnosis row{sizeof(dyad_records_diagnosis), diagnosis.code.c_str(),
                                           diagnosis.status.c_str(), diagnosis.onset_date.c_str(),
                                           diagnosis.unit_id};
                if (visit(user, &row) != 0) {
                    break;
                }
            }
            code = DYAD_OK;
        });
        return code;
    }

    // File > Print on the Notes, Plan and Diagnoses tabs and the Overview's Chart card: the
    // selected unit's chart summary (progress notes only), drawn in memory, through the print
    // dialog; audited as an export ("print", or "pdf" to a file) once it is printed.
    PrintHandler print_chart() {
        return [this](void* window, bool preview) {
            const auto* ui = host().ui();
            std::int64_t unit = ui != nullptr ? ui->selected_unit(host().raw()) : 0;
            if (unit == 0) {
                return false;
            }
            auto* owner = static_cast<wxWindow*>(window);
            auto pages = m_records.chart_print_pages(unit);
            if (!pages) {
                wxMessageBox(wxString::Format(_("The chart summary could not be prepared: %s"),
                                              wxString::FromUTF8(pages.error())),
                             _("Print"), wxOK | wxICON_ERROR, owner);
                return true;
            }
            dyad::ui::print_pages(owner, std::move(*pages), _("Chart summary"), preview,
                                  [this, unit](const std::string& format) {
                                      (void)host().core()->record_export(host().raw(), "unit", unit,
                                                                         format.c_str());
                                  });
            return true;
        };
    }

    // format: "csv", "fhir" or "pdf". Psychotherapy notes are left out of exports made from
    // the menu.
    void export_chart_dialog(std::int64_t unit_id, const std::string& format) {
        auto* parent = static_cast<wxWindow*>(host().ui()->main_window(host().raw()));
        struct Kind {
            const char* format;
            wxString title, file, filter;
        } kinds[] = {
            {"csv", _("Export the chart as CSV"), "chart.csv", _("CSV files (*.csv)|*.csv")},
            {"fhir", _("Export the chart as FHIR"), "chart.fhir.json",
             _("FHIR JSON files (*.json)|*.json")},
            {"pdf", _("Save a chart summary as PDF"), "chart-summary.pdf",
             _("PDF files (*.pdf)|*.pdf")},
        };
        const Kind* kind = &kinds[0];
        for (const auto& k : kinds) {
            if (format == k.format) {
                kind = &k;
            }
        }
        wxFileDialog dialog(parent, kind->title, "", kind->file, kind->filter,
                            wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
        if (dialog.ShowModal() != wxID_OK) {
            return;
        }
        std::string path = dialog.GetPath().ToStdString(wxConvUTF8);
        std::string error;
        if (format == "pdf") {
            wxBusyCursor busy;
            auto pages = m_records.chart_pdf_file(unit_id, Include::ProgressOnly, path);
            error = pages ? std::string() : pages.error();
        } else {
            auto text = format == "csv" ? m_records.chart_csv_text(unit_id, Include::ProgressOnly)
                                        : m_records.chart_fhir_text(unit_id, Include::ProgressOnly);
            error = text ? write_file_atomically(path, *text) : text.error();
        }
        wxString status = error.empty()
                              ? _("Chart exported (psychotherapy notes left out).")
                              : wxString::Format(_("Not exported: %s"), wxString::FromUTF8(error));
        host().ui()->set_status(host().raw(), status.utf8_str());
    }

    // Client > Import Clients from CSV: choose a file, see the dry run's findings, then import
    // with a progress bar that can cancel (which undoes the import).
    void import_dialog() {
        auto* parent = static_cast<wxWindow*>(host().ui()->main_window(host().raw()));
        wxFileDialog choose(parent, _("Import clients from a CSV file"), "", "",
                            _("CSV files (*.csv)|*.csv|All files|*"),
                            wxFD_OPEN | wxFD_FILE_MUST_EXIST);
        if (choose.ShowModal() != wxID_OK) {
            return;
        }
        std::ifstream in(choose.GetPath().ToStdString(wxConvUTF8), std::ios::binary);
        if (!in) {
            host().ui()->set_status(host().raw(), _("The file could not be read.").utf8_str());
            return;
        }
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        ImportPlan plan = plan_import(text, host());
        wxDialog review(parent, wxID_ANY, _("Import Clients: Dry Run"), wxDefaultPosition,
                        wxSize(640, 420), wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER,
                        "import_review");
        // TRANSLATORS: "3 clients in 2 units."
        wxString summary = wxString::Format(_("%s in %s."), clients_text(plan.clients.size()),
                                            units_text(plan.units.size()));
        summary += plan.can_import()
                       ? _(" Nothing has been written yet.")
                       : _(" Fix the problems below in the file; nothing was imported.");
        auto* findings = new wxTextCtrl(
            &review, wxID_ANY,
            plan.problems.empty() ? _("No problems found.") : wxString::FromUTF8(plan.report()),
            wxDefaultPosition, wxDefaultSize, wxTE_MULTILINE | wxTE_READONLY | wxTE_DONTWRAP,
            wxDefaultValidator, "import_findings");
        auto* sizer = new wxBoxSizer(wxVERTICAL);
        sizer->Add(new wxStaticText(&review, wxID_ANY, summary), 0, wxALL, 8);
        sizer->Add(findings, 1, wxEXPAND | wxLEFT | wxRIGHT, 8);
        auto* buttons = new wxStdDialogButtonSizer();
        auto* go = new wxButton(&review, wxID_OK, _("&Import"));
        go->Enable(plan.can_import());
        buttons->AddButton(go);
        buttons->AddButton(new wxButton(&review, wxID_CANCEL));
        buttons->Realize();
        sizer->Add(buttons, 0, wxEXPAND | wxALL, 8);
        review.SetSizer(sizer);
        if (review.ShowModal() != wxID_OK) {
            return;
        }
        wxProgressDialog progress(_("Importing clients"), _("Importing..."),
                                  static_cast<int>(plan.clients.size() + plan.units.size()), parent,
                                  wxPD_APP_MODAL | wxPD_CAN_ABORT | wxPD_AUTO_HIDE);
        auto imported = run_import(plan, host(), [&](std::size_t done, std::size_t) {
            return progress.Update(static_cast<int>(done));
        });
        wxString status =
            imported
                ? wxString::Format(
                      // TRANSLATORS: "Imported 3 clients in 2 units."
                      _("Imported %s in %s."), clients_text(imported->clients.size()),
                      units_text(imported->units.size()))
                : wxString::Format(_("Not imported: %s"), wxString::FromUTF8(imported.error()));
        host().ui()->set_status(host().raw(), status.utf8_str());
    }

    void new_unit_dialog() {
        auto* parent = static_cast<wxWindow*>(host().ui()->main_window(host().raw()));
        wxDialog dialog(parent, wxID_ANY, _("New Unit from Existing Clients"), wxDefaultPosition,
                        wxSize(460, 480), wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER,
                        "unit_from_clients");
        auto* kind = new wxChoice(&dialog, wxID_ANY);
        const std::vector<std::string> kinds = {"couple", "family", "group"};
        for (const auto& name : kinds) {
            kind->Append(wxString::FromUTF8(unit_kind_label(name)));
        }
        kind->SetSelection(0);
        auto* search = new wxTextCtrl(&dialog, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0,
                                      wxDefaultValidator, "unit_clients_search");
        search->SetHint(_("First letters of a name"));
        auto* clients = new wxCheckListBox(&dialog, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0,
                                           nullptr, 0, wxDefaultValidator, "unit_clients");
        auto* error = new wxStaticText(&dialog, wxID_ANY, "");
        error->SetForegroundColour(wxColour(176, 0, 32));
        std::vector<ClientChoice> shown;
        std::set<std::int64_t> chosen;
        auto fill = [&] {
            for (unsigned i = 0; i < clients->GetCount(); ++i) {
                if (clients->IsChecked(i)) {
                    chosen.insert(shown[i].id);
                } else {
                    chosen.erase(shown[i].id);
                }
            }
            auto found = find_clients(dyad::sdk::Database(host()),
                                      search->GetValue().ToStdString(wxConvUTF8), 200);
            clients->Clear();
            shown = found ? *found : std::vector<ClientChoice>{};
            for (unsigned i = 0; i < shown.size(); ++i) {
                std::string label = shown[i].name;
                if (!shown[i].date_of_birth.empty()) {
                    label +=
                        " (" + dyad::show::date(shown[i].date_of_birth, DateStyle::Compact) + ")";
                }
                clients->Append(wxString::FromUTF8(label));
                clients->Check(i, chosen.count(shown[i].id) > 0);
            }
        };
        fill();
        search->Bind(wxEVT_TEXT, [&](wxCommandEvent&) { fill(); });
        auto* sizer = new wxBoxSizer(wxVERTICAL);
        sizer->Add(kind, 0, wxEXPAND | wxALL, 8);
        sizer->Add(search, 0, wxEXPAND | wxLEFT | wxRIGHT, 8);
        sizer->Add(clients, 1, wxEXPAND | wxALL, 8);
        sizer->Add(error, 0, wxLEFT | wxRIGHT, 8);
        sizer->Add(dialog.CreateSeparatedButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, 8);
        dialog.SetSizer(sizer);
        std::int64_t created_unit = 0;
        dialog.Bind(
            wxEVT_BUTTON,
            [&](wxCommandEvent&) {
                fill();  // Collects the ticks of the list as shown.
                std::vector<std::int64_t> members(chosen.begin(), chosen.end());
                std::string kind_name =
                    kinds[static_cast<std::size_t>(std::max(0, kind->GetSelection()))];
                auto created = create_unit_from_clients(host(), kind_name, members,
                                                        default_roles(kind_name, members.size()));
                if (!created) {
                    error->SetLabel(wxString::FromUTF8(created.error()));
                    return;
                }
                created_unit = *created;
                dialog.EndModal(wxID_OK);
            },
            wxID_OK);
        if (dialog.ShowModal() == wxID_OK && created_unit != 0) {
            host().ui()->select_unit(host().raw(), created_unit);
        }
    }

    void export_calendar_dialog() {
        auto* parent = static_cast<wxWindow*>(host().ui()->main_window(host().raw()));
        wxFileDialog dialog(parent, _("Export the schedule"), "", "dyad-schedule.ics",
                            _("iCalendar files (*.ics)|*.ics"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
        if (dialog.ShowModal() != wxID_OK) {
            return;
        }
        auto text = m_records.calendar_text(utc_days_from_now(-1), utc_days_from_now(26 * 7));
        std::string error =
            text ? write_file_atomically(dialog.GetPath().ToStdString(wxConvUTF8), *text)
                 : text.error();
        wxString status = error.empty()
                              ? _("Schedule exported.")
                              : wxString::Format(_("Not exported: %s"), wxString::FromUTF8(error));
        host().ui()->set_status(host().raw(), status.utf8_str());
    }

    Records m_records;
    const dyad_records_diagnoses_v1 m_diagnoses_table{sizeof(dyad_records_diagnoses_v1), this,
                                                      &RecordsPlugin::diagnoses_for_client};
};

}  // namespace
}  // namespace dyad::records_plugin

DYAD_PLUGIN_USES(
    dyad::records_plugin::RecordsPlugin, "dyad.records",
    dyad::show::marked("plugin name", "Client Records"), "Dyad", "0.1.0",
    dyad::show::marked(
        "plugin description",
        "Progress and psychotherapy notes with templates, signing, amendments and search"),
    "dyad.db/1 dyad.core/1 dyad.ui/1 dyad.cli/1 dyad.paths/1 dyad.people/1 "
    "core:clients:read core:clients:write core:units:read core:units:write "
    "core:appointments:read core:appointments:write files plugin:dyad.mail")
