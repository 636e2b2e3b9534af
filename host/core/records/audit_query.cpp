#include "records/audit_query.h"

#include <tuple>

#include "records/week_figures.h"

namespace dyad::records {
namespace {

std::string csv_field(const std::string& text) {
    bool quote = text.find_first_of(",\"\r\n") != std::string::npos ||
                 (!text.empty() && (text.front() == ' ' || text.back() == ' '));
    // A leading =, +, - or @ would be a formula to a spreadsheet: quoted with a leading '.
    bool formula =
        !text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@');
    std::string out = formula ? "'" + text : text;
    if (!quote && !formula) {
        return out;
    }
    std::string quoted = "\"";
    for (char c : out) {
        quoted += c;
        if (c == '"') {
            quoted += '"';
        }
    }
    return quoted + "\"";
}

}  // namespace

Result<std::vector<AuditEntry>> query_audit(db::Connection& connection, const AuditFilter& filter) {
    // The local days as the UTC instants the entries are kept in: [from's midnight, the
    // midnight after to).
    std::string from_utc;
    std::string until_utc;
    for (auto [date, days_after, instant] :
         {std::tuple{&filter.from, 0, &from_utc}, std::tuple{&filter.to, 1, &until_utc}}) {
        if (date->empty()) {
            continue;
        }
        auto start = local_day_start(*date, days_after);
        if (!start) {
            return fail(ErrorCode::Invalid,
                        error_reason(show::marked("error", "'{date}' is not a date (YYYY-MM-DD)"))
                            .with("date", *date));
        }
        *instant = *start;
    }
    auto statement = connection.prepare(
        "SELECT at, actor, action, entity, coalesce(entity_id, 0), coalesce(detail, '') "
        "FROM dyad_audit a WHERE "
        "(?1 = 0 OR (a.entity = 'unit' AND a.entity_id = ?1) "
        " OR (a.entity = 'client' AND a.entity_id IN "
        "     (SELECT client_id FROM dyad_unit_member WHERE unit_id = ?1)) "
        " OR (a.entity = 'appointment' AND a.entity_id IN "
        "     (SELECT id FROM dyad_appointment WHERE unit_id = ?1))) "
        "AND (?2 = '' OR a.actor = ?2 OR a.actor LIKE ?2 || ' via %') "
        "AND (?3 = '' OR a.action = ?3) "
        "AND (?4 = '' OR a.at >= ?4) "
        "AND (?5 = '' OR a.at < ?5) "
        "ORDER BY a.seq DESC NULLS LAST, a.at DESC LIMIT ?6");
    if (!statement) {
        return std::unexpected(statement.error());
    }
    statement->bind(1, filter.unit_id)
        .bind(2, filter.actor)
        .bind(3, filter.action)
        .bind(4, from_utc)
        .bind(5, until_utc)
        .bind(6, filter.limit);
    return db::collect_rows(*statement, [](const db::Statement& row) {
        return AuditEntry{row.text(0), row.text(1),  row.text(2),
                          row.text(3), row.int64(4), row.text(5)};
    });
}

Result<std::vector<AuditEntry>> disclosures_of_client(db::Connection& connection,
                                                      std::int64_t client_id) {
    auto statement = connection.prepare(
        "SELECT at, actor, action, entity, coalesce(entity_id, 0), coalesce(detail, '') "
        "FROM dyad_audit WHERE action IN ('export', 'disclose') AND "
        "((entity = 'client' AND entity_id = ?1) OR (entity = 'unit' AND entity_id IN "
        "(SELECT unit_id FROM dyad_unit_member WHERE client_id = ?1))) "
        "ORDER BY seq NULLS FIRST, at");
    if (!statement) {
        return std::unexpected(statement.error());
    }
    statement->bind(1, client_id);
    return db::collect_rows(*statement, [](const db::Statement& row) {
        return AuditEntry{row.text(0), row.text(1),  row.text(2),
                          row.text(3), row.int64(4), row.text(5)};
    });
}

std::string audit_csv(const std::vector<AuditEntry>& entries) {
    std::string csv = "at,actor,action,entity,entity_id,detail\r\n";
    for (const auto& entry : entries) {
        csv += csv_field(entry.at) + "," + csv_field(entry.actor) + "," + csv_field(entry.action) +
               "," + csv_field(entry.entity) + "," + std::to_string(entry.entity_id) + "," +
               csv_field(entry.detail) + "\r\n";
    }
    return csv;
}

}  // namespace dyad::records
