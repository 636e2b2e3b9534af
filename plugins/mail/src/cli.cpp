#include "cli.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cli_args.h>
#include <data_files.h>
#include <time_text.h>

#include <ctime>
#include <sstream>

namespace dyad::mail {
namespace {

using dyad::datafile::CliArgs;
using dyad::datafile::to_id;
using Poco::JSON::Array;
using Poco::JSON::Object;

const char* const kUsage =
    "mail account [--server HOST --port N --security none|starttls|tls] [--user U] [--from "
    "ADDRESS]\n"
    "       [--name NAME] [--practice NAME] [--hours-before N] [--telehealth-link URL]\n"
    "       [--ca-file PEM] [--language en|es] [--timeout SECONDS] [--json]\n"
    "         (with --user the password is read from standard input; without options: show)\n"
    "  mail consent CLIENT yes|no [--address ADDRESS|-] [--joint yes|no] [--documents yes|no]\n"
    "         (--address - reads it from standard input; \"\" follows the client's record)\n"
    "  mail consent CLIENT            (show)\n"
    "  mail send-due [--as-of 'YYYY-MM-DD HH:MM']\n"
    "  mail status [--unit ID] [--state STATE] [--json]\n"
    "  mail test ADDRESS\n"
    "  mail send-document CLIENT FILE.pdf --title TITLE   (an invoice, a superbill: sent now)\n"
    "  mail retry MESSAGE | mail dismiss MESSAGE\n";

bool may_schedule(const dyad::sdk::Host& host, bool write, const dyad::sdk::CliOutput& output) {
    if (host.may(DYAD_RECORDS_SCHEDULE, write) && host.may(DYAD_RECORDS_DEMOGRAPHICS, write)) {
        return true;
    }
    output.err(std::string("mail: the signed-in user's role may not ") +
               (write ? "change" : "read") + " the schedule and client contact details\n");
    return false;
}

std::string stringify(const Poco::Dynamic::Var& value) {
    std::ostringstream out;
    if (value.type() == typeid(Object::Ptr)) {
        value.extract<Object::Ptr>()->stringify(out);
    } else {
        value.extract<Array::Ptr>()->stringify(out);
    }
    return out.str();
}

int show_account(MailServices& services, const CliArgs& args, const dyad::sdk::CliOutput& out) {
    MailAccount a = services.account();
    if (args.flag("--json")) {
        Object::Ptr json = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
        json->set("server", a.server);
        json->set("port", a.port);
        json->set("security", a.security);
        json->set("user", a.user);
        json->set("from", a.from_address);
        json->set("name", a.from_name);
        json->set("practice", a.practice_name);
        json->set("language", a.language);
        json->set("hours_before", a.hours_before);
        json->set("telehealth_link", a.telehealth_link);
        json->set("ca_file", a.ca_file);
        json->set("timeout", a.timeout_seconds);
        json->set("configured", a.configured());
        out.out(stringify(json) + "\n");
        return 0;
    }
    if (!a.configured()) {
        out.out("No mail account is set up.\n");
        return 0;
    }
    out.out("Server:   " + a.server + ":" + std::to_string(a.port) + ", " +
            security_words(a.security) + "\n" +
            "User:     " + (a.user.empty() ? "(none: no login)" : a.user) + "\n" +
            "From:     " + a.from_name + " <" + a.from_address + ">\n" + "Reminders " +
            std::to_string(a.hours_before) + " h before, in " + a.language + "\n" +
            (a.ca_file.empty() ? "" : "Also trusts: " + a.ca_file + "\n"));
    return 0;
}

int account(MailServices& services, const CliArgs& args, const dyad::sdk::CliOutput& output,
            std::istream& in) {
    bool changing = false;
    for (const auto& [name, value] : args.options) {
        changing = changing || name != "--json";
    }
    if (!changing) {
        return show_account(services, args, output);
    }
    MailAccount a = services.account();
    std::string error;
    a.server = args.option("--server", a.server);
    a.port = dyad::datafile::int_option(args, "--port", a.port, 1, 65535, error);
    a.security = args.option("--security", a.security);
    a.user = args.option("--user", a.user);
    a.from_address = args.option("--from", a.from_address);
    a.from_name = args.option("--name", a.from_name);
    a.practice_name = args.option("--practice", a.practice_name);
    a.language = args.option("--language", a.language);
    a.hours_before =
        dyad::datafile::int_option(args, "--hours-before", a.hours_before, 1, 168, error);
    a.telehealth_link = args.option("--telehealth-link", a.telehealth_link);
    a.ca_file = args.option("--ca-file", a.ca_file);
    a.timeout_seconds =
        dyad::datafile::int_option(args, "--timeout", a.timeout_seconds, 5, 120, error);
    if (!error.empty()) {
        output.err("mail account: " + error + "\n");
        return 2;
    }
    std::string password;
    if (args.flag("--user") && !a.user.empty()) {
        std::getline(in, password);
        if (!password.empty() && password.back() == '\r') {
            password.pop_back();
        }
        if (password.empty()) {
            output.err("mail account: give the password on standard input (one line)\n");
            return 2;
        }
    }
    if (auto saved = services.save_account(a); !saved) {
        output.err("mail account: " + saved.error() + "\n");
        return 1;
    }
    if (!password.empty()) {
        (void)services.secrets.store("password", password);
        output.out("The password is kept in " + services.secrets.where() + ".\n");
        if (!services.secrets.keyring()) {
            output.out("For dyadctl runs without a keyring, set " +
                       services.secrets.variable("password") + " in their environment.\n");
        }
    }
    output.out("Mail account saved: " + a.server + ":" + std::to_string(a.port) + ", " +
               security_words(a.security) + ".\n");
    return 0;
}

int consent(MailServices& services, const CliArgs& args, const dyad::sdk::CliOutput& output,
            std::istream& in) {
    std::int64_t client = args.words.size() >= 2 ? to_id(args.words[1]) : 0;
    if (client <= 0 || args.words.size() > 3) {
        output.err(std::string("usage: ") + kUsage);
        return 2;
    }
    if (!may_schedule(services.host, args.words.size() == 3, output)) {
        return 1;
    }
    if (args.words.size() == 2) {
        auto found = services.store.consent(client);
        if (!found) {
            output.err("mail consent: " + found.error() + "\n");
            return 1;
        }
        if (!*found) {
            output.out("Client " + std::to_string(client) + ": not asked (no reminders).\n");
        } else {
            const Consent& c = **found;
            output.out(
                "Client " + std::to_string(client) + ": reminders " + (c.reminders ? "yes" : "no") +
                (c.address.empty() ? "" : " to " + c.address) +
                (c.joint ? ", joint reminders agreed" : "") + " (decided " + c.decided_at + ")\n");
        }
        return 0;
    }
    const std::string& answer = args.words[2];
    auto yes_no = [&args](const char* name, std::optional<bool>& value) {
        if (!args.flag(name)) {
            return true;
        }
        std::string text = args.option(name);
        value = text == "yes";
        return text == "yes" || text == "no";
    };
    std::optional<bool> joint_value;
    std::optional<bool> documents_value;
    if ((answer != "yes" && answer != "no") || !yes_no("--joint", joint_value) ||
        !yes_no("--documents", documents_value)) {
        output.err(std::string("usage: ") + kUsage);
        return 2;
    }
    std::optional<std::string> address;
    if (args.flag("--address")) {
        address = args.option("--address");
        if (*address == "-") {  // Off the command line (shell history, /proc).
            std::getline(in, *address);
            if (!address->empty() && address->back() == '\r') {
                address->pop_back();
            }
        }
    }
    auto saved =
        services.store.set_consent(client, answer == "yes", address, joint_value, documents_value);
    if (!saved) {
        output.err("mail consent: " + saved.error() + "\n");
        return 1;
    }
    output.out("Client " + std::to_string(client) + ": reminders " + answer + ", documents " +
               (saved->documents ? "yes" : "no") +
               (saved->address.empty() ? "" : " to " + saved->address) + ".\n");
    return 0;
}

int send_due_command(MailServices& services, const CliArgs& args,
                     const dyad::sdk::CliOutput& output) {
    if (!may_schedule(services.host, true, output)) {
        return 1;
    }
    std::string now = dyad::datafile::now_utc();
    if (args.flag("--as-of")) {
        now = local_minute_utc(args.option("--as-of"));
        if (now.empty()) {
            output.err("mail send-due: --as-of must be 'YYYY-MM-DD HH:MM' (local time)\n");
            return 2;
        }
    }
    auto report = services.send_due_now(now);
    if (!report) {
        output.err("mail send-due: " + report.error() + "\n");
        return 1;
    }
    for (const auto& line : report->lines) {
        output.out(line + "\n");
    }
    output.out("Queued " + std::to_string(report->planned.reminders) + " reminder(s) and " +
               std::to_string(report->planned.notices) + " notice(s); sent " +
               std::to_string(report->sent) + ", retrying " + std::to_string(report->retrying) +
               ", failed " + std::to_string(report->failed) + ", may have been sent " +
               std::to_string(report->unknown) + ", withdrawn " +
               std::to_string(report->withdrawn + report->planned.withdrawn) + ".\n");
    return report->failed + report->unknown > 0 ? 1 : 0;
}

int status(MailServices& services, const CliArgs& args, const dyad::sdk::CliOutput& output) {
    if (!may_schedule(services.host, false, output)) {
        return 1;
    }
    auto found = services.store.messages(to_id(args.option("--unit", "0")), args.option("--state"));
    if (!found) {
        output.err("mail status: " + found.error() + "\n");
        return 1;
    }
    if (args.flag("--json")) {
        Array::Ptr list = new Array;
        for (const auto& m : *found) {
            Object::Ptr json = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
            json->set("id", m.id);
            json->set("kind", m.kind);
            json->set("state", m.state);
            json->set("appointment_id", m.appointment_id);
            json->set("unit_id", m.unit_id);
            json->set("client_id", m.client_id);
            json->set("address", m.address);
            json->set("session_starts_at", m.about_starts_at);
            json->set("attempts", m.attempts);
            json->set("next_try", m.next_try);
            json->set("sent_at", m.sent_at);
            json->set("result", m.result);
            list->add(json);
        }
        output.out(stringify(list) + "\n");
        return 0;
    }
    if (found->empty()) {
        output.out("The outbox is empty.\n");
    }
    for (const auto& m : *found) {
        std::string state = m.state == "unknown" ? "MAY HAVE BEEN SENT" : m.state;
        output.out("#" + std::to_string(m.id) + "  " + m.kind + "  " + state + "  " + m.address +
                   (m.about_starts_at.empty()
                        ? ""
                        : "  session " + dyad::datafile::local_minute_of(m.about_starts_at)) +
                   (m.state == "queued" || m.state == "retry"
                        ? "  goes " + dyad::datafile::local_minute_of(m.next_try)
                        : "") +
                   (m.result.empty() ? "" : "\n      " + m.result) + "\n");
    }
    return 0;
}

int test_message(MailServices& services, const CliArgs& args, const dyad::sdk::CliOutput& output) {
    if (args.words.size() != 2) {
        output.err(std::string("usage: ") + kUsage);
        return 2;
    }
    if (!may_schedule(services.host, true, output)) {
        return 1;
    }
    std::string words = services.send_test_now(args.words[1]);
    bool sent = words.rfind("Test message sent", 0) == 0;
    (sent ? output.out(words + "\n") : output.err("mail test: " + words + "\n"));
    return sent ? 0 : 1;
}

int send_document(MailServices& services, const CliArgs& args, const dyad::sdk::CliOutput& output) {
    std::int64_t client = args.words.size() == 3 ? to_id(args.words[1]) : 0;
    if (client <= 0 || args.option("--title").empty()) {
        output.err(std::string("usage: ") + kUsage);
        return 2;
    }
    if (!may_schedule(services.host, true, output)) {
        return 1;
    }
    std::string error;
    std::string bytes = dyad::datafile::read_user_file(args.words[2], 10 * 1024 * 1024, error);
    if (!error.empty()) {
        output.err("mail send-document: " + error + "\n");
        return 1;
    }
    std::string name = args.words[2].substr(args.words[2].find_last_of('/') + 1);
    std::string words;
    bool sent =
        services.send_document_now(client, args.option("--title"), name,
                                   std::vector<std::uint8_t>(bytes.begin(), bytes.end()), words);
    (sent ? output.out(words + "\n") : output.err("mail send-document: " + words + "\n"));
    return sent ? 0 : 1;
}

int decide(MailServices& services, const CliArgs& args, const dyad::sdk::CliOutput& output) {
    std::int64_t id = args.words.size() == 2 ? to_id(args.words[1]) : 0;
    if (id <= 0) {
        output.err(std::string("usage: ") + kUsage);
        return 2;
    }
    if (!may_schedule(services.host, true, output)) {
        return 1;
    }
    bool again = args.words[0] == "retry";
    auto done =
        again ? services.store.retry(id, dyad::datafile::now_utc()) : services.store.dismiss(id);
    if (!done) {
        output.err("mail " + args.words[0] + ": " + done.error() + "\n");
        return 1;
    }
    output.out("Message " + std::to_string(id) +
               (again ? " queued to be sent again.\n" : " dismissed.\n"));
    return 0;
}

}  // namespace

const char* mail_cli_usage() {
    return kUsage;
}

std::string local_minute_utc(const std::string& text) {
    std::tm parts{};
    const char* end = strptime(text.c_str(), "%Y-%m-%d %H:%M", &parts);
    if (text.size() != 16 || end == nullptr || *end != '\0') {
        return {};
    }
    std::tm check = parts;
    check.tm_isdst = -1;
    std::time_t when = std::mktime(&check);
    if (when == -1 || check.tm_mday != parts.tm_mday || check.tm_mon != parts.tm_mon) {
        return {};
    }
    return dyad::datafile::utc_text(when);
}

int run_mail_cli(MailServices& services, const std::vector<std::string>& args,
                 const dyad::sdk::CliOutput& output, std::istream& in) {
    CliArgs parsed = dyad::datafile::parse_cli_args(args);
    std::string verb = parsed.words.empty() ? "" : parsed.words[0];
    if (verb == "account" && parsed.words.size() == 1) {
        if (parsed.options.size() > (parsed.flag("--json") ? 1u : 0u) &&
            !may_schedule(services.host, true, output)) {
            return 1;
        }
        return account(services, parsed, output, in);
    }
    if (verb == "consent") {
        return consent(services, parsed, output, in);
    }
    if (verb == "send-due" && parsed.words.size() == 1) {
        return send_due_command(services, parsed, output);
    }
    if (verb == "status" && parsed.words.size() == 1) {
        return status(services, parsed, output);
    }
    if (verb == "test") {
        return test_message(services, parsed, output);
    }
    if (verb == "send-document") {
        return send_document(services, parsed, output);
    }
    if (verb == "retry" || verb == "dismiss") {
        return decide(services, parsed, output);
    }
    output.err(std::string("usage: dyadctl ") + kUsage);
    return 2;
}

}  // namespace dyad::mail
