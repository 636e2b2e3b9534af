// dyad.records: client records. This first part holds progress and psychotherapy notes:
// templates from data files, drafts that autosave, signing, amendments, search; in the GUI (the
// Notes tab of a client unit) and in `dyadctl records ...`.
#include <wx/button.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/dialog.h>
#include <wx/filedlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <dyad/db.hpp>
#include <dyad/json.hpp>
#include <dyad/plugin.hpp>
#include <fstream>
#include <map>
#include <set>

#include "src/chart_export.h"
#include "src/clients.h"
#include "src/notes.h"
#include "src/plans.h"
#include "src/schedule.h"
#include "src/schema.h"
#include "src/units.h"
#include "ui/clients_panel.h"
#include "ui/notes_panel.h"
#include "ui/plan_panel.h"
#include "ui/schedule_panel.h"
#include "ui/search_panel.h"
#include "ui/week_panel.h"

namespace dyad::records_plugin {
namespace {

using dyad::sdk::CliOutput;
using dyad::sdk::json_string;

constexpr const char* kUsage =
    "records templates [--json]\n"
    "  records clients --unit ID [--json]\n"
    "  records plans --unit ID [--json]\n"
    "  records book --unit ID --start 'YYYY-MM-DD HH:MM' [--minutes N] [--type T]\n"
    "               [--location L | --telehealth] [--repeat weekly|biweekly --count N]\n"
    "  records sessions --unit ID [--json]\n"
    "  records session-edit ID --type T [--location L | --telehealth] [--series]\n"
    "  records ics [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--out FILE]\n"
    "  records export --unit ID --format csv [--out FILE] [--include-psychotherapy]\n"
    "  records find-clients [PREFIX]\n"
    "  records unit-new --kind couple|family|group --clients ID,ID[,...]\n"
    "  records plan-new --unit ID [--template imago|standard] TITLE\n"
    "  records notes --unit ID [--all] [--json]\n"
    "  records note-new --unit ID --template ID [--date YYYY-MM-DD]\n"
    "  records note-set NOTE SECTION TEXT\n"
    "  records note-sign NOTE\n"
    "  records note-amend NOTE REASON TEXT\n"
    "  records note-show NOTE [--json]\n"
    "  records search WORDS [--all] [--json]";

// Splits "--name value" options and flags from positional words.
struct Arguments {
    std::vector<std::string> words;
    std::map<std::string, std::string> options;
    bool flag(const std::string& name) const { return options.count(name) > 0; }
    std::string option(const std::string& name) const {
        auto found = options.find(name);
        return found == options.end() ? std::string() : found->second;
    }
};

Arguments parse(const std::vector<std::string>& args) {
    static const std::vector<std::string> with_value = {
        "--unit", "--template", "--date",   "--start", "--minutes",
        "--type", "--location", "--repeat", "--count", "--from",
        "--to",   "--out",      "--format", "--kind",  "--clients"};
    Arguments parsed;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg.rfind("--", 0) == 0) {
            bool takes_value =
                std::find(with_value.begin(), with_value.end(), arg) != with_value.end();
            parsed.options[arg] = takes_value && i + 1 < args.size() ? args[++i] : "";
        } else {
            parsed.words.push_back(arg);
        }
    }
    return parsed;
}

std::int64_t to_id(const std::string& text) {
    try {
        std::size_t used = 0;
        long long value = std::stoll(text, &used);
        return used == text.size() ? static_cast<std::int64_t>(value) : 0;
    } catch (...) {
        return 0;
    }
}

std::string today() {
    std::time_t now = std::time(nullptr);
    std::tm parts{};
    localtime_r(&now, &parts);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &parts);
    return text;
}

