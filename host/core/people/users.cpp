#include "people/users.h"

#include <sodium.h>

#include "records/audit_chain.h"
#include "util/ids.h"

namespace dyad::people {
namespace {

User read_user(db::Statement& row) {
    User user;
    user.id = row.int64(0);
    user.uuid = row.text(1);
    user.name = row.text(2);
    user.role = role_from_id(row.text(3)).value_or(Role::FrontDesk);  // CHECK keeps it known.
    user.supervisor_id = row.optional_int64(4);
    user.disabled = !row.is_null(5);
    return user;
}

constexpr const char* kUserColumns = "id, uuid, name, role, supervisor_id, disabled_at";

// The Argon2id string of a user's passphrase (at least 10 characters), or why not.
Result<std::string> hash_passphrase(std::string_view passphrase) {
    if (passphrase.size() < 10) {
        return fail(ErrorCode::Invalid,
                    show::marked("error", "a user's passphrase needs at least 10 characters"));
    }
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(
            hash, passphrase.data(), passphrase.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
        return fail(ErrorCode::Io,
                    show::marked("error", "not enough memory to protect the passphrase"));
    }
    std::string text(hash);
    sodium_memzero(hash, sizeof hash);
    return text;
}

Status refused(const std::string& what) {
    return fail(ErrorCode::Refused, what);
}

}  // namespace

Status People::audit(const std::string& action, std::int64_t user_id, const std::string& actor,
                     const std::string& detail) {
    records::AuditRow row;
    row.uuid = new_uuid();
    row.at = now_utc_iso();
    row.actor = actor;
    row.action = action;
    row.entity = "user";
    row.entity_id = user_id;
    if (!detail.empty()) {
        row.detail = detail;
    }
    return records::append_audit_entry(m_connection, std::move(row));
}

Result<bool> People::any_users() {
    auto count = m_connection.query_int64("SELECT count(*) FROM dyad_user");
    if (!count) {
        return std::unexpected(count.error());
    }
    return *count && **count > 0;
}

Result<std::vector<User>> People::users() {
    auto rows = m_connection.prepare(std::string("SELECT ") + kUserColumns +
                                     " FROM dyad_user ORDER BY name COLLATE NOCASE");
    if (!rows) {
        return std::unexpected(rows.error());
    }
    return db::collect_rows(*rows, read_user);
}

Result<User> People::add_user(const Session& by, std::string_view name, Role role,
                              std::string_view passphrase, bool practice_passphrase) {
    auto existing = any_users();
    if (!existing) {
        return std::unexpected(existing.error());
    }
    if (!*existing && role != Role::Owner) {
        return fail(ErrorCode::Invalid,
                    show::marked("error", "the first user of a practice is its owner"));
    }
    if (*existing && practice_passphrase) {
        return fail(
            ErrorCode::Invalid,
            show::marked("error",
                         "only a solo practice's one user signs in with the practice passphrase"));
    }
    auto shared = m_connection.prepare(
        "SELECT name FROM dyad_user WHERE practice_passphrase = 1 AND disabled_at IS NULL");
    if (!shared) {
        return std::unexpected(shared.error());
    }
    if (auto row = shared->step(); row && *row) {
        return fail(ErrorCode::Refused,
                    error_reason(show::marked("error",
                                              "{name} signs in with the practice passphrase, which "
                                              "everyone who opens the practice knows: give {name} "
                                              "a passphrase of their own first"))
                        .with("name", shared->text(0)));
    }
    shared->reset();
    if (*existing && !by.may(Permission::ManageUsers)) {
        return fail(ErrorCode::Refused, show::marked("error", "only an owner may add users"));
    }
    std::string trimmed(name);
    while (!trimmed.empty() && trimmed.back() == ' ') {
        trimmed.pop_back();
    }
    if (trimmed.empty() || trimmed.size() > 100) {
        return fail(ErrorCode::Invalid,
                    show::marked("error", "a user's name is 1 to 100 characters"));
    }
    auto hashed = hash_passphrase(passphrase);
    if (!hashed) {
        return std::unexpected(hashed.error());
    }
    auto transaction = db::Transaction::begin(m_connection);
    if (!transaction) {
        return std::unexpected(transaction.error());
    }
    User user;
    user.id = new_record_id();
    user.uuid = new_uuid();
    user.name = trimmed;
    user.role = role;
    auto insert = m_connection.prepare(
        "INSERT INTO dyad_user (id, uuid, name, role, passphrase_hash, created_at, "
        "practice_passphrase) VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!insert) {
        return std::unexpected(insert.error());
    }
    insert->bind(1, user.id)
        .bind(2, user.uuid)
        .bind(3, user.name)
        .bind(4, std::string(role_info(role).id))
        .bind(5, *hashed)
        .bind(6, now_utc_iso())
        .bind(7, practice_passphrase ? 1 : 0);
    if (auto inserted = insert->run(); !inserted) {
        if (inserted.error().code == ErrorCode::Conflict) {
            return fail(ErrorCode::Conflict,
                        error_reason(show::marked("error", "a user called {name} already exists"))
                            .with("name", user.name));
        }
        return std::unexpected(inserted.error());
    }
    DYAD_TRY(audit("create", user.id, by.actor(),
                   std::string("role ") + std::string(role_info(role).id)));
    DYAD_TRY(transaction->commit());
    return user;
}

Result<Session> People::sign_in(std::string_view name, std::string_view passphrase) {
    auto row = m_connection.prepare("SELECT " + std::string(kUserColumns) +
                                    ", passphrase_hash FROM dyad_user WHERE name = ?1");
    if (!row) {
        return std::unexpected(row.error());
    }
    row->bind(1, std::string(name));
    auto found = row->step();
    if (!found) {
        return std::unexpected(found.error());
    }
    if (!*found) {
        // The same cost and words as a wrong passphrase: no telling which names exist.
        char dummy[crypto_pwhash_STRBYTES];
        if (crypto_pwhash_str_alg(dummy, "x", 1, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                  crypto_pwhash_MEMLIMIT_INTERACTIVE,
                                  crypto_pwhash_ALG_ARGON2ID13) != 0) {
            return fail(ErrorCode::Io,
                        show::marked("error", "not enough memory to check a passphrase"));
        }
        (void)audit("sign-in-refused", 0, "nobody", "unknown name");
        return refused_session();
    }
    User user = read_user(*row);
    std::string hash = row->text(6);
    row->reset();
    bool matches =
        crypto_pwhash_str_verify(hash.c_str(), passphrase.data(), passphrase.size()) == 0;
    if (!matches) {
        (void)audit("sign-in-refused", user.id, user.name, "wrong passphrase");
        return refused_session();
    }
    if (user.disabled) {
        (void)audit("sign-in-refused", user.id, user.name, "disabled");
        return fail(ErrorCode::Refused,
                    show::marked("error", "this user is disabled; ask the practice's owner"));
    }
    DYAD_TRY(audit("sign-in", user.id, user.name, ""));
    return Session{user.id, user.name, user.role};
}

Result<std::optional<Session>> People::sign_in_solo(std::string_view practice_passphrase) {
    auto rows = m_connection.prepare("SELECT " + std::string(kUserColumns) +
                                     ", passphrase_hash, practice_passphrase FROM dyad_user "
                                     "WHERE disabled_at IS NULL LIMIT 2");
    if (!rows) {
        return std::unexpected(rows.error());
    }
    auto first = rows->step();
    if (!first) {
        return std::unexpected(first.error());
    }
    if (!*first) {
        return std::optional<Session>();
    }
    User user = read_user(*rows);
    std::string hash = rows->text(6);
    bool chosen = rows->int64(7) == 1;
    auto second = rows->step();
    if (!second) {
        return std::unexpected(second.error());
    }
    rows->reset();
    if (*second || !chosen || practice_passphrase.empty() ||
        crypto_pwhash_str_verify(hash.c_str(), practice_passphrase.data(),
                                 practice_passphrase.size()) != 0) {
        return std::optional<Session>();  // Not a solo practice, or another passphrase: ask.
    }
    DYAD_TRY(audit("sign-in", user.id, user.name, "with the practice passphrase"));
    return std::optional<Session>(Session{user.id, user.name, user.role});
}

Status People::set_passphrase(const Session& by, std::int64_t user_id,
                              std::string_view passphrase) {
    if (by.user_id != user_id && !by.may(Permission::ManageUsers)) {
        return refused(
            show::marked("error", "only the user or an owner may change a user's passphrase"));
    }
    auto hashed = hash_passphrase(passphrase);
    if (!hashed) {
        return std::unexpected(hashed.error());
    }
    auto transaction = db::Transaction::begin(m_connection);
    if (!transaction) {
        return std::unexpected(transaction.error());
    }
    auto update = m_connection.prepare(
        "UPDATE dyad_user SET passphrase_hash = ?, practice_passphrase = 0 WHERE id = ?");
    if (!update) {
        return std::unexpected(update.error());
    }
    update->bind(1, *hashed).bind(2, user_id);
    DYAD_TRY(update->run());
    if (m_connection.changes() == 0) {
        return fail(ErrorCode::NotFound, show::marked("error", "there is no such user"));
    }
    DYAD_TRY(audit("update", user_id, by.actor(), "passphrase"));
    return transaction->commit();
}

Result<Session> People::refused_session() {
    return fail(ErrorCode::Refused, show::marked("error", "wrong name or passphrase"));
}

Status People::set_supervisor(const Session& by, std::int64_t user_id,
                              std::optional<std::int64_t> supervisor_id) {
    if (!by.may(Permission::ManageUsers)) {
        return refused(show::marked("error", "only an owner may change who supervises whom"));
    }
    auto transaction = db::Transaction::begin(m_connection);
    if (!transaction) {
        return std::unexpected(transaction.error());
    }
    auto update = m_connection.prepare("UPDATE dyad_user SET supervisor_id = ? WHERE id = ?");
    if (!update) {
        return std::unexpected(update.error());
    }
    DYAD_TRY(update->bind(1, supervisor_id).bind(2, user_id).run());
    DYAD_TRY(audit("update", user_id, by.actor(), "supervisor"));
    return transaction->commit();
}

Status People::assign_unit(const Session& by, std::int64_t user_id, std::int64_t unit_id) {
    if (!by.may(Permission::ManageUsers)) {
        return refused(show::marked("error", "only an owner may change caseloads"));
    }
    auto transaction = db::Transaction::begin(m_connection);
    if (!transaction) {
        return std::unexpected(transaction.error());
    }
    auto insert = m_connection.prepare(
        "INSERT OR IGNORE INTO dyad_caseload (id, user_id, unit_id) VALUES (?, ?, ?)");
    if (!insert) {
        return std::unexpected(insert.error());
    }
    DYAD_TRY(insert->bind(1, new_record_id()).bind(2, user_id).bind(3, unit_id).run());
    DYAD_TRY(audit("update", user_id, by.actor(), "caseload +unit " + std::to_string(unit_id)));
    return transaction->commit();
}

Status People::unassign_unit(const Session& by, std::int64_t user_id, std::int64_t unit_id) {
    if (!by.may(Permission::ManageUsers)) {
        return refused(show::marked("error", "only an owner may change caseloads"));
    }
    auto transaction = db::Transaction::begin(m_connection);
    if (!transaction) {
        return std::unexpected(transaction.error());
    }
    auto remove =
        m_connection.prepare("DELETE FROM dyad_caseload WHERE user_id = ? AND unit_id = ?");
    if (!remove) {
        return std::unexpected(remove.error());
    }
    DYAD_TRY(remove->bind(1, user_id).bind(2, unit_id).run());
    DYAD_TRY(audit("update", user_id, by.actor(), "caseload -unit " + std::to_string(unit_id)));
    return transaction->commit();
}

Result<std::vector<std::int64_t>> People::caseload(std::int64_t user_id) {
    auto rows = m_connection.prepare(
        "SELECT unit_id FROM dyad_caseload WHERE user_id = ? ORDER BY unit_id");
    if (!rows) {
        return std::unexpected(rows.error());
    }
    rows->bind(1, user_id);
    return db::collect_rows(*rows, [](db::Statement& row) { return row.int64(0); });
}

Result<bool> People::may_see_unit(const Session& session, std::int64_t unit_id) {
    switch (role_info(session.role).scope) {
        case UnitScope::All:
            return true;
        case UnitScope::Caseload: {
            auto mine = m_connection.cached(
                "SELECT 1 FROM dyad_caseload WHERE user_id = ?1 AND unit_id = ?2");
            if (!mine) {
                return std::unexpected(mine.error());
            }
            mine->bind(1, session.user_id).bind(2, unit_id);
            return mine->step();
        }
        case UnitScope::CaseloadAndSupervisees: {
            auto reach = m_connection.cached(
                "SELECT 1 FROM dyad_caseload c JOIN dyad_user u ON u.id = c.user_id "
                "WHERE c.unit_id = ?2 AND (u.id = ?1 OR u.supervisor_id = ?1)");
            if (!reach) {
                return std::unexpected(reach.error());
            }
            reach->bind(1, session.user_id).bind(2, unit_id);
            return reach->step();
        }
    }
    return false;
}

}  // namespace dyad::people
