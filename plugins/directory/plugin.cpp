// dyad.directory: the therapist's public profile and the directory listings made from it.
// View > Directory Profile edits the profile (versioned) with live counters of each
// directory's limits; `dyadctl directory ...` writes the standard exports (FHIR R4, schema.org
// JSON-LD, vCard 4.0), the copy-ready listings and the NPI check. View > Directory Sync and
// `dyadctl directory diff|push` keep the directories in step (see src/sync.h).
#include <dyad/plugin.hpp>

#include "src/cli.h"
#include "src/profile.h"
#include "ui/profile_editor.h"
#include "ui/sync_panel.h"

namespace dyad::directory {
namespace {

class DirectoryPlugin : public dyad::sdk::Plugin {
  public:
    explicit DirectoryPlugin(dyad::sdk::Host host) : Plugin(host), m_services(host) {
        m_services.adapters = load_adapters(host.resource_folders());
        for (const auto& problem : m_services.adapters.problems) {
            host.log(DYAD_LOG_WARNING, "directory adapter refused: " + problem);
        }
        add_panel(DYAD_PANEL_PRACTICE, "directory.profile", "Directory Profile", 30,
                  [this](void* parent) {
                      return static_cast<void*>(new ProfileEditor(static_cast<wxWindow*>(parent),
                                                                  this->host(), m_services.profiles,
                                                                  m_services.adapters));
                  });
        add_panel(DYAD_PANEL_PRACTICE, "directory.sync", "Directory Sync", 31,
                  [this](void* parent) {
                      return static_cast<void*>(
                          new SyncPanel(static_cast<wxWindow*>(parent), m_services));
                  });
        add_cli_command(
            "directory", "the public profile and its exports (FHIR, JSON-LD, vCard)",
            directory_cli_usage(),
            [this](const std::vector<std::string>& args, const dyad::sdk::CliOutput& output) {
                return run_directory_cli(m_services, args, output);
            });
    }

    const dyad_schema_v1* schema() const override { return directory_schema(); }

  private:
    DirectoryServices m_services;
};

}  // namespace
}  // namespace dyad::directory

DYAD_PLUGIN_USES(dyad::directory::DirectoryPlugin, "dyad.directory", "Directory Profile", "Dyad",
                 "0.1.0",
                 "One public profile of the therapist, exported as FHIR, JSON-LD and vCard",
                 "dyad.db/1 dyad.core/1 dyad.ui/1 dyad.cli/1 dyad.paths/1 network files")
