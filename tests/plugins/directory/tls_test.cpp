// Certificates are verified: a directory (or an NPI Registry) on HTTPS with a certificate no
// trusted authority signed is refused in words, never prompted about and never trusted, and
// nothing is sent. The server is Poco's HTTPS server on 127.0.0.1 with a self-signed
// certificate (tls/).
#include <gtest/gtest.h>

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/ThreadPool.h>

#include <atomic>

#include "http_client.h"
#include "npi_check.h"
#include "sync.h"

using namespace dyad::directory;

namespace {

std::atomic<int> g_requests_served{0};

class Answer : public Poco::Net::HTTPRequestHandler {
  public:
    void handleRequest(Poco::Net::HTTPServerRequest&,
                       Poco::Net::HTTPServerResponse& response) override {
        ++g_requests_served;
        response.setContentType("application/json");
        response.send() << "{}";
    }
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
  public:
    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest&) override {
        return new Answer;
    }
};

struct SelfSignedServer {
    Poco::ThreadPool pool{1, 4};
    std::unique_ptr<Poco::Net::HTTPServer> server;
    int port = 0;
    SelfSignedServer() {
        std::string folder = DYAD_TLS_DIR;
        Poco::Net::Context::Ptr context =
            new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, folder + "/key.pem",
                                   folder + "/cert.pem", "", Poco::Net::Context::VERIFY_NONE);
        Poco::Net::SecureServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0), 64, context);
        port = socket.address().port();
        server = std::make_unique<Poco::Net::HTTPServer>(new Factory, pool, socket,
                                                         new Poco::Net::HTTPServerParams);
        server->start();
    }
    ~SelfSignedServer() {
        server->stopAll(true);
        pool.joinAll();
    }
    std::string url() const { return "https://127.0.0.1:" + std::to_string(port); }
};

}  // namespace

TEST(DirectoryTls, AnUntrustedCertificateIsRefusedWithoutAPromptAndNothingIsSent) {
    SelfSignedServer server;
    g_requests_served = 0;
    auto answer =
        http_exchange({"PUT", server.url() + "/listings/1234567893", R"({"name": "Maya"})", {}, 5});
    ASSERT_FALSE(answer) << "a self-signed certificate was trusted";
    EXPECT_EQ(answer.error().kind, HttpFailure::kUnreachable);
    EXPECT_NE(answer.error().text.find("its security certificate is not signed by an authority "
                                       "this computer trusts"),
              std::string::npos)
        << answer.error().text;
    EXPECT_EQ(g_requests_served.load(), 0);

    Connection connection{"net", "open-directory", "Imago network", server.url(), 30};
    auto remote = read_remote(connection, "token", "1234567893", 5);
    ASSERT_FALSE(remote);
    EXPECT_NE(remote.error().find("Imago network could not be reached"), std::string::npos)
        << remote.error();

    auto registry = fetch_nppes(server.url() + "/api/", "1234567893", 5);
    ASSERT_FALSE(registry);
    EXPECT_NE(registry.error().find("certificate"), std::string::npos) << registry.error();
    EXPECT_EQ(g_requests_served.load(), 0);
}
