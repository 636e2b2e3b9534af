// dyad.dialogue: the Imago Dialogue coach: a Dialogue tab on each couple that starts the coach
// (control window + full-screen couple view) and keeps the history with its fidelity
// checklist, and `dyadctl dialogue ...` (scripts, validator, language hints, history).
#include <wx/arrstr.h>  // show_wx.hpp's wxArrayString.
#include <dyad/show.hpp>

#include <dyad/plugin.hpp>
#include <dyad/show_wx.hpp>

#include "src/cli.h"
#include "src/demo.h"
#include "src/hints.h"
#include "src/record.h"
#include "src/script.h"
#include "ui/dialogue_panel.h"
#include "ui/fidelity_card.h"

namespace dyad::dialogue {
namespace {

class DialoguePlugin : public dyad::sdk::Plugin {
  public:
    explicit DialoguePlugin(dyad::sdk::Host host)
        : Plugin(host), m_store(dyad::sdk::Database(host)) {
        dyad::show::use_wx_translations();  // Before the scripts: they are read in its language.
        m_library = load_scripts(host.resource_folders());
        for (const auto& problem : m_library.problems) {
            host.log(DYAD_LOG_WARNING, "dialogue script refused: " + problem);
        }
        m_feelings = load_feelings(host.resource_folders());
        std::vector<std::string> problems;
        m_hint_rules = load_hint_rules(host.resource_folders(), problems);
        for (const auto& problem : problems) {
            host.log(DYAD_LOG_WARNING, "language hints: " + problem);
        }
        add_panel(
            DYAD_PANEL_UNIT, "dialogue.coach", _("Dialogue").utf8_string().c_str(), 45,
            [this](void* parent) {
                return static_cast<void*>(new DialoguePanel(static_cast<wxWindow*>(parent),
                                                            this->host(), m_store, m_library,
                                                            m_hint_rules, m_feelings));
            },
            [](void* window, std::int64_t unit_id) {
                static_cast<DialoguePanel*>(window)->show_unit(unit_id);
            },
            {}, DYAD_RECORDS_CLINICAL, "couple family", {}, "imago");
        add_panel(
            DYAD_PANEL_UNIT_SUMMARY, "dialogue.fidelity", _("Dialogue").utf8_string().c_str(), 45,
            [](void* parent) {
                return static_cast<void*>(new FidelityCard(static_cast<wxWindow*>(parent)));
            },
            [this](void* window, std::int64_t unit_id) {
                auto* card = static_cast<FidelityCard*>(window);
                auto history = m_store.history(unit_id);
                if (!history) {
                    card->show_problem(_("Could not be read."));
                } else {
                    card->show(*history);
                }
            },
            {}, DYAD_RECORDS_CLINICAL, "couple family");
        add_cli_command(
            "dialogue", "Imago Dialogue: scripts, validator, language hints, history",
            dialogue_cli_usage(),
            [this](const std::vector<std::string>& args, const dyad::sdk::CliOutput& output) {
                return run_dialogue_cli(this->host(), m_store, m_library, m_hint_rules, m_feelings,
                                        args, output);
            });
        provide_demo([this](const dyad::sdk::DemoRequest& request) {
            fill_demo(this->host(), m_store, m_library, request);
        });
    }

    const dyad_schema_v1* schema() const override { return dialogue_schema(); }

  private:
    DialogueStore m_store;
    ScriptLibrary m_library;
    HintRules m_hint_rules;
    std::vector<std::string> m_feelings;
};

}  // namespace
}  // namespace dyad::dialogue

DYAD_PLUGIN_USES(
    dyad::dialogue::DialoguePlugin, "dyad.dialogue",
    dyad::show::marked("plugin name", "Imago Dialogue Coach"), "Dyad", "0.1.0",
    dyad::show::marked("plugin description",
                       "Guides a couple through the Imago Dialogue and records its fidelity"),
    "dyad.db/1 dyad.core/1 dyad.ui/1 dyad.cli/1 dyad.paths/1 dyad.people/1 "
    "core:units:read core:appointments:read files")
