// dyad.billing: billing a couple properly (issue 16): a Billing tab on each unit (setup with the
// identified patient and the split between partners, charges from attended sessions, payments
// split between partners, invoices), a Home card, and `dyadctl billing ...`.
#include <wx/stattext.h>

#include <confirm_dialog.h>
#include <data_files.h>
#include <time_text.h>
#include <dyad/plugin.hpp>
#include <dyad/show.hpp>
#include <dyad/show_wx.hpp>
#include <optional>

#include "src/catalogue.h"
#include "src/claims.h"
#include "src/cli.h"
#include "src/demo.h"
#include "src/details.h"
#include "src/ledger.h"
#include "src/schema.h"
#include "ui/billing_panel.h"
#include "ui/identity_page.h"
#include "ui/practice_panel.h"

namespace dyad::billing {
namespace {

using dyad::sdk::CliOutput;
using dyad::show::fill;
using dyad::show::tr;

// The first services.json found (the user's, the clinic's, then the installed one); a broken
// one is refused with its path and line, and the next is not used in its place: the practice
// must see its own file is broken.
std::optional<Catalogue> load_catalogue(const dyad::sdk::Host& host) {
    for (const auto& folder : host.resource_folders()) {
        std::string path = folder + "/billing/services.json";
        std::vector<std::string> problems;
        auto text = dyad::datafile::read_data_file(path, problems);
        for (const auto& problem : problems) {
            host.log(DYAD_LOG_ERROR, "service catalogue: " + problem);
        }
        if (!text) {
            if (problems.empty()) {
                continue;  // Not in this folder.
            }
            return std::nullopt;
        }
        auto catalogue = parse_catalogue(*text, path);
        if (!catalogue) {
            for (const auto& problem : catalogue.error()) {
                host.log(DYAD_LOG_ERROR, "service catalogue refused: " + problem);
            }
            return std::nullopt;
        }
        return std::move(*catalogue);
    }
    host.log(DYAD_LOG_ERROR, "no billing/services.json in the data folders");
    return std::nullopt;
}

class BillingPlugin : public dyad::sdk::Plugin {
  public:
    explicit BillingPlugin(dyad::sdk::Host host)
        : Plugin(host),
          m_catalogue(load_catalogue(host)),
          m_store(host, catalogue()),
          m_details(host),
          m_claims(host, m_store, m_details) {
        dyad::show::use_wx_translations();  // The PDFs and cards in the chosen language.
        add_panel(
            DYAD_PANEL_UNIT, "billing.unit", tr("Billing").c_str(), 60,
            [this](void* parent) {
                return static_cast<void*>(
                    new BillingPanel(static_cast<wxWindow*>(parent), this->host(), m_store,
                                     m_details, m_claims, catalogue(), &dyad::ui::confirm));
            },
            [](void* window, std::int64_t unit_id) {
                static_cast<BillingPanel*>(window)->show_unit(unit_id);
            },
            {}, DYAD_RECORDS_BILLING, nullptr,
            // File > Print: the statement of account (ui/billing_statements.cpp).
            [](void* window, bool preview) {
                return static_cast<BillingPanel*>(window)->print(preview);
            },
            "billing");
        add_panel(
            DYAD_PANEL_DASHBOARD, "billing.summary", tr("Billing").c_str(), 40,
            [](void* parent) {
                return static_cast<void*>(new wxStaticText(static_cast<wxWindow*>(parent), wxID_ANY,
                                                           "", wxDefaultPosition, wxDefaultSize, 0,
                                                           "billing_summary"));
            },
            {},
            [this](void* window) {
                auto summary = m_store.practice_summary(dyad::datafile::local_today());
                static_cast<wxStaticText*>(window)->SetLabel(
                    !summary ? wxString(_("Could not be read."))
                             : wxString::Format(
                                   wxPLURAL("%d session to bill, %s outstanding.",
                                            "%d sessions to bill, %s outstanding.", summary->first),
                                   summary->first,
                                   wxString::FromUTF8(dyad::show::money(summary->second))));
            },
            DYAD_RECORDS_BILLING);
        add_panel(
            DYAD_PANEL_PRACTICE, "billing.practice", tr("Billing Overview").c_str(), 60,
            [this](void* parent) {
                return static_cast<void*>(new PracticePanel(
                    static_cast<wxWindow*>(parent), this->host(), m_store, &dyad::ui::confirm));
            },
            {}, [](void* window) { static_cast<PracticePanel*>(window)->reload(); },
            DYAD_RECORDS_BILLING);
        add_panel(
            DYAD_PANEL_UNIT_SUMMARY, "billing.balance", tr("Billing").c_str(), 60,
            [](void* parent) {
                return static_cast<void*>(new wxStaticText(static_cast<wxWindow*>(parent), wxID_ANY,
                                                           "", wxDefaultPosition, wxDefaultSize, 0,
                                                           "billing_balance_card"));
            },
            [this](void* window, std::int64_t unit_id) {
                auto* label = static_cast<wxStaticText*>(window);
                label->SetLabel(wxString::FromUTF8(balance_card(unit_id)));
                label->Wrap(330);
            },
            {}, DYAD_RECORDS_BILLING);
        add_settings_page(
            "billing.identity", tr("Billing").c_str(),
            [this](void* parent) {
                return static_cast<void*>(
                    new IdentityPage(static_cast<wxWindow*>(parent), this->host()));
            },
            [](void* window) { return static_cast<IdentityPage*>(window)->apply(); });
        add_cli_command(
            "billing",
            "billing: services, setup, charges, payments split between partners, "
            "ledger, invoices",
            billing_cli_usage(),
            [this](const std::vector<std::string>& args, const CliOutput& output) {
                BillingContext context{this->host(), m_store, m_details, m_claims, catalogue()};
                return run_billing_cli(context, args, output, dyad::datafile::local_today());
            });
        provide_demo([this](const dyad::sdk::DemoRequest& request) {
            fill_demo(this->host(), m_store, catalogue(), request);
        });
    }

