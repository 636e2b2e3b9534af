#include "services.h"

#include <time_text.h>

#include <dyad/show.hpp>
#include <random>

namespace dyad::mail {

MailServices::MailServices(dyad::sdk::Host plugin_host, bool use_keyring)
    : host(plugin_host),
      store(plugin_host),
      secrets({"org.dyad.Mail", "account", "Dyad mail account", "DYAD_MAIL_"}, use_keyring) {}

MailAccount MailServices::account() const {
    MailAccount account;
    auto number = [this](const char* key, int fallback) {
        std::string text = host.setting(key);
        try {
            return text.empty() ? fallback : std::stoi(text);
        } catch (const std::exception&) {
            return fallback;
        }
    };
    account.server = host.setting("mail.server");
    account.port = number("mail.port", 587);
    account.security = host.setting("mail.security", "starttls");
    account.user = host.setting("mail.user");
    account.from_address = host.setting("mail.from");
    account.from_name = host.setting("mail.name");
    account.practice_name = host.setting("mail.practice");
    account.language = host.setting("mail.language", "en");
    account.hours_before = number("mail.hours_before", 24);
    account.telehealth_link = host.setting("mail.telehealth_link");
    account.ca_file = host.setting("mail.ca_file");
    account.timeout_seconds = number("mail.timeout", 30);
    return account;
}

std::expected<void, std::string> MailServices::save_account(const MailAccount& account) {
    if (auto usable = check_account(account); !usable) {
        return usable;
    }
    const std::pair<const char*, std::string> values[] = {
        {"mail.server", account.server},
        {"mail.port", std::to_string(account.port)},
        {"mail.security", account.security},
        {"mail.user", account.user},
        {"mail.from", account.from_address},
        {"mail.name", account.from_name},
        {"mail.practice", account.practice_name},
        {"mail.language", account.language},
        {"mail.hours_before", std::to_string(account.hours_before)},
        {"mail.telehealth_link", account.telehealth_link},
        {"mail.ca_file", account.ca_file},
        {"mail.timeout", std::to_string(account.timeout_seconds)}};
    for (const auto& [key, value] : values) {
        if (!host.set_setting(key, value)) {
            return std::unexpected(std::string("the setting ") + key + " could not be saved");
        }
    }
    (void)host.core()->audit(host.raw(), "update", "account", 0);
    return {};
}

std::expected<TemplateSet, std::string> MailServices::templates() const {
    std::vector<std::string> problems;
    auto set = load_templates(host.resource_folders(), account().language, problems);
    for (const auto& problem : problems) {
        host.log(DYAD_LOG_WARNING, "mail template refused: " + problem);
    }
    return set;
}

std::expected<SendReport, std::string> MailServices::send_due_now(const std::string& now_utc) {
    MailAccount settings = account();
    if (!settings.configured()) {
        return std::unexpected(
            "no mail account is set up (Settings > Email, or dyadctl mail "
            "account)");
    }
    auto words = templates();
    if (!words) {
        return std::unexpected(words.error());
    }
    SendOptions options;
    std::string secret = settings.user.empty() ? std::string() : password();
    options.send = [&settings, secret](const Outgoing& message) {
        return smtp_send(settings, secret, message);
    };
    auto random = std::make_shared<std::mt19937>(std::random_device{}());
    options.jitter = [random] { return std::uniform_real_distribution<double>(0, 1)(*random); };
    return send_due(store, settings, *words, now_utc, options);
}

namespace {

using dyad::show::fill;
using dyad::show::tr;

// "Not sent: <reason>", the reason as the logic gave it; in the window's language.
std::string not_sent(const std::string& reason) {
    return fill(tr("Not sent: {reason}"), "reason", reason);
}

// Sends one queued message now on this thread: compose, claim, SMTP, record. What happened in
// words (shown in the window; English in dyadctl); sent says whether the server took it.
std::string send_one(MailServices& services, std::int64_t id, const std::string& now, bool& sent) {
    sent = false;
    MailAccount settings = services.account();
    auto words = services.templates();
    if (!words) {
        return not_sent(words.error());
    }
    auto message = services.store.message(id);
    if (!message || !*message) {
        return tr("Not sent: the message could not be read back.");
    }
    auto made = compose(services.store, **message, settings, *words, now);
    if (!made) {
        if (made.error().withdraw) {
            (void)services.store.withdraw(id, made.error().reason);
        }
        return not_sent(made.error().reason);
    }
    auto claimed = services.store.claim(id, now);
    if (!claimed || !*claimed) {
        return claimed ? tr("Not sent: another Dyad took it to send.") : not_sent(claimed.error());
    }
    SmtpResult result =
        smtp_send(settings, settings.user.empty() ? std::string() : services.password(), *made);
    made->message.attempts = (*message)->attempts + 1;
    SendReport report;
    if (auto done = record(services.store, *made, result, now, 0.5, report); !done) {
        return fill(tr("Sent, but not recorded: {reason}"), "reason", done.error());
    }
    switch (result.kind) {
        case SmtpResult::kSent:
            sent = true;
            return fill(tr("Sent to {address}."), "address", made->to);
        case SmtpResult::kRetry:
            return fill(tr("Not sent yet: {reason}. It will be tried again."), "reason",
                        result.reason);
        case SmtpResult::kUnknown:
            return fill(tr("It may have been sent: {reason}"), "reason", result.reason);
        case SmtpResult::kFailed:
            break;
    }
    return not_sent(result.reason);
}

}  // namespace

std::string MailServices::send_test_now(const std::string& address) {
    if (!account().configured()) {
        return tr("No mail account is set up.");
    }
    std::string now = dyad::datafile::now_utc();
    auto queued = store.queue_test(address, now);
    if (!queued) {
        return not_sent(queued.error());
    }
    bool sent = false;
    std::string words = send_one(*this, *queued, now, sent);
    return sent ? fill(tr("Test message sent to {address}."), "address", address) : words;
}

bool MailServices::send_document_now(std::int64_t client_id, const std::string& title,
                                     const std::string& file_name,
                                     const std::vector<std::uint8_t>& pdf, std::string& words) {
    if (!account().configured()) {
        words = tr("No mail account is set up (Settings > Email).");
        return false;
    }
    std::string now = dyad::datafile::now_utc();
    auto queued = store.queue_document(client_id, title, file_name, pdf, now);
    if (!queued) {
        words = not_sent(queued.error());
        return false;
    }
    bool sent = false;
    words = send_one(*this, *queued, now, sent);
    return sent;
}

}  // namespace dyad::mail
