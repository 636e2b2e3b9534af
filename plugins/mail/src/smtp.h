// Sending one message through the practice's mail account with Poco's SMTP client: STARTTLS or
// TLS from the start with the server's certificate verified against the system's authorities
// (and the account's own CA file when it names one), never prompted about; plain SMTP only to
// 127.0.0.1. What happened comes back as a value, in words for the therapist. Thread: any; no
// shared state. No wx here.
#pragma once

#include <string>

#include "account.h"
#include "compose.h"

namespace dyad::mail {

struct SmtpResult {
    enum Kind {
        kSent,
        kRetry,    // Temporary: a 4xx answer, a timeout or no connection before the message went.
        kFailed,   // Permanent: a 5xx answer, a refused certificate, a refused login.
        kUnknown,  // Cut off after the message's text went out: the server may have taken it.
    } kind = kFailed;
    std::string reason;  // The server's answer or what went wrong, in words.
    int code = 0;        // The SMTP reply code when the server gave one.
};

SmtpResult smtp_send(const MailAccount& account, const std::string& password,
                     const Outgoing& message);

// The message as it goes over the wire (headers, text, the .ics attachment), for tests and for
// the size check. Throws nothing.
std::string wire_text(const MailAccount& account, const Outgoing& message);

}  // namespace dyad::mail