// A plain wx dialog rather than the native message box: same look, reachable by keyboard, and
// GUI tests can answer it.
bool confirm(wxWindow* owner, const wxString& question) {
    wxDialog dialog(owner, wxID_ANY, _("Please confirm"), wxDefaultPosition, wxDefaultSize,
                    wxDEFAULT_DIALOG_STYLE, "confirm_dialog");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(new wxStaticText(&dialog, wxID_ANY, question), 0, wxALL, 16);
    auto* buttons = new wxStdDialogButtonSizer();
    buttons->AddButton(new wxButton(&dialog, wxID_YES, _("&Yes")));
    auto* no = new wxButton(&dialog, wxID_NO, _("&No"));
    buttons->AddButton(no);
    buttons->Realize();
    sizer->Add(buttons, 0, wxEXPAND | wxALL, 12);
    dialog.SetSizerAndFit(sizer);
    no->SetDefault();  // Destructive steps are never the default.
    dialog.SetEscapeId(wxID_NO);
    dialog.Bind(
        wxEVT_BUTTON, [&](wxCommandEvent&) { dialog.EndModal(wxID_YES); }, wxID_YES);
    dialog.Bind(
        wxEVT_BUTTON, [&](wxCommandEvent&) { dialog.EndModal(wxID_NO); }, wxID_NO);
    return dialog.ShowModal() == wxID_YES;
}

class RecordsPlugin : public dyad::sdk::Plugin {
  public:
    explicit RecordsPlugin(dyad::sdk::Host host)
        : Plugin(host),
          m_store(dyad::sdk::Database(host)),
          m_clients(host),
          m_plans(dyad::sdk::Database(host)),
          m_schedule(host) {
        m_templates = load_note_templates(host.resource_folders());
        for (const auto& problem : m_templates.problems) {
            host.log(DYAD_LOG_WARNING, "note template refused: " + problem);
        }
        std::vector<std::string> plan_problems;
        m_plan_templates = load_plan_templates(host.resource_folders(), plan_problems);
        for (const auto& problem : plan_problems) {
            host.log(DYAD_LOG_WARNING, "plan template refused: " + problem);
        }
        add_panel(
            DYAD_PANEL_UNIT, "records.clients", "Clients", 10,
            [this](void* parent) {
                return static_cast<void*>(
                    new ClientsPanel(static_cast<wxWindow*>(parent), m_clients, &confirm));
            },
            [](void* window, std::int64_t unit_id) {
                static_cast<ClientsPanel*>(window)->show_unit(unit_id);
            });
        add_panel(
            DYAD_PANEL_UNIT, "records.notes", "Notes", 20,
            [this](void* parent) {
                return static_cast<void*>(new NotesPanel(
                    static_cast<wxWindow*>(parent), this->host(), m_store, m_templates, &confirm));
            },
            [](void* window, std::int64_t unit_id) {
                static_cast<NotesPanel*>(window)->show_unit(unit_id);
            });
        add_panel(
            DYAD_PANEL_UNIT, "records.plan", "Plan", 30,
            [this](void* parent) {
                return static_cast<void*>(new PlanPanel(static_cast<wxWindow*>(parent),
                                                        this->host(), m_plans, m_plan_templates,
                                                        &confirm));
            },
            [](void* window, std::int64_t unit_id) {
                static_cast<PlanPanel*>(window)->show_unit(unit_id);
            });
        add_panel(
            DYAD_PANEL_UNIT, "records.schedule", "Schedule", 15,
            [this](void* parent) {
                return static_cast<void*>(
                    new SchedulePanel(static_cast<wxWindow*>(parent), m_schedule));
            },
            [](void* window, std::int64_t unit_id) {
                static_cast<SchedulePanel*>(window)->show_unit(unit_id);
            });
        add_panel(
            DYAD_PANEL_DASHBOARD, "records.drafts", "Notes to sign", 20,
            [](void* parent) {
                return static_cast<void*>(new wxStaticText(static_cast<wxWindow*>(parent), wxID_ANY,
                                                           "", wxDefaultPosition, wxDefaultSize, 0,
                                                           "records_drafts"));
            },
            {},
            [this](void* window) {
                auto drafts = m_store.drafts_to_sign();
                wxString text = !drafts ? wxString(_("Could not be read."))
                                : drafts->first == 0
                                    ? wxString(_("Every note is signed."))
                                    : wxString::Format(_("%lld draft note(s) to sign, the "
                                                         "oldest from %s."),
                                                       static_cast<long long>(drafts->first),
                                                       wxString::FromUTF8(drafts->second));
                static_cast<wxStaticText*>(window)->SetLabel(text);
            });
        add_panel(DYAD_PANEL_PRACTICE, "records.search", "Find in Records", 10,
                  [this](void* parent) {
                      return static_cast<void*>(
                          new SearchPanel(static_cast<wxWindow*>(parent), this->host(), m_store));
                  });
        add_panel(
            DYAD_PANEL_PRACTICE, "records.week", "Week Calendar", 20,
            [this](void* parent) {
                return static_cast<void*>(
                    new WeekPanel(static_cast<wxWindow*>(parent), this->host(), m_schedule));
            },
            {}, [](void* window) { static_cast<WeekPanel*>(window)->reload(); });
        add_command("records.ics", "Export &Calendar (.ics)...", "Session", "Ctrl+Shift+I",
                    "Save the next 26 weeks of sessions as an iCalendar file, without client "
                    "names or notes",
                    10, false, [this](std::int64_t) { export_calendar_dialog(); });
        add_command("records.unit-from-clients", "New Unit from &Existing Clients...", "Client",
                    "Ctrl+Shift+U", "Make a couple, family or group from clients already on file",
                    5, false, [this](std::int64_t) { new_unit_dialog(); });
        add_command("records.export-csv", "Export &Chart (CSV)...", "Client", "Ctrl+Shift+E",
                    "Save the selected unit's chart (members, sessions, notes, plan) as CSV", 20,
                    true, [this](std::int64_t unit_id) { export_chart_dialog(unit_id); });
        add_cli_command("records", "client records: clients, schedule, notes, plans and search",
                        kUsage,
                        [this](const std::vector<std::string>& args, const CliOutput& output) {
                            return cli(args, output);
                        });
    }

