// The NPI check against a real HTTP server on 127.0.0.1 (ephemeral port) that answers in the
// NPPES v2.1 format: a matching record, a record that differs, "HTTP 200 with Errors[]", no
// record, a server error, and an answer too slow for the timeout.
#include <gtest/gtest.h>

#include <Poco/Event.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>

#include "npi_check.h"

using namespace dyad::directory;

namespace {

constexpr const char* kRecord = R"({"result_count": 1, "results": [{
    "number": "1234567893",
    "basic": {"first_name": "MAYA", "last_name": "LOPEZ", "credential": "LMFT"},
    "taxonomies": [{"code": "106H00000X", "desc": "Marriage & Family Therapist",
                    "primary": true, "state": "CA", "license": "LMFT 12345"}],
    "addresses": [{"address_purpose": "MAILING", "city": "BERKELEY", "state": "CA",
                   "postal_code": "94704"},
                  {"address_purpose": "LOCATION", "address_1": "100 MAIN ST",
                   "city": "OAKLAND", "state": "CA", "postal_code": "946120000"}]}]})";

// Wakes the slow handler when the test ends, so no server thread outlives the test.
Poco::Event released(Poco::Event::EVENT_MANUALRESET);

class Replay : public Poco::Net::HTTPRequestHandler {
  public:
    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override {
        std::string path = request.getURI().substr(0, request.getURI().find('?'));
        response.setContentType("application/json");
        if (path == "/slow" && released.tryWait(2500)) {
            return;  // The test is over: answer nothing.
        }
        if (path == "/down") {
            response.setStatus(Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE);
            response.send() << "{}";
            return;
        }
        std::string body = path == "/errors" ? R"({"Errors": [{"description": "Invalid NPI number",
                                     "field": "number", "number": "01"}]})"
                           : path == "/none" ? R"({"result_count": 0, "results": []})"
                                             : kRecord;
        response.send() << body;
    }
};

struct Factory : Poco::Net::HTTPRequestHandlerFactory {
    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest&) override {
        return new Replay;
    }
};

struct Server {
    Poco::Net::ServerSocket socket{Poco::Net::SocketAddress("127.0.0.1", 0)};
    Poco::Net::HTTPServer server{new Factory, socket, new Poco::Net::HTTPServerParams};
    Server() {
        released.reset();
        server.start();
    }
    ~Server() {
        released.set();
        server.stopAll(true);
        Poco::ThreadPool::defaultPool().joinAll();  // Every connection thread has finished.
    }
    std::string url(const std::string& path) const {
        return "http://127.0.0.1:" + std::to_string(socket.address().port()) + path;
    }
};

Profile mine() {
    Profile p;
    p.given_name = "Maya";
    p.family_name = "Lopez-García";
    p.npi = "1234567893";
    p.taxonomy_code = "106H00000X";
    p.licences = {{"LMFT 12345", "CA", "", "LMFT"}};
    p.offices = {{"100 Main St", "Oakland", "CA", "94612"}};
    return p;
}

}  // namespace

TEST(NpiCheck, ListsOnlyTheFieldsThatDiffer) {
    Server server;
    auto body = fetch_nppes(server.url("/api/"), "1234567893", 5);
    ASSERT_TRUE(body) << body.error();
    auto differences = compare_with_nppes(mine(), *body);
    ASSERT_TRUE(differences) << differences.error();
    ASSERT_EQ(differences->size(), 1u);  // Names in capitals and a ZIP+4 still match.
    EXPECT_EQ((*differences)[0].field, "last name");
    EXPECT_EQ((*differences)[0].registry, "LOPEZ");

    Profile moved = mine();
    moved.family_name = "Lopez";
    moved.offices[0].city = "Alameda";
    moved.licences[0].number = "LMFT 99999";
    auto more = compare_with_nppes(moved, *body);
    ASSERT_EQ(more->size(), 2u);
    EXPECT_EQ((*more)[0].field, "licence");
    EXPECT_EQ((*more)[1].field, "city");
}

TEST(NpiCheck, ErrorsInA200AnswerAndNetworkFailuresAreFailures) {
    Server server;
    auto errors = fetch_nppes(server.url("/errors"), "01", 5);
    ASSERT_TRUE(errors);  // HTTP 200 ...
    auto refused = compare_with_nppes(mine(), *errors);
    ASSERT_FALSE(refused);  // ... but a failure.
    EXPECT_EQ(refused.error(), "the NPI Registry refused the request: Invalid NPI number");
    auto none = compare_with_nppes(mine(), *fetch_nppes(server.url("/none"), "1", 5));
    ASSERT_FALSE(none);
    EXPECT_NE(none.error().find("no record for NPI 1234567893"), std::string::npos);
    auto down = fetch_nppes(server.url("/down"), "1", 5);
    ASSERT_FALSE(down);
    EXPECT_NE(down.error().find("answered 503"), std::string::npos) << down.error();
    auto slow = fetch_nppes(server.url("/slow"), "1", 1);
    ASSERT_FALSE(slow);
    EXPECT_EQ(slow.error(), "the NPI Registry did not answer within 1 s; try again later");
    auto plain = fetch_nppes("http://npiregistry.cms.hhs.gov/api/", "1", 1);
    ASSERT_FALSE(plain);
    EXPECT_NE(plain.error().find("only https://"), std::string::npos);
    auto garbage = compare_with_nppes(mine(), "<html>");
    ASSERT_FALSE(garbage);
}

// Found by fuzz_nppes (fuzz/regressions): an answer whose results, taxonomies or addresses are
// not objects threw an uncaught exception. A result that is not an object is an error; items
// of the wrong shape inside one are skipped.
TEST(NpiCheck, AnAnswerOfTheWrongShapeIsAnErrorOrSkippedNotACrash) {
    EXPECT_FALSE(compare_with_nppes(mine(), R"({"result_count":1,"results":["LOCATION"]})"));
    for (const char* body : {R"({"result_count":1,"results":[{"taxonomies":[7],"addresses":[]}]})",
                             R"({"result_count":1,"results":[{"addresses":[null]}]})"}) {
        EXPECT_NO_THROW((void)compare_with_nppes(mine(), body)) << body;
    }
}
