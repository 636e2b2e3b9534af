// A group practice's rendering clinicians (issue 16, item 1 "per clinician"): the billing
// identity's own clinician is the practice's default; the others are kept here with their NPI
// (check digit), licence and taxonomy. A unit is seen by one of them (or the default), and each
// charge keeps the clinician it was rendered by from the moment it is posted (schema version
// 6's trigger), so superbills, estimates, claims and the practice view name the right one
// even after the unit moves to another clinician. Clinicians are retired, never deleted.
// Thread: [main-thread] for the store; the checks are pure. No wx here.
#pragma once

#include <dyad/db.hpp>

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "identity.h"

namespace dyad::billing {

struct Clinician {
    std::int64_t id = 0;  // 0 until saved.
    std::string name;
    std::string npi;
    std::string licence_type;
    std::string licence_number;
    std::string licence_state;
    std::string taxonomy;
    bool retired = false;
};

// Every problem as "field: what" (empty when the clinician may be saved).
std::vector<std::string> check_clinician(const Clinician& clinician);
// The identity's own clinician as a Clinician (id 0).
Clinician practice_clinician(const Identity& identity);
// The identity as documents carry it for work rendered by `clinician`: the practice's facts
// with the clinician's name, NPI, licence and taxonomy.
Identity rendered_by(Identity identity, const Clinician& clinician);

class ClinicianStore {
  public:
    explicit ClinicianStore(dyad::sdk::Host host) : m_host(host), m_db(host) {}
    // Every clinician (retired ones too when asked), by name.
    std::expected<std::vector<Clinician>, std::string> list(bool with_retired = false);
    std::expected<std::optional<Clinician>, std::string> get(std::int64_t id);
    // Adds (id 0) or changes one (changing a retired one brings them back); refused with
    // check_clinician's problems, an NPI another clinician has (retired ones too: change that
    // one), or the identity's own NPI. Audited. Returns the id.
    std::expected<std::int64_t, std::string> save(const Clinician& clinician);
    // A retired clinician keeps the charges they rendered but is offered for no unit; refused
    // while a unit is still seen by them.
    std::expected<void, std::string> retire(std::int64_t id);
    // The clinician a unit is seen by on a day ("YYYY-MM-DD"; "" for today); nullopt: the
    // practice's own (the identity's).
    std::expected<std::optional<std::int64_t>, std::string> unit_clinician(
        std::int64_t unit_id, const std::string& on = "");
    // From `since` ("" for today) the unit is seen by the clinician (nullopt: the practice's
    // own again). Charges of services from that day on are posted under them; charges already
    // posted keep theirs. A retired or unknown clinician, an unknown unit or a malformed day is
    // refused; the same clinician again changes nothing. Audited.
    std::expected<void, std::string> set_unit_clinician(std::int64_t unit_id,
                                                        std::optional<std::int64_t> clinician_id,
                                                        const std::string& since = "");
    // The provider a set of charges was rendered by (their clinician ids, nullopt for the
    // practice's own): the identity with that clinician's facts. Refused in words when they
    // were rendered by more than one clinician (a document names one rendering provider), and
    // for another clinician than the practice's own while the practice has no group NPI or
    // bills under an SSN (their work is billed by the group, under its EIN).
    std::expected<Identity, std::string> provider_for(
        const Identity& identity, const std::vector<std::optional<std::int64_t>>& clinicians);

  private:
    dyad::sdk::Host m_host;
    dyad::sdk::Database m_db;
};

}  // namespace dyad::billing
