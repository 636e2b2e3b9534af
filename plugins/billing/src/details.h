// What superbills, estimates and claims need beyond charges (issue 16, research.md 1.3-1.5):
// a client's billing details the core record lacks (sex and address as on the insurance card),
// payers with their telehealth rules (place of service 02 or 10, modifier 95, GT or none: per
// payer, never constants), coverages per client (member id, subscriber, priority, dates), and
// the clearinghouse an 837P goes to. Every setter checks first and saves nothing when refused.
// Thread: [main-thread] for the store; the checks are pure. No wx here.
#pragma once

#include <dyad/db.hpp>

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace dyad::billing {

struct Address {
    std::string street, city, state, zip;  // state: two capitals; zip: 5 or 9 digits.
    bool complete() const {
        return !street.empty() && !city.empty() && !state.empty() && !zip.empty();
    }
};

// "12 Oak St, Suite 4, Portland, OR 97201" -> street "12 Oak St, Suite 4", city "Portland",
// state "OR", zip "97201" (a ZIP+4 "97201-1234" keeps its nine digits). nullopt when the text
// does not end in ", CITY, ST ZIP".
std::optional<Address> parse_address(const std::string& text);

struct ClientDetails {
    std::int64_t client_id = 0;
    std::string sex = "U";  // "F", "M" or "U" (unknown), as on the insurance card.
    Address address;
};

struct Payer {
    std::int64_t id = 0;
    std::string name;
    std::string payer_id;               // The clearinghouse's id for the payer.
    std::string telehealth_pos = "10";  // For a session at the patient's home: "10" or "02".
    std::string telehealth_modifier;    // "95", "GT" or "" (none).
    std::string filing_code = "CI";     // 837P SBR09: CI, BL, HM, MB, MC, CH, VA, 12, 13.
};

struct Coverage {
    std::int64_t id = 0;
    std::int64_t client_id = 0;
    std::int64_t payer_id = 0;
    std::string member_id;
    std::string group_number;
    std::string relation = "self";  // The client is the subscriber's: self, spouse, child, other.
    std::string subscriber_given, subscriber_family, subscriber_dob, subscriber_sex = "U";
    int priority = 1;  // 1 primary, 2 secondary, 3 tertiary.
    std::string effective_from;
    std::optional<std::string> effective_to;
};

struct Submitter {
    std::string submitter_id;  // Ours, as the clearinghouse knows us (ISA06, NM1*41).
    std::string receiver_id;   // The clearinghouse's (ISA08, NM1*40).
    std::string receiver_name;
    std::string contact_phone;  // Ten digits or "".
    bool production = false;    // ISA15 "P"; test files ("T") until the practice says so.
};

// The place of service and modifier a payer wants for a charge posted at `pos`: a telehealth
// session ("02" or "10") takes the payer's telehealth place of service and modifier; an office
// session ("11") is left as it is. Without a payer, the charge's own.
std::pair<std::string, std::string> place_and_modifier(const std::string& pos,
                                                       const std::optional<Payer>& payer);

// Problems as "field: what"; empty when it may be saved. Normalizes (capitals, digits only).
std::vector<std::string> check_details(ClientDetails& details);
std::vector<std::string> check_payer(Payer& payer);
std::vector<std::string> check_coverage(Coverage& coverage);
std::vector<std::string> check_submitter(Submitter& submitter);

// A client's billing details or a coverage as dyadctl reads them from a file or standard input
// (one JSON object, the fields by name: sex, street, city, state, zip; payer, member_id,
// group_number, relation, subscriber_given, subscriber_family, subscriber_dob, subscriber_sex,
// priority, from, to). Parsing only (a missing field stays empty): check_details and
// check_coverage judge the values. Pure; fuzzed by fuzz_billing_details.
std::expected<ClientDetails, std::string> details_from_json(const std::string& json,
                                                            std::int64_t client_id);
std::expected<Coverage, std::string> coverage_from_json(const std::string& json,
                                                        std::int64_t client_id);

class DetailsStore {
  public:
    explicit DetailsStore(dyad::sdk::Host host) : m_host(host), m_db(host) {}

    std::expected<void, std::string> set_client(ClientDetails details);
    std::expected<std::optional<ClientDetails>, std::string> client(std::int64_t client_id);

    // A new payer, or the one with payer.id changed. Returns its id.
    std::expected<std::int64_t, std::string> save_payer(Payer payer);
    std::expected<std::vector<Payer>, std::string> payers();
    std::expected<std::optional<Payer>, std::string> payer(std::int64_t id);

    // Refused for a client who does not exist, a payer unknown, or a priority already held by
    // another coverage of the client over overlapping dates. Returns its id.
    std::expected<std::int64_t, std::string> add_coverage(Coverage coverage);
    // Ends a coverage on last_day (the day it began or later); a wrong one is ended and a new
    // one added (claims already filed keep the one they named).
    std::expected<void, std::string> end_coverage(std::int64_t coverage_id,
                                                  const std::string& last_day);
    // The client's coverages, by priority then start.
    std::expected<std::vector<Coverage>, std::string> coverages(std::int64_t client_id);
    // The coverage of the given priority in force on date ("YYYY-MM-DD"), if any.
    std::expected<std::optional<Coverage>, std::string> coverage_on(std::int64_t client_id,
                                                                    const std::string& date,
                                                                    int priority = 1);

    std::expected<void, std::string> set_submitter(Submitter submitter);
    std::expected<std::optional<Submitter>, std::string> submitter();

  private:
    dyad::sdk::Host m_host;
    dyad::sdk::Database m_db;
};

}  // namespace dyad::billing
