// The parts of a client's record the core does not hold: emergency contact, referral source,
// and the form for each partner's consent (may we contact them; may what they share be shared
// with their partner), which the host keeps per unit member. Core fields and consent are read
// and written through dyad.core/1. No wx here.
#pragma once

#include <dyad/db.hpp>
#include <dyad/plugin.hpp>

#include <cstdint>
#include <expected>
#include <string>
#include <vector>

namespace dyad::records_plugin {

struct ClientDetails {
    std::string emergency_name;
    std::string emergency_relation;
    std::string emergency_phone;
    std::string referral_source;
    // The member's consent in the unit shown: kept by the host (dyad_member_info, SDK 1.1),
    // read through members() and saved through save(); details() and save_details() leave it.
    bool may_contact = true;
    bool may_share_with_partner = false;
};

// A member of a unit as the Clients tab shows them.
struct MemberRecord {
    std::int64_t client_id = 0;
    std::string role;
    std::string given_name;
    std::string family_name;
    std::string preferred_name;
    std::string pronouns;
    std::string date_of_birth;
    std::string email;
    std::string phone;
    std::string status;
    ClientDetails details;
};

// The core fields of a client as the edit dialog holds them.
struct CoreClientFields {
    std::string given_name;
    std::string family_name;
    std::string preferred_name;
    std::string pronouns;
    std::string date_of_birth;
    std::string email;
    std::string phone;
    std::string status;
};

// The first problem with the details, in words a therapist understands, or "".
std::string check_details(const ClientDetails& details);

class ClientStore {
  public:
    explicit ClientStore(dyad::sdk::Host host) : m_host(host), m_db(host) {}

    // Every member of the unit with core fields and details. Reading a client is audited as a
    // view by the host.
    std::expected<std::vector<MemberRecord>, std::string> members(std::int64_t unit_id);
    std::expected<ClientDetails, std::string> details(std::int64_t client_id);
    std::expected<void, std::string> save_details(std::int64_t client_id,
                                                  const ClientDetails& details);
    // Validates both parts first; then the core record (through the host), then the details,
    // then the member's consent in unit_id (through the host; 0: no unit, consent untouched).
    std::expected<void, std::string> save(std::int64_t client_id, std::int64_t unit_id,
                                          const CoreClientFields& core,
                                          const ClientDetails& details);
    // The member's consent in the unit, kept by the host (audited there).
    std::expected<void, std::string> save_consent(std::int64_t unit_id, std::int64_t client_id,
                                                  bool may_contact, bool may_share_with_partner);
    std::expected<void, std::string> archive(std::int64_t client_id);

  private:
    dyad::sdk::Host m_host;
    dyad::sdk::Database m_db;
};

}  // namespace dyad::records_plugin
