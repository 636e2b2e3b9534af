// The practice's billing identity (issue 16, research.md 1.3): legal name, tax id (EIN or SSN,
// shown masked), group NPI, address and phone; the rendering clinician's NPI, licence and
// taxonomy. Every superbill, estimate and claim carries these, so they are checked when saved:
// an NPI by its check digit (the Luhn formula over "80840" and the first nine digits).
// Thread: [main-thread] for the store; the checks are pure. No wx here.
#pragma once

#include <dyad/db.hpp>

#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dyad::billing {

struct Identity {
    std::string legal_name;
    std::string tax_id_kind = "ein";  // "ein" or "ssn"
    std::string tax_id;               // Nine digits (dashes are dropped when saved).
    std::string group_npi;            // Optional.
    std::string address;
    std::string phone;
    std::string clinician_name;
    std::string clinician_npi;
    std::string licence_type;  // e.g. "LMFT"
    std::string licence_number;
    std::string licence_state;  // Two capital letters.
    std::string taxonomy;       // e.g. "106H00000X"
};

// "" when npi is ten digits with a valid check digit; otherwise why not, in words.
std::string npi_problem(std::string_view npi);
// The tax id as a person reads it without exposing it: "**-***6789" (EIN), "***-**-6789" (SSN).
std::string masked_tax_id(const Identity& identity);
// The whole tax id as documents an insurer reads carry it: "12-3456789" (EIN), "123-45-6789".
std::string formatted_tax_id(const Identity& identity);
// Every problem as "field: what" (empty when the identity may be saved). Normalizes the tax id
// to its nine digits.
std::vector<std::string> check_identity(Identity& identity);

// The identity with the clinician's facts from the directory plugin's public profile
// (dyad.directory.clinician/1, so a fact is not typed twice): the clinician's name, NPI,
// taxonomy and licence (its number without a leading "LMFT "), and the phone and address when
// the identity has none. Refused in words when the directory plugin is not loaded or has no
// profile saved.
std::expected<Identity, std::string> fill_from_directory(const dyad::sdk::Host& host,
                                                         Identity identity);

class IdentityStore {
  public:
    explicit IdentityStore(dyad::sdk::Host host) : m_host(host), m_db(host) {}
    // nullopt until the practice saved one.
    std::expected<std::optional<Identity>, std::string> load();
    // Refused with check_identity's problems (joined by "; "); audited when saved.
    std::expected<void, std::string> save(Identity identity);

  private:
    dyad::sdk::Host m_host;
    dyad::sdk::Database m_db;
};

}  // namespace dyad::billing
