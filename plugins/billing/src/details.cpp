#include "details.h"

#include <json_root.h>
#include <text_lists.h>
#include <time_text.h>

#include <Poco/JSON/Object.h>

#include <algorithm>

#include "facts.h"
#include "text_checks.h"

namespace dyad::billing {
namespace {

std::string upper(std::string text) {
    for (char& c : text) {
        if (c >= 'a' && c <= 'z') {
            c = static_cast<char>(c - 'a' + 'A');
        }
    }
    return text;
}

void check_address(Address& address, std::vector<std::string>& problems) {
    address.street = trimmed(address.street);
    address.city = trimmed(address.city);
    address.state = upper(trimmed(address.state));
    address.zip = without_dashes(address.zip);
    if (address.street.size() > 110 || address.city.size() > 60) {
        problems.push_back("address: at most 110 characters of street and 60 of city");
    }
    if (!address.state.empty() && (address.state.size() != 2 || !capitals_only(address.state))) {
        problems.push_back("state: two letters (OR)");
    }
    if (!address.zip.empty() &&
        ((address.zip.size() != 5 && address.zip.size() != 9) || !digits_only(address.zip))) {
        problems.push_back("ZIP: 5 digits or ZIP+4 (97201 or 97201-1234)");
    }
}

std::string sex_problem(std::string& sex, const std::string& whose) {
    sex = upper(trimmed(sex));
    if (sex.empty()) {
        sex = "U";
    }
    return sex == "F" || sex == "M" || sex == "U" ? "" : whose + ": F, M or U (unknown)";
}

template <class T>
std::expected<T, std::string> db_error(const dyad::sdk::Database& db, const std::string& what) {
    return std::unexpected(what + " could not be read or saved: " + db.last_error());
}

constexpr const char* kCoverageColumns =
    "id, client_id, payer_id, member_id, group_number, relation, subscriber_given, "
    "subscriber_family, subscriber_dob, subscriber_sex, priority, effective_from, effective_to";

Coverage coverage_from(const dyad::sdk::Statement& row) {
    Coverage coverage;
    coverage.id = row.int64(0);
    coverage.client_id = row.int64(1);
    coverage.payer_id = row.int64(2);
    coverage.member_id = row.text(3);
    coverage.group_number = row.text(4);
    coverage.relation = row.text(5);
    coverage.subscriber_given = row.text(6);
    coverage.subscriber_family = row.text(7);
    coverage.subscriber_dob = row.text(8);
    coverage.subscriber_sex = row.text(9);
    coverage.priority = static_cast<int>(row.int64(10));
    coverage.effective_from = row.text(11);
    if (!row.is_null(12)) {
        coverage.effective_to = row.text(12);
    }
    return coverage;
}

std::string text_of(const Poco::JSON::Object::Ptr& object, const std::string& key) {
    if (!object->has(key) || !object->get(key).isString()) {
        return {};
    }
    return object->getValue<std::string>(key);
}

// A record id (a whole number, which may be larger than an int, or its text); 0 otherwise.
std::int64_t id_value(const Poco::JSON::Object::Ptr& object, const std::string& key) {
    if (!object->has(key)) {
        return 0;
    }
    const Poco::Dynamic::Var& value = object->get(key);
    try {
        if (value.isString()) {
            std::string text = value.extract<std::string>();
            return digits_only(text) && text.size() <= 18 ? std::stoll(text) : 0;
        }
        if (!value.isInteger() || value.isBoolean()) {
            return 0;
        }
        return value.convert<Poco::Int64>();
    } catch (const Poco::Exception&) {
        return 0;  // Out of range.
    }
}

}  // namespace

std::expected<ClientDetails, std::string> details_from_json(const std::string& json,
                                                            std::int64_t client_id) {
    auto object = dyad::datafile::parse_json_object(json, "the billing details");
    if (!object) {
        return std::unexpected(object.error());
    }
    return ClientDetails{client_id, text_of(*object, "sex"),
                         Address{text_of(*object, "street"), text_of(*object, "city"),
                                 text_of(*object, "state"), text_of(*object, "zip")}};
}

std::expected<Coverage, std::string> coverage_from_json(const std::string& json,
                                                        std::int64_t client_id) {
    auto parsed = dyad::datafile::parse_json_object(json, "the coverage");
    if (!parsed) {
        return std::unexpected(parsed.error());
    }
    const auto& object = *parsed;
    Coverage coverage;
    coverage.client_id = client_id;
    coverage.payer_id = id_value(object, "payer");
    coverage.member_id = text_of(object, "member_id");
    coverage.group_number = text_of(object, "group_number");
    coverage.relation = text_of(object, "relation").empty() ? "self" : text_of(object, "relation");
    coverage.subscriber_given = text_of(object, "subscriber_given");
    coverage.subscriber_family = text_of(object, "subscriber_family");
    coverage.subscriber_dob = text_of(object, "subscriber_dob");
    coverage.subscriber_sex = text_of(object, "subscriber_sex");
    coverage.priority = dyad::datafile::int_value(object, "priority").value_or(1);
    coverage.effective_from = text_of(object, "from");
    if (!text_of(object, "to").empty()) {
        coverage.effective_to = text_of(object, "to");
    }
    return coverage;
}

std::optional<Address> parse_address(const std::string& text) {
    // The last comma separates "ST ZIP"; the one before it the city.
    auto last = text.rfind(',');
    if (last == std::string::npos || last == 0) {
        return std::nullopt;
    }
    auto before = text.rfind(',', last - 1);
    if (before == std::string::npos) {
        return std::nullopt;
    }
    Address address;
    address.street = trimmed(text.substr(0, before));
    address.city = trimmed(text.substr(before + 1, last - before - 1));
    std::string tail = trimmed(text.substr(last + 1));
    auto space = tail.find(' ');
    if (space == std::string::npos) {
        return std::nullopt;
    }
    address.state = upper(trimmed(tail.substr(0, space)));
    address.zip = without_dashes(tail.substr(space + 1));
    std::vector<std::string> problems;
    check_address(address, problems);
    if (!problems.empty() || !address.complete()) {
        return std::nullopt;
    }
    return address;
}

std::pair<std::string, std::string> place_and_modifier(const std::string& pos,
                                                       const std::optional<Payer>& payer) {
    if ((pos == "02" || pos == "10") && payer) {
        return {payer->telehealth_pos, payer->telehealth_modifier};
    }
    return {pos, ""};
}

std::vector<std::string> check_details(ClientDetails& details) {
    std::vector<std::string> problems;
    if (std::string why = sex_problem(details.sex, "sex"); !why.empty()) {
        problems.push_back(why);
    }
    check_address(details.address, problems);
    return problems;
}

std::vector<std::string> check_payer(Payer& payer) {
    std::vector<std::string> problems;
    payer.name = trimmed(payer.name);
    payer.payer_id = trimmed(payer.payer_id);
    payer.telehealth_modifier = upper(trimmed(payer.telehealth_modifier));
    if (payer.name.empty() || payer.name.size() > 60) {
        problems.push_back("name: 1 to 60 characters");
    }
    if (payer.payer_id.size() < 2 || payer.payer_id.size() > 80 ||
        payer.payer_id.find_first_of("*~:^") != std::string::npos) {
        problems.push_back("payer id: the clearinghouse's id for this payer (2 to 80 characters)");
    }
    if (payer.telehealth_pos != "02" && payer.telehealth_pos != "10") {
        problems.push_back(
            "telehealth place of service: 10 (the patient's home) or 02 (elsewhere)");
    }
    if (payer.telehealth_modifier != "95" && payer.telehealth_modifier != "GT" &&
        !payer.telehealth_modifier.empty()) {
        problems.push_back("telehealth modifier: 95, GT or none");
    }
    static const std::vector<std::string> codes = {"CI", "BL", "HM", "MB", "MC",
                                                   "CH", "VA", "12", "13"};
    payer.filing_code = upper(trimmed(payer.filing_code));
    if (std::find(codes.begin(), codes.end(), payer.filing_code) == codes.end()) {
        problems.push_back(
            "claim filing code: CI (commercial), BL (Blue Cross), HM (HMO), MB (Medicare B), MC "
            "(Medicaid), CH (TRICARE), VA, 12 (PPO) or 13 (POS)");
    }
    return problems;
}

std::vector<std::string> check_coverage(Coverage& coverage) {
    std::vector<std::string> problems;
    coverage.member_id = trimmed(coverage.member_id);
    coverage.group_number = trimmed(coverage.group_number);
    if (coverage.member_id.size() < 2 || coverage.member_id.size() > 80 ||
        coverage.member_id.find_first_of("*~:^") != std::string::npos) {
        problems.push_back("member id: as on the insurance card (2 to 80 characters)");
    }
    if (coverage.group_number.find_first_of("*~:^") != std::string::npos) {
        problems.push_back("group number: letters, digits and dashes");
    }
    static const std::vector<std::string> relations = {"self", "spouse", "child", "other"};
    if (std::find(relations.begin(), relations.end(), coverage.relation) == relations.end()) {
        problems.push_back("relation to the subscriber: self, spouse, child or other");
    } else if (coverage.relation != "self") {
        if (blank(coverage.subscriber_given) || blank(coverage.subscriber_family)) {
            problems.push_back("subscriber: the policy holder's given and family names");
        }
        if (!is_iso_date(coverage.subscriber_dob)) {
            problems.push_back("subscriber date of birth: YYYY-MM-DD");
        }
    }
    if (std::string why = sex_problem(coverage.subscriber_sex, "subscriber sex"); !why.empty()) {
        problems.push_back(why);
    }
    if (coverage.priority < 1 || coverage.priority > 3) {
        problems.push_back("priority: 1 (primary), 2 (secondary) or 3 (tertiary)");
    }
    if (!is_iso_date(coverage.effective_from)) {
        problems.push_back("effective from: YYYY-MM-DD");
    }
    if (coverage.effective_to && (!is_iso_date(*coverage.effective_to) ||
                                  *coverage.effective_to < coverage.effective_from)) {
        problems.push_back("effective to: YYYY-MM-DD, not before the start");
    }
    return problems;
}

std::vector<std::string> check_submitter(Submitter& submitter) {
    std::vector<std::string> problems;
    for (auto* id : {&submitter.submitter_id, &submitter.receiver_id}) {
        *id = trimmed(*id);
        if (id->size() < 2 || id->size() > 15 || id->find_first_of("*~:^ ") != std::string::npos) {
            problems.push_back(
                std::string(id == &submitter.submitter_id ? "submitter" : "receiver") +
                " id: 2 to 15 letters or digits, as the clearinghouse gave it");
        }
    }
    submitter.receiver_name = trimmed(submitter.receiver_name);
    if (submitter.receiver_name.empty() || submitter.receiver_name.size() > 60) {
        problems.push_back("receiver name: the clearinghouse's name");
    }
    submitter.contact_phone = without_dashes(submitter.contact_phone);
    if (!submitter.contact_phone.empty() &&
        (submitter.contact_phone.size() != 10 || !digits_only(submitter.contact_phone))) {
        problems.push_back("contact phone: ten digits");
    }
    return problems;
}

std::expected<void, std::string> DetailsStore::set_client(ClientDetails details) {
    if (auto problems = check_details(details); !problems.empty()) {
        return std::unexpected(dyad::datafile::join_list(problems, "; "));
    }
    if (!client_facts(m_host, details.client_id)) {
        return std::unexpected("there is no client " + std::to_string(details.client_id));
    }
    auto upsert = m_db.prepare(
        "INSERT OR REPLACE INTO billing_client (client_id, sex, street, city, state, zip, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    upsert.bind(1, details.client_id).bind(2, details.sex).bind(3, details.address.street);
    upsert.bind(4, details.address.city).bind(5, details.address.state);
    upsert.bind(6, details.address.zip).bind(7, dyad::datafile::now_utc());
    if (upsert.step() != DYAD_DONE) {
        return db_error<void>(m_db, "the client's billing details");
    }
    (void)m_host.core()->audit(m_host.raw(), "update", "client-billing", details.client_id);
    return {};
}

std::expected<std::optional<ClientDetails>, std::string> DetailsStore::client(
    std::int64_t client_id) {
    auto select = m_db.prepare(
        "SELECT sex, street, city, state, zip FROM billing_client WHERE client_id = ?");
    select.bind(1, client_id);
    int code = select.step();
    if (code == DYAD_DONE) {
        return std::optional<ClientDetails>();
    }
    if (code != DYAD_ROW) {
        return db_error<std::optional<ClientDetails>>(m_db, "the client's billing details");
    }
    return ClientDetails{client_id, select.text(0),
                         Address{select.text(1), select.text(2), select.text(3), select.text(4)}};
}

std::expected<std::int64_t, std::string> DetailsStore::save_payer(Payer payer) {
    if (auto problems = check_payer(payer); !problems.empty()) {
        return std::unexpected(dyad::datafile::join_list(problems, "; "));
    }
    std::int64_t id = payer.id != 0 ? payer.id : m_db.new_id();
    auto upsert = m_db.prepare(
        payer.id != 0 ? "UPDATE billing_payer SET name = ?2, payer_id = ?3, telehealth_pos = ?4, "
                        "telehealth_modifier = ?5, updated_at = ?6 WHERE id = ?1"
                      : "INSERT INTO billing_payer (id, name, payer_id, telehealth_pos, "
                        "telehealth_modifier, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    upsert.bind(1, id).bind(2, payer.name).bind(3, payer.payer_id).bind(4, payer.telehealth_pos);
    upsert.bind(5, payer.telehealth_modifier).bind(6, dyad::datafile::now_utc());
    if (upsert.step() != DYAD_DONE) {
        return std::unexpected(m_db.last_error().find("UNIQUE") != std::string::npos
                                   ? "a payer named " + payer.name + " exists already"
                                   : "the payer could not be saved: " + m_db.last_error());
    }
    if (payer.id != 0 && m_db.changes() == 0) {
        return std::unexpected("there is no payer " + std::to_string(payer.id));
    }
    (void)m_host.core()->audit(m_host.raw(), payer.id != 0 ? "update" : "create", "payer", id);
    return id;
}

std::expected<std::vector<Payer>, std::string> DetailsStore::payers() {
    auto select = m_db.prepare(
        "SELECT id, name, payer_id, telehealth_pos, telehealth_modifier, filing_code FROM "
        "billing_payer ORDER BY name COLLATE NOCASE");
    std::vector<Payer> found;
    int code = 0;
    while ((code = select.step()) == DYAD_ROW) {
        found.push_back({select.int64(0), select.text(1), select.text(2), select.text(3),
                         select.text(4), select.text(5)});
    }
    if (code != DYAD_DONE) {
        return db_error<std::vector<Payer>>(m_db, "the payers");
    }
    return found;
}

std::expected<std::optional<Payer>, std::string> DetailsStore::payer(std::int64_t id) {
    auto all = payers();
    if (!all) {
        return std::unexpected(all.error());
    }
    for (auto& payer : *all) {
        if (payer.id == id) {
            return std::optional<Payer>(std::move(payer));
        }
    }
    return std::optional<Payer>();
}

std::expected<std::int64_t, std::string> DetailsStore::add_coverage(Coverage coverage) {
    if (auto problems = check_coverage(coverage); !problems.empty()) {
        return std::unexpected(dyad::datafile::join_list(problems, "; "));
    }
    if (!client_facts(m_host, coverage.client_id)) {
        return std::unexpected("there is no client " + std::to_string(coverage.client_id));
    }
    auto known_payer = payer(coverage.payer_id);
    if (!known_payer) {
        return std::unexpected(known_payer.error());
    }
    if (!*known_payer) {
        return std::unexpected("there is no payer " + std::to_string(coverage.payer_id) +
                               " (add it with billing payer-add)");
    }
    dyad::sdk::Transaction transaction(m_db);
    if (!transaction.error().empty()) {
        return std::unexpected(transaction.error());
    }
    // Two coverages of one priority may not be in force on the same day.
    auto overlap = m_db.prepare(
        "SELECT 1 FROM billing_coverage WHERE client_id = ?1 AND priority = ?2 AND "
        "effective_from <= coalesce(?4, '9999-12-31') AND coalesce(effective_to, '9999-12-31') "
        ">= ?3");
    overlap.bind(1, coverage.client_id).bind(2, coverage.priority).bind(3, coverage.effective_from);
    coverage.effective_to ? (void)overlap.bind(4, *coverage.effective_to)
                          : (void)overlap.bind_null(4);
    int found = overlap.step();
    if (found == DYAD_ROW) {
        return std::unexpected("the client has a coverage of priority " +
                               std::to_string(coverage.priority) +
                               " in force over those dates already (end it first)");
    }
    if (found != DYAD_DONE) {
        return db_error<std::int64_t>(m_db, "the coverages");
    }
    std::int64_t id = m_db.new_id();
    auto insert = m_db.prepare((std::string("INSERT INTO billing_coverage (") + kCoverageColumns +
                                ", updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                                   .c_str());
    insert.bind(1, id).bind(2, coverage.client_id).bind(3, coverage.payer_id);
    insert.bind(4, coverage.member_id).bind(5, coverage.group_number).bind(6, coverage.relation);
    insert.bind(7, coverage.subscriber_given).bind(8, coverage.subscriber_family);
    insert.bind(9, coverage.subscriber_dob).bind(10, coverage.subscriber_sex);
    insert.bind(11, coverage.priority).bind(12, coverage.effective_from);
    coverage.effective_to ? (void)insert.bind(13, *coverage.effective_to)
                          : (void)insert.bind_null(13);
    insert.bind(14, dyad::datafile::now_utc());
    if (insert.step() != DYAD_DONE) {
        return db_error<std::int64_t>(m_db, "the coverage");
    }
    if (std::string error = transaction.commit(); !error.empty()) {
        return std::unexpected(error);
    }
    (void)m_host.core()->audit(m_host.raw(), "create", "coverage", id);
    return id;
}

std::expected<void, std::string> DetailsStore::end_coverage(std::int64_t coverage_id,
                                                            const std::string& last_day) {
    if (!is_iso_date(last_day)) {
        return std::unexpected("the last day is YYYY-MM-DD");
    }
    auto update = m_db.prepare(
        "UPDATE billing_coverage SET effective_to = ?2, updated_at = ?3 WHERE id = ?1 AND "
        "effective_from <= ?2");
    update.bind(1, coverage_id).bind(2, last_day).bind(3, dyad::datafile::now_utc());
    if (update.step() != DYAD_DONE) {
        return db_error<void>(m_db, "the coverage");
    }
    if (m_db.changes() == 0) {
        return std::unexpected("there is no coverage " + std::to_string(coverage_id) +
                               " that began on or before " + last_day);
    }
    (void)m_host.core()->audit(m_host.raw(), "update", "coverage", coverage_id);
    return {};
}

std::expected<std::vector<Coverage>, std::string> DetailsStore::coverages(std::int64_t client_id) {
    auto select = m_db.prepare((std::string("SELECT ") + kCoverageColumns +
                                " FROM billing_coverage WHERE client_id = ? ORDER BY priority, "
                                "effective_from")
                                   .c_str());
    select.bind(1, client_id);
    std::vector<Coverage> found;
    int code = 0;
    while ((code = select.step()) == DYAD_ROW) {
        found.push_back(coverage_from(select));
    }
    if (code != DYAD_DONE) {
        return db_error<std::vector<Coverage>>(m_db, "the coverages");
    }
    return found;
}

std::expected<std::optional<Coverage>, std::string> DetailsStore::coverage_on(
    std::int64_t client_id, const std::string& date, int priority) {
    auto all = coverages(client_id);
    if (!all) {
        return std::unexpected(all.error());
    }
    for (auto& coverage : *all) {
        if (coverage.priority == priority && coverage.effective_from <= date &&
            (!coverage.effective_to || *coverage.effective_to >= date)) {
            return std::optional<Coverage>(std::move(coverage));
        }
    }
    return std::optional<Coverage>();
}

std::expected<void, std::string> DetailsStore::set_submitter(Submitter submitter) {
    if (auto problems = check_submitter(submitter); !problems.empty()) {
        return std::unexpected(dyad::datafile::join_list(problems, "; "));
    }
    auto upsert = m_db.prepare(
        "INSERT OR REPLACE INTO billing_submitter (id, submitter_id, receiver_id, receiver_name, "
        "contact_phone, production, updated_at) VALUES (1, ?, ?, ?, ?, ?, ?)");
    upsert.bind(1, submitter.submitter_id).bind(2, submitter.receiver_id);
    upsert.bind(3, submitter.receiver_name).bind(4, submitter.contact_phone);
    upsert.bind(5, submitter.production ? 1 : 0).bind(6, dyad::datafile::now_utc());
    if (upsert.step() != DYAD_DONE) {
        return db_error<void>(m_db, "the clearinghouse settings");
    }
    (void)m_host.core()->audit(m_host.raw(), "update", "claim-submitter", 1);
    return {};
}

std::expected<std::optional<Submitter>, std::string> DetailsStore::submitter() {
    auto select = m_db.prepare(
        "SELECT submitter_id, receiver_id, receiver_name, contact_phone, production FROM "
        "billing_submitter WHERE id = 1");
    int code = select.step();
    if (code == DYAD_DONE) {
        return std::optional<Submitter>();
    }
    if (code != DYAD_ROW) {
        return db_error<std::optional<Submitter>>(m_db, "the clearinghouse settings");
    }
    return Submitter{select.text(0), select.text(1), select.text(2), select.text(3),
                     select.int64(4) != 0};
}

}  // namespace dyad::billing
