#include "records/core_schema.h"

namespace dyad::records {
namespace {

// Ids are random 64-bit integers (never AUTOINCREMENT): copies of a practice merge without
// collisions. Exportable records carry a UUID. Times are UTC ISO-8601 text.
constexpr const char* kVersion1 = R"sql(
CREATE TABLE dyad_practice (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE dyad_practitioner (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL CHECK (length(trim(full_name)) > 0),
    credentials TEXT,
    email TEXT,
    role TEXT NOT NULL CHECK (role IN ('owner', 'clinician', 'admin', 'supervisor')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    archived_at TEXT
) STRICT;

CREATE TABLE dyad_client (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    given_name TEXT NOT NULL CHECK (length(trim(given_name)) > 0),
    family_name TEXT NOT NULL CHECK (length(trim(family_name)) > 0),
    preferred_name TEXT,
    pronouns TEXT,
    date_of_birth TEXT CHECK (date_of_birth IS NULL OR date(date_of_birth) = date_of_birth),
    email TEXT,
    phone TEXT,
    status TEXT NOT NULL CHECK (status IN ('active', 'waitlist', 'discharged')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    archived_at TEXT
) STRICT;
CREATE INDEX dyad_client_names ON dyad_client (family_name COLLATE NOCASE, given_name COLLATE NOCASE);

CREATE TABLE dyad_unit (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('individual', 'couple', 'family', 'group')),
    display_name TEXT NOT NULL CHECK (length(trim(display_name)) > 0),
    status TEXT NOT NULL CHECK (status IN ('active', 'waitlist', 'discharged')),
    practitioner_id INTEGER REFERENCES dyad_practitioner (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    archived_at TEXT
) STRICT;
CREATE INDEX dyad_unit_status_name ON dyad_unit (status, display_name COLLATE NOCASE);

CREATE TABLE dyad_unit_member (
    unit_id INTEGER NOT NULL REFERENCES dyad_unit (id) ON DELETE CASCADE,
    client_id INTEGER NOT NULL REFERENCES dyad_client (id),
    role TEXT NOT NULL CHECK (role IN ('self', 'partner', 'parent', 'child', 'member')),
    joined_at TEXT NOT NULL,
    PRIMARY KEY (unit_id, client_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX dyad_unit_member_client ON dyad_unit_member (client_id);

CREATE TABLE dyad_appointment (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    unit_id INTEGER NOT NULL REFERENCES dyad_unit (id),
    practitioner_id INTEGER REFERENCES dyad_practitioner (id),
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL CHECK (ends_at > starts_at),
    session_type TEXT NOT NULL CHECK (session_type IN ('individual', 'couple', 'family', 'group', 'intake')),
    location TEXT,
    telehealth INTEGER NOT NULL DEFAULT 0 CHECK (telehealth IN (0, 1)),
    status TEXT NOT NULL CHECK (status IN ('scheduled', 'attended', 'cancelled', 'no_show')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX dyad_appointment_time ON dyad_appointment (starts_at);
CREATE INDEX dyad_appointment_unit ON dyad_appointment (unit_id, starts_at);

-- Append-only: who did what to which record, never what the record says.
CREATE TABLE dyad_audit (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'view', 'export', 'purge', 'restore', 'backup')),
    entity TEXT NOT NULL,
    entity_id INTEGER,
    detail TEXT
) STRICT;
CREATE INDEX dyad_audit_entity ON dyad_audit (entity, entity_id);
CREATE TRIGGER dyad_audit_no_update BEFORE UPDATE ON dyad_audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER dyad_audit_no_delete BEFORE DELETE ON dyad_audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

CREATE TABLE host_plugin_state (
    plugin_id TEXT PRIMARY KEY,
    enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    updated_at TEXT NOT NULL
) STRICT;

-- A row exists while a plugin library is being loaded; one left over at start-up means the
-- host crashed during that load.
CREATE TABLE host_plugin_loading (
    path TEXT PRIMARY KEY,
    started_at TEXT NOT NULL
) STRICT;

CREATE TABLE host_plugin_quarantine (
    path TEXT PRIMARY KEY,
    plugin_id TEXT,
    reason TEXT NOT NULL,
    since TEXT NOT NULL
) STRICT;

-- Which plugin owns a table prefix in this practice, so a different plugin can never inherit
-- another's tables by choosing the same prefix.
CREATE TABLE host_plugin_prefix (
    prefix TEXT PRIMARY KEY,
    plugin_id TEXT NOT NULL
) STRICT;

CREATE TABLE host_plugin_setting (
    plugin_id TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (plugin_id, key)
) STRICT, WITHOUT ROWID;

CREATE VIEW core_practitioner AS
    SELECT id, uuid, full_name, credentials, role FROM dyad_practitioner WHERE archived_at IS NULL;
CREATE VIEW core_client AS
    SELECT id, uuid, given_name, family_name, preferred_name, pronouns, date_of_birth, email,
           phone, status FROM dyad_client WHERE archived_at IS NULL;
CREATE VIEW core_unit AS
    SELECT id, uuid, kind, display_name, status, practitioner_id FROM dyad_unit
    WHERE archived_at IS NULL;
CREATE VIEW core_unit_member AS
    SELECT unit_id, client_id, role FROM dyad_unit_member;
CREATE VIEW core_appointment AS
    SELECT id, uuid, unit_id, practitioner_id, starts_at, ends_at, session_type, location,
           telehealth, status FROM dyad_appointment;
)sql";

// Indexes for a caseload of 100,000 clients: name-prefix search on given names and unit names
// (family names are the first column of dyad_client_names), and the list's order: partial
// indexes of live (not archived) units, so paging deep into a list walks an index alone.
constexpr const char* kVersion2 = R"sql(
CREATE INDEX dyad_client_given ON dyad_client (given_name COLLATE NOCASE);
CREATE INDEX dyad_unit_live_name ON dyad_unit (display_name COLLATE NOCASE)
    WHERE archived_at IS NULL;
CREATE INDEX dyad_unit_live_status_name ON dyad_unit (status, display_name COLLATE NOCASE)
    WHERE archived_at IS NULL;
)sql";

// The audit log's own order: ids are random and times have one-second resolution, so entries
// written in the same second had no order. seq counts up from the first entry written after
// this migration.
constexpr const char* kVersion3 = R"sql(
ALTER TABLE dyad_audit ADD COLUMN seq INTEGER;
CREATE UNIQUE INDEX dyad_audit_seq ON dyad_audit (seq);
)sql";

// The search box finds clients by email and phone prefix too.
constexpr const char* kVersion4 = R"sql(
CREATE INDEX dyad_client_email ON dyad_client (email COLLATE NOCASE);
CREATE INDEX dyad_client_phone ON dyad_client (phone COLLATE NOCASE);
)sql";

// Plugin load marks moved out of the database into per-process files (plugins/load_marks.h): a
// row here was shared by every process and could not be cleared on a full disk.
constexpr const char* kVersion5 = R"sql(
DROP TABLE host_plugin_loading;
)sql";

// The audit trail's hash chain (docs/audit-chain.md): each entry's hash; a NULL seq or hash
// (entries from before) may be set once, when the host chains them; nothing else changes.
constexpr const char* kVersion6 = R"sql(
ALTER TABLE dyad_audit ADD COLUMN hash TEXT;
DROP TRIGGER dyad_audit_no_update;
CREATE TRIGGER dyad_audit_no_update BEFORE UPDATE ON dyad_audit
WHEN OLD.hash IS NOT NULL OR (OLD.seq IS NOT NULL AND NEW.seq IS NOT OLD.seq)
    OR NEW.id IS NOT OLD.id OR NEW.uuid IS NOT OLD.uuid OR NEW.at IS NOT OLD.at
    OR NEW.actor IS NOT OLD.actor OR NEW.action IS NOT OLD.action OR NEW.entity IS NOT OLD.entity
    OR NEW.entity_id IS NOT OLD.entity_id OR NEW.detail IS NOT OLD.detail
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql";

// People (issue 15): the practice's users with a role and an Argon2id passphrase hash (never
// the passphrase), each therapist's caseload, and the audit actions of people and trust. The
// audit table is rebuilt for its wider CHECK; its rows, seq and hashes are copied as they are.
constexpr const char* kVersion7 = R"sql(
CREATE TABLE dyad_user (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) BETWEEN 1 AND 100),
    role TEXT NOT NULL CHECK (role IN ('owner', 'therapist', 'supervisor', 'biller', 'front_desk')),
    passphrase_hash TEXT NOT NULL CHECK (passphrase_hash LIKE '$argon2id$%'),
    supervisor_id INTEGER REFERENCES dyad_user (id),
    created_at TEXT NOT NULL,
    disabled_at TEXT
) STRICT;
CREATE TABLE dyad_caseload (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES dyad_user (id),
    unit_id INTEGER NOT NULL REFERENCES dyad_unit (id),
    UNIQUE (user_id, unit_id)
) STRICT;
CREATE INDEX dyad_caseload_unit ON dyad_caseload (unit_id);
ALTER TABLE dyad_audit RENAME TO dyad_audit_v6;
CREATE TABLE dyad_audit (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'view', 'export',
        'purge', 'restore', 'backup', 'sign-in', 'sign-in-refused', 'sign-out', 'lock',
        'unlock', 'co-sign', 'disclose', 'trust')),
    entity TEXT NOT NULL,
    entity_id INTEGER,
    detail TEXT,
    seq INTEGER,
    hash TEXT
) STRICT;
INSERT INTO dyad_audit (id, uuid, at, actor, action, entity, entity_id, detail, seq, hash)
    SELECT id, uuid, at, actor, action, entity, entity_id, detail, seq, hash FROM dyad_audit_v6;
