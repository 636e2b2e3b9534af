// The reference directory server on 127.0.0.1 (ephemeral port), through real HTTP: create,
// read with ETag, updates guarded by If-Match (428 missing, 412 stale), idempotent repeats,
// faults (429 with Retry-After, 500, delay), and listings that survive a restart.
#include <gtest/gtest.h>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <map>

#include "directory_server.h"
#include "test_support.h"

using namespace dyad::directory;

namespace {

struct Answer {
    int status = 0;
    std::string etag;
    std::string retry_after;
    std::string body;
};

Answer call(int port, const std::string& method, const std::string& path,
            const std::string& body = "", std::map<std::string, std::string> headers = {},
            int timeout = 5) {
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
    session.setTimeout(Poco::Timespan(timeout, 0));
    Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [name, value] : headers) {
        request.set(name, value);
    }
    request.setContentType("application/json");
    request.setContentLength(static_cast<std::streamsize>(body.size()));
    session.sendRequest(request) << body;
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    Answer answer;
    answer.status = static_cast<int>(response.getStatus());
    answer.etag = response.get("ETag", "");
    answer.retry_after = response.get("Retry-After", "");
    Poco::StreamCopier::copyToString(in, answer.body);
    return answer;
}

}  // namespace

TEST(DirectoryServer, ListingsAreVersionedAndNeverOverwrittenSilently) {
    dyad::test::TempDir dir;
    std::string db = dir.path() + "/directory.db";
    {
        auto server = DirectoryServer::start(db, 0);
        ASSERT_TRUE(server) << server.error();
        int port = (*server)->port();
        EXPECT_EQ(call(port, "GET", "/listings/1234567893").status, 404);
        Answer created = call(port, "PUT", "/listings/1234567893", R"({"name": "Maya"})");
        EXPECT_EQ(created.status, 201);
        EXPECT_EQ(created.etag, "\"1\"");
        Answer read = call(port, "GET", "/listings/1234567893");
        EXPECT_EQ(read.status, 200);
        EXPECT_EQ(read.body, R"({"name": "Maya"})");
        EXPECT_EQ(read.etag, "\"1\"");

        EXPECT_EQ(call(port, "PUT", "/listings/1234567893", R"({"name": "M"})").status, 428);
        Answer stale =
            call(port, "PUT", "/listings/1234567893", R"({"name": "M"})", {{"If-Match", "\"7\""}});
        EXPECT_EQ(stale.status, 412);
        EXPECT_EQ(stale.etag, "\"1\"");  // What the client should read again.
        Answer updated = call(port, "PUT", "/listings/1234567893", R"({"name": "Maya L"})",
                              {{"If-Match", "\"1\""}, {"Idempotency-Key", "push-42"}});
        EXPECT_EQ(updated.status, 200);
        EXPECT_EQ(updated.etag, "\"2\"");
        // The same push again (the client did not hear the answer): nothing changes.
        Answer repeat = call(port, "PUT", "/listings/1234567893", R"({"name": "Maya L"})",
                             {{"If-Match", "\"1\""}, {"Idempotency-Key", "push-42"}});
        EXPECT_EQ(repeat.status, 200);
        EXPECT_EQ(repeat.etag, "\"2\"");
        EXPECT_EQ(
            call(port, "PUT", "/listings/1234567893", "not json", {{"If-Match", "\"2\""}}).status,
            400);
    }
    auto restarted = DirectoryServer::start(db, 0);  // The same file after a restart.
    ASSERT_TRUE(restarted) << restarted.error();
    Answer kept = call((*restarted)->port(), "GET", "/listings/1234567893");
    EXPECT_EQ(kept.etag, "\"2\"");
    EXPECT_EQ(kept.body, R"({"name": "Maya L"})");
}

TEST(DirectoryServer, FaultModeAnswers429And500ThenRecovers) {
    dyad::test::TempDir dir;
    auto server = DirectoryServer::start(dir.path() + "/directory.db", 0);
    ASSERT_TRUE(server) << server.error();
    int port = (*server)->port();
    (*server)->set_fault({"429", 1, 0, 7});
    Answer limited = call(port, "GET", "/listings/1");
    EXPECT_EQ(limited.status, 429);
    EXPECT_EQ(limited.retry_after, "7");
    EXPECT_EQ(call(port, "GET", "/listings/1").status, 404);  // The fault was for one request.
    (*server)->set_fault({"500", 2, 0, 0});
    EXPECT_EQ(call(port, "GET", "/listings/1").status, 500);
    EXPECT_EQ(call(port, "GET", "/listings/1").status, 500);
    EXPECT_EQ(call(port, "GET", "/listings/1").status, 404);
    (*server)->set_fault({"delay", 1, 2000, 0});
    EXPECT_THROW(call(port, "GET", "/listings/1", "", {}, 1), Poco::TimeoutException);
    auto busy = DirectoryServer::start(dir.path() + "/other.db", port);  // Port taken.
    ASSERT_FALSE(busy);
    EXPECT_NE(busy.error().find("cannot listen"), std::string::npos);
}
