// Who may do what (issue 15): a role's permissions are this one table, not ifs scattered over
// the host. The host enforces them on everything it owns; plugins ask through the SDK.
// Thread: any (constant data).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace dyad::people {

enum class Permission {
    ManageUsers = 1,   // Add users, change roles, caseloads.
    ManagePlugins,     // Enable, disable and trust plugins.
    BackupRestore,     // Back up, restore, encrypt, change keys.
    ReadAudit,         // The audit trail and accounting of disclosures.
    ReadDemographics,  // Names, contact details, units and members.
    EditDemographics,
    ReadSchedule,  // Appointments (time, place, kind; never note text).
    EditSchedule,
    ReadClinical,  // Notes' text, plans, diagnoses, Workups, dialogues, requests.
    EditClinical,
    CoSign,   // A supervisor's co-signature on a supervisee's note.
    Billing,  // Charges, payments, claims.
    Export,   // Charts and records leaving the practice (PDF, FHIR, CSV).
};

// Which client units a role's clinical permissions reach.
enum class UnitScope { All = 1, Caseload, CaseloadAndSupervisees };

enum class Role { Owner = 1, Therapist, Supervisor, Biller, FrontDesk };

struct RoleInfo {
    Role role;
    std::string_view id;     // Stored in the database: "owner", "therapist", ...
    std::string_view label;  // Shown to people: English; the window shows tr_in("role", label).
    std::span<const Permission> permissions;
    UnitScope scope;
};

const RoleInfo& role_info(Role role);
std::span<const RoleInfo> all_roles();
std::optional<Role> role_from_id(std::string_view id);
bool role_may(Role role, Permission permission);

}  // namespace dyad::people
