#include "npi_check.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <sstream>

namespace dyad::directory {
namespace {

std::string upper(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return text;
}

std::string digits(const std::string& text) {
    std::string only;
    for (char c : text) {
        if (std::isdigit(static_cast<unsigned char>(c))) {
            only += c;
        }
    }
    return only;
}

}  // namespace

std::expected<std::vector<Difference>, std::string> compare_with_nppes(const Profile& profile,
                                                                       const std::string& body) {
    Poco::JSON::Object::Ptr root;
    try {
        Poco::JSON::Parser parser;
        root = parser.parse(body).extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception&) {
        return std::unexpected("the NPI Registry's answer could not be read");
    }
    if (root->has("Errors")) {
        Poco::JSON::Array::Ptr errors = root->getArray("Errors");
        std::string text;
        for (unsigned i = 0; !errors.isNull() && i < errors->size(); ++i) {
            auto error = errors->getObject(i);
            text += (text.empty() ? "" : "; ") +
                    (error.isNull() ? std::string("error")
                                    : error->optValue<std::string>("description", "error"));
        }
        return std::unexpected("the NPI Registry refused the request: " + text);
    }
    Poco::JSON::Array::Ptr results = root->getArray("results");
    if (results.isNull() || results->size() == 0) {
        return std::unexpected("the NPI Registry has no record for NPI " + profile.npi);
    }
    auto record = results->getObject(0);
    std::vector<Difference> differences;
    auto compare = [&](const std::string& field, const std::string& mine, const std::string& theirs,
                       bool digits_only = false) {
        bool same = digits_only ? digits(mine) == digits(theirs).substr(0, digits(mine).size())
                                : upper(mine) == upper(theirs);
        if (!same) {
            differences.push_back({field, mine, theirs});
        }
    };
    auto basic = record->getObject("basic");
    if (!basic.isNull()) {
        compare("first name", profile.given_name, basic->optValue<std::string>("first_name", ""));
        compare("last name", profile.family_name, basic->optValue<std::string>("last_name", ""));
    }
    Poco::JSON::Array::Ptr taxonomies = record->getArray("taxonomies");
    Poco::JSON::Object::Ptr primary;
    for (unsigned i = 0; !taxonomies.isNull() && i < taxonomies->size(); ++i) {
        auto taxonomy = taxonomies->getObject(i);
        if (primary.isNull() || taxonomy->optValue<bool>("primary", false)) {
            primary = taxonomy;
        }
    }
    if (!primary.isNull()) {
        compare("taxonomy", profile.taxonomy_code, primary->optValue<std::string>("code", ""));
        if (!profile.licences.empty()) {
            compare("licence", profile.licences[0].number,
                    primary->optValue<std::string>("license", ""));
            compare("licence state", profile.licences[0].state,
                    primary->optValue<std::string>("state", ""));
        }
    }
    Poco::JSON::Array::Ptr addresses = record->getArray("addresses");
    for (unsigned i = 0; !addresses.isNull() && i < addresses->size(); ++i) {
        auto address = addresses->getObject(i);
        if (address->optValue<std::string>("address_purpose", "") != "LOCATION" ||
            profile.offices.empty()) {
            continue;
        }
        const Office& office = profile.offices.front();
        compare("city", office.city, address->optValue<std::string>("city", ""));
        compare("state", office.state, address->optValue<std::string>("state", ""));
        compare("postal code", office.postal_code,
                address->optValue<std::string>("postal_code", ""), true);
    }
    return differences;
}

std::expected<std::string, std::string> fetch_nppes(const std::string& base_url,
                                                    const std::string& npi, int timeout_seconds) {
    Poco::URI uri;
    try {
        uri = Poco::URI(base_url);
    } catch (const Poco::Exception&) {
        return std::unexpected("\"" + base_url + "\" is not a web address");
    }
    bool local = uri.getHost() == "127.0.0.1" || uri.getHost() == "localhost";
    if (uri.getScheme() != "https" && !(uri.getScheme() == "http" && local)) {
        return std::unexpected(
            "only https:// addresses are used (plain http only to this "
            "computer, for tests)");
    }
    uri.addQueryParameter("number", npi);
    uri.addQueryParameter("version", "2.1");
    try {
        std::unique_ptr<Poco::Net::HTTPClientSession> session;
        if (uri.getScheme() == "https") {
            // Certificates are verified against the system's trusted authorities.
            Poco::Net::Context::Ptr context =
                new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", "/etc/ssl/certs",
                                       Poco::Net::Context::VERIFY_STRICT);
            session = std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(),
                                                                      context);
        } else {
            session = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
        }
        session->setTimeout(Poco::Timespan(timeout_seconds, 0));
        Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, uri.getPathAndQuery(),
                                       Poco::Net::HTTPMessage::HTTP_1_1);
        request.set("Accept", "application/json");
        session->sendRequest(request);
        Poco::Net::HTTPResponse response;
        std::istream& stream = session->receiveResponse(response);
        std::string body;
        Poco::StreamCopier::copyToString(stream, body);
        if (response.getStatus() != Poco::Net::HTTPResponse::HTTP_OK) {
            return std::unexpected("the NPI Registry answered " +
                                   std::to_string(static_cast<int>(response.getStatus())) + " " +
                                   response.getReason() + "; try again later");
        }
        return body;
    } catch (const Poco::TimeoutException&) {
        return std::unexpected("the NPI Registry did not answer within " +
                               std::to_string(timeout_seconds) + " s; try again later");
    } catch (const Poco::Net::NetException& error) {
        return std::unexpected("the NPI Registry could not be reached (" + error.displayText() +
                               ")");
    } catch (const Poco::Exception& error) {
        return std::unexpected("the NPI Registry could not be reached (" + error.displayText() +
                               ")");
    }
}

}  // namespace dyad::directory
