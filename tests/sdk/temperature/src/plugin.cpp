// Weekly Temperature Reading: a clinic's exercise plugin written from the SDK guide alone
// (sdk/README.md), using every SDK 1.1 addition:
//  - a tab only for couples (add_panel unit_kinds "couple") and an Overview card,
//  - refresh_panels after a save (the tab asks the cards to show the new count),
//  - a blob column (a partner's sketch, `temperature add --sketch FILE`),
//  - DYAD_EVENT_STATUS_CHANGED: a discharged couple's readings pause, active again resumes,
//  - member consent: a partner's texts are private to the other partner unless they agreed to
//    share, and the weekly nudge goes only to members who may be contacted,
//  - a search provider (Edit > Find in All Records, dyadctl search),
//  - reading back its own audit entries (`temperature history ID`),
//  - declared uses and role checks (people.h).
#include <wx/stattext.h>

#include <dyad/json.hpp>
#include <dyad/plugin.hpp>
#include <dyad/text.hpp>
#include <expected>
#include <fstream>
#include <iostream>
#include <iterator>
#include <stdexcept>

#include "dyad_migrations.h"  // Made by dyad_add_plugin() from MIGRATIONS.
#include "reading_store.h"
#include "temperature_panel.h"

namespace temperature {
namespace {

const dyad_schema_v1 kSchema = {sizeof(dyad_schema_v1), "thermo", kDyadMigrations,
                                kDyadMigrationCount};

constexpr const char* kUsage =
    "usage: temperature add --unit ID --by CLIENT [--sketch FILE]  (appreciation and puzzle\n"
    "         on two lines of standard input)\n"
    "       temperature list --unit ID [--for CLIENT] [--json]\n"
    "       temperature nudge --unit ID\n"
    "       temperature history READING\n"
    "       temperature sketch READING FILE\n";

class TemperaturePlugin : public dyad::sdk::Plugin {
  public:
    explicit TemperaturePlugin(dyad::sdk::Host host) : Plugin(host), m_store(host) {
        add_panel(
            DYAD_PANEL_UNIT, "temperature.unit", "Temperature", 70,
            [this](void* parent) {
                return static_cast<void*>(
                    new TemperaturePanel(static_cast<wxWindow*>(parent), this->host(), m_store));
            },
            [](void* window, std::int64_t unit) {
                static_cast<TemperaturePanel*>(window)->show_unit(unit);
            },
            {}, DYAD_RECORDS_CLINICAL, "couple");
        add_panel(
            DYAD_PANEL_UNIT_SUMMARY, "temperature.card", "Temperature", 70,
            [](void* parent) { return static_cast<void*>(label(parent, "temperature_card")); },
            [this](void* window, std::int64_t unit) {
                auto* text = static_cast<wxStaticText*>(window);
                text->SetLabel(wxString::FromUTF8(card_text(unit)));
                text->Wrap(330);
            },
            {}, DYAD_RECORDS_CLINICAL, "couple");
        add_panel(
            DYAD_PANEL_DASHBOARD, "temperature.home", "Temperature", 70,
            [this](void* parent) {
                auto* text = label(parent, "temperature_home");
                text->SetLabel(wxString::FromUTF8(home_text()));
                return static_cast<void*>(text);
            },
            {},
            [this](void* window) {
                static_cast<wxStaticText*>(window)->SetLabel(wxString::FromUTF8(home_text()));
            },
            DYAD_RECORDS_CLINICAL);
        add_cli_command("temperature", "the weekly temperature reading", kUsage,
                        [this](const std::vector<std::string>& args,
                               const dyad::sdk::CliOutput& output) { return cli(args, output); });
        subscribe(DYAD_EVENT_STATUS_CHANGED, [this](const dyad_event& event) {
            if (std::string(event.entity) == "unit") {
                m_store.set_paused(event.record_id, std::string(event.change) == "discharged");
            }
        });
        provide_search(
            DYAD_RECORDS_CLINICAL, "Temperature readings",
            [this](const std::string& words, int limit) {
                std::vector<dyad::sdk::SearchHit> hits;
                for (const auto& r : m_store.find(words, limit)) {
                    hits.push_back({r.unit_id, "Reading of " + r.day,
                                    r.appreciation + " / " + r.puzzle, "temperature.unit"});
                }
                return hits;
            });
        // The demo practice: three weeks of readings of the couple shown first, all or nothing.
        provide_demo([this](const dyad::sdk::DemoRequest& demo) {
            if (demo.unit_ids.empty() || !m_store.list(demo.unit_ids[0]).empty()) {
                return;  // Nothing to show, or filled before.
            }
            dyad::sdk::Database db(this->host());
            dyad::sdk::Transaction transaction(db);
            if (!transaction.error().empty()) {
                throw std::runtime_error(transaction.error());
            }
            const char* appreciations[] = {"You made time for our walk", "You listened first",
                                           "You planned Saturday"};
            int week = 0;
            for (const char* appreciation : appreciations) {
                ++week;
                for (const auto& member : this->host().members(demo.unit_ids[0])) {
                    std::string error;
                    if (m_store.add(demo.unit_ids[0], member.client_id, local_day(7 * week),
                                    appreciation, "", {}, error) == 0) {
                        throw std::runtime_error("a demo reading was refused: " + error);
                    }
                }
            }
            if (std::string committed = transaction.commit(); !committed.empty()) {
                throw std::runtime_error(committed);
            }
        });
    }

