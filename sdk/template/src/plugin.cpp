// Daily Appreciation: a Dyad exercise plugin made from the SDK template. It has its own table
// (migrations/), a tab on each client unit, a card on the Home dashboard and a `dyadctl
// appreciation` command. Rename it with ./rename.sh before you change it.
#include <wx/stattext.h>
#include <dyad/plugin.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

#include "appreciation_panel.h"
#include "appreciation_store.h"
#include "dyad_migrations.h"  // Made by dyad_add_plugin() from MIGRATIONS.

namespace appreciation {
namespace {

const dyad_schema_v1 kSchema = {sizeof(dyad_schema_v1), "appreciation", kDyadMigrations,
                                kDyadMigrationCount};

std::string json_text(const std::string& text) {
    std::string quoted = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') {
            quoted += '\\';
            quoted += c;
        } else if (c == '\n') {
            quoted += "\\n";
        } else if (static_cast<unsigned char>(c) >= 0x20) {
            quoted += c;
        }
    }
    return quoted + "\"";
}

class ExercisePlugin : public dyad::sdk::Plugin {
  public:
    explicit ExercisePlugin(dyad::sdk::Host host)
        : Plugin(host), m_store(dyad::sdk::Database(host)) {
        m_prompts = read_prompts();
        add_panel(
            DYAD_PANEL_UNIT, "appreciation.unit", "Appreciation", 60,
            [this](void* parent) {
                return static_cast<void*>(
                    new Panel(static_cast<wxWindow*>(parent), this->host(), m_store, m_prompts));
            },
            [](void* window, std::int64_t unit_id) {
                static_cast<Panel*>(window)->show_unit(unit_id);
            });
        add_panel(
            DYAD_PANEL_DASHBOARD, "appreciation.card", "Appreciation", 60,
            [this](void* parent) {
                return static_cast<void*>(new wxStaticText(static_cast<wxWindow*>(parent), wxID_ANY,
                                                           card_text(), wxDefaultPosition,
                                                           wxDefaultSize, 0, "appreciation_card"));
            },
            {},
            [this](void* window) { static_cast<wxStaticText*>(window)->SetLabel(card_text()); });
        add_cli_command("appreciation", "the daily appreciation exercise",
                        "appreciation list --unit ID [--json] | add --unit ID --from NAME "
                        "(the text on standard input)",
                        [this](const std::vector<std::string>& args,
                               const dyad::sdk::CliOutput& output) { return cli(args, output); });
    }

    const dyad_schema_v1* schema() const override { return &kSchema; }

  private:
    // The sentence stems, from the first resource folder that has them (the user's, the
    // clinic's, then the installed ones).
    std::string read_prompts() const {
        for (const auto& folder : host().resource_folders()) {
            std::ifstream in(folder + "/appreciation/prompts.txt");
            if (in) {
                std::stringstream text;
                text << in.rdbuf();
                return text.str();
            }
        }
        return "One thing I appreciated about you today is ...";
    }

    std::string card_text() {
        // Short: a Home card is narrow.
        return "Shared today: " + std::to_string(m_store.units_on(local_day())) + " couple(s)";
    }

    int cli(const std::vector<std::string>& args, const dyad::sdk::CliOutput& output) {
        std::vector<std::string> words;
        std::int64_t unit = 0;
        std::string from;
        bool json = false;
        for (std::size_t i = 1; i < args.size(); ++i) {
            if (args[i] == "--unit" && i + 1 < args.size()) {
                unit = std::atoll(args[++i].c_str());
            } else if (args[i] == "--from" && i + 1 < args.size()) {
                from = args[++i];
            } else if (args[i] == "--json") {
                json = true;
            } else {
                words.push_back(args[i]);
            }
        }
        if (words.size() == 1 && words[0] == "list" && unit != 0) {
            std::string text = json ? "[" : "";
            bool first = true;
            for (const auto& entry : m_store.list(unit)) {
                text += json ? std::string(first ? "" : ",") + "{\"day\":" + json_text(entry.day) +
                                   ",\"giver\":" + json_text(entry.giver) +
                                   ",\"text\":" + json_text(entry.text) + "}"
                             : entry.day + "\t" + entry.giver + "\t" + entry.text + "\n";
                first = false;
            }
            output.out(json ? text + "]\n" : text);
            return 0;
        }
        if (words.size() == 1 && words[0] == "add" && unit != 0 && !from.empty()) {
            // What a client wrote is client data: read from standard input, never taken from
            // the command line (where other users' `ps` and the shell's history would see it).
            std::string text;
            std::getline(std::cin, text);
            std::string error;
            std::int64_t id = m_store.add(unit, local_day(), from, text, error);
            if (id == 0) {
                output.err("appreciation: " + error + "\n");
                return 1;
            }
            host().core()->audit(host().raw(), "create", "entry", id);
            output.out("added\n");
            return 0;
        }
        output.err(
            "usage: appreciation list --unit ID [--json] | add --unit ID --from NAME "
            "(the text on standard input)\n");
        return 2;
    }

    Store m_store;
    std::string m_prompts;
};

}  // namespace
}  // namespace appreciation

DYAD_PLUGIN(appreciation::ExercisePlugin, "org.example.appreciation", "Daily Appreciation",
            "Example Clinic", "1.0.0",
            "A couple shares one appreciation a day; the therapist sees the streak")
