#include "clients.h"
#include <dyad/show.hpp>

#include <cstddef>
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
        "SELECT emergency_name, emergency_relation, emergency_phone, referral_source "
        "FROM records_client_detail WHERE client_id = ?");
    select.bind(1, client_id);
    int code = select.step();
    ClientDetails result;
    if (code == DYAD_ROW) {
        result.emergency_name = select.text(0);
        result.emergency_relation = select.text(1);
        result.emergency_phone = select.text(2);
        result.referral_source = select.text(3);
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
    // The table's consent columns are from before SDK 1.1 (the host copied them onto the
    // memberships and keeps consent since); they are no longer read or written.
    auto upsert = m_db.prepare(
        "INSERT INTO records_client_detail (client_id, emergency_name, emergency_relation, "
        "emergency_phone, referral_source, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (client_id) DO UPDATE SET "
        "emergency_name = excluded.emergency_name, emergency_relation = "
        "excluded.emergency_relation, emergency_phone = excluded.emergency_phone, "
        "referral_source = excluded.referral_source, updated_at = excluded.updated_at");
    upsert.bind(1, client_id)
        .bind(2, details.emergency_name)
        .bind(3, details.emergency_relation)
        .bind(4, details.emergency_phone)
        .bind(5, details.referral_source)
        .bind(6, now_utc());
    if (!upsert.ok() || upsert.step() != DYAD_DONE) {
        std::string error = upsert.ok() ? m_db.last_error() : upsert.error();
        if (error.find("FOREIGN KEY") != std::string::npos) {
            return std::unexpected(dyad::show::tr("No such client."));
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
            if (member->struct_size >=
                offsetof(dyad_member_info, may_share_with_partner) + sizeof(int32_t)) {
                record.details.may_contact = member->may_contact != 0;
                record.details.may_share_with_partner = member->may_share_with_partner != 0;
            }
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
        extra->may_contact = record.details.may_contact;
        extra->may_share_with_partner = record.details.may_share_with_partner;
        record.details = *extra;
        result.push_back(std::move(record));
    }
    return result;
}

std::expected<void, std::string> ClientStore::save_consent(std::int64_t unit_id,
                                                           std::int64_t client_id, bool may_contact,
                                                           bool may_share_with_partner) {
    const auto* core = m_host.core();
    if (core == nullptr ||
        core->struct_size < offsetof(dyad_core_v1, set_member_consent) + sizeof(void*)) {
        return std::unexpected(dyad::show::tr("This version of Dyad cannot record consent."));
    }
    if (core->set_member_consent(m_host.raw(), unit_id, client_id, may_contact ? 1 : 0,
                                 may_share_with_partner ? 1 : 0) != DYAD_OK) {
        return std::unexpected(core->last_error(m_host.raw()));
    }
    return {};
}

std::expected<void, std::string> ClientStore::save(std::int64_t client_id, std::int64_t unit_id,
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
    if (auto saved = save_details(client_id, details); !saved) {
        return saved;
    }
    if (unit_id == 0) {
        return {};
    }
    return save_consent(unit_id, client_id, details.may_contact, details.may_share_with_partner);
}

std::expected<void, std::string> ClientStore::archive(std::int64_t client_id) {
    if (m_host.core()->archive_client(m_host.raw(), client_id) != DYAD_OK) {
        return std::unexpected(m_host.core()->last_error(m_host.raw()));
    }
    return {};
}

}  // namespace dyad::records_plugin
