#include "profile.h"

#include <npi.h>

#include <dyad/text.hpp>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <time_text.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <ctime>
#include <sstream>

namespace dyad::directory {

using dyad::datafile::now_utc;
namespace {

constexpr const char* kVersion1 = R"sql(
CREATE TABLE directory_profile (
    version INTEGER PRIMARY KEY,
    saved_at TEXT NOT NULL,
    data TEXT NOT NULL
) STRICT;
)sql";

// Every change to a directory goes here first, so it survives a crash or an offline day.
constexpr const char* kVersion2 = R"sql(
CREATE TABLE directory_outbox (
    id INTEGER PRIMARY KEY,
    target TEXT NOT NULL,
    npi TEXT NOT NULL,
    body TEXT NOT NULL,
    base_etag TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'conflict', 'failed')),
    attempts INTEGER NOT NULL,
    next_try TEXT NOT NULL,
    result TEXT NOT NULL
) STRICT;
)sql";

// The sync: the directories the therapist connected (their API address; the credential is in
// the keyring, never here), what each target last got (three-way diff base), and what an
// approved change brings along until it is sent.
constexpr const char* kVersion3 = R"sql(
CREATE TABLE directory_connection (
    id TEXT PRIMARY KEY,
    adapter TEXT NOT NULL,
    name TEXT NOT NULL,
    base_url TEXT NOT NULL,
    per_minute INTEGER NOT NULL CHECK (per_minute > 0)
) STRICT;
CREATE TABLE directory_sync_state (
    target TEXT PRIMARY KEY,
    base TEXT NOT NULL,
    published TEXT NOT NULL,
    etag TEXT NOT NULL,
    profile_version INTEGER NOT NULL,
    synced_at TEXT NOT NULL,
    how TEXT NOT NULL CHECK (how IN ('pushed', 'marked'))
) STRICT;
ALTER TABLE directory_outbox ADD COLUMN local_base TEXT NOT NULL DEFAULT '{}';
ALTER TABLE directory_outbox ADD COLUMN fields TEXT NOT NULL DEFAULT '';
ALTER TABLE directory_outbox ADD COLUMN profile_version INTEGER NOT NULL DEFAULT 0;
)sql";

const dyad_migration kMigrations[] = {{1, kVersion1}, {2, kVersion2}, {3, kVersion3}};
const dyad_schema_v1 kSchema = {sizeof(dyad_schema_v1), "directory", kMigrations, 3};

bool is_date(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return false;
    }
    try {
        using namespace std::chrono;
        return year_month_day{year(std::stoi(text.substr(0, 4))),
                              month(static_cast<unsigned>(std::stoi(text.substr(5, 2)))),
                              day(static_cast<unsigned>(std::stoi(text.substr(8, 2))))}
            .ok();
    } catch (...) {
        return false;
    }
}

Poco::JSON::Array::Ptr strings(const std::vector<std::string>& values) {
    Poco::JSON::Array::Ptr array = new Poco::JSON::Array;
    for (const auto& value : values) {
        array->add(value);
    }
    return array;
}

}  // namespace

const dyad_schema_v1* directory_schema() {
    return &kSchema;
}

bool valid_npi(const std::string& npi) {
    return dyad::datafile::npi_check_digit_ok(npi);
}

std::vector<std::string> check_profile(const Profile& p) {
    std::vector<std::string> problems;
    if (p.given_name.empty() || p.family_name.empty()) {
        problems.push_back("Name: both first and last name are needed.");
    }
    if (!p.npi.empty() && !valid_npi(p.npi)) {
        problems.push_back(
            "NPI: ten digits whose last is the check digit; this one does not "
            "check out.");
    }
    for (const auto& licence : p.licences) {
        if (licence.number.empty() || licence.state.size() != 2) {
            problems.push_back("Licence: a number and a two-letter state are needed.");
        }
        if (!licence.expiry.empty() && !is_date(licence.expiry)) {
            problems.push_back("Licence " + licence.number +
                               ": the expiry is not a valid date (YYYY-MM-DD).");
        }
    }
    if (p.fee_min < 0 || p.fee_max < 0 || (p.fee_max != 0 && p.fee_max < p.fee_min)) {
        problems.push_back("Fees: the highest fee is below the lowest.");
    }
    if (!p.email.empty() && (p.email.find('@') == std::string::npos ||
                             p.email.find('.', p.email.find('@')) == std::string::npos)) {
        problems.push_back("Email: the address does not look right.");
    }
    for (const std::string* url : {&p.website, &p.booking_link, &p.photo_url}) {
        if (!url->empty() && url->rfind("https://", 0) != 0) {
            problems.push_back("Links: " + *url + " should start with https://.");
        }
    }
    return problems;
}

