#include "outbox.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>

namespace dyad::directory {
namespace {

std::string utc_after(const std::string& now_utc, double seconds) {
    std::tm parts{};
    strptime(now_utc.c_str(), "%Y-%m-%dT%H:%M:%SZ", &parts);
    std::time_t when = timegm(&parts) + static_cast<std::time_t>(std::ceil(seconds));
    gmtime_r(&when, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return text;
}

OutboxItem read_item(dyad::sdk::Statement& row) {
    return {row.int64(0), row.text(1), row.text(2), row.text(3),
            row.text(4),  row.text(5), row.text(6), static_cast<int>(row.int64(7)),
            row.text(8),  row.text(9)};
}

constexpr const char* kColumns =
    "id, target, npi, body, base_etag, idempotency_key, state, attempts, next_try, result";

std::string server_reason(const std::string& body) {
    try {
        Poco::JSON::Parser parser;
        auto object = parser.parse(body).extract<Poco::JSON::Object::Ptr>();
        return object->optValue<std::string>("error", body);
    } catch (const Poco::Exception&) {
        return body;
    }
}

}  // namespace

double backoff_seconds(int attempt, double jitter, int retry_after) {
    double base = std::min(300.0, 2.0 * std::pow(2.0, std::max(0, attempt - 1)));
    double jittered = base * (0.75 + 0.5 * jitter);
    return std::max(jittered, static_cast<double>(retry_after));
}

std::expected<std::int64_t, std::string> Outbox::enqueue(const std::string& target,
                                                         const std::string& npi,
                                                         const std::string& body,
                                                         const std::string& base_etag) {
    // The id is SQLite's next rowid, so ids count up and the outbox is first in, first out.
    auto insert = m_db.prepare(
        "INSERT INTO directory_outbox (target, npi, body, base_etag, idempotency_key, state, "
        "attempts, next_try, result) VALUES (?, ?, ?, ?, ?, 'pending', 0, '', '') RETURNING id");
    insert.bind(1, target).bind(2, npi).bind(3, body).bind(4, base_etag).bind(5, m_db.new_uuid());
    if (!insert.ok() || insert.step() != DYAD_ROW) {
        return std::unexpected(insert.ok() ? m_db.last_error() : insert.error());
    }
    return insert.int64(0);
}

std::expected<std::vector<OutboxItem>, std::string> Outbox::due(const std::string& now_utc) {
    auto select = m_db.prepare((std::string("SELECT ") + kColumns +
                                " FROM directory_outbox WHERE state IN ('pending', 'sending') "
                                "AND next_try <= ? ORDER BY id")
                                   .c_str());
    select.bind(1, now_utc);
    if (!select.ok()) {
        return std::unexpected(select.error());
    }
    std::vector<OutboxItem> items;
    while (select.step() == DYAD_ROW) {
        items.push_back(read_item(select));
    }
    return items;
}

std::expected<std::vector<OutboxItem>, std::string> Outbox::all() {
    auto select = m_db.prepare(
        (std::string("SELECT ") + kColumns + " FROM directory_outbox ORDER BY id").c_str());
    if (!select.ok()) {
        return std::unexpected(select.error());
    }
    std::vector<OutboxItem> items;
    while (select.step() == DYAD_ROW) {
        items.push_back(read_item(select));
    }
    return items;
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

PushReport push_due(Outbox& outbox, const std::string& base_url, const std::string& now_utc,
                    int timeout_seconds, const std::function<double()>& jitter,
                    const std::function<void(const OutboxItem&)>& before_send) {
    PushReport report;
    auto items = outbox.due(now_utc);
    if (!items) {
        report.messages.push_back("The outbox could not be read: " + items.error());
        return report;
    }
    for (auto item : *items) {
        (void)outbox.mark(item.id, "sending", item.result);
        ++item.attempts;
        if (before_send) {
            before_send(item);
        }
        auto retry = [&](const std::string& why, int retry_after) {
            double wait = backoff_seconds(item.attempts, jitter(), retry_after);
            (void)outbox.mark(item.id, "pending", why, utc_after(now_utc, wait));
            ++report.retrying;
            report.messages.push_back(item.npi + " on " + item.target + ": " + why +
                                      "; your change is queued and will be retried in " +
                                      std::to_string(static_cast<int>(std::ceil(wait))) + " s.");
        };
        try {
            Poco::URI uri(base_url + "/listings/" + item.npi);
            bool local = uri.getHost() == "127.0.0.1" || uri.getHost() == "localhost";
            if (uri.getScheme() != "http" || !local) {
                // This build pushes to the reference server on this computer only; HTTPS
                // targets come with the keyring (see the note).
                (void)outbox.mark(item.id, "failed", "only a directory server on this computer");
                ++report.failed;
                report.messages.push_back(item.npi + ": " + base_url +
                                          " is not a directory server on this computer.");
                continue;
            }
            Poco::Net::HTTPClientSession session(uri.getHost(), uri.getPort());
            session.setTimeout(Poco::Timespan(timeout_seconds, 0));
            Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_PUT, uri.getPath(),
                                           Poco::Net::HTTPMessage::HTTP_1_1);
            request.setContentType("application/json");
            request.setContentLength(static_cast<std::streamsize>(item.body.size()));
            request.set("Idempotency-Key", item.key);
            if (!item.base_etag.empty()) {
                request.set("If-Match", item.base_etag);
            }
            session.sendRequest(request) << item.body;
            Poco::Net::HTTPResponse response;
            std::istream& in = session.receiveResponse(response);
            std::string body;
            Poco::StreamCopier::copyToString(in, body);
            int status = static_cast<int>(response.getStatus());
            if (status == 200 || status == 201) {
                (void)outbox.mark(item.id, "sent", response.get("ETag", ""));
                ++report.sent;
                report.messages.push_back(item.npi + " on " + item.target + ": published.");
            } else if (status == 412 || status == 428) {
                (void)outbox.mark(item.id, "conflict",
                                  "the directory changed since it was read (now " +
                                      response.get("ETag", "?") + ")");
                ++report.conflicts;
                report.messages.push_back(item.npi + " on " + item.target +
                                          ": the listing was changed on the directory since the "
                                          "last sync; compare both and choose.");
            } else if (status == 429 || status >= 500) {
                int after = 0;
                try {
                    after = std::stoi(response.get("Retry-After", "0"));
                } catch (...) {
                }
                retry("the directory answered " + std::to_string(status), after);
            } else {
                std::string reason = server_reason(body);
                (void)outbox.mark(item.id, "failed", reason);
                ++report.failed;
                report.messages.push_back(item.npi + " on " + item.target +
                                          ": refused by the directory: " + reason);
            }
        } catch (const Poco::TimeoutException&) {
            retry("the directory did not answer within " + std::to_string(timeout_seconds) + " s",
                  0);
        } catch (const Poco::Exception& error) {
            retry("the directory could not be reached (" + error.displayText() + ")", 0);
        }
    }
    return report;
}

}  // namespace dyad::directory
