#include "records/core_records.h"

#include "records/audit_chain.h"

#include <dyad/text.hpp>

#include "util/ids.h"

namespace dyad::records {
namespace {

constexpr const char* kClientColumns =
    "id, uuid, given_name, family_name, coalesce(preferred_name, ''), coalesce(pronouns, ''), "
    "coalesce(date_of_birth, ''), coalesce(email, ''), coalesce(phone, ''), status, created_at, "
    "updated_at";

constexpr const char* kUnitColumns =
    "u.id, u.uuid, u.kind, u.display_name, u.status, u.practitioner_id, "
    "(SELECT count(*) FROM dyad_unit_member m WHERE m.unit_id = u.id)";

Client read_client(const db::Statement& row) {
    Client client;
    client.id = row.int64(0);
    client.uuid = row.text(1);
    client.fields.given_name = row.text(2);
    client.fields.family_name = row.text(3);
    client.fields.preferred_name = row.text(4);
    client.fields.pronouns = row.text(5);
    client.fields.date_of_birth = row.text(6);
    client.fields.email = row.text(7);
    client.fields.phone = row.text(8);
    client.fields.status = row.text(9);
    client.created_at = row.text(10);
    client.updated_at = row.text(11);
    return client;
}

Unit read_unit(const db::Statement& row) {
    Unit unit;
    unit.id = row.int64(0);
    unit.uuid = row.text(1);
    unit.kind = row.text(2);
    unit.display_name = row.text(3);
    unit.status = row.text(4);
    unit.practitioner_id = row.optional_int64(5);
    unit.member_count = row.int64(6);
    return unit;
}

Appointment read_appointment(const db::Statement& row) {
    Appointment appointment;
    appointment.id = row.int64(0);
    appointment.uuid = row.text(1);
    appointment.fields.unit_id = row.int64(2);
    appointment.fields.practitioner_id = row.optional_int64(3);
    appointment.fields.starts_at = row.text(4);
    appointment.fields.ends_at = row.text(5);
    appointment.fields.session_type = row.text(6);
    appointment.fields.location = row.text(7);
    appointment.fields.telehealth = row.int64(8) != 0;
    appointment.fields.status = row.text(9);
    return appointment;
}

std::string trimmed(const std::string& text) {
    auto begin = text.find_first_not_of(" \t\r\n");
    if (begin == std::string::npos) {
        return {};
    }
    return text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1);
}

ClientFields normalized(ClientFields fields) {
    for (std::string* text :
         {&fields.given_name, &fields.family_name, &fields.preferred_name, &fields.pronouns,
          &fields.date_of_birth, &fields.email, &fields.phone}) {
        *text = trimmed(*text);
    }
    return fields;
}

// Names of the fields that differ, never their values (the audit log holds no client data).
std::string changed_fields(const ClientFields& before, const ClientFields& after) {
    std::string names;
    auto note = [&](const std::string& a, const std::string& b, const char* name) {
        if (a != b) {
            names += names.empty() ? "fields: " : ", ";
            names += name;
        }
    };
    note(before.given_name, after.given_name, "given_name");
    note(before.family_name, after.family_name, "family_name");
    note(before.preferred_name, after.preferred_name, "preferred_name");
    note(before.pronouns, after.pronouns, "pronouns");
    note(before.date_of_birth, after.date_of_birth, "date_of_birth");
    note(before.email, after.email, "email");
    note(before.phone, after.phone, "phone");
    note(before.status, after.status, "status");
    return names;
}

// WHERE clause for a unit query; ?1 is the status ('' for all), ?2 the LIKE pattern of the
// search ("ana%"). Each arm of the search is a range scan on a NOCASE index (the pattern is a
// bound parameter, so SQLite's LIKE optimisation applies), not a scan of every unit.
std::string unit_filter_sql(const std::string& status, const std::string& search,
                            const UnitScopeFilter& scope) {
    // Conditions are left out rather than made always-true, so the planner can use the
    // partial indexes of live units without reading each row.
    std::string sql = " WHERE u.archived_at IS NULL";
    if (scope.user_id != 0) {
        // The signed-in user's caseload (issue 15), and their supervisees' for a supervisor.
        sql += scope.with_supervisees
                   ? " AND u.id IN (SELECT c.unit_id FROM dyad_caseload c JOIN dyad_user us ON "
                     "us.id = c.user_id WHERE us.id = ?5 OR us.supervisor_id = ?5)"
                   : " AND u.id IN (SELECT unit_id FROM dyad_caseload WHERE user_id = ?5)";
    }
    if (!status.empty()) {
        sql += " AND u.status = ?1";
    }
    if (!search.empty()) {
        sql +=
            " AND u.id IN (SELECT id FROM dyad_unit WHERE display_name LIKE ?2 ESCAPE '\\'"
            " AND archived_at IS NULL"  // Lets the partial index of live names serve the scan.
            " UNION SELECT m.unit_id FROM dyad_client c JOIN dyad_unit_member m"
            " ON m.client_id = c.id WHERE c.given_name LIKE ?2 ESCAPE '\\'"
            " UNION SELECT m.unit_id FROM dyad_client c JOIN dyad_unit_member m"
            " ON m.client_id = c.id WHERE c.family_name LIKE ?2 ESCAPE '\\'"
            " UNION SELECT m.unit_id FROM dyad_client c JOIN dyad_unit_member m"
            " ON m.client_id = c.id WHERE c.email LIKE ?2 ESCAPE '\\'"
            " UNION SELECT m.unit_id FROM dyad_client c JOIN dyad_unit_member m"
            " ON m.client_id = c.id WHERE c.phone LIKE ?2 ESCAPE '\\')";
    }
    return sql;
}

// The search box's text as a prefix pattern ("" for no filter); '%', '_' and '\' typed by the
// user match themselves (the SQL says ESCAPE '\').
std::string like_pattern(const std::string& text) {
    return text.empty() ? std::string() : sdk::like_prefix(text);
}

}  // namespace