    const dyad_schema_v1* schema() const override { return records_schema(); }

  private:
    // The next 26 weeks of the schedule as .ics text.
    std::expected<std::string, std::string> calendar_text(const std::string& from,
                                                          const std::string& to) {
        auto events = m_schedule.calendar(from, to);
        if (!events) {
            return std::unexpected(events.error());
        }
        (void)host().core()->record_export(host().raw(), "schedule", 0, "icalendar");
        std::time_t now = std::time(nullptr);
        std::tm parts{};
        gmtime_r(&now, &parts);
        char stamp[32];
        std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &parts);
        return to_icalendar(*events, stamp);
    }

    static std::string utc_days_from_now(int days) {
        std::time_t when = std::time(nullptr) + static_cast<std::time_t>(days) * 86400;
        std::tm parts{};
        gmtime_r(&when, &parts);
        char text[32];
        std::strftime(text, sizeof text, "%Y-%m-%dT00:00:00Z", &parts);
        return text;
    }

    // Writes to a temporary name and renames, so a failure never leaves half a file.
    static std::string write_file(const std::string& path, const std::string& text) {
        std::string partial = path + ".partial";
        {
            std::ofstream out(partial, std::ios::binary | std::ios::trunc);
            out << text;
            if (!out.flush()) {
                std::remove(partial.c_str());
                return "cannot write " + path;
            }
        }
        if (std::rename(partial.c_str(), path.c_str()) != 0) {
            std::remove(partial.c_str());
            return "cannot write " + path;
        }
        return {};
    }

    std::expected<std::string, std::string> chart_text(std::int64_t unit_id, Include include) {
        auto csv =
            chart_csv({m_clients, m_schedule, m_store, m_plans, m_templates}, unit_id, include);
        if (csv) {
            (void)host().core()->record_export(host().raw(), "unit", unit_id, "csv");
        }
        return csv;
    }

    void export_chart_dialog(std::int64_t unit_id) {
        auto* parent = static_cast<wxWindow*>(host().ui()->main_window(host().raw()));
        wxFileDialog dialog(parent, _("Export the chart"), "", "chart.csv",
                            _("CSV files (*.csv)|*.csv"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
        if (dialog.ShowModal() != wxID_OK) {
            return;
        }
        auto text = chart_text(unit_id, Include::ProgressOnly);
        std::string error =
            text ? write_file(dialog.GetPath().ToStdString(wxConvUTF8), *text) : text.error();
        host().ui()->set_status(host().raw(), error.empty() ? "Chart exported (psychotherapy notes "
                                                              "left out)."
                                                            : ("Not exported: " + error).c_str());
    }

    void new_unit_dialog() {
        auto* parent = static_cast<wxWindow*>(host().ui()->main_window(host().raw()));
        wxDialog dialog(parent, wxID_ANY, _("New Unit from Existing Clients"), wxDefaultPosition,
                        wxSize(460, 480), wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER,
                        "unit_from_clients");
        auto* kind = new wxChoice(&dialog, wxID_ANY);
        for (const char* name : {"couple", "family", "group"}) {
            kind->Append(name);
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
                    label += " (" + shown[i].date_of_birth + ")";
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
                std::string kind_name = kind->GetStringSelection().ToStdString(wxConvUTF8);
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
        auto text = calendar_text(utc_days_from_now(-1), utc_days_from_now(26 * 7));
        std::string error =
            text ? write_file(dialog.GetPath().ToStdString(wxConvUTF8), *text) : text.error();
        host().ui()->set_status(host().raw(), error.empty() ? "Schedule exported."
                                                            : ("Not exported: " + error).c_str());
    }

    int fail(const CliOutput& output, const std::string& message, int code = 1) {
        output.err("records: " + message + "\n");
        return code;
    }

    int cli(const std::vector<std::string>& args, const CliOutput& output) {
        Arguments a = parse(args);
        if (a.words.empty()) {
            return fail(output, std::string("usage: ") + kUsage, 2);
        }
        const std::string& command = a.words[0];
        bool json = a.flag("--json");
        Include include = a.flag("--all") ? Include::WithPsychotherapy : Include::ProgressOnly;
        if (command == "templates") {
            std::string text = json ? "[" : "";
            for (std::size_t i = 0; i < m_templates.templates.size(); ++i) {
                const auto& t = m_templates.templates[i];
                text += json ? std::string(i ? "," : "") + "{\"id\":" + json_string(t.id) +
                                   ",\"title\":" + json_string(t.title) +
                                   ",\"kind\":" + json_string(t.kind) +
                                   ",\"version\":" + std::to_string(t.version) + "}"
                             : t.id + "\t" + t.kind + "\t" + t.title + "\n";
            }
            output.out(json ? text + "]\n" : text);
            for (const auto& problem : m_templates.problems) {
                output.err("records: refused template: " + problem + "\n");
            }
            return 0;
        }
        if (command == "clients") {
            std::int64_t unit = to_id(a.option("--unit"));
            if (unit == 0) {
                return fail(output, "give the client unit with --unit ID", 2);
            }
            auto members = m_clients.members(unit);
            if (!members) {
                return fail(output, members.error());
            }
            std::string text = json ? "[" : "";
            for (std::size_t i = 0; i < members->size(); ++i) {
                const auto& m = (*members)[i];
                text += json
                            ? std::string(i ? "," : "") + "{\"id\":" + std::to_string(m.client_id) +
                                  ",\"role\":" + json_string(m.role) +
                                  ",\"name\":" + json_string(m.given_name + " " + m.family_name) +
                                  ",\"status\":" + json_string(m.status) +
                                  ",\"may_contact\":" + (m.details.may_contact ? "true" : "false") +
                                  ",\"may_share_with_partner\":" +
                                  (m.details.may_share_with_partner ? "true" : "false") + "}"
                            : std::to_string(m.client_id) + "\t" + m.role + "\t" + m.given_name +
                                  " " + m.family_name + "\n";
            }
            output.out(json ? text + "]\n" : text);
            return 0;
        }
        if (command == "plans") {
            std::int64_t unit = to_id(a.option("--unit"));
            if (unit == 0) {
                return fail(output, "give the client unit with --unit ID", 2);
            }
            auto plans = m_plans.plans_for_unit(unit);
            if (!plans) {
                return fail(output, plans.error());
            }
            std::string text = json ? "[" : "";
            for (std::size_t i = 0; i < plans->size(); ++i) {
                const auto& plan = (*plans)[i];
                if (json) {
                    text += std::string(i ? "," : "") + "{\"id\":" + std::to_string(plan.id) +
                            ",\"title\":" + json_string(plan.title) +
                            ",\"status\":" + json_string(plan.status) +
                            ",\"review_date\":" + json_string(plan.review_date) + ",\"items\":[";
                    for (std::size_t j = 0; j < plan.items.size(); ++j) {
                        const auto& item = plan.items[j];
                        text += std::string(j ? "," : "") + "{\"id\":" + std::to_string(item.id) +
                                ",\"parent\":" + std::to_string(item.parent_id) +
                                ",\"level\":" + json_string(item.level) +
                                ",\"text\":" + json_string(item.text) +
                                ",\"status\":" + json_string(item.status) + "}";
                    }
                    text += "]}";
                } else {
                    text += std::to_string(plan.id) + "\t" + plan.status + "\t" + plan.title + "\n";
                    for (const auto& item : plan.items) {
                        text += std::string(item.level == "problem" ? "  "
                                            : item.level == "goal"  ? "    "
                                                                    : "      ") +
                                item.level + ": " + item.text + " [" + item.status + "]\n";
                    }
                }
            }
            output.out(json ? text + "]\n" : text);
            return 0;
        }
        if (command == "plan-new") {
            std::int64_t unit = to_id(a.option("--unit"));
            std::string template_id = a.option("--template");
            const PlanTemplate* from = nullptr;
            for (const auto& plan_template : m_plan_templates) {
                if (plan_template.id == template_id) {
                    from = &plan_template;
                }
            }
            if (unit == 0 || (!template_id.empty() && from == nullptr) || a.words.size() != 2) {
                return fail(output, "usage: records plan-new --unit ID [--template ID] TITLE", 2);
            }
            auto created = m_plans.create(unit, a.words[1], from);
            if (!created) {
                return fail(output, created.error());
            }
            (void)host().core()->audit(host().raw(), "create", "plan", *created);
            output.out(std::to_string(*created) + "\n");
            return 0;
        }
        if (command == "book") {
            Booking booking;
            booking.unit_id = to_id(a.option("--unit"));
            booking.first_start = a.option("--start");
            booking.duration_minutes =
                a.option("--minutes").empty() ? 50 : static_cast<int>(to_id(a.option("--minutes")));
            booking.session_type = a.option("--type").empty() ? "couple" : a.option("--type");
            booking.location = a.option("--location");
            booking.telehealth = a.flag("--telehealth");
            std::string repeat = a.option("--repeat");
            booking.repeat = repeat == "weekly"     ? Repeat::Weekly
                             : repeat == "biweekly" ? Repeat::Biweekly
                                                    : Repeat::None;
            booking.count =
                a.option("--count").empty() ? 1 : static_cast<int>(to_id(a.option("--count")));
            if (booking.unit_id == 0 || (!repeat.empty() && booking.repeat == Repeat::None)) {
                return fail(
                    output,
                    "usage: records book --unit ID --start 'YYYY-MM-DD HH:MM' [--minutes N] "
                    "[--type T] [--location L | --telehealth] [--repeat weekly|biweekly "
                    "--count N]",
                    2);
            }
            auto booked = m_schedule.book(booking);
            if (!booked) {
                return fail(output, booked.error());
            }
            std::string text;
            for (std::int64_t id : *booked) {
                text += std::to_string(id) + "\n";
            }
            output.out(text);
            return 0;
        }
        if (command == "session-edit" && a.words.size() == 2) {
            std::string type = a.option("--type");
            if (type.empty()) {
                return fail(output,
                            "usage: records session-edit ID --type T [--location L | "
                            "--telehealth] [--series]",
                            2);
            }
            auto changed = m_schedule.change_details(
                to_id(a.words[1]), type, a.option("--location"), a.flag("--telehealth"),
                a.flag("--series") ? ScheduleStore::Scope::ThisAndLater
                                   : ScheduleStore::Scope::ThisOne);
            if (!changed) {
                return fail(output, changed.error());
            }
            output.out(std::to_string(*changed) + " changed\n");
            return 0;
        }
        if (command == "sessions") {
            std::int64_t unit = to_id(a.option("--unit"));
            if (unit == 0) {
                return fail(output, "give the client unit with --unit ID", 2);
            }
            auto sessions = m_schedule.sessions(unit);
            if (!sessions) {
                return fail(output, sessions.error());
            }
            std::string text = json ? "[" : "";
            for (std::size_t i = 0; i < sessions->size(); ++i) {
                const auto& s = (*sessions)[i];
                text += json ? std::string(i ? "," : "") +
                                   "{\"id\":" + std::to_string(s.appointment_id) +
                                   ",\"starts_at\":" + json_string(s.starts_at) +
                                   ",\"ends_at\":" + json_string(s.ends_at) +
                                   ",\"type\":" + json_string(s.session_type) +
                                   ",\"status\":" + json_string(s.status) +
                                   ",\"series\":" + (s.series_id != 0 ? "true" : "false") + "}"
                             : std::to_string(s.appointment_id) + "\t" + utc_to_local(s.starts_at) +
                                   "\t" + s.session_type + "\t" + s.status + "\n";
            }
            output.out(json ? text + "]\n" : text);
            return 0;
        }
        if (command == "unit-new") {
            std::string kind = a.option("--kind");
            std::vector<std::int64_t> clients;
            std::string list = a.option("--clients");
            for (std::size_t start = 0; start < list.size();) {
                std::size_t comma = list.find(',', start);
                clients.push_back(to_id(list.substr(
                    start, comma == std::string::npos ? std::string::npos : comma - start)));
                start = comma == std::string::npos ? list.size() : comma + 1;
            }
            if (kind.empty() || clients.empty()) {
                return fail(
                    output,
                    "usage: records unit-new --kind couple|family|group --clients ID,ID[,...]", 2);
            }
            auto created = create_unit_from_clients(host(), kind, clients,
                                                    default_roles(kind, clients.size()));
            if (!created) {
                return fail(output, created.error());
            }
            output.out(std::to_string(*created) + "\n");
            return 0;
        }
        if (command == "find-clients" && a.words.size() <= 2) {
            auto found = find_clients(dyad::sdk::Database(host()),
                                      a.words.size() == 2 ? a.words[1] : "", 50);
            if (!found) {
                return fail(output, found.error());
            }
            std::string text;
            for (const auto& client : *found) {
                text += std::to_string(client.id) + "\t" + client.name + "\t" +
                        client.date_of_birth + "\n";
            }
            output.out(text);
            return 0;
        }
        if (command == "export") {
            std::int64_t unit = to_id(a.option("--unit"));
            if (unit == 0 || a.option("--format") != "csv") {
                return fail(output,
                            "usage: records export --unit ID --format csv [--out FILE] "
                            "[--include-psychotherapy]",
                            2);
            }
            auto text =
                chart_text(unit, a.flag("--include-psychotherapy") ? Include::WithPsychotherapy
                                                                   : Include::ProgressOnly);
            if (!text) {
                return fail(output, text.error());
            }
            if (a.option("--out").empty()) {
                output.out(*text);
                return 0;
            }
            if (std::string error = write_file(a.option("--out"), *text); !error.empty()) {
                return fail(output, error);
            }
            return 0;
        }
        if (command == "ics") {
            std::string from = a.option("--from").empty() ? utc_days_from_now(-1)
                                                          : a.option("--from") + "T00:00:00Z";
            std::string to = a.option("--to").empty() ? utc_days_from_now(26 * 7)
                                                      : a.option("--to") + "T00:00:00Z";
            auto text = calendar_text(from, to);
            if (!text) {
                return fail(output, text.error());
            }
            if (a.option("--out").empty()) {
                output.out(*text);
                return 0;
            }
            if (std::string error = write_file(a.option("--out"), *text); !error.empty()) {
                return fail(output, error);
            }
            return 0;
        }
        if (command == "notes") {
            std::int64_t unit = to_id(a.option("--unit"));
            if (unit == 0) {
                return fail(output, "give the client unit with --unit ID", 2);
            }
            auto notes = m_store.notes_for_unit(unit, include);
            if (!notes) {
                return fail(output, notes.error());
            }
            std::string text = json ? "[" : "";
            for (std::size_t i = 0; i < notes->size(); ++i) {
                const auto& n = (*notes)[i];
                text += json ? std::string(i ? "," : "") + "{\"id\":" + std::to_string(n.id) +
                                   ",\"date\":" + json_string(n.session_date) +
                                   ",\"template\":" + json_string(n.template_id) +
                                   ",\"kind\":" + json_string(n.kind) +
                                   ",\"status\":" + json_string(n.status) + "}"
                             : std::to_string(n.id) + "\t" + n.session_date + "\t" + n.template_id +
                                   "\t" + n.status + "\n";
            }
            output.out(json ? text + "]\n" : text);
            return 0;
        }
        if (command == "note-new") {
            std::int64_t unit = to_id(a.option("--unit"));
            const NoteTemplate* note_template = m_templates.find(a.option("--template"));
            if (unit == 0 || note_template == nullptr) {
                return fail(output, "give --unit ID and --template ID (see `records templates`)",
                            2);
            }
            std::vector<std::int64_t> members;
            host().core()->list_members(
                host().raw(), unit,
                [](void* user, const dyad_member_info* member) {
                    static_cast<std::vector<std::int64_t>*>(user)->push_back(member->client_id);
                    return 0;
                },
                &members);
            std::string date = a.option("--date").empty() ? today() : a.option("--date");
            auto created = m_store.create_draft(unit, *note_template, date, members);
            if (!created) {
                return fail(output, created.error());
            }
            (void)host().core()->audit(host().raw(), "create", "note", *created);
            output.out(std::to_string(*created) + "\n");
            return 0;
        }
        if (command == "note-set" && a.words.size() == 4) {
            auto saved = m_store.save_section(to_id(a.words[1]), a.words[2], a.words[3]);
            if (!saved) {
                return fail(output, saved.error());
            }
            (void)host().core()->audit(host().raw(), "update", "note", to_id(a.words[1]));
            return 0;
        }
        if (command == "note-sign" && a.words.size() == 2) {
            std::int64_t id = to_id(a.words[1]);
            auto note = m_store.note(id);
            if (!note) {
                return fail(output, note.error());
            }
            const NoteTemplate* note_template = m_templates.find(note->template_id);
            if (note_template == nullptr) {
                return fail(output,
                            "the note's template " + note->template_id + " is not installed");
            }
            auto signed_note = m_store.sign(id, *note_template, "dyadctl");
            if (!signed_note) {
                return fail(output, signed_note.error());
            }
            (void)host().core()->audit(host().raw(), "update", "note", id);
            output.out("signed\n");
            return 0;
        }
        if (command == "note-amend" && a.words.size() == 4) {
            auto amended = m_store.amend(to_id(a.words[1]), "dyadctl", a.words[2], a.words[3]);
            if (!amended) {
                return fail(output, amended.error());
            }
            (void)host().core()->audit(host().raw(), "update", "note", to_id(a.words[1]));
            output.out("amended\n");
            return 0;
        }
        if (command == "note-show" && a.words.size() == 2) {
            auto note = m_store.note(to_id(a.words[1]));
            if (!note) {
                return fail(output, note.error());
            }
            (void)host().core()->audit(host().raw(), "view", "note", note->id);
            std::string text =
                "{\"id\":" + std::to_string(note->id) + ",\"status\":" + json_string(note->status) +
                ",\"date\":" + json_string(note->session_date) +
                ",\"participants\":" + std::to_string(note->participants.size()) +
                ",\"amendments\":" + std::to_string(note->amendments.size()) + ",\"sections\":{";
            for (std::size_t i = 0; i < note->sections.size(); ++i) {
                text += std::string(i ? "," : "") + json_string(note->sections[i].key) + ":" +
                        json_string(note->sections[i].body);
            }
            output.out(text + "}}\n");
            return 0;
        }
        if (command == "search" && a.words.size() >= 2) {
            std::string words;
            for (std::size_t i = 1; i < a.words.size(); ++i) {
                words += (i > 1 ? " " : "") + a.words[i];
            }
            auto hits = m_store.search(words, include, 20);
            if (!hits) {
                return fail(output, hits.error());
            }
            std::string text = json ? "[" : "";
            for (std::size_t i = 0; i < hits->size(); ++i) {
                const auto& hit = (*hits)[i];
                text += json ? std::string(i ? "," : "") +
                                   "{\"note\":" + std::to_string(hit.note_id) +
                                   ",\"unit\":" + std::to_string(hit.unit_id) +
                                   ",\"date\":" + json_string(hit.session_date) +
                                   ",\"snippet\":" + json_string(hit.snippet) + "}"
                             : std::to_string(hit.note_id) + "\t" + hit.session_date + "\t" +
                                   hit.snippet + "\n";
            }
            output.out(json ? text + "]\n" : text);
            return 0;
        }
        return fail(output, std::string("usage: ") + kUsage, 2);
    }

    NoteStore m_store;
    ClientStore m_clients;
    PlanStore m_plans;
    ScheduleStore m_schedule;
    TemplateLibrary m_templates;
    std::vector<PlanTemplate> m_plan_templates;
};

}  // namespace
}  // namespace dyad::records_plugin

DYAD_PLUGIN(dyad::records_plugin::RecordsPlugin, "dyad.records", "Client Records", "Dyad", "0.1.0",
            "Progress and psychotherapy notes with templates, signing, amendments and search")
