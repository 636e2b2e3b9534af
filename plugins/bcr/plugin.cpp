// dyad.bcr: Behavior Change Requests ("Restructuring Frustrations"): a Requests tab on each
// couple, a Home card of the check-ins due today, and `dyadctl bcr ...`.
#include <wx/stattext.h>

#include <confirm_dialog.h>
#include <dyad/plugin.hpp>
#include <dyad/show.hpp>
#include <dyad/show_wx.hpp>
#include <optional>

#include "src/cli.h"
#include "src/demo.h"
#include "src/schema.h"
#include "src/smart_check.h"
#include "src/store.h"
#include "ui/bcr_panel.h"

namespace dyad::bcr {
namespace {

using dyad::show::fill;
using dyad::show::tr;
using dyad::ui::confirm;

class BcrPlugin : public dyad::sdk::Plugin {
  public:
    explicit BcrPlugin(dyad::sdk::Host host) : Plugin(host), m_store(dyad::sdk::Database(host)) {
        dyad::show::use_wx_translations();  // First: the SMART rules of the language shown.
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
            DYAD_PANEL_UNIT, "bcr.requests", _("Requests").utf8_string().c_str(), 40,
            [this](void* parent) {
                return static_cast<void*>(new BcrPanel(static_cast<wxWindow*>(parent), this->host(),
                                                       m_store, checker_or_null(), &confirm));
            },
            [](void* window, std::int64_t unit_id) {
                static_cast<BcrPanel*>(window)->show_unit(unit_id);
            },
            {}, DYAD_RECORDS_CLINICAL, "couple",
            [](void* window, bool preview) {
                return static_cast<BcrPanel*>(window)->print(preview);
            },
            "imago");
        add_panel(
            DYAD_PANEL_UNIT_SUMMARY, "bcr.glance", _("Requests").utf8_string().c_str(), 40,
            [](void* parent) {
                return static_cast<void*>(new wxStaticText(static_cast<wxWindow*>(parent), wxID_ANY,
                                                           "", wxDefaultPosition, wxDefaultSize, 0,
                                                           "bcr_glance_card"));
            },
            [this](void* window, std::int64_t unit_id) {
                auto* label = static_cast<wxStaticText*>(window);
                label->SetLabel(wxString::FromUTF8(glance(unit_id)));
                label->Wrap(330);
            },
            {}, DYAD_RECORDS_CLINICAL, "couple");
        add_panel(
            DYAD_PANEL_DASHBOARD, "bcr.due", _("Check-ins due today").utf8_string().c_str(), 30,
            [](void* parent) {
                return static_cast<void*>(new wxStaticText(static_cast<wxWindow*>(parent), wxID_ANY,
                                                           "", wxDefaultPosition, wxDefaultSize, 0,
                                                           "bcr_due"));
            },
            {},
            [this](void* window) {
                auto due = m_store.checkins_due(local_today());
                static_cast<wxStaticText*>(window)->SetLabel(
                    !due ? wxString(_("Could not be read."))
                    : *due == 0
                        ? wxString(_("No check-in is due today."))
                        : wxString::Format(wxPLURAL("%d request check-in is due today.",
                                                    "%d request check-ins are due today.", *due),
                                           *due));
            },
            DYAD_RECORDS_CLINICAL);
        add_cli_command(
            "bcr", "behavior change requests: lint, list, check in, agreements", bcr_cli_usage(),
            [this](const std::vector<std::string>& args, const dyad::sdk::CliOutput& output) {
                return run_bcr_cli(this->host(), m_store, checker_or_null(), args, output,
                                   local_today());
            });
        provide_demo([this](const dyad::sdk::DemoRequest& request) {
            fill_demo(this->host(), m_store, request);
        });
    }

    const dyad_schema_v1* schema() const override { return bcr_schema(); }

  private:
    // The Overview card: open requests and each granted one's follow-through so far.
    std::string glance(std::int64_t unit_id) {
        if (unit_id == 0) {
            return "";
        }
        auto found = m_store.for_unit(unit_id);
        if (!found) {
            return tr("Could not be read.");
        }
        std::string today = local_today();
        std::string text;
        int open = 0;
        for (const auto& f : *found) {
            if (f.state == State::Retired) {
                continue;
            }
            ++open;
            const Gift* gift = f.current_gift();
            const Request* granted = f.granted_request();
            if (gift != nullptr && gift->active && granted != nullptr) {
                Adherence so_far = adherence(gift->commitment, gift->checkins, today);
                std::string request = granted->text;
                if (request.size() > 60) {
                    std::size_t cut = 57;  // Not inside a UTF-8 sequence.
                    while (cut > 0 && (static_cast<unsigned char>(request[cut]) & 0xC0) == 0x80) {
                        --cut;
                    }
                    request = request.substr(0, cut) + "...";
                }
                std::string line = dyad::show::tr_n(
                    "{request}: {percent} followed through ({recorded} of {n} check-in)",
                    "{request}: {percent} followed through ({recorded} of {n} check-ins)",
                    so_far.due);
                line = fill(line, "percent",
                            dyad::show::percent(static_cast<int>(so_far.rate() * 100 + 0.5)));
                line = fill(line, "recorded", dyad::show::number(so_far.recorded));
                text += fill(line, "request", request) + "\n";
            }
        }
        if (open == 0) {
            return tr("No open request.");
        }
        text = dyad::show::tr_n("{n} open request", "{n} open requests", open) + "\n" + text;
        return text.substr(0, text.size() - 1);
    }

    const SmartChecker* checker_or_null() const { return m_checker ? &*m_checker : nullptr; }

    BcrStore m_store;
    std::optional<SmartChecker> m_checker;
};

}  // namespace
}  // namespace dyad::bcr

DYAD_PLUGIN_USES(
    dyad::bcr::BcrPlugin, "dyad.bcr", dyad::show::marked("plugin name", "Behavior Change Requests"),
    "Dyad", "0.1.0",
    dyad::show::marked(
        "plugin description",
        "From a frustration to a granted request, with SMART checks and weekly check-ins"),
    "dyad.db/1 dyad.core/1 dyad.ui/1 dyad.cli/1 dyad.paths/1 dyad.people/1 "
    "core:units:read files")