DROP TABLE dyad_audit_v6;
CREATE INDEX dyad_audit_entity ON dyad_audit (entity, entity_id);
CREATE UNIQUE INDEX dyad_audit_seq ON dyad_audit (seq);
CREATE TRIGGER dyad_audit_no_update BEFORE UPDATE ON dyad_audit
WHEN OLD.hash IS NOT NULL OR (OLD.seq IS NOT NULL AND NEW.seq IS NOT OLD.seq)
    OR NEW.id IS NOT OLD.id OR NEW.uuid IS NOT OLD.uuid OR NEW.at IS NOT OLD.at
    OR NEW.actor IS NOT OLD.actor OR NEW.action IS NOT OLD.action OR NEW.entity IS NOT OLD.entity
    OR NEW.entity_id IS NOT OLD.entity_id OR NEW.detail IS NOT OLD.detail
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER dyad_audit_no_delete BEFORE DELETE ON dyad_audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql";

// Trusted plugins (issue 15): the hash of a user-folder plugin's file when an owner enabled
// it; a file that no longer has that hash is refused before any of its code runs.
constexpr const char* kVersion8 = R"sql(
CREATE TABLE host_plugin_trust (
    path TEXT PRIMARY KEY,
    file_hash TEXT NOT NULL CHECK (length(file_hash) = 64),
    trusted_at TEXT NOT NULL,
    trusted_by TEXT NOT NULL
) STRICT;
)sql";

