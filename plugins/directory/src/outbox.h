// Pushing listing changes to a directory API (the reference server's, openapi.yaml) so that a
// change survives a crash or an offline day and is never applied twice: each change goes into
// an outbox table first, with its own idempotency key, and is sent from there. A push that was
// under way when the process died is sent again with the same key, which the server answers
// with the version it already made. 429/5xx/timeouts wait and retry (exponential backoff with
// jitter, Retry-After honoured); 412 is a conflict the therapist resolves; other 4xx fail with
// the server's reason and are not retried. No wx here.
#pragma once

#include <backoff.h>
#include <dyad/db.hpp>

#include <cstdint>
#include <expected>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace dyad::directory {

// The retry wait (backoff.h): 2 s doubling to 300 s, +-25 % jitter, Retry-After wins.
using dyad::datafile::backoff_seconds;

struct OutboxItem {
    std::int64_t id = 0;
    std::string target;  // Connection id.
    std::string npi;
    std::string body;       // The listing JSON to PUT.
    std::string base_etag;  // The version last read from the directory ("" when new).
    std::string key;        // Idempotency key, fixed at enqueue.
    std::string state;      // "pending", "sending", "sent", "conflict", "failed".
    int attempts = 0;
    std::string next_try;    // UTC; "" for now.
    std::string result;      // The new ETag, or the reason.
    std::string local_base;  // The profile's listing JSON when approved (the next diff base).
    std::string fields;      // Fields the push changes, comma separated (for the audit log).
    int profile_version = 0;
};

class Outbox {
  public:
    explicit Outbox(dyad::sdk::Database database) : m_db(database) {}

    // item.id, key, state, attempts, next_try and result are set here.
    std::expected<std::int64_t, std::string> enqueue(const OutboxItem& item);
    // Items to send now (pending or interrupted "sending", due), oldest first.
    std::expected<std::vector<OutboxItem>, std::string> due(const std::string& now_utc);
    std::expected<std::vector<OutboxItem>, std::string> all();

    std::expected<void, std::string> mark(std::int64_t id, const std::string& state,
                                          const std::string& result,
                                          const std::string& next_try = "");
    // Withdraws items not yet sent (pending or conflict) of a target, before a new approval
    // replaces them; "sending" items stay (they may have arrived).
    std::expected<int, std::string> withdraw(const std::string& target);

  private:
    dyad::sdk::Database m_db;
};

// What one PUT came to. Thread: any (no database).
struct SendOutcome {
    enum Kind { kSent, kConflict, kRetry, kFailed } kind = kFailed;
    std::string etag;    // kSent: the new version; kConflict: the directory's version.
    std::string reason;  // In words for the therapist.
    int retry_after = 0;
};
SendOutcome send_item(const OutboxItem& item, const std::string& base_url, const std::string& token,
                      int timeout_seconds);

struct PushReport {
    int sent = 0;
    int conflicts = 0;
    int failed = 0;
    int retrying = 0;
    bool cancelled = false;
    std::vector<std::string> messages;  // One per item, in words for the therapist.
};

class SyncStore;
struct Connection;
struct PushOptions {
    int timeout_seconds = 20;
    std::function<double()> jitter;                        // Numbers in [0, 1).
    std::function<std::string(const std::string&)> token;  // Credential of a connection id.
    // Seconds until the connection's rate limit lets a request go (0: now, and counted).
    std::function<double(const Connection&)> rate_wait;
    // How the PUT is made. Default: send_item() on this thread. The GUI runs it on a worker
    // behind a progress dialog and returns nullopt when the therapist cancelled while it was
    // out: the item stays "sending" and the next push resends it with the same key.
    std::function<std::optional<SendOutcome>(const OutboxItem&, const Connection&,
                                             const std::string& token)>
        send;
    // Called after an item is marked "sending" (tests stop the process there).
    std::function<void(const OutboxItem&)> before_send;
    // Called once per item with its final state of this run ("sent", "conflict", ...).
    std::function<void(const OutboxItem&, const std::string&)> audit;
    std::function<bool()> cancelled;
    std::function<void(std::size_t done, std::size_t total)> progress;
};

// Sends every due item of the outbox to its connection, one after the other, in order: marks
// it "sending" (a crash from there resends it with the same key), sends it, and records the
// outcome (a retry rescheduled with backoff_seconds; on success the target's sync state —
// base, published, ETag — so the next diff starts from it). Items held back by the rate limit
// are rescheduled without counting an attempt. Thread: main (database); the send runs where
// options.send runs it.
PushReport push_due(Outbox& outbox, SyncStore& sync, const std::vector<Connection>& connections,
                    const std::string& now_utc, const PushOptions& options);

}  // namespace dyad::directory