const std::vector<TextField>& text_fields() {
    static const std::vector<TextField> fields = {
        {"given_name", &Profile::given_name},
        {"family_name", &Profile::family_name},
        {"credentials", &Profile::credentials},
        {"npi", &Profile::npi},
        {"taxonomy_code", &Profile::taxonomy_code},
        {"taxonomy_label", &Profile::taxonomy_label},
        {"phone", &Profile::phone},
        {"email", &Profile::email},
        {"website", &Profile::website},
        {"booking_link", &Profile::booking_link},
        {"photo_url", &Profile::photo_url},
        {"bio_help", &Profile::bio_help},
        {"bio_approach", &Profile::bio_approach},
        {"bio_about", &Profile::bio_about},
    };
    return fields;
}

const std::vector<ListField>& list_fields() {
    static const std::vector<ListField> fields = {
        {"specialties", &Profile::specialties}, {"modalities", &Profile::modalities},
        {"populations", &Profile::populations}, {"languages", &Profile::languages},
        {"insurance", &Profile::insurance},     {"telehealth_states", &Profile::telehealth_states},
    };
    return fields;
}

Poco::JSON::Object::Ptr to_json(const Profile& p) {
    Poco::JSON::Object::Ptr json = new Poco::JSON::Object;
    for (const auto& field : text_fields()) {
        json->set(field.name, p.*field.member);
    }
    for (const auto& field : list_fields()) {
        json->set(field.name, strings(p.*field.member));
    }
    Poco::JSON::Array::Ptr licences = new Poco::JSON::Array;
    for (const auto& l : p.licences) {
        Poco::JSON::Object::Ptr licence = new Poco::JSON::Object;
        licence->set("number", l.number);
        licence->set("state", l.state);
        licence->set("expiry", l.expiry);
        licence->set("kind", l.kind);
        licences->add(licence);
    }
    json->set("licences", licences);
    json->set("fee_min", p.fee_min);
    json->set("fee_max", p.fee_max);
    json->set("sliding_scale", p.sliding_scale);
    json->set("accepting_new_clients", p.accepting_new_clients);
    Poco::JSON::Array::Ptr offices = new Poco::JSON::Array;
    for (const auto& o : p.offices) {
        Poco::JSON::Object::Ptr office = new Poco::JSON::Object;
        office->set("line", o.line);
        office->set("city", o.city);
        office->set("state", o.state);
        office->set("postal_code", o.postal_code);
        offices->add(office);
    }
    json->set("offices", offices);
    return json;
}

namespace {

// Strict readers: a value of the wrong kind is a problem in words, never converted (an object
// published as a name, "abc" taken as a fee of 0).
std::string text_in(const Poco::JSON::Object::Ptr& object, const std::string& key,
                    const std::string& where, std::vector<std::string>& problems) {
    if (object.isNull() || !object->has(key) || object->isNull(key)) {
        return {};
    }
    Poco::Dynamic::Var value = object->get(key);
    if (!value.isString()) {
        problems.push_back(where + key + " must be text");
        return {};
    }
    return value.extract<std::string>();
}

int fee_in(const Poco::JSON::Object::Ptr& object, const std::string& key,
           std::vector<std::string>& problems) {
    if (!object->has(key) || object->isNull(key)) {
        return 0;
    }
    Poco::Dynamic::Var value = object->get(key);
    auto number = value.isInteger() && !value.isBoolean()
                      ? dyad::sdk::parse_integer(value.toString(), key, 0, 100000)
                      : std::expected<std::int64_t, std::string>(std::unexpected(""));
    if (!number) {
        problems.push_back(key + " must be a whole number of dollars from 0 to 100000");
        return 0;
    }
    return static_cast<int>(*number);
}

bool flag_in(const Poco::JSON::Object::Ptr& object, const std::string& key, bool otherwise,
             std::vector<std::string>& problems) {
    if (!object->has(key) || object->isNull(key)) {
        return otherwise;
    }
    Poco::Dynamic::Var value = object->get(key);
    if (!value.isBoolean()) {
        problems.push_back(key + " must be true or false");
        return otherwise;
    }
    return value.extract<bool>();
}

// The objects of an array member; a member that is not an array, or an element that is not an
// object, is a problem.
std::vector<Poco::JSON::Object::Ptr> objects_in(const Poco::JSON::Object::Ptr& object,
                                                const std::string& key,
                                                std::vector<std::string>& problems) {
    std::vector<Poco::JSON::Object::Ptr> found;
    if (!object->has(key) || object->isNull(key)) {
        return found;
    }
    Poco::JSON::Array::Ptr array = object->getArray(key);
    if (array.isNull()) {
        problems.push_back(key + " must be a list");
        return found;
    }
    for (unsigned i = 0; i < array->size(); ++i) {
        Poco::JSON::Object::Ptr item = array->getObject(i);
        if (item.isNull()) {
            problems.push_back(key + "[" + std::to_string(i) + "] must be an object");
            continue;
        }
        found.push_back(item);
    }
    return found;
}

std::vector<std::string> texts_in(const Poco::JSON::Object::Ptr& object, const std::string& key,
                                  std::vector<std::string>& problems) {
    std::vector<std::string> values;
    if (!object->has(key) || object->isNull(key)) {
        return values;
    }
    Poco::JSON::Array::Ptr array = object->getArray(key);
    if (array.isNull()) {
        problems.push_back(key + " must be a list of text");
        return values;
    }
    for (unsigned i = 0; i < array->size(); ++i) {
        Poco::Dynamic::Var value = array->get(i);
        if (!value.isString()) {
            problems.push_back(key + "[" + std::to_string(i) + "] must be text");
            continue;
        }
        values.push_back(value.extract<std::string>());
    }
    return values;
}

}  // namespace