    const dyad_schema_v1* schema() const override { return &kSchema; }

  private:
    static wxStaticText* label(void* parent, const char* name) {
        return new wxStaticText(static_cast<wxWindow*>(parent), wxID_ANY, "", wxDefaultPosition,
                                wxDefaultSize, 0, name);
    }

    std::string card_text(std::int64_t unit) {
        if (unit == 0) {
            return "";
        }
        auto readings = m_store.list(unit);
        std::string text = std::to_string(readings.size()) + " reading(s)";
        if (!readings.empty()) {
            text += ", the last on " + readings.front().day;
        }
        return m_store.paused(unit) ? text + "; paused (discharged)" : text;
    }

    std::string home_text() {
        return "Readings this week: " + std::to_string(m_store.count_since(local_day(6)));
    }

    // A clinical command: the role must read (or change) clinical records and reach the unit.
    bool allowed(std::int64_t unit, const dyad::sdk::CliOutput& output, bool write = false) {
        if (!host().may(DYAD_RECORDS_CLINICAL, write) || unit == 0 || !host().may_see_unit(unit)) {
            output.err("temperature: your role may not read this couple's readings\n");
            return false;
        }
        return true;
    }

    int cli(const std::vector<std::string>& args, const dyad::sdk::CliOutput& output) {
        std::vector<std::string> words;
        std::int64_t unit = 0;
        std::int64_t client = 0;
        std::string sketch_file;
        bool json = false;
        for (std::size_t i = 1; i < args.size(); ++i) {
            const std::string& arg = args[i];
            if (arg == "--unit" || arg == "--by" || arg == "--for") {
                auto id = i + 1 < args.size()
                              ? dyad::sdk::parse_integer(args[i + 1], arg, 1, INT64_MAX)
                              : std::expected<std::int64_t, std::string>(
                                    std::unexpected(arg + " needs a value"));
                if (!id) {
                    output.err("temperature: " + id.error() + "\n" + kUsage);
                    return 2;
                }
                (arg == "--unit" ? unit : client) = *id;
                ++i;
            } else if (arg == "--sketch" && i + 1 < args.size()) {
                sketch_file = args[++i];
            } else if (arg == "--json") {
                json = true;
            } else {
                words.push_back(arg);
            }
        }
        std::string verb = words.empty() ? "" : words[0];
        if (verb == "add" && unit != 0 && client != 0 && words.size() == 1) {
            return add(unit, client, sketch_file, output);
        }
        if (verb == "list" && unit != 0 && words.size() == 1) {
            return list(unit, client, json, output);
        }
        if (verb == "nudge" && unit != 0 && words.size() == 1) {
            if (!allowed(unit, output)) {
                return 1;
            }
            for (const auto& member : m_store.reachable_members(unit)) {
                output.out(std::to_string(member.client_id) + "\t" + member.full_name() + "\n");
            }
            return 0;
        }
        if ((verb == "history" && words.size() == 2) || (verb == "sketch" && words.size() == 3)) {
            auto id = dyad::sdk::parse_integer(words[1], "the reading", 1, INT64_MAX);
            if (!id) {
                output.err("temperature: " + id.error() + "\n");
                return 2;
            }
            return verb == "history" ? history(*id, output) : sketch(*id, words[2], output);
        }
        output.err(kUsage);
        return 2;
    }