CoreRecords::CoreRecords(db::Connection& connection, EventBus* events)
    : m_connection(connection), m_events(events) {}

Status CoreRecords::audit(const std::string& action, const std::string& entity, std::int64_t id,
                          const std::string& detail, const std::string& actor) {
    AuditRow row;
    row.uuid = new_uuid();
    row.at = now_utc_iso();
    row.actor = actor;
    if (!m_signed_in.empty()) {
        bool generic = actor == "user" || actor == "dyadctl" || actor == "owner" || actor.empty();
        // "Dana via dyad.records": the plugin by its id, without the "plugin:" tag.
        std::string via = actor.starts_with("plugin:") ? actor.substr(7) : actor;
        row.actor = generic ? m_signed_in : m_signed_in + " via " + via;
    }
    row.action = action;
    row.entity = entity;
    row.entity_id = id;
    if (!detail.empty()) {
        row.detail = detail;
    }
    return append_audit_entry(m_connection, std::move(row));
}

void CoreRecords::changed(const std::string& entity, std::int64_t id, const std::string& change,
                          std::int64_t unit_id) {
    if (m_events != nullptr) {
        m_events->publish(Event{EventKind::RecordChanged, unit_id, entity, id, change});
    }
}

Result<std::string> CoreRecords::practice_name() {
    auto statement = m_connection.cached("SELECT name FROM dyad_practice LIMIT 1");
    if (!statement) {
        return std::unexpected(statement.error());
    }
    auto row = statement->step();
    if (!row) {
        return std::unexpected(row.error());
    }
    if (!*row) {
        return fail(ErrorCode::NotFound, "this database has no practice yet");
    }
    return statement->text(0);
}

