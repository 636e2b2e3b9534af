#include "people/roles.h"

#include <algorithm>
#include <array>
#include <dyad/show.hpp>

namespace dyad::people {
namespace {

using P = Permission;

constexpr std::array kOwner = {
    P::ManageUsers,      P::ManagePlugins, P::BackupRestore, P::ReadAudit,    P::ReadDemographics,
    P::EditDemographics, P::ReadSchedule,  P::EditSchedule,  P::ReadClinical, P::EditClinical,
    P::CoSign,           P::Billing,       P::Export};
constexpr std::array kTherapist = {
    P::ReadDemographics, P::EditDemographics, P::ReadSchedule, P::EditSchedule,
    P::ReadClinical,     P::EditClinical,     P::Export};
constexpr std::array kSupervisor = {P::ReadDemographics, P::EditDemographics, P::ReadSchedule,
                                    P::EditSchedule,     P::ReadClinical,     P::EditClinical,
                                    P::CoSign,           P::ReadAudit,        P::Export};
constexpr std::array kBiller = {P::ReadDemographics, P::EditDemographics, P::ReadSchedule,
                                P::Billing};
constexpr std::array kFrontDesk = {P::ReadDemographics, P::EditDemographics, P::ReadSchedule,
                                   P::EditSchedule};

constexpr std::array<RoleInfo, 5> kRoles = {{
    {Role::Owner, "owner", dyad::show::marked("role", "Owner"), kOwner, UnitScope::All},
    {Role::Therapist, "therapist", dyad::show::marked("role", "Therapist"), kTherapist,
     UnitScope::Caseload},
    {Role::Supervisor, "supervisor", dyad::show::marked("role", "Supervisor"), kSupervisor,
     UnitScope::CaseloadAndSupervisees},
    {Role::Biller, "biller", dyad::show::marked("role", "Biller"), kBiller, UnitScope::All},
    {Role::FrontDesk, "front_desk", dyad::show::marked("role", "Front desk"), kFrontDesk,
     UnitScope::All},
}};

}  // namespace

const RoleInfo& role_info(Role role) {
    return kRoles[static_cast<std::size_t>(role) - 1];
}

std::span<const RoleInfo> all_roles() {
    return kRoles;
}

std::optional<Role> role_from_id(std::string_view id) {
    for (const auto& info : kRoles) {
        if (info.id == id) {
            return info.role;
        }
    }
    return std::nullopt;
}

bool role_may(Role role, Permission permission) {
    auto permissions = role_info(role).permissions;
    return std::find(permissions.begin(), permissions.end(), permission) != permissions.end();
}

}  // namespace dyad::people
