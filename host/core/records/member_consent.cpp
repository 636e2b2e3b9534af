// CoreRecords::set_member_consent: a member's consent in one unit (issue 22, SDK 1.1).
#include "records/core_records.h"

namespace dyad::records {

Error not_a_member(std::int64_t client_id, std::int64_t unit_id) {
    return error_of(
        ErrorCode::NotFound,
        error_reason(
            show::marked("error", "Client {client} is not a member of client unit {unit}."))
            .with("client", std::to_string(client_id))
            .with("unit", std::to_string(unit_id)));
}

Status CoreRecords::set_member_consent(std::int64_t unit_id, std::int64_t client_id,
                                       bool may_contact, bool may_share_with_partner,
                                       const std::string& actor) {
    auto transaction = db::Transaction::begin(m_connection);
    if (!transaction) {
        return std::unexpected(transaction.error());
    }
    auto current = m_connection.cached(
        "SELECT m.may_contact, m.may_share_with_partner FROM dyad_unit_member m JOIN dyad_unit u "
        "ON u.id = m.unit_id WHERE m.unit_id = ?1 AND m.client_id = ?2 AND u.archived_at IS NULL");
    if (!current) {
        return std::unexpected(current.error());
    }
    current->bind(1, unit_id).bind(2, client_id);
    auto row = current->step();
    if (!row) {
        return std::unexpected(row.error());
    }
    if (!*row) {
        return std::unexpected(not_a_member(client_id, unit_id));
    }
    bool was_contact = current->int64(0) != 0;
    bool was_share = current->int64(1) != 0;
    current->reset();
    if (was_contact == may_contact && was_share == may_share_with_partner) {
        return ok();
    }
    auto update = m_connection.cached(
        "UPDATE dyad_unit_member SET may_contact = ?3, may_share_with_partner = ?4 "
        "WHERE unit_id = ?1 AND client_id = ?2");
    if (!update) {
        return std::unexpected(update.error());
    }
    update->bind(1, unit_id)
        .bind(2, client_id)
        .bind(3, std::int64_t{may_contact ? 1 : 0})
        .bind(4, std::int64_t{may_share_with_partner ? 1 : 0});
    DYAD_TRY(update->run());
    // Ids and flags only: the trail never names a client.
    std::string detail = "client " + std::to_string(client_id) +
                         ": may_contact=" + (may_contact ? "yes" : "no") +
                         ", may_share_with_partner=" + (may_share_with_partner ? "yes" : "no");
    DYAD_TRY(audit("update", "unit_member", unit_id, detail, actor));
    DYAD_TRY(transaction->commit());
    changed("unit_member", client_id, "update", unit_id);
    return ok();
}

}  // namespace dyad::records
