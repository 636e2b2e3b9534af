// Sending what is due: plan, then for each due message compose it (or withdraw it when it is no
// longer wanted), claim it ("sending" is committed before anything leaves), send it and record
// the outcome: sent; a temporary failure retried with backoff (after 8 attempts: failed); a
// permanent one failed with the server's reason; cut off after the text went out: "unknown",
// never sent again by itself. A message found "sending" whose process is gone is "unknown" too.
// Thread: main (database); the SMTP exchange runs where `send` runs it. No wx here.
#pragma once

#include <expected>
#include <functional>
#include <string>
#include <vector>

#include "account.h"
#include "compose.h"
#include "smtp.h"
#include "store.h"
#include "templates.h"

namespace dyad::mail {

inline constexpr int kMaxAttempts = 8;

struct SendReport {
    PlanReport planned;
    int sent = 0;
    int retrying = 0;
    int failed = 0;
    int unknown = 0;                 // Including interrupted sends found "sending".
    int withdrawn = 0;               // Set aside before sending (no longer wanted).
    std::vector<std::string> lines;  // One per message handled: id, kind, state, reason.
};

struct SendOptions {
    std::function<SmtpResult(const Outgoing&)> send;  // Required.
    std::function<double()> jitter;                   // [0, 1); default 0.5.
    std::function<bool()> cancelled;
    bool plan = true;  // Plan first (false: send only what is queued).
};

// The next due message made ready and claimed, or nullopt when nothing more is due. Messages no
// longer wanted on the way are withdrawn (counted in report).
std::expected<std::optional<Outgoing>, std::string> take_next(MailStore& store,
                                                              const MailAccount& account,
                                                              const TemplateSet& templates,
                                                              const std::string& now_utc,
                                                              SendReport& report);
// Records a claimed message's outcome (and audits it).
std::expected<void, std::string> record(MailStore& store, const Outgoing& message,
                                        const SmtpResult& result, const std::string& now_utc,
                                        double jitter, SendReport& report);

// Everything above, one message after the other, until nothing is due or cancelled().
std::expected<SendReport, std::string> send_due(MailStore& store, const MailAccount& account,
                                                const TemplateSet& templates,
                                                const std::string& now_utc,
                                                const SendOptions& options);

}  // namespace dyad::mail
