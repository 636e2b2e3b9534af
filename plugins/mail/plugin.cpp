// dyad.mail: appointment reminders and notices by e-mail from the therapist's own account, with
// each client's consent and nothing clinical in them (issue 18): `dyadctl mail ...`.
#include <dyad/plugin.hpp>

#include <iostream>

#include "src/cli.h"
#include "src/schema.h"
#include "src/services.h"

namespace dyad::mail {
namespace {

using dyad::sdk::CliOutput;

class MailPlugin : public dyad::sdk::Plugin {
  public:
    explicit MailPlugin(dyad::sdk::Host host) : Plugin(host), m_services(host) {
        add_cli_command("mail", "appointment reminders by e-mail: account, consent, outbox",
                        mail_cli_usage(),
                        [this](const std::vector<std::string>& args, const CliOutput& output) {
                            return run_mail_cli(m_services, args, output, std::cin);
                        });
    }

    const dyad_schema_v1* schema() const override { return mail_schema(); }

  private:
    MailServices m_services;
};

}  // namespace
}  // namespace dyad::mail

DYAD_PLUGIN_USES(dyad::mail::MailPlugin, "dyad.mail", "Reminders by e-mail", "Dyad", "0.1.0",
                 "Appointment reminders and notices by e-mail, with consent and nothing clinical",
                 "dyad.db/1 dyad.core/1 dyad.ui/1 dyad.cli/1 dyad.paths/1 dyad.people/1 "
                 "dyad.settings/1 dyad.events/1 core:units:read core:clients:read "
                 "core:appointments:read network")