Status CoreRecords::set_practice_name(const std::string& name, const std::string& actor) {
    if (trimmed(name).empty()) {
        return fail(ErrorCode::Invalid, show::marked("error", "The practice needs a name."));
    }
    auto transaction = db::Transaction::begin(m_connection);
    if (!transaction) {
        return std::unexpected(transaction.error());
    }
    auto existing = m_connection.query_int64("SELECT id FROM dyad_practice LIMIT 1");
    if (!existing) {
        return std::unexpected(existing.error());
    }
    std::int64_t id = existing->value_or(new_record_id());
    auto statement = m_connection.prepare(
        *existing
            ? "UPDATE dyad_practice SET name = ?2 WHERE id = ?1"
            : "INSERT INTO dyad_practice (id, name, uuid, created_at) VALUES (?1, ?2, ?3, ?4)");
    if (!statement) {
        return std::unexpected(statement.error());
    }
    statement->bind(1, id).bind(2, trimmed(name));
    if (!*existing) {
        statement->bind(3, new_uuid()).bind(4, now_utc_iso());
    }
    DYAD_TRY(statement->run());
    DYAD_TRY(audit(*existing ? "update" : "create", "practice", id, "", actor));
    return transaction->commit();
}

Result<Practitioner> CoreRecords::create_practitioner(const Practitioner& input,
                                                      const std::string& actor) {
    Practitioner practitioner = input;
    practitioner.full_name = trimmed(practitioner.full_name);
    if (practitioner.full_name.empty()) {
        return fail(ErrorCode::Invalid, show::marked("error", "The therapist's name is missing."));
    }
    if (practitioner.role.empty()) {
        practitioner.role = "clinician";
    }
    practitioner.id = new_record_id();
    practitioner.uuid = new_uuid();
    auto transaction = db::Transaction::begin(m_connection);
    if (!transaction) {
        return std::unexpected(transaction.error());
    }
    auto statement = m_connection.cached(
        "INSERT INTO dyad_practitioner (id, uuid, full_name, credentials, email, role, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    if (!statement) {
        return std::unexpected(statement.error());
    }
    std::string now = now_utc_iso();
    statement->bind(1, practitioner.id)
        .bind(2, practitioner.uuid)
        .bind(3, practitioner.full_name)
        .bind_or_null(4, practitioner.credentials)
        .bind_or_null(5, practitioner.email)
        .bind(6, practitioner.role)
        .bind(7, now)
        .bind(8, now);
    auto inserted = statement->run();
    if (!inserted) {
        return fail(
            ErrorCode::Invalid,
            error_reason(show::marked("error", "The therapist could not be saved ({why})."))
                .with_both("why", inserted.error().message, shown_message(inserted.error())));
    }
    DYAD_TRY(audit("create", "practitioner", practitioner.id, "", actor));
    DYAD_TRY(transaction->commit());
    changed("practitioner", practitioner.id, "create");
    return practitioner;
}

Result<std::vector<Practitioner>> CoreRecords::practitioners() {
    auto statement = m_connection.cached(
        "SELECT id, uuid, full_name, coalesce(credentials, ''), coalesce(email, ''), role "
        "FROM dyad_practitioner WHERE archived_at IS NULL ORDER BY full_name");
    if (!statement) {
        return std::unexpected(statement.error());
    }
    return db::collect_rows(*statement, [](const db::Statement& row) {
        return Practitioner{row.int64(0), row.text(1), row.text(2),
                            row.text(3),  row.text(4), row.text(5)};
    });
}

