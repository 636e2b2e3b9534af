// Pushing through the outbox to the reference directory server on 127.0.0.1: published once
// even when the process dies mid-push, conflicts kept for the therapist, 429 honoured, 5xx and
// timeouts retried later, a validation error not retried.
#include <gtest/gtest.h>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>

#include <stdexcept>

#include "directory_server.h"
#include "outbox.h"
#include "plugin_harness.h"
#include "profile.h"
#include "sync.h"

using namespace dyad::directory;

namespace {

struct Fixture {
    dyad::test::TempDir dir;
    dyad::test::PluginHarness harness{"dyad.directory", directory_schema()};
    Outbox outbox{dyad::sdk::Database(dyad::sdk::Host(harness.host()))};
    SyncStore sync{dyad::sdk::Database(dyad::sdk::Host(harness.host()))};
    std::unique_ptr<DirectoryServer> server;
    Fixture() {
        auto started = DirectoryServer::start(dir.path() + "/server.db", 0);
        EXPECT_TRUE(started) << started.error();
        server = std::move(*started);
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(server->port()); }
    PushReport push(const std::string& now,
                    const std::function<void(const OutboxItem&)>& hook = {}) {
        PushOptions options;
        options.timeout_seconds = 2;
        options.jitter = [] { return 0.5; };
        options.before_send = hook;
        return push_due(outbox, sync,
                        {Connection{"reference", "open-directory", "Reference", url()}}, now,
                        options);
    }
    std::expected<std::int64_t, std::string> enqueue(const std::string& body,
                                                     const std::string& etag) {
        OutboxItem item;
        item.target = "reference";
        item.npi = "1234567893";
        item.body = body;
        item.base_etag = etag;
        return outbox.enqueue(item);
    }
    OutboxItem only() {
        auto items = outbox.all();
        EXPECT_EQ(items->size(), 1u);
        return items->front();
    }
    // The remote listing's ETag, read straight from the server.
    std::string remote_etag(const std::string& npi) {
        Poco::Net::HTTPClientSession session("127.0.0.1",
                                             static_cast<Poco::UInt16>(server->port()));
        Poco::Net::HTTPRequest request("GET", "/listings/" + npi);
        session.sendRequest(request);
        Poco::Net::HTTPResponse response;
        session.receiveResponse(response);
        return response.get("ETag", "");
    }
};

constexpr const char* kNow = "2026-11-26T12:00:00Z";

}  // namespace

TEST(DirectoryPush, BackoffGrowsWithJitterAndHonoursRetryAfter) {
    EXPECT_DOUBLE_EQ(backoff_seconds(1, 0.5), 2.0);
    EXPECT_DOUBLE_EQ(backoff_seconds(3, 0.5), 8.0);
    EXPECT_DOUBLE_EQ(backoff_seconds(3, 0.0), 6.0);  // -25 %.
    EXPECT_DOUBLE_EQ(backoff_seconds(3, 0.999), 8.0 * 1.2495);
    EXPECT_DOUBLE_EQ(backoff_seconds(20, 0.5), 300.0);  // Capped.
    EXPECT_DOUBLE_EQ(backoff_seconds(1, 0.5, 30), 30.0);
}

TEST(DirectoryPush, AKilledPushIsResumedAndAppliedOnlyOnce) {
    Fixture f;
    ASSERT_TRUE(f.enqueue(R"({"name": "Maya"})", ""));
    PushReport first = f.push(kNow);
    EXPECT_EQ(first.sent, 1);
    EXPECT_EQ(f.remote_etag("1234567893"), "\"1\"");

    ASSERT_TRUE(f.enqueue(R"({"name": "Maya L"})", "\"1\""));
    // The worst moment: the directory applied the change, then the process died before
    // recording it.
    auto die_after_delivery = [&](const OutboxItem& item) {
        Poco::Net::HTTPClientSession session("127.0.0.1",
                                             static_cast<Poco::UInt16>(f.server->port()));
        Poco::Net::HTTPRequest request("PUT", "/listings/" + item.npi);
        request.set("Idempotency-Key", item.key);
        request.set("If-Match", item.base_etag);
        request.setContentLength(static_cast<std::streamsize>(item.body.size()));
        session.sendRequest(request) << item.body;
        Poco::Net::HTTPResponse response;
        session.receiveResponse(response);
        throw std::runtime_error("killed");
    };
    EXPECT_THROW(f.push(kNow, die_after_delivery), std::runtime_error);
    EXPECT_EQ(f.remote_etag("1234567893"), "\"2\"");
    auto interrupted = f.outbox.due(kNow);
    ASSERT_EQ(interrupted->size(), 1u);
    EXPECT_EQ(interrupted->front().state, "sending");  // Survived the "crash".

    PushReport resumed = f.push(kNow);  // The next start.
    EXPECT_EQ(resumed.sent, 1);
    EXPECT_EQ(f.remote_etag("1234567893"), "\"2\"");  // Not applied twice.
    auto items = f.outbox.all();
    EXPECT_EQ(items->back().state, "sent");
    EXPECT_EQ(items->back().result, "\"2\"");
}