    int add(std::int64_t unit, std::int64_t client, const std::string& sketch_file,
            const dyad::sdk::CliOutput& output) {
        if (!allowed(unit, output, true)) {
            return 1;
        }
        std::vector<std::uint8_t> sketch;
        if (!sketch_file.empty()) {
            std::ifstream in(sketch_file, std::ios::binary);
            if (!in) {
                output.err("temperature: cannot read " + sketch_file + "\n");
                return 1;
            }
            sketch.assign(std::istreambuf_iterator<char>(in), {});
        }
        // The texts are client data: read from standard input, never the command line.
        std::string appreciation;
        std::string puzzle;
        std::getline(std::cin, appreciation);
        std::getline(std::cin, puzzle);
        std::string error;
        std::int64_t id =
            m_store.add(unit, client, local_day(), appreciation, puzzle, sketch, error);
        if (id == 0) {
            output.err("temperature: not added: " + error + "\n");
            return 1;
        }
        output.out(std::to_string(id) + "\n");
        return 0;
    }

    int list(std::int64_t unit, std::int64_t viewer, bool json,
             const dyad::sdk::CliOutput& output) {
        if (!allowed(unit, output)) {
            return 1;
        }
        // Showing what partners wrote is a view of client data: audited (the unit's id).
        host().core()->audit(host().raw(), "view", "readings", unit);
        std::string text = json ? "[" : "";
        bool first = true;
        for (const auto& r : m_store.list(unit, viewer)) {
            using dyad::sdk::json_string;
            text += json ? std::string(first ? "" : ",") + "{\"id\":" + std::to_string(r.id) +
                               ",\"client\":" + std::to_string(r.client_id) +
                               ",\"day\":" + json_string(r.day) +
                               ",\"appreciation\":" + json_string(r.appreciation) +
                               ",\"puzzle\":" + json_string(r.puzzle) +
                               ",\"sketch\":" + (r.has_sketch ? "true" : "false") + "}"
                         : std::to_string(r.id) + "\t" + std::to_string(r.client_id) + "\t" +
                               r.day + "\t" + r.appreciation + "\t" + r.puzzle + "\n";
            first = false;
        }
        output.out(json ? text + "]\n" : text);
        return 0;
    }

    int history(std::int64_t reading, const dyad::sdk::CliOutput& output) {
        if (!host().may(DYAD_RECORDS_AUDIT)) {
            output.err("temperature: history is not available to your role\n");
            return 1;
        }
        for (const auto& entry : host().audit_entries("reading", reading, 50)) {
            output.out(entry.at + "\t" + entry.actor + "\t" + entry.action + "\n");
        }
        return 0;
    }

    int sketch(std::int64_t reading, const std::string& file, const dyad::sdk::CliOutput& output) {
        // The reading's own unit decides (a guessed id reaches no further than the caseload).
        if (!allowed(m_store.unit_of(reading), output)) {
            return 1;
        }
        auto bytes = m_store.sketch(reading);
        if (bytes.empty()) {
            output.err("temperature: reading " + std::to_string(reading) + " has no sketch\n");
            return 1;
        }
        std::ofstream out(file, std::ios::binary);
        out.write(reinterpret_cast<const char*>(bytes.data()),
                  static_cast<std::streamsize>(bytes.size()));
        if (!out.flush()) {
            output.err("temperature: cannot write " + file + "\n");
            return 1;
        }
        host().core()->audit(host().raw(), "export", "reading", reading);
        output.out("written\n");
        return 0;
    }

    ReadingStore m_store;
};

}  // namespace
}  // namespace temperature

DYAD_PLUGIN_USES(temperature::TemperaturePlugin, "org.example.temperature",
                 "Weekly Temperature Reading", "Example Clinic", "1.0.0",
                 "Each partner's appreciation and puzzle, week by week",
                 "dyad.db/1 dyad.core/1 dyad.ui/1 dyad.cli/1 dyad.events/1 dyad.people/1 "
                 "core:units:read")