Result<Client> CoreRecords::create_client(const ClientFields& input, const std::string& actor) {
    ClientFields fields = normalized(input);
    DYAD_TRY(validate_client(fields, today_utc()));
    Client client;
    client.id = new_record_id();
    client.uuid = new_uuid();
    client.fields = fields;
    client.created_at = client.updated_at = now_utc_iso();

    auto transaction = db::Transaction::begin(m_connection);
    if (!transaction) {
        return std::unexpected(transaction.error());
    }
    auto statement = m_connection.cached(
        "INSERT INTO dyad_client (id, uuid, given_name, family_name, preferred_name, pronouns, "
        "date_of_birth, email, phone, status, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!statement) {
        return std::unexpected(statement.error());
    }
    statement->bind(1, client.id)
        .bind(2, client.uuid)
        .bind(3, fields.given_name)
        .bind(4, fields.family_name)
        .bind_or_null(5, fields.preferred_name)
        .bind_or_null(6, fields.pronouns)
        .bind_or_null(7, fields.date_of_birth)
        .bind_or_null(8, fields.email)
        .bind_or_null(9, fields.phone)
        .bind(10, fields.status)
        .bind(11, client.created_at)
        .bind(12, client.updated_at);
    DYAD_TRY(statement->run());
    DYAD_TRY(audit("create", "client", client.id, "", actor));
    DYAD_TRY(transaction->commit());
    changed("client", client.id, "create");
    return client;
}

Result<Client> CoreRecords::client(std::int64_t id) {
    auto statement = m_connection.cached(std::string("SELECT ") + kClientColumns +
                                         " FROM dyad_client WHERE id = ? AND archived_at IS NULL");
    if (!statement) {
        return std::unexpected(statement.error());
    }
    statement->bind(1, id);
    auto row = statement->step();
    if (!row) {
        return std::unexpected(row.error());
    }
    if (!*row) {
        return fail(ErrorCode::NotFound,
                    error_reason(show::marked("error", "No such client (id {id})."))
                        .with("id", std::to_string(id)));
    }
    return read_client(*statement);
}

Result<Client> CoreRecords::view_client(std::int64_t id, const std::string& actor) {
    auto found = client(id);
    if (found) {
        DYAD_TRY(audit("view", "client", id, "", actor));
    }
    return found;
}

Result<Client> CoreRecords::update_client(std::int64_t id, const ClientFields& input,
                                          const std::string& actor) {
    ClientFields fields = normalized(input);
    DYAD_TRY(validate_client(fields, today_utc()));
    auto transaction = db::Transaction::begin(m_connection);
    if (!transaction) {
        return std::unexpected(transaction.error());
    }
    auto before = client(id);
    if (!before) {
        return before;
    }
    auto statement = m_connection.cached(
        "UPDATE dyad_client SET given_name = ?2, family_name = ?3, preferred_name = ?4, "
        "pronouns = ?5, date_of_birth = ?6, email = ?7, phone = ?8, status = ?9, updated_at = ?10 "
        "WHERE id = ?1");
    if (!statement) {
        return std::unexpected(statement.error());
    }
    std::string now = now_utc_iso();
    statement->bind(1, id)
        .bind(2, fields.given_name)
        .bind(3, fields.family_name)
        .bind_or_null(4, fields.preferred_name)
        .bind_or_null(5, fields.pronouns)
        .bind_or_null(6, fields.date_of_birth)
        .bind_or_null(7, fields.email)
        .bind_or_null(8, fields.phone)
        .bind(9, fields.status)
        .bind(10, now);
    DYAD_TRY(statement->run());
    DYAD_TRY(audit("update", "client", id, changed_fields(before->fields, fields), actor));
    DYAD_TRY(transaction->commit());
    changed("client", id, "update");
    Client after = *before;
    after.fields = fields;
    after.updated_at = now;
    return after;
}

Result<std::vector<Client>> CoreRecords::similar_clients(const ClientFields& input) {
    ClientFields fields = normalized(input);
    auto statement = m_connection.cached(
        std::string("SELECT ") + kClientColumns +
        " FROM dyad_client WHERE archived_at IS NULL AND family_name = ?1 COLLATE NOCASE AND "
        "given_name = ?2 COLLATE NOCASE AND (?3 = '' OR date_of_birth IS NULL OR "
        "date_of_birth = ?3)");
    if (!statement) {
        return std::unexpected(statement.error());
    }
    statement->bind(1, fields.family_name).bind(2, fields.given_name).bind(3, fields.date_of_birth);
    return db::collect_rows(*statement, read_client);
}

