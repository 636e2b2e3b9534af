#include "outbox.h"
#include <dyad/show.hpp>

#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <time_text.h>

#include <algorithm>
#include <cmath>
#include <ctime>

#include "http_client.h"
#include "sync.h"

namespace dyad::directory {
namespace {

OutboxItem read_item(dyad::sdk::Statement& row) {
    OutboxItem item;
    item.id = row.int64(0);
    item.target = row.text(1);
    item.npi = row.text(2);
    item.body = row.text(3);
    item.base_etag = row.text(4);
    item.key = row.text(5);
    item.state = row.text(6);
    item.attempts = static_cast<int>(row.int64(7));
    item.next_try = row.text(8);
    item.result = row.text(9);
    item.local_base = row.text(10);
    item.fields = row.text(11);
    item.profile_version = static_cast<int>(row.int64(12));
    return item;
}

constexpr const char* kColumns =
    "id, target, npi, body, base_etag, idempotency_key, state, attempts, next_try, result, "
    "local_base, fields, profile_version";

std::string server_reason(const std::string& body) {
    try {
        Poco::JSON::Parser parser;
        auto object = parser.parse(body).extract<Poco::JSON::Object::Ptr>();
        return object->optValue<std::string>("error", body);
    } catch (const Poco::Exception&) {
        return body;
    }
}

std::expected<std::vector<OutboxItem>, std::string> select_items(dyad::sdk::Database& db,
                                                                 const std::string& where,
                                                                 const std::string& parameter) {
    auto select = db.prepare(
        (std::string("SELECT ") + kColumns + " FROM directory_outbox " + where + " ORDER BY id")
            .c_str());
    if (!parameter.empty()) {
        select.bind(1, parameter);
    }
    if (!select.ok()) {
        return std::unexpected(select.error());
    }
    std::vector<OutboxItem> items;
    while (select.step() == DYAD_ROW) {
        items.push_back(read_item(select));
    }
    return items;
}

}  // namespace

std::expected<std::int64_t, std::string> Outbox::enqueue(const OutboxItem& item) {
    // The id is SQLite's next rowid, so ids count up and the outbox is first in, first out.
    auto insert = m_db.prepare(
        "INSERT INTO directory_outbox (target, npi, body, base_etag, idempotency_key, state, "
        "attempts, next_try, result, local_base, fields, profile_version) "
        "VALUES (?, ?, ?, ?, ?, 'pending', 0, '', '', ?, ?, ?) RETURNING id");
    insert.bind(1, item.target)
        .bind(2, item.npi)
        .bind(3, item.body)
        .bind(4, item.base_etag)
        .bind(5, m_db.new_uuid())
        .bind(6, item.local_base.empty() ? std::string("{}") : item.local_base)
        .bind(7, item.fields)
        .bind(8, static_cast<std::int64_t>(item.profile_version));
    if (!insert.ok() || insert.step() != DYAD_ROW) {
        return std::unexpected(insert.ok() ? m_db.last_error() : insert.error());
    }
    return insert.int64(0);
}

std::expected<std::vector<OutboxItem>, std::string> Outbox::due(const std::string& now_utc) {
    return select_items(m_db, "WHERE state IN ('pending', 'sending') AND next_try <= ?1", now_utc);
}

std::expected<std::vector<OutboxItem>, std::string> Outbox::all() {
    return select_items(m_db, "", "");
}

std::expected<void, std::string> Outbox::mark(std::int64_t id, const std::string& state,
                                              const std::string& result,
                                              const std::string& next_try) {
    auto update = m_db.prepare(
        "UPDATE directory_outbox SET state = ?, result = ?, next_try = ?, attempts = attempts + "
        "(? = 'sending') WHERE id = ?");
    update.bind(1, state).bind(2, result).bind(3, next_try).bind(4, state).bind(5, id);
    if (!update.ok() || update.step() != DYAD_DONE) {
        return std::unexpected(update.ok() ? m_db.last_error() : update.error());
    }
    return {};
}

std::expected<int, std::string> Outbox::withdraw(const std::string& target) {
    auto update = m_db.prepare(
        "UPDATE directory_outbox SET state = 'failed', result = 'replaced by a newer approval' "
        "WHERE target = ? AND state IN ('pending', 'conflict')");
    update.bind(1, target);
    if (!update.ok() || update.step() != DYAD_DONE) {
        return std::unexpected(update.ok() ? m_db.last_error() : update.error());
    }
    return m_db.changes();
}

SendOutcome send_item(const OutboxItem& item, const std::string& base_url, const std::string& token,
                      int timeout_seconds) {
    HttpRequest request{"PUT", base_url + "/listings/" + item.npi, item.body, {}, timeout_seconds};
    request.headers.emplace_back("Idempotency-Key", item.key);
    if (!item.base_etag.empty()) {
        request.headers.emplace_back("If-Match", item.base_etag);
    }
    if (!token.empty()) {
        request.headers.emplace_back("Authorization", "Bearer " + token);
    }
    auto answer = http_exchange(request);
    if (!answer) {
        if (answer.error().kind == HttpFailure::kRefusedAddress) {
            return {SendOutcome::kFailed, "", answer.error().text, 0};
        }
        return {SendOutcome::kRetry, "", "the directory " + answer.error().text, 0};
    }
    int status = answer->status;
    if (status == 200 || status == 201) {
        return {SendOutcome::kSent, answer->etag, "published", 0};
    }
    if (status == 412 || status == 428) {
        return {SendOutcome::kConflict, answer->etag,
                "the listing was changed on the directory since the last sync; compare both and "
                "choose",
                0};
    }
    if (status == 429 || status >= 500) {
        return {SendOutcome::kRetry, "",
                "the directory answered " + std::to_string(status) +
                    (status == 429 ? " (too many requests)" : " (a fault on its side)"),
                answer->retry_after};
    }
    if (status == 401 || status == 403) {
        return {SendOutcome::kFailed, "",
                "the directory refused the access token (" + std::to_string(status) +
                    "); connect it again with a valid token",
                0};
    }
    return {SendOutcome::kFailed, "", "refused by the directory: " + server_reason(answer->body),
            0};
}

namespace {

// Marks the item "sending" and counts the attempt in item.
std::expected<void, std::string> begin_send(Outbox& outbox, OutboxItem& item) {
    auto marked = outbox.mark(item.id, "sending", item.result, item.next_try);
    if (marked) {
        ++item.attempts;
    }
    return marked;
}

// Records an outcome; returns the item's new state.
std::string record_outcome(Outbox& outbox, SyncStore& sync, const OutboxItem& item,
                           const SendOutcome& outcome, const std::string& now_utc, double jitter,
                           PushReport& report) {
    std::string who = item.target + ": ";
    switch (outcome.kind) {
        case SendOutcome::kSent: {
            (void)outbox.mark(item.id, "sent", outcome.etag);
            SyncState state;
            state.target = item.target;
            state.base = listing_from_json(item.local_base).value_or(Listing{});
            state.published = listing_from_json(item.body).value_or(Listing{});
            state.etag = outcome.etag;
            state.profile_version = item.profile_version;
            state.synced_at = now_utc;
            state.how = "pushed";
            if (auto saved = sync.save_state(state); !saved) {
                report.messages.push_back(dyad::show::fill(
                    dyad::show::fill(
                        dyad::show::tr("{target}: published, but Dyad could not note it ({why}); "
                                       "check the directory before the next push"),
                        "target", item.target),
                    "why", saved.error()));
            } else {
                report.messages.push_back(dyad::show::fill(
                    dyad::show::fill(dyad::show::tr("{target}: published (version {version})."),
                                     "target", item.target),
                    "version", outcome.etag));
            }
            ++report.sent;
            return "sent";
        }
        case SendOutcome::kConflict:
            (void)outbox.mark(item.id, "conflict", "the directory is now at " + outcome.etag);
            ++report.conflicts;
            report.messages.push_back(who + outcome.reason + ".");
            return "conflict";
        case SendOutcome::kRetry: {
            double wait = backoff_seconds(item.attempts, jitter, outcome.retry_after);
            (void)outbox.mark(
                item.id, "pending", outcome.reason,
                dyad::datafile::utc_after(now_utc, static_cast<long long>(std::ceil(wait))));
            ++report.retrying;
            // The server's words last, so a "{...}" in them is never filled.
            std::string queued = dyad::show::tr(
                "{target}: {why}; your change is queued and will be retried in {seconds} s.");
            queued = dyad::show::fill(queued, "seconds",
                                      std::to_string(static_cast<int>(std::ceil(wait))));
            queued = dyad::show::fill(queued, "target", item.target);
            report.messages.push_back(dyad::show::fill(queued, "why", outcome.reason));
            return "pending";
        }
        case SendOutcome::kFailed:
            (void)outbox.mark(item.id, "failed", outcome.reason);
            ++report.failed;
            report.messages.push_back(who + outcome.reason + ".");
            return "failed";
    }
    return "failed";
}

}  // namespace

PushReport push_due(Outbox& outbox, SyncStore& sync, const std::vector<Connection>& connections,
                    const std::string& now_utc, const PushOptions& options) {
    PushReport report;
    auto items = outbox.due(now_utc);
    if (!items) {
        report.messages.push_back(dyad::show::fill(
            dyad::show::tr("The outbox could not be read: {why}"), "why", items.error()));
        return report;
    }
    for (std::size_t i = 0; i < items->size(); ++i) {
        OutboxItem item = (*items)[i];
        if (options.progress) {
            options.progress(i, items->size());
        }
        if (options.cancelled && options.cancelled()) {
            report.cancelled = true;
            const auto left = static_cast<long long>(items->size() - i);
            report.messages.push_back(dyad::show::tr_n(  // tr_n fills {n}.
                "Stopped; {n} change stays queued.", "Stopped; {n} changes stay queued.", left));
            break;
        }
        auto connection = std::find_if(connections.begin(), connections.end(),
                                       [&](const Connection& c) { return c.id == item.target; });
        std::string state;
        if (connection == connections.end()) {
            state = record_outcome(
                outbox, sync, item,
                {SendOutcome::kFailed, "", "this directory is no longer connected", 0}, now_utc, 0,
                report);
        } else if (double wait = options.rate_wait ? options.rate_wait(*connection) : 0; wait > 0) {
            // Held back by our own limit: not an attempt, no backoff.
            (void)outbox.mark(
                item.id, item.state == "sending" ? "sending" : "pending", item.result,
                dyad::datafile::utc_after(now_utc, static_cast<long long>(std::ceil(wait))));
            ++report.retrying;
            std::string held = dyad::show::tr(
                "{target}: held back by Dyad's limit of {limit} requests a minute; it goes in "
                "{seconds} s.");
            held = dyad::show::fill(held, "target", item.target);
            held = dyad::show::fill(held, "limit", std::to_string(connection->per_minute));
            report.messages.push_back(dyad::show::fill(
                held, "seconds", std::to_string(static_cast<int>(std::ceil(wait)))));
            continue;
        } else {
            if (auto begun = begin_send(outbox, item); !begun) {
                report.messages.push_back(item.target + ": " + begun.error());
                continue;
            }
            if (options.before_send) {
                options.before_send(item);
            }
            std::string token = options.token ? options.token(item.target) : std::string();
            std::optional<SendOutcome> outcome =
                options.send
                    ? options.send(item, *connection, token)
                    : send_item(item, connection->base_url, token, options.timeout_seconds);
            if (!outcome) {
                report.cancelled = true;
                report.messages.push_back(dyad::show::tr_n(  // tr_n fills {n}.
                    "Stopped; the change in flight and {n} more stay queued and are sent with the "
                    "next push.",
                    "Stopped; the change in flight and {n} more stay queued and are sent with the "
                    "next push.",
                    static_cast<long long>(items->size() - i - 1)));
                break;
            }
            state = record_outcome(outbox, sync, item, *outcome, now_utc,
                                   options.jitter ? options.jitter() : 0.5, report);
        }
        if (options.audit) {
            options.audit(item, state);
        }
    }
    if (options.progress && !report.cancelled) {
        options.progress(items->size(), items->size());
    }
    return report;
}

}  // namespace dyad::directory
