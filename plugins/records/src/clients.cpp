#include "clients.h"

#include <ctime>

#include "util.h"

namespace dyad::records_plugin {
namespace {

bool plausible_phone(const std::string& phone) {
    int digits = 0;
    for (char c : phone) {
        if (c >= '0' && c <= '9') {
            ++digits;
        } else if (std::string(" +-().x").find(c) == std::string::npos) {
            return false;
        }
    }
    return digits >= 7 && digits <= 15;
}

}  // namespace

std::string check_details(const ClientDetails& details) {
    if (!details.emergency_phone.empty() && !plausible_phone(details.emergency_phone)) {
        return "The emergency contact's phone number should have 7 to 15 digits.";
    }
    if (!details.emergency_phone.empty() && details.emergency_name.empty()) {
        return "Give the emergency contact's name with their phone number.";
    }
    if (details.referral_source.size() > 200 || details.emergency_name.size() > 200) {
        return "A field is longer than 200 characters.";
    }
    return {};
}

std::expected<ClientDetails, std::string> ClientStore::details(std::int64_t client_id) {
    auto select = m_db.prepare(
        "SELECT emergency_name, emergency_relation, emergency_phone, referral_source, "
        "may_contact, may_share_with_partner FROM records_client_detail WHERE client_id = ?");
    select.bind(1, client_id);
    int code = select.step();
    ClientDetails result;
    if (code == DYAD_ROW) {
        result.emergency_name = select.text(0);
        result.emergency_relation = select.text(1);
        result.emergency_phone = select.text(2);
        result.referral_source = select.text(3);
        result.may_contact = select.int64(4) != 0;
        result.may_share_with_partner = select.int64(5) != 0;
    } else if (code != DYAD_DONE) {
        return std::unexpected(m_db.last_error());
    }
    return result;
}

std::expected<void, std::string> ClientStore::save_details(std::int64_t client_id,
                                                           const ClientDetails& details) {
    if (std::string problem = check_details(details); !problem.empty()) {
        return std::unexpected(problem);
    }
    auto upsert = m_db.prepare(
        "INSERT INTO records_client_detail (client_id, emergency_name, emergency_relation, "
        "emergency_phone, referral_source, may_contact, may_share_with_partner, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (client_id) DO UPDATE SET "
        "emergency_name = excluded.emergency_name, emergency_relation = "
        "excluded.emergency_relation, emergency_phone = excluded.emergency_phone, "
        "referral_source = excluded.referral_source, may_contact = excluded.may_contact, "
        "may_share_with_partner = excluded.may_share_with_partner, updated_at = "
        "excluded.updated_at");
    upsert.bind(1, client_id)
        .bind(2, details.emergency_name)
        .bind(3, details.emergency_relation)
        .bind(4, details.emergency_phone)
        .bind(5, details.referral_source)
        .bind(6, details.may_contact ? 1 : 0)
        .bind(7, details.may_share_with_partner ? 1 : 0)
        .bind(8, now_utc());
    if (!upsert.ok() || upsert.step() != DYAD_DONE) {
        std::string error = upsert.ok() ? m_db.last_error() : upsert.error();
        if (error.find("FOREIGN KEY") != std::string::npos) {
            return std::unexpected("No such client.");
        }
        return std::unexpected(error);
    }
    (void)m_host.core()->audit(m_host.raw(), "update", "client-detail", client_id);
    return {};
}

std::expected<std::vector<MemberRecord>, std::string> ClientStore::members(std::int64_t unit_id) {
    struct Collected {
        std::vector<MemberRecord> members;
    } collected;
    int code = m_host.core()->list_members(
        m_host.raw(), unit_id,
        [](void* user, const dyad_member_info* member) {
            MemberRecord record;
            record.client_id = member->client_id;
            record.role = member->role;
            static_cast<Collected*>(user)->members.push_back(std::move(record));
            return 0;
        },
        &collected);
    if (code != DYAD_OK) {
        return std::unexpected(m_host.core()->last_error(m_host.raw()));
    }
    std::vector<MemberRecord> result;
    for (auto& record : collected.members) {
        int found = m_host.core()->get_client(
            m_host.raw(), record.client_id,
            [](void* user, const dyad_client_info* client) {
                auto* target = static_cast<MemberRecord*>(user);
                target->given_name = client->given_name;
                target->family_name = client->family_name;
                target->preferred_name = client->preferred_name;
                target->pronouns = client->pronouns;
                target->date_of_birth = client->date_of_birth;
                target->email = client->email;
                target->phone = client->phone;
                target->status = client->status;
            },
            &record);
        if (found == DYAD_NOT_FOUND) {
            continue;  // Archived: no longer shown with the unit.
        }
        if (found != DYAD_OK) {
            return std::unexpected(m_host.core()->last_error(m_host.raw()));
        }
        auto extra = details(record.client_id);
        if (!extra) {
            return std::unexpected(extra.error());
        }
        record.details = *extra;
        result.push_back(std::move(record));
    }
    return result;
}

std::expected<void, std::string> ClientStore::save(std::int64_t client_id,
                                                   const CoreClientFields& core,
                                                   const ClientDetails& details) {
    if (std::string problem = check_details(details); !problem.empty()) {
        return std::unexpected(problem);
    }
    dyad_new_client fields{};
    fields.struct_size = sizeof fields;
    fields.given_name = core.given_name.c_str();
    fields.family_name = core.family_name.c_str();
    fields.preferred_name = core.preferred_name.c_str();
    fields.pronouns = core.pronouns.c_str();
    fields.date_of_birth = core.date_of_birth.c_str();
    fields.email = core.email.c_str();
    fields.phone = core.phone.c_str();
    fields.status = core.status.c_str();
    if (m_host.core()->update_client(m_host.raw(), client_id, &fields) != DYAD_OK) {
        return std::unexpected(m_host.core()->last_error(m_host.raw()));
    }
    return save_details(client_id, details);
}

std::expected<void, std::string> ClientStore::archive(std::int64_t client_id) {
    if (m_host.core()->archive_client(m_host.raw(), client_id) != DYAD_OK) {
        return std::unexpected(m_host.core()->last_error(m_host.raw()));
    }
    return {};
}

}  // namespace dyad::records_plugin