Status CoreRecords::archive_client(std::int64_t id, const std::string& actor) {
    auto transaction = db::Transaction::begin(m_connection);
    if (!transaction) {
        return std::unexpected(transaction.error());
    }
    auto statement = m_connection.cached(
        "UPDATE dyad_client SET archived_at = ?2, updated_at = ?2 WHERE id = ?1 AND archived_at "
        "IS NULL");
    if (!statement) {
        return std::unexpected(statement.error());
    }
    statement->bind(1, id).bind(2, now_utc_iso());
    DYAD_TRY(statement->run());
    if (m_connection.changes() == 0) {
        return fail(ErrorCode::NotFound,
                    error_reason(show::marked("error", "No such client (id {id})."))
                        .with("id", std::to_string(id)));
    }
    DYAD_TRY(audit("delete", "client", id, "archived", actor));
    DYAD_TRY(transaction->commit());
    changed("client", id, "delete");
    if (m_events != nullptr) {
        m_events->publish(Event{EventKind::StatusChanged, 0, "client", id, "archived"});
    }
    return ok();
}

Result<Unit> CoreRecords::create_unit(const std::string& kind, const std::string& display_name,
                                      const std::vector<MemberSpec>& members,
                                      const std::string& actor) {
    DYAD_TRY(validate_unit(kind, members));
    auto transaction = db::Transaction::begin(m_connection);
    if (!transaction) {
        return std::unexpected(transaction.error());
    }
    std::vector<Member> resolved;
    for (const auto& spec : members) {
        auto person = client(spec.client_id);
        if (!person) {
            return std::unexpected(person.error());
        }
        resolved.push_back(
            {spec.client_id, spec.role, person->fields.given_name, person->fields.family_name});
    }
    Unit unit;
    unit.id = new_record_id();
    unit.uuid = new_uuid();
    unit.kind = kind;
    unit.display_name =
        trimmed(display_name).empty() ? derive_unit_name(kind, resolved) : trimmed(display_name);
    unit.status = "active";
    unit.member_count = static_cast<std::int64_t>(members.size());
    std::string now = now_utc_iso();
    auto statement = m_connection.cached(
        "INSERT INTO dyad_unit (id, uuid, kind, display_name, status, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!statement) {
        return std::unexpected(statement.error());
    }
    statement->bind(1, unit.id)
        .bind(2, unit.uuid)
        .bind(3, unit.kind)
        .bind(4, unit.display_name)
        .bind(5, unit.status)
        .bind(6, now)
        .bind(7, now);
    DYAD_TRY(statement->run());
    for (const auto& spec : members) {
        auto member = m_connection.cached(
            "INSERT INTO dyad_unit_member (unit_id, client_id, role, joined_at) VALUES (?, ?, ?, "
            "?)");
        if (!member) {
            return std::unexpected(member.error());
        }
        member->bind(1, unit.id).bind(2, spec.client_id).bind(3, spec.role).bind(4, now);
        DYAD_TRY(member->run());
    }
    DYAD_TRY(audit("create", "unit", unit.id, "members: " + std::to_string(members.size()), actor));
    DYAD_TRY(transaction->commit());
    changed("unit", unit.id, "create", unit.id);
    return unit;
}

Status CoreRecords::set_unit_status(std::int64_t id, const std::string& status,
                                    const std::string& actor) {
    if (!is_record_status(status)) {
        return fail(ErrorCode::Invalid,
                    show::marked("error", "The status must be active, waitlist or discharged."));
    }
    auto transaction = db::Transaction::begin(m_connection);
    if (!transaction) {
        return std::unexpected(transaction.error());
    }
    auto statement = m_connection.cached(
        "UPDATE dyad_unit SET status = ?2, updated_at = ?3 WHERE id = ?1 AND archived_at IS NULL");
    if (!statement) {
        return std::unexpected(statement.error());
    }
    statement->bind(1, id).bind(2, status).bind(3, now_utc_iso());
    DYAD_TRY(statement->run());
    if (m_connection.changes() == 0) {
        return fail(ErrorCode::NotFound,
                    error_reason(show::marked("error", "No such client unit (id {id})."))
                        .with("id", std::to_string(id)));
    }
    DYAD_TRY(audit("update", "unit", id, "fields: status", actor));
    DYAD_TRY(transaction->commit());
    changed("unit", id, "update", id);
    if (m_events != nullptr) {
        m_events->publish(Event{EventKind::StatusChanged, id, "unit", id, status});
    }
    return ok();
}

