// dyad.measures: outcome measures each partner answers in private (issue 17): a Measures tab on
// each unit (chart, flags, client view, cadence, report and exports), a Home card of what is
// due today and the open safety flags, and `dyadctl measures ...`.
#include <wx/stattext.h>

#include <confirm_dialog.h>
#include <time_text.h>
#include <dyad/plugin.hpp>
#include <iostream>

#include "src/cli.h"
#include "src/instrument.h"
#include "src/schema.h"
#include "src/store.h"
#include "ui/measures_panel.h"

namespace dyad::measures {
namespace {

using dyad::sdk::CliOutput;

InstrumentLibrary load_library(const dyad::sdk::Host& host) {
    InstrumentLibrary library = load_instruments(host.resource_folders());
    for (const auto& problem : library.problems) {
        host.log(DYAD_LOG_ERROR, "instrument refused: " + problem);
    }
    return library;
}

class MeasuresPlugin : public dyad::sdk::Plugin {
  public:
    explicit MeasuresPlugin(dyad::sdk::Host host)
        : Plugin(host), m_library(load_library(host)), m_store(host, m_library) {
        add_panel(
            DYAD_PANEL_UNIT, "measures.unit", "Measures", 50,
            [this](void* parent) {
                return static_cast<void*>(new MeasuresPanel(
                    static_cast<wxWindow*>(parent), this->host(), m_store, &dyad::ui::confirm));
            },
            [](void* window, std::int64_t unit_id) {
                static_cast<MeasuresPanel*>(window)->show_unit(unit_id);
            },
            {}, DYAD_RECORDS_CLINICAL);
        add_panel(
            DYAD_PANEL_DASHBOARD, "measures.due", "Measures", 35,
            [](void* parent) {
                return static_cast<void*>(new wxStaticText(static_cast<wxWindow*>(parent), wxID_ANY,
                                                           "", wxDefaultPosition, wxDefaultSize, 0,
                                                           "measures_due"));
            },
            {},
            [this](void* window) {
                auto due = m_store.due(dyad::datafile::local_today());
                auto flags = m_store.open_flags();
                static_cast<wxStaticText*>(window)->SetLabel(
                    !due || !flags
                        ? wxString(_("Could not be read."))
                        : wxString::Format(_("%zu measure(s) due today; %zu open safety flag(s)."),
                                           due->size(), flags->size()));
            },
            DYAD_RECORDS_CLINICAL);
        add_cli_command("measures",
                        "outcome measures: instruments, scoring, cadence, due, history, reports",
                        measures_cli_usage(),
                        [this](const std::vector<std::string>& args, const CliOutput& output) {
                            return run_measures_cli(this->host(), m_store, args, output,
                                                    dyad::datafile::local_today(), std::cin);
                        });
    }

    const dyad_schema_v1* schema() const override { return measures_schema(); }

  private:
    InstrumentLibrary m_library;
    MeasuresStore m_store;
};

}  // namespace
}  // namespace dyad::measures

DYAD_PLUGIN_USES(dyad::measures::MeasuresPlugin, "dyad.measures", "Outcome measures", "Dyad",
                 "0.1.0",
                 "Couple and individual outcome measures answered in private, with reliable change",
                 "dyad.db/1 dyad.core/1 dyad.ui/1 dyad.cli/1 dyad.paths/1 dyad.people/1 "
                 "core:units:read core:clients:read core:appointments:read files")