    const dyad_schema_v1* schema() const override { return billing_schema(); }

  private:
    // The Overview card: how the unit is billed and what each partner owes.
    std::string balance_card(std::int64_t unit_id) {
        if (unit_id == 0) {
            return "";
        }
        auto setup = m_store.unit(unit_id);
        auto balances = m_store.balances(unit_id);
        auto credit = m_store.credit(unit_id);
        if (!setup || !balances || !credit) {
            return tr("Could not be read.");
        }
        if (!*setup) {
            return tr("Billing is not set up for this unit.");
        }
        std::string text = (*setup)->kind == "self_pay"    ? tr("Self-pay")
                           : (*setup)->kind == "insurance" ? tr("Insurance")
                                                           : tr("Out of network (superbills)");
        text += "\n";
        for (const auto& member : host().members(unit_id)) {
            for (const auto& balance : *balances) {
                if (balance.client_id == member.client_id) {
                    std::string pattern =
                        balance.balance() > 0 ? tr("{name} owes {amount}") : tr("{name}: {amount}");
                    text += fill(fill(pattern, "name", member.given_name), "amount",
                                 dyad::show::money(balance.balance())) +
                            "\n";
                }
            }
        }
        if (*credit > 0) {
            text += fill(tr("Credit {amount}"), "amount", dyad::show::money(*credit)) + "\n";
        }
        if (std::string due = review_due_words(**setup, dyad::datafile::local_today());
            !due.empty()) {
            text += due + "\n";
        }
        return text.substr(0, text.size() - 1);
    }

    const Catalogue* catalogue() const { return m_catalogue ? &*m_catalogue : nullptr; }

    std::optional<Catalogue> m_catalogue;
    BillingStore m_store;
    DetailsStore m_details;
    ClaimStore m_claims;
};

}  // namespace
}  // namespace dyad::billing

DYAD_PLUGIN_USES(dyad::billing::BillingPlugin, "dyad.billing",
                 dyad::show::marked("plugin name", "Billing"), "Dyad", "0.1.0",
                 dyad::show::marked(
                     "plugin description",
                     "Charges, payments split between partners, invoices and ledgers for couples"),
                 "dyad.db/1 dyad.core/1 dyad.ui/1 dyad.cli/1 dyad.paths/1 dyad.people/1 "
                 "core:units:read core:clients:read core:appointments:read plugin:dyad.records "
                 "plugin:dyad.mail plugin:dyad.directory files")