Result<Unit> CoreRecords::unit(std::int64_t id) {
    auto statement =
        m_connection.cached(std::string("SELECT ") + kUnitColumns +
                            " FROM dyad_unit u WHERE u.id = ? AND u.archived_at IS NULL");
    if (!statement) {
        return std::unexpected(statement.error());
    }
    statement->bind(1, id);
    auto row = statement->step();
    if (!row) {
        return std::unexpected(row.error());
    }
    if (!*row) {
        return fail(ErrorCode::NotFound,
                    error_reason(show::marked("error", "No such client unit (id {id})."))
                        .with("id", std::to_string(id)));
    }
    return read_unit(*statement);
}

Result<std::vector<Unit>> CoreRecords::units(const UnitQuery& query) {
    std::string pattern = like_pattern(query.search);
    auto statement =
        m_connection.cached(std::string("SELECT ") + kUnitColumns + " FROM dyad_unit u" +
                            unit_filter_sql(query.status, pattern, m_scope) +
                            " ORDER BY u.display_name COLLATE NOCASE, u.id "
                            "LIMIT ?3 OFFSET ?4");
    if (!statement) {
        return std::unexpected(statement.error());
    }
    statement->bind(1, query.status).bind(3, query.limit).bind(4, query.offset);
    if (!pattern.empty()) {
        statement->bind(2, pattern);
    }
    if (m_scope.user_id != 0) {
        statement->bind(5, m_scope.user_id);
    }
    return db::collect_rows(*statement, read_unit);
}

Result<std::pair<std::int64_t, std::vector<Unit>>> CoreRecords::units_with_count(
    const UnitQuery& query) {
    std::string pattern = like_pattern(query.search);
    if (pattern.empty()) {
        // Without a search the count comes from an index and the page needs no sort.
        auto total = count_units(query);
        if (!total) {
            return std::unexpected(total.error());
        }
        auto rows = units(query);
        if (!rows) {
            return std::unexpected(rows.error());
        }
        return std::make_pair(*total, std::move(*rows));
    }
    // The inner query sorts and counts the matches once; members are counted for the page only.
    auto statement = m_connection.cached(
        "SELECT p.id, p.uuid, p.kind, p.display_name, p.status, p.practitioner_id, "
        "(SELECT count(*) FROM dyad_unit_member m WHERE m.unit_id = p.id), p.total FROM "
        "(SELECT u.id, u.uuid, u.kind, u.display_name, u.status, u.practitioner_id, "
        "count(*) OVER () AS total FROM dyad_unit u" +
        unit_filter_sql(query.status, pattern, m_scope) +
        " ORDER BY u.display_name COLLATE NOCASE, u.id LIMIT ?3 OFFSET ?4) p");
    if (!statement) {
        return std::unexpected(statement.error());
    }
    statement->bind(1, query.status).bind(2, pattern).bind(3, query.limit).bind(4, query.offset);
    if (m_scope.user_id != 0) {
        statement->bind(5, m_scope.user_id);
    }
    std::int64_t total = 0;
    auto rows = db::collect_rows(*statement, [&](const db::Statement& row) {
        total = row.int64(7);
        return read_unit(row);
    });
    if (!rows) {
        return std::unexpected(rows.error());
    }
    if (rows->empty() && query.offset > 0) {
        auto counted = count_units(query);  // Past the end: no row carried the count.
        if (!counted) {
            return std::unexpected(counted.error());
        }
        total = *counted;
    }
    return std::make_pair(total, std::move(*rows));
}

