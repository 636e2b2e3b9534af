// `dyadctl mail ...`: the account (password on standard input, never the command line),
// consent, sending what is due (for a cron job or systemd timer), the outbox's state, a test
// message, and the therapist's decision on a failed or "may have been sent" one. No wx here.
#pragma once

#include <dyad/plugin.hpp>

#include <istream>
#include <string>
#include <vector>

#include "services.h"

namespace dyad::mail {

const char* mail_cli_usage();
// args[0] is "mail". Exit code: 0 done, 1 refused or failed (send-due: any message failed or
// may have been sent), 2 usage.
int run_mail_cli(MailServices& services, const std::vector<std::string>& args,
                 const dyad::sdk::CliOutput& output, std::istream& in);

// "YYYY-MM-DD HH:MM" local time as UTC text; "" when malformed or impossible.
std::string local_minute_utc(const std::string& text);

}  // namespace dyad::mail
