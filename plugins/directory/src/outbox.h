// Pushing listing changes to a directory API (the reference server's, openapi.yaml) so that a
// change survives a crash or an offline day and is never applied twice: each change goes into
// an outbox table first, with its own idempotency key, and is sent from there. A push that was
// under way when the process died is sent again with the same key, which the server answers
// with the version it already made. 429/5xx/timeouts wait and retry (exponential backoff with
// jitter, Retry-After honoured); 412 is a conflict the therapist resolves; other 4xx fail with
// the server's reason and are not retried. No wx here.
#pragma once

#include <dyad/db.hpp>

#include <cstdint>
#include <expected>
#include <functional>
#include <string>
#include <vector>

namespace dyad::directory {

// Seconds to wait before attempt (1-based) after a retryable failure: base * 2^(attempt-1),
// at most 300, jittered by +-25 % (jitter in [0, 1)); a server's Retry-After wins when larger.
double backoff_seconds(int attempt, double jitter, int retry_after = 0);

struct OutboxItem {
    std::int64_t id = 0;
    std::string target;  // Adapter id.
    std::string npi;
    std::string body;       // The listing JSON to PUT.
    std::string base_etag;  // The version last read from the directory ("" when new).
    std::string key;        // Idempotency key, fixed at enqueue.
    std::string state;      // "pending", "sending", "sent", "conflict", "failed".
    int attempts = 0;
    std::string next_try;  // UTC; "" for now.
    std::string result;    // The new ETag, or the reason.
};

class Outbox {
  public:
    explicit Outbox(dyad::sdk::Database database) : m_db(database) {}

    std::expected<std::int64_t, std::string> enqueue(const std::string& target,
                                                     const std::string& npi,
                                                     const std::string& body,
                                                     const std::string& base_etag);
    // Items to send now (pending or interrupted "sending", due), oldest first.
    std::expected<std::vector<OutboxItem>, std::string> due(const std::string& now_utc);
    std::expected<std::vector<OutboxItem>, std::string> all();

    std::expected<void, std::string> mark(std::int64_t id, const std::string& state,
                                          const std::string& result,
                                          const std::string& next_try = "");

  private:
    dyad::sdk::Database m_db;
};

struct PushReport {
    int sent = 0;
    int conflicts = 0;
    int failed = 0;
    int retrying = 0;
    std::vector<std::string> messages;  // One per item, in words for the therapist.
};

// Sends every due item of the outbox to base_url (".../listings/{npi}") once; items that must
// wait are rescheduled. before_send is called after an item is marked "sending" (tests use it
// to stop the process at the worst moment). jitter() gives numbers in [0, 1).
PushReport push_due(Outbox& outbox, const std::string& base_url, const std::string& now_utc,
                    int timeout_seconds, const std::function<double()>& jitter,
                    const std::function<void(const OutboxItem&)>& before_send = {});

}  // namespace dyad::directory