Result<std::int64_t> CoreRecords::count_units(const UnitQuery& query) {
    std::string pattern = like_pattern(query.search);
    auto statement = m_connection.cached(std::string("SELECT count(*) FROM dyad_unit u") +
                                         unit_filter_sql(query.status, pattern, m_scope));
    if (!statement) {
        return std::unexpected(statement.error());
    }
    statement->bind(1, query.status);
    if (!pattern.empty()) {
        statement->bind(2, pattern);
    }
    if (m_scope.user_id != 0) {
        statement->bind(5, m_scope.user_id);
    }
    auto row = statement->step();
    if (!row) {
        return std::unexpected(row.error());
    }
    return statement->int64(0);
}

Result<std::vector<Member>> CoreRecords::members(std::int64_t unit_id) {
    auto statement = m_connection.cached(
        "SELECT m.client_id, m.role, c.given_name, c.family_name, m.may_contact, "
        "m.may_share_with_partner FROM dyad_unit_member m JOIN dyad_client c ON c.id = "
        "m.client_id WHERE m.unit_id = ? ORDER BY m.joined_at, c.given_name");
    if (!statement) {
        return std::unexpected(statement.error());
    }
    statement->bind(1, unit_id);
    return db::collect_rows(*statement, [](const db::Statement& row) {
        return Member{row.int64(0), row.text(1),       row.text(2),
                      row.text(3),  row.int64(4) != 0, row.int64(5) != 0};
    });
}

Result<Appointment> CoreRecords::create_appointment(const AppointmentFields& fields,
                                                    const std::string& actor) {
    DYAD_TRY(validate_appointment(fields));
    auto transaction = db::Transaction::begin(m_connection);
    if (!transaction) {
        return std::unexpected(transaction.error());
    }
    auto owner = unit(fields.unit_id);
    if (!owner) {
        return std::unexpected(owner.error());
    }
    Appointment appointment{new_record_id(), new_uuid(), fields};
    std::string now = now_utc_iso();
    auto statement = m_connection.cached(
        "INSERT INTO dyad_appointment (id, uuid, unit_id, practitioner_id, starts_at, ends_at, "
        "session_type, location, telehealth, status, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!statement) {
        return std::unexpected(statement.error());
    }
    statement->bind(1, appointment.id)
        .bind(2, appointment.uuid)
        .bind(3, fields.unit_id)
        .bind(4, fields.practitioner_id)
        .bind(5, fields.starts_at)
        .bind(6, fields.ends_at)
        .bind(7, fields.session_type)
        .bind_or_null(8, fields.location)
        .bind(9, fields.telehealth ? 1 : 0)
        .bind(10, fields.status)
        .bind(11, now)
        .bind(12, now);
    DYAD_TRY(statement->run());
    DYAD_TRY(audit("create", "appointment", appointment.id, "", actor));
    DYAD_TRY(transaction->commit());
    changed("appointment", appointment.id, "create", fields.unit_id);
    return appointment;
}

Result<Appointment> CoreRecords::appointment(std::int64_t id) {
    auto statement = m_connection.cached(
        "SELECT id, uuid, unit_id, practitioner_id, starts_at, ends_at, session_type, "
        "coalesce(location, ''), telehealth, status FROM dyad_appointment WHERE id = ?");
    if (!statement) {
        return std::unexpected(statement.error());
    }
    statement->bind(1, id);
    auto rows = db::collect_rows(*statement, read_appointment);
    if (!rows) {
        return std::unexpected(rows.error());
    }
    if (rows->empty()) {
        return fail(ErrorCode::NotFound, show::marked("error", "No such appointment."));
    }
    return rows->front();
}

