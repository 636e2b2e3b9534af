// Core records: the types the host owns and their validation rules.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "util/error.h"

namespace dyad::records {

// Status values shared by clients and units: "active", "waitlist", "discharged".
bool is_record_status(const std::string& status);
// "individual", "couple", "family", "group".
bool is_unit_kind(const std::string& kind);
// "self", "partner", "parent", "child", "member".
bool is_member_role(const std::string& role);

struct ClientFields {
    std::string given_name;
    std::string family_name;
    std::string preferred_name;
    std::string pronouns;
    std::string date_of_birth;  // "YYYY-MM-DD" or "".
    std::string email;
    std::string phone;
    std::string status = "active";
};

struct Client {
    std::int64_t id = 0;
    std::string uuid;
    ClientFields fields;
    std::string created_at;
    std::string updated_at;
};

struct MemberSpec {
    std::int64_t client_id = 0;
    std::string role;
};

struct Unit {
    std::int64_t id = 0;
    std::string uuid;
    std::string kind;
    std::string display_name;
    std::string status;
    std::optional<std::int64_t> practitioner_id;
    std::int64_t member_count = 0;
};

struct Member {
    std::int64_t client_id = 0;
    std::string role;
    std::string given_name;
    std::string family_name;
    // Consent (issue 22): may the practice contact this member; may what they tell the
    // therapist alone be shared with their partner(s) in this unit. Per unit, not per client.
    bool may_contact = true;
    bool may_share_with_partner = false;
};

struct UnitQuery {
    std::string status;  // "" for every status.
    std::string search;  // Prefix of the unit's name or a member's name, email or phone.
    std::int64_t limit = -1;
    std::int64_t offset = 0;
};

// Whose caseload the host's unit lists show (issue 15).
struct UnitScopeFilter {
    std::int64_t user_id = 0;  // 0: every unit.
    bool with_supervisees = false;
};

struct Practitioner {
    std::int64_t id = 0;
    std::string uuid;
    std::string full_name;
    std::string credentials;
    std::string email;
    std::string role;  // "owner", "clinician", "admin", "supervisor".
};

struct AppointmentFields {
    std::int64_t unit_id = 0;
    std::optional<std::int64_t> practitioner_id;
    std::string starts_at;  // UTC "YYYY-MM-DDTHH:MM:SSZ".
    std::string ends_at;
    std::string session_type = "couple";
    std::string location;
    bool telehealth = false;
    std::string status = "scheduled";
};

struct Appointment {
    std::int64_t id = 0;
    std::string uuid;
    AppointmentFields fields;
};

struct AuditEntry {
    std::string at;
    std::string actor;
    std::string action;
    std::string entity;
    std::int64_t entity_id = 0;
    std::string detail;
};

// Validation with messages a therapist understands. Each returns the first problem.
Status validate_client(const ClientFields& client, const std::string& today);
Status validate_unit(const std::string& kind, const std::vector<MemberSpec>& members);
Status validate_appointment(const AppointmentFields& appointment);

// "Ana & Ben Ortiz" for partners sharing a family name, "Ana Ortiz & Ben Lee" otherwise,
// "Carla Diaz" for one person, "Moss family" style for families of one family name.
std::string derive_unit_name(const std::string& kind, const std::vector<Member>& members);

}  // namespace dyad::records
