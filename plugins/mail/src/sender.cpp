#include "sender.h"

#include <backoff.h>
#include <time_text.h>

#include <cmath>
#include <set>

namespace dyad::mail {

std::expected<std::optional<Outgoing>, std::string> take_next(MailStore& store,
                                                              const MailAccount& account,
                                                              const TemplateSet& templates,
                                                              const std::string& now_utc,
                                                              SendReport& report) {
    std::set<std::int64_t> passed;  // Claimed by another process meanwhile.
    while (true) {
        auto due = store.due(now_utc);
        if (!due) {
            return std::unexpected(due.error());
        }
        const Message* next = nullptr;
        for (const auto& m : *due) {
            if (!passed.count(m.id)) {
                next = &m;
                break;
            }
        }
        if (next == nullptr) {
            return std::optional<Outgoing>();
        }
        auto made = compose(store, *next, account, templates, now_utc);
        if (!made) {
            auto set_aside = made.error().withdraw ? store.withdraw(next->id, made.error().reason)
                                                   : std::expected<void, std::string>();
            if (!set_aside) {
                return std::unexpected(set_aside.error());
            }
            if (!made.error().withdraw) {
                // A template problem: nothing can go; stop and say so.
                return std::unexpected(made.error().reason);
            }
            ++report.withdrawn;
            report.lines.push_back("#" + std::to_string(next->id) + " " + next->kind +
                                   " withdrawn: " + made.error().reason);
            continue;
        }
        auto claimed = store.claim(next->id, now_utc);
        if (!claimed) {
            return std::unexpected(claimed.error());
        }
        if (!*claimed) {
            passed.insert(next->id);
            continue;
        }
        made->message.attempts = next->attempts + 1;
        return std::optional<Outgoing>(*made);
    }
}

std::expected<void, std::string> record(MailStore& store, const Outgoing& message,
                                        const SmtpResult& result, const std::string& now_utc,
                                        double jitter, SendReport& report) {
    std::string state;
    std::string reason = result.reason;
    std::string next_try;
    switch (result.kind) {
        case SmtpResult::kSent:
            state = "sent";
            ++report.sent;
            break;
        case SmtpResult::kRetry:
            if (message.message.attempts >= kMaxAttempts) {
                state = "failed";
                reason = "gave up after " + std::to_string(kMaxAttempts) + " attempts: " + reason;
                ++report.failed;
            } else {
                state = "retry";
                double wait =
                    dyad::datafile::backoff_seconds(message.message.attempts, jitter, 0, 60.0);
                next_try =
                    dyad::datafile::utc_after(now_utc, static_cast<long long>(std::ceil(wait)));
                ++report.retrying;
            }
            break;
        case SmtpResult::kFailed:
            state = "failed";
            ++report.failed;
            break;
        case SmtpResult::kUnknown:
            state = "unknown";
            ++report.unknown;
            break;
    }
    report.lines.push_back("#" + std::to_string(message.message.id) + " " + message.message.kind +
                           " " + state + (reason.empty() ? "" : ": " + reason));
    return store.finish(message.message, state, reason, next_try, now_utc);
}

std::expected<SendReport, std::string> send_due(MailStore& store, const MailAccount& account,
                                                const TemplateSet& templates,
                                                const std::string& now_utc,
                                                const SendOptions& options) {
    SendReport report;
    // Interrupted sends are judged by the clock, not by --as-of.
    auto recovered = store.recover_interrupted(dyad::datafile::now_utc());
    if (!recovered) {
        return std::unexpected(recovered.error());
    }
    report.unknown += *recovered;
    if (options.plan) {
        auto planned = store.plan(now_utc, account.hours_before);
        if (!planned) {
            return std::unexpected(planned.error());
        }
        report.planned = *planned;
    }
    while (!(options.cancelled && options.cancelled())) {
        auto next = take_next(store, account, templates, now_utc, report);
        if (!next) {
            return std::unexpected(next.error());
        }
        if (!*next) {
            break;
        }
        SmtpResult result = options.send(**next);
        double jitter = options.jitter ? options.jitter() : 0.5;
        if (auto done = record(store, **next, result, now_utc, jitter, report); !done) {
            return std::unexpected(done.error());
        }
    }
    return report;
}

}  // namespace dyad::mail