Result<Appointment> CoreRecords::update_appointment(std::int64_t id, const AppointmentFields& input,
                                                    const std::string& actor) {
    auto transaction = db::Transaction::begin(m_connection);
    if (!transaction) {
        return std::unexpected(transaction.error());
    }
    auto before = appointment(id);
    if (!before) {
        return before;
    }
    AppointmentFields fields = input;
    fields.unit_id = before->fields.unit_id;  // An appointment does not move between units.
    DYAD_TRY(validate_appointment(fields));
    auto statement = m_connection.cached(
        "UPDATE dyad_appointment SET practitioner_id = ?2, starts_at = ?3, ends_at = ?4, "
        "session_type = ?5, location = ?6, telehealth = ?7, status = ?8, updated_at = ?9 "
        "WHERE id = ?1");
    if (!statement) {
        return std::unexpected(statement.error());
    }
    statement->bind(1, id)
        .bind(2, fields.practitioner_id)
        .bind(3, fields.starts_at)
        .bind(4, fields.ends_at)
        .bind(5, fields.session_type)
        .bind_or_null(6, fields.location)
        .bind(7, fields.telehealth ? 1 : 0)
        .bind(8, fields.status)
        .bind(9, now_utc_iso());
    DYAD_TRY(statement->run());
    std::string fields_changed;
    auto note = [&](bool differs, const char* name) {
        if (differs) {
            fields_changed += fields_changed.empty() ? "fields: " : ", ";
            fields_changed += name;
        }
    };
    const auto& old = before->fields;
    note(old.starts_at != fields.starts_at || old.ends_at != fields.ends_at, "time");
    note(old.session_type != fields.session_type, "session_type");
    note(old.location != fields.location || old.telehealth != fields.telehealth, "location");
    note(old.status != fields.status, "status");
    DYAD_TRY(audit("update", "appointment", id, fields_changed, actor));
    DYAD_TRY(transaction->commit());
    changed("appointment", id, "update", fields.unit_id);
    return Appointment{id, before->uuid, fields};
}

Result<std::vector<Appointment>> CoreRecords::appointments_between(const std::string& from,
                                                                   const std::string& to) {
    auto statement = m_connection.cached(
        "SELECT id, uuid, unit_id, practitioner_id, starts_at, ends_at, session_type, "
        "coalesce(location, ''), telehealth, status FROM dyad_appointment "
        "WHERE starts_at >= ? AND starts_at < ? ORDER BY starts_at");
    if (!statement) {
        return std::unexpected(statement.error());
    }
    statement->bind(1, from).bind(2, to);
    return db::collect_rows(*statement, read_appointment);
}

Status CoreRecords::record_view(const std::string& entity, std::int64_t id,
                                const std::string& actor) {
    return audit("view", entity, id, "", actor);
}

Status CoreRecords::record_export(const std::string& entity, std::int64_t id,
                                  const std::string& format, const std::string& actor) {
    return audit("export", entity, id, "format: " + format, actor);
}

Status CoreRecords::record_event(const std::string& action, const std::string& entity,
                                 std::int64_t id, const std::string& detail,
                                 const std::string& actor) {
    return audit(action, entity, id, detail, actor);
}

Result<std::vector<AuditEntry>> CoreRecords::audit_entries(const std::string& entity,
                                                           std::int64_t limit) {
    auto statement = m_connection.cached(
        "SELECT at, actor, action, entity, coalesce(entity_id, 0), coalesce(detail, '') "
        "FROM dyad_audit WHERE (?1 = '' OR entity = ?1) ORDER BY seq DESC NULLS LAST, at DESC "
        "LIMIT ?2");
    if (!statement) {
        return std::unexpected(statement.error());
    }
    statement->bind(1, entity).bind(2, limit);
    return db::collect_rows(*statement, [](const db::Statement& row) {
        return AuditEntry{row.text(0), row.text(1),  row.text(2),
                          row.text(3), row.int64(4), row.text(5)};
    });
}

}  // namespace dyad::records
