// The practice's mail account (the therapist's own provider: reminders go from their address)
// and the reminder settings, kept in the plugin's settings; the password is never here: it is
// in the desktop keyring (secret_store.h), key "password". No wx here. Thread: any.
#pragma once

#include <expected>
#include <string>

namespace dyad::mail {

struct MailAccount {
    std::string server;                 // "smtp.example.org"; "127.0.0.1" for a local test server.
    int port = 587;                     // 1..65535.
    std::string security = "starttls";  // "starttls", "tls" (implicit) or "none" (127.0.0.1 only).
    std::string user;                   // "" sends without logging in.
    std::string from_address;           // The therapist's address; replies come back to it.
    std::string from_name;              // "Dr. Maya Lind" (shown as the sender's name).
    std::string practice_name;          // Signs the messages ("" for none).
    std::string language = "en";        // The templates used: "en" or "es".
    int hours_before = 24;              // Reminders go this many hours before a session (1..168).
    std::string telehealth_link;        // Where a telehealth session happens ("" when none).
    std::string ca_file;                // An extra authority to trust (a clinic's own mail server).
    int timeout_seconds = 30;           // Per SMTP exchange (5..120).
    bool configured() const { return !server.empty() && !from_address.empty(); }
};

// Every problem of the account in one sentence each, joined by "; "; nothing when usable.
// "none" is refused for any server but 127.0.0.1; the CA file must be a readable file.
std::expected<void, std::string> check_account(const MailAccount& account);

// An e-mail address as it may be sent to: one '@', a local part and a domain with a dot (or
// literal [addresses]), no spaces, control characters, quotes,
// angle brackets, commas or semicolons (one recipient, no header injection), at most 254 bytes.
bool plausible_address(const std::string& address);

// "none", "starttls", "tls" as words for people: "no encryption (this computer only)", ...
std::string security_words(const std::string& security);

}  // namespace dyad::mail
