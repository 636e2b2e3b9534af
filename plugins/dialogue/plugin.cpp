// dyad.dialogue: the Imago Dialogue coach. This part ships the scripts, their validator and
// the offline language hints through `dyadctl dialogue ...`; the coach's windows come next
// (see the progress note).
#include <dyad/plugin.hpp>

#include "src/cli.h"
#include "src/hints.h"
#include "src/script.h"

namespace dyad::dialogue {
namespace {

class DialoguePlugin : public dyad::sdk::Plugin {
  public:
    explicit DialoguePlugin(dyad::sdk::Host host) : Plugin(host) {
        m_library = load_scripts(host.resource_folders());
        for (const auto& problem : m_library.problems) {
            host.log(DYAD_LOG_WARNING, "dialogue script refused: " + problem);
        }
        m_feelings = load_feelings(host.resource_folders());
        add_cli_command(
            "dialogue", "Imago Dialogue scripts, their validator and language hints",
            dialogue_cli_usage(),
            [this](const std::vector<std::string>& args, const dyad::sdk::CliOutput& output) {
                return run_dialogue_cli(m_library, m_feelings, args, output);
            });
    }

  private:
    ScriptLibrary m_library;
    std::vector<std::string> m_feelings;
};

}  // namespace
}  // namespace dyad::dialogue

DYAD_PLUGIN(dyad::dialogue::DialoguePlugin, "dyad.dialogue", "Imago Dialogue Coach", "Dyad",
            "0.1.0", "Dialogue scripts, their validator and offline language hints")