TEST(DirectoryPush, AChangedRemoteIsAConflictNotAnOverwrite) {
    Fixture f;
    ASSERT_TRUE(f.enqueue(R"({"name": "Maya"})", ""));
    f.push(kNow);
    // Someone edits the listing on the directory (now version 2) ...
    ASSERT_TRUE(f.enqueue(R"({"name": "Remote"})", "\"1\""));
    f.push(kNow);
    // ... while our change was still based on version 1.
    ASSERT_TRUE(f.enqueue(R"({"name": "Ours"})", "\"1\""));
    PushReport report = f.push(kNow);
    EXPECT_EQ(report.conflicts, 1);
    EXPECT_NE(report.messages.back().find("compare both and choose"), std::string::npos);
    EXPECT_EQ(f.outbox.all()->back().state, "conflict");
    EXPECT_EQ(f.remote_etag("1234567893"), "\"2\"");
}

TEST(DirectoryPush, BusyAndBrokenDirectoriesAreRetriedLaterBadRequestsAreNot) {
    Fixture f;
    ASSERT_TRUE(f.enqueue(R"({"name": "Maya"})", ""));
    f.server->set_fault({"429", 1, 0, 30});
    PushReport limited = f.push(kNow);
    EXPECT_EQ(limited.retrying, 1);
    EXPECT_NE(limited.messages[0].find("queued and will be retried in 30 s"), std::string::npos)
        << limited.messages[0];
    EXPECT_EQ(f.only().next_try, "2026-11-26T12:00:30Z");
    EXPECT_TRUE(f.outbox.due("2026-11-26T12:00:10Z")->empty());  // Not before Retry-After.

    f.server->set_fault({"500", 1, 0, 0});
    PushReport broken = f.push("2026-11-26T12:00:30Z");
    EXPECT_EQ(broken.retrying, 1);
    EXPECT_EQ(f.only().next_try, "2026-11-26T12:00:34Z");  // Attempt 2: 4 s.

    f.server->set_fault({"delay", 1, 3000, 0});
    PushReport slow = f.push("2026-11-26T12:00:34Z");
    EXPECT_EQ(slow.retrying, 1);
    EXPECT_NE(slow.messages[0].find("did not answer within 2 s"), std::string::npos);

    PushReport done = f.push("2026-11-26T12:05:00Z");
    EXPECT_EQ(done.sent, 1);
    EXPECT_EQ(f.only().attempts, 4);

    ASSERT_TRUE(f.enqueue("not json", "\"1\""));
    PushReport refused = f.push("2026-11-26T12:05:00Z");
    EXPECT_EQ(refused.failed, 1);
    EXPECT_NE(refused.messages[0].find("the body must be one JSON object"), std::string::npos);
    EXPECT_TRUE(f.outbox.due("2026-11-27T00:00:00Z")->empty());  // Not retried.
}

TEST(DirectoryPush, DyadsOwnRateLimitHoldsAnItemBackWithoutCountingAnAttempt) {
    Fixture f;
    ASSERT_TRUE(f.enqueue(R"({"name": "Maya"})", ""));
    PushOptions options;
    options.timeout_seconds = 2;
    options.jitter = [] { return 0.5; };
    options.rate_wait = [](const Connection&) { return 12.5; };
    std::vector<std::string> audited;
    options.audit = [&](const OutboxItem&, const std::string& state) { audited.push_back(state); };
    Connection reference{"reference", "open-directory", "Reference", f.url()};
    PushReport held = push_due(f.outbox, f.sync, {reference}, kNow, options);
    EXPECT_EQ(held.retrying, 1);
    EXPECT_NE(held.messages[0].find("held back by Dyad's limit of 30 requests a minute; it goes "
                                    "in 13 s"),
              std::string::npos)
        << held.messages[0];
    EXPECT_EQ(f.only().attempts, 0);
    EXPECT_EQ(f.only().next_try, "2026-11-26T12:00:13Z");
    EXPECT_TRUE(audited.empty());  // Nothing was sent.
    EXPECT_EQ(f.remote_etag("1234567893"), "");

    options.rate_wait = [](const Connection&) { return 0.0; };
    PushReport sent = push_due(f.outbox, f.sync, {reference}, "2026-11-26T12:00:13Z", options);
    EXPECT_EQ(sent.sent, 1);
    EXPECT_EQ(audited, std::vector<std::string>{"sent"});
    auto state = f.sync.state("reference");
    EXPECT_EQ(state->etag, "\"1\"");
    EXPECT_EQ(state->published.at("name"), "Maya");
}
