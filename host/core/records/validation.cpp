#include <algorithm>
#include <array>
#include <dyad/text.hpp>
#include <set>

#include "records/records.h"
#include "util/ids.h"

namespace dyad::records {
namespace {

template <std::size_t N>
bool one_of(const std::string& value, const std::array<const char*, N>& allowed) {
    return std::any_of(allowed.begin(), allowed.end(),
                       [&](const char* candidate) { return value == candidate; });
}

std::string trimmed(const std::string& text) {
    auto begin = text.find_first_not_of(" \t\r\n");
    if (begin == std::string::npos) {
        return {};
    }
    auto end = text.find_last_not_of(" \t\r\n");
    return text.substr(begin, end - begin + 1);
}

bool plausible_email(const std::string& email) {
    auto at = email.find('@');
    return at != std::string::npos && at > 0 && email.find('@', at + 1) == std::string::npos &&
           email.find('.', at) != std::string::npos && email.back() != '.' &&
           email.find(' ') == std::string::npos;
}

bool plausible_phone(const std::string& phone) {
    int digits = 0;
    for (char c : phone) {
        if (c >= '0' && c <= '9') {
            ++digits;
        } else if (std::string_view(" +-().x").find(c) == std::string_view::npos) {
            return false;
        }
    }
    return digits >= 7 && digits <= 15;
}

}  // namespace

bool is_record_status(const std::string& status) {
    return one_of(status, std::array{"active", "waitlist", "discharged"});
}

bool is_unit_kind(const std::string& kind) {
    return one_of(kind, std::array{"individual", "couple", "family", "group"});
}

bool is_member_role(const std::string& role) {
    return one_of(role, std::array{"self", "partner", "parent", "child", "member"});
}

Status validate_client(const ClientFields& client, const std::string& today) {
    // Text from a CSV file or another program: valid UTF-8 without NUL bytes, or refused.
    for (const auto& [field, label] : {std::pair{&client.given_name, "The first name"},
                                       {&client.family_name, "The last name"},
                                       {&client.preferred_name, "The preferred name"},
                                       {&client.pronouns, "The pronouns"},
                                       {&client.date_of_birth, "The date of birth"},
                                       {&client.email, "The email address"},
                                       {&client.phone, "The phone number"},
                                       {&client.status, "The status"}}) {
        if (std::string problem = sdk::text_problem(*field, label); !problem.empty()) {
            return fail(ErrorCode::Invalid, problem + ".");
        }
    }
    if (trimmed(client.given_name).empty()) {
        return fail(ErrorCode::Invalid, show::marked("error", "The first name is missing."));
    }
    if (trimmed(client.family_name).empty()) {
        return fail(ErrorCode::Invalid, show::marked("error", "The last name is missing."));
    }
    if (client.given_name.size() > 200 || client.family_name.size() > 200) {
        return fail(ErrorCode::Invalid,
                    show::marked("error", "A name is longer than 200 characters."));
    }
    if (!client.date_of_birth.empty()) {
        if (!is_iso_date(client.date_of_birth)) {
            return fail(
                ErrorCode::Invalid,
                show::marked("error",
                             "The date of birth is not a valid date (expected YYYY-MM-DD)."));
        }
        if (client.date_of_birth > today) {
            return fail(ErrorCode::Invalid,
                        show::marked("error", "The date of birth is in the future."));
        }
    }
    if (!client.email.empty() && !plausible_email(client.email)) {
        return fail(ErrorCode::Invalid,
                    show::marked("error", "The email address does not look right."));
    }
    if (!client.phone.empty() && !plausible_phone(client.phone)) {
        return fail(
            ErrorCode::Invalid,
            show::marked(
                "error",
                "The phone number should have 7 to 15 digits (spaces, +, -, ( ) allowed)."));
    }
    if (!is_record_status(client.status)) {
        return fail(ErrorCode::Invalid,
                    show::marked("error", "The status must be active, waitlist or discharged."));
    }
    return ok();
}

Status validate_unit(const std::string& kind, const std::vector<MemberSpec>& members) {
    if (!is_unit_kind(kind)) {
        return fail(
            ErrorCode::Invalid,
            show::marked("error", "The unit must be an individual, couple, family or group."));
    }
    std::set<std::int64_t> distinct;
    for (const auto& member : members) {
        if (!is_member_role(member.role)) {
            return fail(ErrorCode::Invalid,
                        error_reason(show::marked("error", "Unknown member role '{role}'."))
                            .with("role", member.role));
        }
        if (!distinct.insert(member.client_id).second) {
            return fail(ErrorCode::Invalid,
                        show::marked("error", "The same client appears twice in the unit."));
        }
    }
    std::size_t count = members.size();
    if (kind == "individual" && count != 1) {
        return fail(ErrorCode::Invalid,
                    show::marked("error", "An individual unit has exactly one client."));
    }
    if (kind == "couple") {
        if (count != 2) {
            return fail(ErrorCode::Invalid,
                        show::marked("error", "A couple has exactly two partners."));
        }
        if (members[0].role != "partner" || members[1].role != "partner") {
            return fail(ErrorCode::Invalid,
                        show::marked("error", "Both members of a couple have the role partner."));
        }
    }
    if ((kind == "family" || kind == "group") && count < 2) {
        return fail(ErrorCode::Invalid,
                    kind == "family" ? show::marked("error", "A family has at least two members.")
                                     : show::marked("error", "A group has at least two members."));
    }
    return ok();
}

Status validate_appointment(const AppointmentFields& appointment) {
    if (appointment.unit_id == 0) {
        return fail(ErrorCode::Invalid,
                    show::marked("error", "Choose who the appointment is with."));
    }
    if (!is_iso_utc_time(appointment.starts_at) || !is_iso_utc_time(appointment.ends_at)) {
        return fail(ErrorCode::Invalid,
                    show::marked("error", "The start or end time is not a valid time."));
    }
    if (appointment.ends_at <= appointment.starts_at) {
        return fail(ErrorCode::Invalid,
                    show::marked("error", "The appointment ends before it starts."));
    }
    if (!one_of(appointment.session_type,
                std::array{"individual", "couple", "family", "group", "intake"})) {
        return fail(ErrorCode::Invalid,
                    error_reason(show::marked("error", "Unknown session type '{type}'."))
                        .with("type", appointment.session_type));
    }
    if (!one_of(appointment.status, std::array{"scheduled", "attended", "cancelled", "no_show"})) {
        return fail(ErrorCode::Invalid,
                    error_reason(show::marked("error", "Unknown appointment status '{status}'."))
                        .with("status", appointment.status));
    }
    return ok();
}

std::string derive_unit_name(const std::string& kind, const std::vector<Member>& members) {
    if (members.empty()) {
        return "Unnamed " + kind;
    }
    if (members.size() == 1) {
        return members[0].given_name + " " + members[0].family_name;
    }
    bool same_family = std::all_of(members.begin(), members.end(), [&](const Member& m) {
        return m.family_name == members[0].family_name;
    });
    if (kind == "couple" && members.size() == 2) {
        if (same_family) {
            return members[0].given_name + " & " + members[1].given_name + " " +
                   members[0].family_name;
        }
        return members[0].given_name + " " + members[0].family_name + " & " +
               members[1].given_name + " " + members[1].family_name;
    }
    if (kind == "family" && same_family) {
        return members[0].family_name + " family";
    }
    std::string name;
    for (std::size_t i = 0; i < members.size(); ++i) {
        name += (i == 0 ? "" : (i + 1 == members.size() ? " & " : ", ")) + members[i].given_name;
    }
    return name;
}

}  // namespace dyad::records