// A solo owner who signs in with the practice passphrase (issue 15): marked, so that the
// practice cannot gain a second user while the owner's passphrase is the one everyone who
// opens the practice knows.
constexpr const char* kVersion9 = R"sql(
ALTER TABLE dyad_user ADD COLUMN practice_passphrase INTEGER NOT NULL DEFAULT 0
    CHECK (practice_passphrase IN (0, 1));
)sql";

// Each member's consent (issue 22, SDK 1.1): may the practice contact them, and may what they
// tell the therapist alone be shared with their partner(s) in the unit. Contact defaults to
// yes (they gave their details to be reached), sharing to no: it is given, never assumed.
constexpr const char* kVersion10 = R"sql(
ALTER TABLE dyad_unit_member ADD COLUMN may_contact INTEGER NOT NULL DEFAULT 1
    CHECK (may_contact IN (0, 1));
ALTER TABLE dyad_unit_member ADD COLUMN may_share_with_partner INTEGER NOT NULL DEFAULT 0
    CHECK (may_share_with_partner IN (0, 1));
DROP VIEW core_unit_member;
CREATE VIEW core_unit_member AS
    SELECT unit_id, client_id, role, may_contact, may_share_with_partner FROM dyad_unit_member;
)sql";

// The client picker's name-prefix search (issue 19, p95 under 10 ms on 100,000 clients): each
// name arm reads the live clients matching it through these partial indexes, (family, given)
// and (given, family), and keeps only its first page in the list's order.
constexpr const char* kVersion11 = R"sql(
CREATE INDEX dyad_client_live_family ON dyad_client (family_name COLLATE NOCASE,
    given_name COLLATE NOCASE) WHERE archived_at IS NULL;
CREATE INDEX dyad_client_live_given ON dyad_client (given_name COLLATE NOCASE,
    family_name COLLATE NOCASE) WHERE archived_at IS NULL;
)sql";

}  // namespace

const std::vector<db::Migration>& core_migrations() {
    static const std::vector<db::Migration> migrations = {
        {1, kVersion1}, {2, kVersion2},   {3, kVersion3},  {4, kVersion4},
        {5, kVersion5}, {6, kVersion6},   {7, kVersion7},  {8, kVersion8},
        {9, kVersion9}, {10, kVersion10}, {11, kVersion11}};
    return migrations;
}

Result<db::MigrationReport> migrate_core(db::Connection& connection,
                                         const db::BeforeUpgrade& before_upgrade) {
    // Version 10 moves the consent the records plugin kept per client (records_client_detail,
    // before SDK 1.1) onto each of the client's memberships, in the migration's transaction:
    // the host owns the flags from here on and the plugin reads them in member info.
    auto execute = [](db::Connection& c, const db::Migration& migration) -> Status {
        DYAD_TRY(c.exec(migration.sql));
        if (migration.version != 10) {
            return ok();
        }
        auto kept = c.query_int64(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = "
            "'records_client_detail'");
        if (!kept) {
            return std::unexpected(kept.error());
        }
        if (kept->value_or(0) == 0) {
            return ok();
        }
        return c.exec(
            "UPDATE dyad_unit_member SET may_contact = d.may_contact, may_share_with_partner = "
            "d.may_share_with_partner FROM records_client_detail d WHERE d.client_id = "
            "dyad_unit_member.client_id");
    };
    return db::apply_migrations(connection, kCoreOwner, core_migrations(), execute, before_upgrade);
}

}  // namespace dyad::records
