// dyad.mail: appointment reminders and notices by e-mail from the therapist's own account, with
// each client's consent and nothing clinical in them (issue 18): Settings > Email, a Reminders
// tab per unit (consent, messages), a Home card for what failed, the schedule's Reminders
// column (include/dyad_mail_reminders.h), sending while the window runs, and `dyadctl mail`.
#include <wx/stattext.h>

#include <confirm_dialog.h>
#include <dyad_mail_documents.h>
#include <dyad_mail_reminders.h>
#include <cstring>
#include <dyad/plugin.hpp>
#include <dyad/show.hpp>
#include <dyad/show_wx.hpp>
#include <iostream>
#include <memory>

#include "src/cli.h"
#include "src/demo.h"
#include "src/schema.h"
#include "src/services.h"
#include "ui/background_sender.h"
#include "ui/reminders_panel.h"
#include "ui/settings_page.h"

namespace dyad::mail {
namespace {

using dyad::sdk::CliOutput;
using dyad::show::fill;
using dyad::show::tr;

class MailPlugin : public dyad::sdk::Plugin {
  public:
    explicit MailPlugin(dyad::sdk::Host host) : Plugin(host), m_services(host) {
        dyad::show::use_wx_translations();  // First: the window's words in the chosen language.
        m_reminders_table = {sizeof(dyad_mail_reminders_v1), this, &MailPlugin::state_of};
        m_documents_table = {sizeof(dyad_mail_documents_v1), this, &MailPlugin::address_of,
                             &MailPlugin::send_document};
        m_window = add_panel(
            DYAD_PANEL_UNIT, "mail.unit", tr("Reminders").c_str(), 60,
            [this](void* parent) {
                return static_cast<void*>(new RemindersPanel(static_cast<wxWindow*>(parent),
                                                             m_services, &dyad::ui::confirm,
                                                             [this] { send_soon(); }));
            },
            [](void* window, std::int64_t unit_id) {
                static_cast<RemindersPanel*>(window)->show_unit(unit_id);
            },
            [](void* window) { static_cast<RemindersPanel*>(window)->reload(); },
            DYAD_RECORDS_SCHEDULE, nullptr, {}, "contact");
        add_panel(
            DYAD_PANEL_DASHBOARD, "mail.home", tr("Reminders").c_str(), 40,
            [](void* parent) {
                return static_cast<void*>(new wxStaticText(static_cast<wxWindow*>(parent), wxID_ANY,
                                                           "", wxDefaultPosition, wxDefaultSize, 0,
                                                           "mail_home_card"));
            },
            {},
            [this](void* window) {
                static_cast<wxStaticText*>(window)->SetLabel(wxString::FromUTF8(home_card()));
            },
            DYAD_RECORDS_SCHEDULE);
        add_settings_page(
            "mail.settings", tr("Email").c_str(),
            [this](void* parent) {
                return static_cast<void*>(new SettingsPage(
                    static_cast<wxWindow*>(parent), m_services, [this](const std::string& address) {
                        return m_services.send_test_now(address);
                    }));
            },
            [](void* window) { return static_cast<SettingsPage*>(window)->apply(); });
        add_cli_command("mail", "appointment reminders by e-mail: account, consent, outbox",
                        mail_cli_usage(),
                        [this](const std::vector<std::string>& args, const CliOutput& output) {
                            return run_mail_cli(m_services, args, output, std::cin);
                        });
        // A session booked, moved or cancelled, or a client's address changed: plan again.
        subscribe(DYAD_EVENT_RECORD_CHANGED, [this](const dyad_event& event) {
            std::string entity = event.entity != nullptr ? event.entity : "";
            if (entity == "appointment" || entity == "client") {
                send_soon();
            }
        });
        subscribe(DYAD_EVENT_BEFORE_SHUTDOWN, [this](const dyad_event&) {
            if (m_sender) {
                m_sender->stop();
            }
        });
        // Consent only: no account, nothing queued (src/demo.h).
        provide_demo([this](const dyad::sdk::DemoRequest& request) {
            fill_demo(this->host(), m_services.store, request);
        });
    }

    void start() override {
        if (m_window) {
            m_sender = std::make_unique<BackgroundSender>(m_services, [this] {
                (void)this->host().refresh_panels("mail.unit");
                (void)this->host().refresh_panels("mail.home");
            });
            m_sender->start(60);
            send_soon();
        }
    }

    const dyad_schema_v1* schema() const override { return mail_schema(); }

    const void* extension(const char* id) const override {
        if (std::strcmp(id, DYAD_MAIL_REMINDERS_EXTENSION) == 0) {
            return &m_reminders_table;
        }
        return std::strcmp(id, DYAD_MAIL_DOCUMENTS_EXTENSION) == 0 ? &m_documents_table : nullptr;
    }

  private:
    // Plans and sends after the current event is over (never inside another plugin's write).
    void send_soon() {
        if (m_sender) {
            // Queued on the sender itself: dropped with it if the plugin goes first.
            BackgroundSender* sender = m_sender.get();
            sender->CallAfter([sender] { sender->run_now(); });
        }
    }

