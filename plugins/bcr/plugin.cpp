// dyad.bcr: Behavior Change Requests ("Restructuring Frustrations"): a Requests tab on each
// couple, a Home card of the check-ins due today, and `dyadctl bcr ...`.
#include <wx/stattext.h>

#include <confirm_dialog.h>
#include <dyad/plugin.hpp>
#include <optional>

#include "src/cli.h"
#include "src/schema.h"
#include "src/smart_check.h"
#include "src/store.h"
#include "ui/bcr_panel.h"

namespace dyad::bcr {
namespace {

using dyad::ui::confirm;

class BcrPlugin : public dyad::sdk::Plugin {
  public:
    explicit BcrPlugin(dyad::sdk::Host host) : Plugin(host), m_store(dyad::sdk::Database(host)) {
        std::vector<std::string> problems;
        auto checker = SmartChecker::load(host.resource_folders(), problems);
        for (const auto& problem : problems) {
            host.log(DYAD_LOG_WARNING, "SMART rules refused: " + problem);
        }
        if (checker) {
            m_checker = std::move(*checker);
        } else {
            host.log(DYAD_LOG_ERROR, "no SMART rules: " + checker.error());
        }
        add_panel(
            DYAD_PANEL_UNIT, "bcr.requests", "Requests", 40,
            [this](void* parent) {
                return static_cast<void*>(new BcrPanel(static_cast<wxWindow*>(parent), this->host(),
                                                       m_store, checker_or_null(), &confirm));
            },
            [](void* window, std::int64_t unit_id) {
                static_cast<BcrPanel*>(window)->show_unit(unit_id);
            },
            {}, DYAD_RECORDS_CLINICAL, "couple");
        add_panel(
            DYAD_PANEL_DASHBOARD, "bcr.due", "Check-ins due today", 30,
            [](void* parent) {
                return static_cast<void*>(new wxStaticText(static_cast<wxWindow*>(parent), wxID_ANY,
                                                           "", wxDefaultPosition, wxDefaultSize, 0,
                                                           "bcr_due"));
            },
            {},
            [this](void* window) {
                auto due = m_store.checkins_due(local_today());
                static_cast<wxStaticText*>(window)->SetLabel(
                    !due        ? wxString(_("Could not be read."))
                    : *due == 0 ? wxString(_("No check-in is due today."))
                                : wxString::Format(_("%d request check-in(s) due today."), *due));
            },
            DYAD_RECORDS_CLINICAL);
        add_cli_command(
            "bcr", "behavior change requests: lint, list, check in, agreements", bcr_cli_usage(),
            [this](const std::vector<std::string>& args, const dyad::sdk::CliOutput& output) {
                return run_bcr_cli(this->host(), m_store, checker_or_null(), args, output,
                                   local_today());
            });
    }

    const dyad_schema_v1* schema() const override { return bcr_schema(); }

  private:
    const SmartChecker* checker_or_null() const { return m_checker ? &*m_checker : nullptr; }

    BcrStore m_store;
    std::optional<SmartChecker> m_checker;
};

}  // namespace
}  // namespace dyad::bcr

DYAD_PLUGIN_USES(dyad::bcr::BcrPlugin, "dyad.bcr", "Behavior Change Requests", "Dyad", "0.1.0",
                 "From a frustration to a granted request, with SMART checks and weekly check-ins",
                 "dyad.db/1 dyad.core/1 dyad.ui/1 dyad.cli/1 dyad.paths/1 dyad.people/1 "
                 "core:units:read files")
