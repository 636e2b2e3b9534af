// What dyad.mail works with, owned by the plugin object and shared by its CLI and its windows:
// the store, the account (in the plugin's settings), the password (keyring) and the templates.
// Thread: main. Lifetime: the plugin's. No wx here.
#pragma once

#include <secret_store.h>
#include <dyad/plugin.hpp>

#include <expected>
#include <string>

#include "account.h"
#include "sender.h"
#include "store.h"
#include "templates.h"

namespace dyad::mail {

struct MailServices {
    explicit MailServices(dyad::sdk::Host plugin_host, bool use_keyring = true);

    dyad::sdk::Host host;
    MailStore store;
    // The SMTP password under key "password"; without a keyring, DYAD_MAIL_PASSWORD.
    dyad::secrets::SecretStore secrets;

    MailAccount account() const;
    // Checks, then saves every field (one setting each); the password is not touched.
    std::expected<void, std::string> save_account(const MailAccount& account);
    std::string password() { return secrets.lookup("password"); }

    // The templates of the account's language (problems logged); an error when none is usable.
    std::expected<TemplateSet, std::string> templates() const;

    // Plans and sends everything due now (the CLI's send-due and the window's timer when no
    // worker is wanted) with smtp_send; errors are values.
    std::expected<SendReport, std::string> send_due_now(const std::string& now_utc);
    // Queues a test message to address and sends that one message now, on this thread (the
    // therapist asked and waits): what happened, in words.
    std::string send_test_now(const std::string& address);
    // Queues a document for a client (MailStore::queue_document) and sends that message now,
    // on this thread: true when the server took it; words says what happened.
    bool send_document_now(std::int64_t client_id, const std::string& title,
                           const std::string& file_name, const std::vector<std::uint8_t>& pdf,
                           std::string& words);
};

}  // namespace dyad::mail