std::expected<Profile, std::string> profile_from_json(const Poco::JSON::Object::Ptr& json) {
    if (json.isNull()) {
        return std::unexpected("the profile is not a JSON object");
    }
    try {
        Profile p;
        std::vector<std::string> problems;
        for (const auto& field : text_fields()) {
            p.*field.member = text_in(json, field.name, "", problems);
        }
        for (const auto& field : list_fields()) {
            p.*field.member = texts_in(json, field.name, problems);
        }
        for (const auto& l : objects_in(json, "licences", problems)) {
            p.licences.push_back({text_in(l, "number", "licences: ", problems),
                                  text_in(l, "state", "licences: ", problems),
                                  text_in(l, "expiry", "licences: ", problems),
                                  text_in(l, "kind", "licences: ", problems)});
        }
        p.fee_min = fee_in(json, "fee_min", problems);
        p.fee_max = fee_in(json, "fee_max", problems);
        p.sliding_scale = flag_in(json, "sliding_scale", false, problems);
        p.accepting_new_clients = flag_in(json, "accepting_new_clients", true, problems);
        for (const auto& o : objects_in(json, "offices", problems)) {
            p.offices.push_back({text_in(o, "line", "offices: ", problems),
                                 text_in(o, "city", "offices: ", problems),
                                 text_in(o, "state", "offices: ", problems),
                                 text_in(o, "postal_code", "offices: ", problems)});
        }
        if (!problems.empty()) {
            std::string text;
            for (const auto& problem : problems) {
                text += (text.empty() ? "" : "; ") + problem;
            }
            return std::unexpected("the profile has values of the wrong kind: " + text);
        }
        return p;
    } catch (const Poco::Exception& error) {
        return std::unexpected("the profile could not be read: " + error.displayText());
    }
}

std::expected<int, std::string> ProfileStore::save(const Profile& profile) {
    auto problems = check_profile(profile);
    if (!problems.empty()) {
        std::string text;
        for (const auto& problem : problems) {
            text += (text.empty() ? "" : "\n") + problem;
        }
        return std::unexpected(text);
    }
    std::ostringstream json;
    to_json(profile)->stringify(json);
    auto insert = m_db.prepare(
        "INSERT INTO directory_profile (version, saved_at, data) VALUES ((SELECT "
        "coalesce(max(version), 0) + 1 FROM directory_profile), ?, ?) RETURNING version");
    insert.bind(1, now_utc()).bind(2, json.str());
    if (!insert.ok() || insert.step() != DYAD_ROW) {
        return std::unexpected(insert.ok() ? m_db.last_error() : insert.error());
    }
    return static_cast<int>(insert.int64(0));
}

std::expected<ProfileVersion, std::string> ProfileStore::latest() {
    auto select = m_db.prepare(
        "SELECT version, saved_at, data FROM directory_profile ORDER BY version DESC LIMIT 1");
    if (!select.ok()) {
        return std::unexpected(select.error());
    }
    ProfileVersion found;
    if (select.step() != DYAD_ROW) {
        return found;
    }
    found.version = static_cast<int>(select.int64(0));
    found.saved_at = select.text(1);
    try {
        Poco::JSON::Parser parser;
        auto profile =
            profile_from_json(parser.parse(select.text(2)).extract<Poco::JSON::Object::Ptr>());
        if (!profile) {
            return std::unexpected(profile.error());
        }
        found.profile = std::move(*profile);
    } catch (const Poco::Exception& error) {
        return std::unexpected("the saved profile could not be read: " + error.displayText());
    }
    return found;
}

std::expected<std::vector<int>, std::string> ProfileStore::versions() {
    auto select = m_db.prepare("SELECT version FROM directory_profile ORDER BY version");
    if (!select.ok()) {
        return std::unexpected(select.error());
    }
    std::vector<int> found;
    while (select.step() == DYAD_ROW) {
        found.push_back(static_cast<int>(select.int64(0)));
    }
    return found;
}

}  // namespace dyad::directory
