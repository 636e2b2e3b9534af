#include "npi_check.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <cctype>

#include "http_client.h"

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
    // Every element is checked before use: a JSON value that is not an object gives a null
    // Ptr, and Poco throws on its use.
    auto record = results->getObject(0);
    if (record.isNull()) {
        return std::unexpected("the NPI Registry's answer could not be read");
    }
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
        if (taxonomy.isNull()) {
            continue;
        }
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
        if (address.isNull() ||
            address->optValue<std::string>("address_purpose", "") != "LOCATION" ||
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
    std::string separator = base_url.find('?') == std::string::npos ? "?" : "&";
    auto answer = http_exchange(
        {"GET", base_url + separator + "number=" + npi + "&version=2.1", "", {}, timeout_seconds});
    if (!answer) {
        if (answer.error().kind == HttpFailure::kRefusedAddress) {
            return std::unexpected(answer.error().text);
        }
        return std::unexpected(
            "the NPI Registry " + answer.error().text +
            (answer.error().kind == HttpFailure::kTimeout ? "; try again later" : ""));
    }
    if (answer->status != 200) {
        return std::unexpected("the NPI Registry answered " + std::to_string(answer->status) +
                               "; try again later");
    }
    return answer->body;
}

}  // namespace dyad::directory
