// dyad.measures: outcome measures each partner answers in private (issue 17): a Measures tab on
// each unit (chart, flags, client view, cadence, report and exports), a Home card of what is
// due today and the open safety flags, and `dyadctl measures ...`.
#include <wx/stattext.h>

#include <confirm_dialog.h>
#include <time_text.h>
#include <dyad/plugin.hpp>
#include <dyad/show.hpp>
#include <dyad/show_wx.hpp>
#include <iostream>
#include <map>

#include "src/cli.h"
#include "src/demo.h"
#include "src/instrument.h"
#include "src/schema.h"
#include "src/store.h"
#include "ui/measures_panel.h"

namespace dyad::measures {
namespace {

using dyad::sdk::CliOutput;
using dyad::show::fill;
using dyad::show::tr;

InstrumentLibrary load_library(const dyad::sdk::Host& host) {
    // First thing the plugin does: its words (and data files) in the language chosen.
    dyad::show::use_wx_translations();
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
            DYAD_PANEL_UNIT, "measures.unit", _("Measures").utf8_string().c_str(), 50,
            [this](void* parent) {
                return static_cast<void*>(new MeasuresPanel(
                    static_cast<wxWindow*>(parent), this->host(), m_store, &dyad::ui::confirm));
            },
            [](void* window, std::int64_t unit_id) {
                static_cast<MeasuresPanel*>(window)->show_unit(unit_id);
            },
            {}, DYAD_RECORDS_CLINICAL, nullptr,
            [](void* window, bool preview) {
                return static_cast<MeasuresPanel*>(window)->print(preview);
            },
            "chart");
        add_panel(
            DYAD_PANEL_DASHBOARD, "measures.due", _("Measures").utf8_string().c_str(), 35,
            [](void* parent) {
                return static_cast<void*>(new wxStaticText(static_cast<wxWindow*>(parent), wxID_ANY,
                                                           "", wxDefaultPosition, wxDefaultSize, 0,
                                                           "measures_due"));
            },
            {},
            [this](void* window) {
                static_cast<wxStaticText*>(window)->SetLabel(wxString::FromUTF8(home_card()));
            },
            DYAD_RECORDS_CLINICAL);
        add_panel(
            DYAD_PANEL_UNIT_SUMMARY, "measures.summary", _("Measures").utf8_string().c_str(), 50,
            [](void* parent) {
                return static_cast<void*>(new wxStaticText(static_cast<wxWindow*>(parent), wxID_ANY,
                                                           "", wxDefaultPosition, wxDefaultSize, 0,
                                                           "measures_summary_card"));
            },
            [this](void* window, std::int64_t unit_id) {
                auto* label = static_cast<wxStaticText*>(window);
                label->SetLabel(wxString::FromUTF8(unit_card(unit_id)));
                label->Wrap(330);
            },
            {}, DYAD_RECORDS_CLINICAL);
        add_cli_command("measures",
                        "outcome measures: instruments, scoring, cadence, due, history, reports",
                        measures_cli_usage(),
                        [this](const std::vector<std::string>& args, const CliOutput& output) {
                            return run_measures_cli(this->host(), m_store, args, output,
                                                    dyad::datafile::local_today(), std::cin);
                        });
        provide_demo([this](const dyad::sdk::DemoRequest& request) {
            fill_demo(this->host(), m_store, request);
        });
    }

    const dyad_schema_v1* schema() const override { return measures_schema(); }

