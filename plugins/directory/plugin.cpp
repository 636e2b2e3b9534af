// dyad.directory: the therapist's public profile and the directory listings made from it.
// View > Directory Profile edits the profile (versioned) with live counters of each
// directory's limits; `dyadctl directory ...` writes the standard exports (FHIR R4, schema.org
// JSON-LD, vCard 4.0), the copy-ready listings and the NPI check. View > Directory Sync and
// `dyadctl directory diff|push` keep the directories in step (see src/sync.h).
#include <wx/arrstr.h>  // Before show_wx.hpp, which uses wxArrayString.
#include <dyad/show.hpp>

#include <dyad/plugin.hpp>
#include <dyad/show_wx.hpp>

#include "include/dyad_directory_clinician.h"
#include "src/cli.h"
#include "src/demo.h"
#include "src/profile.h"
#include "ui/profile_editor.h"
#include "ui/sync_panel.h"

namespace dyad::directory {
namespace {

class DirectoryPlugin : public dyad::sdk::Plugin {
  public:
    explicit DirectoryPlugin(dyad::sdk::Host host) : Plugin(host), m_services(host) {
        dyad::show::use_wx_translations();
        m_services.adapters = load_adapters(host.resource_folders());
        for (const auto& problem : m_services.adapters.problems) {
            host.log(DYAD_LOG_WARNING, "directory adapter refused: " + problem);
        }
        add_panel(DYAD_PANEL_PRACTICE, "directory.profile",
                  _("Directory Profile").utf8_string().c_str(), 30, [this](void* parent) {
                      return static_cast<void*>(new ProfileEditor(static_cast<wxWindow*>(parent),
                                                                  this->host(), m_services.profiles,
                                                                  m_services.adapters));
                  });
        add_panel(DYAD_PANEL_PRACTICE, "directory.sync", _("Directory Sync").utf8_string().c_str(),
                  31, [this](void* parent) {
                      return static_cast<void*>(
                          new SyncPanel(static_cast<wxWindow*>(parent), m_services));
                  });
        add_cli_command(
            "directory", "the public profile and its exports (FHIR, JSON-LD, vCard)",
            directory_cli_usage(),
            [this](const std::vector<std::string>& args, const dyad::sdk::CliOutput& output) {
                return run_directory_cli(m_services, args, output);
            });
        provide_demo([this](const dyad::sdk::DemoRequest& request) {
            fill_demo(this->host(), m_services.profiles, request);
        });
    }

    const dyad_schema_v1* schema() const override { return directory_schema(); }

    // What other plugins may ask for (include/dyad_directory_clinician.h).
    const void* extension(const char* id) const override {
        return std::string(id) == DYAD_DIRECTORY_CLINICIAN_EXTENSION ? &m_clinician_table : nullptr;
    }

  private:
    // The latest profile's professional facts; never throws across the C boundary.
    static int latest_clinician(void* self, dyad_directory_clinician_receiver receive,
                                void* user) noexcept {
        try {
            auto* plugin = static_cast<DirectoryPlugin*>(self);
            auto latest = plugin->m_services.profiles.latest();
            if (!latest) {
                return DYAD_ERROR;
            }
            if (latest->version == 0) {
                return DYAD_NOT_FOUND;
            }
            const Profile& profile = latest->profile;
            Licence licence = profile.licences.empty() ? Licence{} : profile.licences.front();
            std::string office;
            if (!profile.offices.empty()) {
                const Office& first = profile.offices.front();
                office =
                    first.line + ", " + first.city + ", " + first.state + " " + first.postal_code;
            }
            dyad_directory_clinician facts{sizeof(dyad_directory_clinician),
                                           profile.given_name.c_str(),
                                           profile.family_name.c_str(),
                                           profile.npi.c_str(),
                                           profile.taxonomy_code.c_str(),
                                           licence.kind.c_str(),
                                           licence.number.c_str(),
                                           licence.state.c_str(),
                                           profile.phone.c_str(),
                                           office.c_str()};
            receive(user, &facts);
            return DYAD_OK;
        } catch (...) {
            return DYAD_ERROR;
        }
    }

    DirectoryServices m_services;
    dyad_directory_clinician_v1 m_clinician_table{sizeof(dyad_directory_clinician_v1), this,
                                                  &DirectoryPlugin::latest_clinician};
};

}  // namespace
}  // namespace dyad::directory

DYAD_PLUGIN_USES(
    dyad::directory::DirectoryPlugin, "dyad.directory",
    dyad::show::marked("plugin name", "Directory Profile"), "Dyad", "0.1.0",
    dyad::show::marked("plugin description",
                       "One public profile of the therapist, exported as FHIR, JSON-LD and vCard"),
    "dyad.db/1 dyad.core/1 dyad.ui/1 dyad.cli/1 dyad.paths/1 network files")
