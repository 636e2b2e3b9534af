// dyad.workup: the Imago worksheets (Workup, Partner Profile, Caring Behaviours and any form a
// clinic adds as a data file), rendered from their definitions on a Worksheets tab, and
// `dyadctl forms ...` / `dyadctl workup ...`.
#include <wx/stattext.h>
#include <dyad/show.hpp>

#include <dyad/plugin.hpp>
#include <dyad/show_wx.hpp>

#include "src/cli.h"
#include "src/demo.h"
#include "src/form.h"
#include "src/progress.h"
#include "src/response.h"
#include "ui/form_panel.h"

namespace dyad::workup {
namespace {

class WorkupPlugin : public dyad::sdk::Plugin {
  public:
    explicit WorkupPlugin(dyad::sdk::Host host) : Plugin(host), m_store(dyad::sdk::Database(host)) {
        dyad::show::use_wx_translations();  // Before the forms: they are read in its language.
        m_library = load_forms(host.resource_folders());
        for (const auto& problem : m_library.problems) {
            host.log(DYAD_LOG_WARNING, "form refused: " + problem);
        }
        add_panel(
            DYAD_PANEL_UNIT, "workup.forms", _("Worksheets").utf8_string().c_str(), 42,
            [this](void* parent) {
                return static_cast<void*>(new FormPanel(static_cast<wxWindow*>(parent),
                                                        this->host(), m_store, m_library));
            },
            [](void* window, std::int64_t unit_id) {
                static_cast<FormPanel*>(window)->show_unit(unit_id);
            },
            {}, DYAD_RECORDS_CLINICAL, nullptr,
            [](void* window, bool preview) {
                return static_cast<FormPanel*>(window)->print(preview);
            },
            "imago");
        // The Overview's card: how far each partner is, counts only.
        add_panel(
            DYAD_PANEL_UNIT_SUMMARY, "workup.progress", _("Worksheets").utf8_string().c_str(), 42,
            [](void* parent) {
                return static_cast<void*>(new wxStaticText(static_cast<wxWindow*>(parent), wxID_ANY,
                                                           "", wxDefaultPosition, wxDefaultSize, 0,
                                                           "workup_progress_card"));
            },
            [this](void* window, std::int64_t unit_id) {
                std::vector<std::pair<std::int64_t, std::string>> members;
                for (const auto& member : this->host().members(unit_id)) {
                    members.emplace_back(member.client_id, member.given_name);
                }
                auto progress = unit_progress(m_store, m_library, unit_id, members);
                auto* label = static_cast<wxStaticText*>(window);
                label->SetLabel(progress
                                    ? wxString::FromUTF8(progress_text(*progress))
                                    : wxString::Format(_("The worksheets could not be read: %s"),
                                                       wxString::FromUTF8(progress.error())));
                label->Wrap(330);
            },
            {}, DYAD_RECORDS_CLINICAL);
        add_cli_command(
            "forms", "worksheet definitions: list, validate", forms_cli_usage(),
            [this](const std::vector<std::string>& args, const dyad::sdk::CliOutput& output) {
                return run_forms_cli(m_library, args, output);
            });
        add_cli_command(
            "workup", "worksheet answers: show, save, export (pdf, json)", workup_cli_usage(),
            [this](const std::vector<std::string>& args, const dyad::sdk::CliOutput& output) {
                return run_workup_cli(this->host(), m_store, m_library, args, output);
            });
        provide_demo([this](const dyad::sdk::DemoRequest& request) {
            fill_demo(this->host(), m_store, m_library, request);
        });
    }

    const dyad_schema_v1* schema() const override { return workup_schema(); }

  private:
    ResponseStore m_store;
    FormLibrary m_library;
};

}  // namespace
}  // namespace dyad::workup

DYAD_PLUGIN_USES(
    dyad::workup::WorkupPlugin, "dyad.workup",
    dyad::show::marked("plugin name", "Imago Worksheets"), "Dyad", "0.1.0",
    dyad::show::marked(
        "plugin description",
        "The Imago Workup and other worksheets, rendered from editable form definitions"),
    "dyad.db/1 dyad.core/1 dyad.ui/1 dyad.cli/1 dyad.paths/1 dyad.people/1 "
    "core:units:read files")