  private:
    std::string unit_name(std::int64_t unit_id) const {
        std::string name;
        host().core()->get_unit(
            host().raw(), unit_id,
            [](void* user, const dyad_unit_info* info) {
                *static_cast<std::string*>(user) = info->display_name;
            },
            &name);
        return name;
    }
    // The unit's latest score per partner and instrument, and its open safety flags: the
    // Overview card.
    std::string unit_card(std::int64_t unit_id) {
        if (unit_id == 0) {
            return "";
        }
        auto history = m_store.history(unit_id);
        auto flags = m_store.open_flags(unit_id);
        if (!history || !flags) {
            return tr("Could not be read.");
        }
        std::map<std::pair<std::int64_t, std::string>, const Administration*> latest;
        for (const auto& a : *history) {
            latest[{a.client_id, a.instrument_id}] = &a;
        }
        std::map<std::int64_t, std::string> names;
        for (const auto& member : host().members(unit_id)) {
            names[member.client_id] = member.given_name;
        }
        std::string text;
        for (const auto& [key, a] : latest) {
            const Instrument* instrument = m_library.find(a->instrument_id);
            std::string line = a->score.band.empty() ? tr("{name} {instrument}: {total}")
                                                     : tr("{name} {instrument}: {total} ({band})");
            if (a->score.distressed) {
                line = fill(tr("{score}, past the cut-off"), "score", line);
            }
            line = fill(tr("{score}, {date}"), "score", line);
            line = fill(line, "name", names[a->client_id]);
            line =
                fill(line, "instrument", instrument ? instrument->short_title : a->instrument_id);
            line = fill(line, "total", shown_number(a->score.total));
            line = fill(line, "band", shown_label(a->score.band));
            text += fill(line, "date", dyad::show::date(a->date, dyad::show::DateStyle::Compact)) +
                    "\n";
        }
        if (text.empty()) {
            text = tr("No measures recorded.") + "\n";
        }
        if (!flags->empty()) {
            text += dyad::show::tr_n("{n} open safety flag: see the Measures tab.",
                                     "{n} open safety flags: see the Measures tab.",
                                     static_cast<long long>(flags->size())) +
                    "\n";
        }
        return text.substr(0, text.size() - 1);
    }
    // What is due today per unit (instruments, how many answers) and the open safety flags
    // per unit: the therapist's Home card (clinical readers only).
    std::string home_card() {
        auto due = m_store.due(dyad::datafile::local_today());
        auto flags = m_store.open_flags();
        if (!due || !flags) {
            return tr("Could not be read.");
        }
        std::map<std::int64_t, std::map<std::string, int>> by_unit;
        for (const auto& d : *due) {
            ++by_unit[d.unit_id][d.instrument_id];
        }
        std::string text =
            (by_unit.empty() ? tr("No measures due today.") : tr("Due today:")) + "\n";
        int lines = 0;
        for (const auto& [unit, instruments] : by_unit) {
            if (++lines > 8) {
                text += "  " +
                        dyad::show::tr_n("and {n} more unit", "and {n} more units",
                                         static_cast<long long>(by_unit.size() - 8)) +
                        "\n";
                break;
            }
            std::string what;
            for (const auto& [id, count] : instruments) {
                what += (what.empty() ? "" : ", ") + id + " x" + std::to_string(count);
            }
            text += "  " + unit_name(unit) + ": " + what + "\n";
        }
        if (flags->empty()) {
            return text + tr("No open safety flag.");
        }
        std::map<std::int64_t, int> flagged;
        for (const auto& flag : *flags) {
            ++flagged[flag.unit_id];
        }
        text += tr("Open safety flags:") + "\n";
        for (const auto& [unit, count] : flagged) {
            text += "  " + unit_name(unit) + ": " + std::to_string(count) + "\n";
        }
        return text.substr(0, text.size() - 1);
    }

    InstrumentLibrary m_library;
    MeasuresStore m_store;
};

}  // namespace
}  // namespace dyad::measures

DYAD_PLUGIN_USES(
    dyad::measures::MeasuresPlugin, "dyad.measures",
    dyad::show::marked("plugin name", "Outcome measures"), "Dyad", "0.1.0",
    dyad::show::marked(
        "plugin description",
        "Couple and individual outcome measures answered in private, with reliable change"),
    "dyad.db/1 dyad.core/1 dyad.ui/1 dyad.cli/1 dyad.paths/1 dyad.people/1 "
    "dyad.settings/1 "
    "core:units:read core:clients:read core:appointments:read files")
