#include "http_client.h"

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <memory>

namespace dyad::directory {

std::expected<HttpAnswer, HttpFailure> http_exchange(const HttpRequest& request) {
    Poco::URI uri;
    try {
        uri = Poco::URI(request.url);
    } catch (const Poco::Exception&) {
        return std::unexpected(HttpFailure{HttpFailure::kRefusedAddress,
                                           "\"" + request.url + "\" is not a web address"});
    }
    bool local = uri.getHost() == "127.0.0.1" || uri.getHost() == "localhost";
    if (uri.getScheme() != "https" && !(uri.getScheme() == "http" && local)) {
        return std::unexpected(HttpFailure{
            HttpFailure::kRefusedAddress,
            "only https:// addresses are used (plain http only to this computer, for tests)"});
    }
    try {
        std::unique_ptr<Poco::Net::HTTPClientSession> session;
        if (uri.getScheme() == "https") {
            Poco::Net::Context::Ptr context =
                new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", "/etc/ssl/certs",
                                       Poco::Net::Context::VERIFY_STRICT);
            session = std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(),
                                                                      context);
        } else {
            session = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
        }
        session->setTimeout(Poco::Timespan(request.timeout_seconds, 0));
        Poco::Net::HTTPRequest http(request.method, uri.getPathAndQuery(),
                                    Poco::Net::HTTPMessage::HTTP_1_1);
        http.set("Accept", "application/json");
        for (const auto& [name, value] : request.headers) {
            http.set(name, value);
        }
        if (!request.body.empty() || request.method == "PUT" || request.method == "POST") {
            http.setContentType("application/json");
            http.setContentLength(static_cast<std::streamsize>(request.body.size()));
        }
        session->sendRequest(http) << request.body;
        Poco::Net::HTTPResponse response;
        std::istream& stream = session->receiveResponse(response);
        HttpAnswer answer;
        Poco::StreamCopier::copyToString(stream, answer.body);
        answer.status = static_cast<int>(response.getStatus());
        answer.etag = response.get("ETag", "");
        try {
            answer.retry_after = std::stoi(response.get("Retry-After", "0"));
        } catch (const std::exception&) {
            answer.retry_after = 0;  // An HTTP date: the backoff decides instead.
        }
        return answer;
    } catch (const Poco::TimeoutException&) {
        return std::unexpected(
            HttpFailure{HttpFailure::kTimeout,
                        "did not answer within " + std::to_string(request.timeout_seconds) + " s"});
    } catch (const Poco::Exception& error) {
        std::string details = error.displayText();
        if (details.find("certificate verify failed") != std::string::npos) {
            // Never trusted, never asked about: the therapist cannot judge a certificate.
            return std::unexpected(HttpFailure{
                HttpFailure::kUnreachable,
                "could not be reached safely: its security certificate is not signed by an "
                "authority this computer trusts (" +
                    details + ")"});
        }
        return std::unexpected(
            HttpFailure{HttpFailure::kUnreachable, "could not be reached (" + details + ")"});
    }
}

}  // namespace dyad::directory