    static int state_of(void* self, std::int64_t appointment_id, char* out, std::size_t size) {
        auto* plugin = static_cast<MailPlugin*>(self);
        if (out == nullptr || size == 0) {
            return DYAD_INVALID;
        }
        out[0] = '\0';
        if (!plugin->host().may(DYAD_RECORDS_SCHEDULE)) {
            return DYAD_DENIED;
        }
        auto state = plugin->m_services.store.appointment_state(appointment_id);
        if (!state) {
            return DYAD_ERROR;
        }
        std::snprintf(out, size, "%s", state->c_str());
        return DYAD_OK;
    }

    bool may_send() const {
        return host().may(DYAD_RECORDS_SCHEDULE, true) &&
               host().may(DYAD_RECORDS_DEMOGRAPHICS, true);
    }

    static int address_of(void* self, std::int64_t client_id, char* out, std::size_t size) {
        auto* plugin = static_cast<MailPlugin*>(self);
        if (out == nullptr || size == 0) {
            return DYAD_INVALID;
        }
        out[0] = '\0';
        if (!plugin->may_send()) {
            return DYAD_DENIED;
        }
        std::string reason;
        std::string address = plugin->m_services.store.document_address(client_id, &reason);
        if (!plugin->m_services.account().configured()) {
            address.clear();
            reason = "no mail account is set up (Settings > Email)";
        }
        std::snprintf(out, size, "%s", (address.empty() ? reason : address).c_str());
        return address.empty() ? DYAD_NOT_FOUND : DYAD_OK;
    }

    static int send_document(void* self, std::int64_t client_id, const char* title,
                             const char* file_name, const void* pdf, std::int64_t size, char* out,
                             std::size_t out_size) {
        auto* plugin = static_cast<MailPlugin*>(self);
        if (title == nullptr || file_name == nullptr || pdf == nullptr || size <= 0 ||
            out == nullptr || out_size == 0) {
            return DYAD_INVALID;
        }
        if (!plugin->may_send()) {
            std::snprintf(
                out, out_size, "%s",
                tr("Not sent: the signed-in user may not send e-mail to clients.").c_str());
            return DYAD_DENIED;
        }
        const auto* bytes = static_cast<const std::uint8_t*>(pdf);
        std::string words;
        bool sent = false;
        try {
            sent = plugin->m_services.send_document_now(
                client_id, title, file_name,
                std::vector<std::uint8_t>(bytes, bytes + static_cast<std::size_t>(size)), words);
        } catch (const std::exception& error) {  // Nothing crosses the plugin boundary.
            words = fill(tr("Not sent: {reason}"), "reason", error.what());
        }
        std::snprintf(out, out_size, "%s", words.c_str());
        (void)plugin->host().refresh_panels("mail.unit");
        return sent ? DYAD_OK : DYAD_ERROR;
    }

    // What needs the therapist: failed and "may have been sent" messages, then what is queued.
    std::string home_card() {
        auto counts = m_services.store.counts();
        if (!counts) {
            return tr("Could not be read.");
        }
        if (!m_services.account().configured()) {
            return tr("E-mail reminders are off: set up your mail account in Settings > Email.");
        }
        auto count = [&counts](const char* state) {
            auto found = counts->find(state);
            return found == counts->end() ? 0 : found->second;
        };
        std::string text;
        if (int failed = count("failed"); failed > 0) {
            text += dyad::show::tr_n("{n} message failed.", "{n} messages failed.", failed) + "\n";
        }
        if (int unknown = count("unknown"); unknown > 0) {
            text += dyad::show::tr_n(
                        "{n} message may have been sent: check and decide on the "
                        "unit's Reminders tab.",
                        "{n} messages may have been sent: check and decide on the "
                        "unit's Reminders tab.",
                        unknown) +
                    "\n";
        }
        text += fill(fill(tr("{queued} queued, {sent} sent."), "queued",
                          dyad::show::number(count("queued") + count("retry"))),
                     "sent", dyad::show::number(count("sent")));
        if (m_sender && !m_sender->problem().empty()) {
            text += "\n" + fill(tr("Not sending: {problem}"), "problem", m_sender->problem());
        }
        return text;
    }

    MailServices m_services;
    dyad_mail_reminders_v1 m_reminders_table{};
    dyad_mail_documents_v1 m_documents_table{};
    bool m_window = false;
    std::unique_ptr<BackgroundSender> m_sender;
};

}  // namespace
}  // namespace dyad::mail

DYAD_PLUGIN_USES(
    dyad::mail::MailPlugin, "dyad.mail", dyad::show::marked("plugin name", "Reminders by e-mail"),
    "Dyad", "0.1.0",
    dyad::show::marked(
        "plugin description",
        "Appointment reminders and notices by e-mail, with consent and nothing clinical"),
    "dyad.db/1 dyad.core/1 dyad.ui/1 dyad.cli/1 dyad.paths/1 dyad.people/1 "
    "dyad.settings/1 dyad.events/1 core:units:read core:clients:read "
    "core:appointments:read network")
