#include "schema.h"

namespace dyad::records_plugin {
namespace {

constexpr const char* kVersion1 = R"sql(
CREATE TABLE records_note (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    unit_id INTEGER NOT NULL REFERENCES dyad_unit (id),
    template_id TEXT NOT NULL,
    template_version INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('progress', 'psychotherapy')),
    session_date TEXT NOT NULL CHECK (date(session_date) = session_date),
    status TEXT NOT NULL CHECK (status IN ('draft', 'signed')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    signed_at TEXT,
    signed_by TEXT
) STRICT;
CREATE INDEX records_note_unit ON records_note (unit_id, session_date);

CREATE TABLE records_note_section (
    note_id INTEGER NOT NULL REFERENCES records_note (id) ON DELETE CASCADE,
    section_key TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (note_id, section_key)
) STRICT, WITHOUT ROWID;

CREATE TABLE records_note_participant (
    note_id INTEGER NOT NULL REFERENCES records_note (id) ON DELETE CASCADE,
    client_id INTEGER NOT NULL REFERENCES dyad_client (id),
    PRIMARY KEY (note_id, client_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE records_note_amendment (
    id INTEGER PRIMARY KEY,
    note_id INTEGER NOT NULL REFERENCES records_note (id),
    position INTEGER NOT NULL CHECK (position > 0),
    created_at TEXT NOT NULL,
    author TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    body TEXT NOT NULL CHECK (length(trim(body)) > 0)
) STRICT;
CREATE UNIQUE INDEX records_note_amendment_order ON records_note_amendment (note_id, position);

-- Search index over note text; kept up to date by the code (FTS5 cannot be written from a
-- trigger under trusted_schema=OFF).
CREATE VIRTUAL TABLE records_note_search USING fts5 (body, tokenize = 'unicode61');

CREATE TRIGGER records_signed_note_locked BEFORE UPDATE ON records_note
WHEN old.status = 'signed'
BEGIN SELECT RAISE(ABORT, 'a signed note cannot be changed; add an amendment'); END;
CREATE TRIGGER records_signed_note_kept BEFORE DELETE ON records_note
WHEN old.status = 'signed'
BEGIN SELECT RAISE(ABORT, 'a signed note cannot be deleted'); END;
CREATE TRIGGER records_signed_section_locked BEFORE UPDATE ON records_note_section
WHEN (SELECT status FROM records_note WHERE id = old.note_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'a signed note cannot be changed; add an amendment'); END;
CREATE TRIGGER records_signed_section_added BEFORE INSERT ON records_note_section
WHEN (SELECT status FROM records_note WHERE id = new.note_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'a signed note cannot be changed; add an amendment'); END;
CREATE TRIGGER records_amendment_kept BEFORE UPDATE ON records_note_amendment
BEGIN SELECT RAISE(ABORT, 'an amendment cannot be changed'); END;
CREATE TRIGGER records_amendment_on_signed BEFORE INSERT ON records_note_amendment
WHEN (SELECT status FROM records_note WHERE id = new.note_id) <> 'signed'
BEGIN SELECT RAISE(ABORT, 'only a signed note takes amendments; edit the draft instead'); END;
)sql";

// What the core client record does not hold: emergency contact, referral source and the
// per-partner consent flags couples work needs.
constexpr const char* kVersion2 = R"sql(
CREATE TABLE records_client_detail (
    client_id INTEGER PRIMARY KEY REFERENCES dyad_client (id),
    emergency_name TEXT NOT NULL DEFAULT '',
    emergency_relation TEXT NOT NULL DEFAULT '',
    emergency_phone TEXT NOT NULL DEFAULT '',
    referral_source TEXT NOT NULL DEFAULT '',
    may_contact INTEGER NOT NULL DEFAULT 1 CHECK (may_contact IN (0, 1)),
    may_share_with_partner INTEGER NOT NULL DEFAULT 0 CHECK (may_share_with_partner IN (0, 1)),
    updated_at TEXT NOT NULL
) STRICT;
)sql";

// Treatment plans per unit: problems, their goals, the goals' objectives.
constexpr const char* kVersion3 = R"sql(
CREATE TABLE records_plan (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    unit_id INTEGER NOT NULL REFERENCES dyad_unit (id),
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    template_id TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('active', 'completed', 'discontinued')),
    review_date TEXT CHECK (review_date IS NULL OR date(review_date) = review_date),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX records_plan_unit ON records_plan (unit_id);

CREATE TABLE records_plan_item (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES records_plan (id) ON DELETE CASCADE,
    parent_id INTEGER REFERENCES records_plan_item (id) ON DELETE CASCADE,
    level TEXT NOT NULL CHECK (level IN ('problem', 'goal', 'objective')),
    text TEXT NOT NULL CHECK (length(trim(text)) > 0),
    target_date TEXT CHECK (target_date IS NULL OR date(target_date) = target_date),
    status TEXT NOT NULL CHECK (status IN ('open', 'met', 'partly_met', 'not_met', 'discontinued')),
    position INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX records_plan_item_plan ON records_plan_item (plan_id, position);
)sql";

// Recurring series: which core appointments belong together.
constexpr const char* kVersion4 = R"sql(
CREATE TABLE records_series (
    id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES dyad_unit (id),
    repeat TEXT NOT NULL CHECK (repeat IN ('weekly', 'biweekly')),
    created_at TEXT NOT NULL
) STRICT;
CREATE TABLE records_series_appointment (
    series_id INTEGER NOT NULL REFERENCES records_series (id) ON DELETE CASCADE,
    appointment_id INTEGER NOT NULL UNIQUE REFERENCES dyad_appointment (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (series_id, position)
) STRICT, WITHOUT ROWID;
)sql";

// Diagnoses per unit or member; a couple-session note shared into a partner's own chart.
constexpr const char* kVersion5 = R"sql(
CREATE TABLE records_diagnosis (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    unit_id INTEGER NOT NULL REFERENCES dyad_unit (id),
    client_id INTEGER REFERENCES dyad_client (id),
    code TEXT NOT NULL CHECK (length(code) BETWEEN 3 AND 8),
    description TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('active', 'resolved', 'entered_in_error')),
    onset_date TEXT CHECK (onset_date IS NULL OR date(onset_date) = onset_date),
    noted_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX records_diagnosis_unit ON records_diagnosis (unit_id);

CREATE TABLE records_note_share (
    note_id INTEGER NOT NULL REFERENCES records_note (id),
    client_id INTEGER NOT NULL REFERENCES dyad_client (id),
    shared_at TEXT NOT NULL,
    shared_by TEXT NOT NULL,
    PRIMARY KEY (note_id, client_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX records_note_share_client ON records_note_share (client_id);
CREATE TRIGGER records_note_share_kept BEFORE DELETE ON records_note_share
BEGIN SELECT RAISE(ABORT, 'a shared note stays shared; the share is part of the record'); END;
)sql";

// Search newest first without sorting every match: a note's search-index rowid puts its session
// day in the high 32 bits (days since 1970) and the low 32 bits of its id below, so FTS5 walks
// matches in rowid order, newest session first, and stops at the limit. A plain ORDER BY
// session_date over 150,000 matches of a common word took ~200 ms; this takes milliseconds.
constexpr const char* kVersion6 = R"sql(
ALTER TABLE records_note ADD COLUMN search_rowid INTEGER;
DROP TRIGGER records_signed_note_locked;
UPDATE records_note SET search_rowid =
    (CAST(julianday(session_date) - 2440587.5 AS INTEGER) << 32) | (id & 4294967295);
CREATE TRIGGER records_signed_note_locked BEFORE UPDATE ON records_note
WHEN old.status = 'signed'
BEGIN SELECT RAISE(ABORT, 'a signed note cannot be changed; add an amendment'); END;
CREATE UNIQUE INDEX records_note_by_search_rowid ON records_note (search_rowid);
DELETE FROM records_note_search;
INSERT INTO records_note_search (rowid, body)
SELECT n.search_rowid,
       ifnull((SELECT group_concat(body, char(10)) FROM records_note_section
               WHERE note_id = n.id), '') || char(10) ||
       ifnull((SELECT group_concat(reason || char(10) || body, char(10))
               FROM records_note_amendment WHERE note_id = n.id), '')
FROM records_note n;
)sql";

// The words of the notes, so a search for a prefix ("partn") becomes an OR of the whole words
// it stands for ("partner" OR "partners"), which FTS5 streams newest first; a prefix query
// proper gathers every match of every such word first (about 100 ms for a word in every note
// of a million). Filled as notes are indexed. (The index's own vocabulary, fts5vocab, is not
// open to plugins, so notes indexed before this version are found by the slower prefix query,
// which the search falls back to whenever the words give fewer hits than asked for.)
constexpr const char* kVersion7 = R"sql(
CREATE TABLE records_note_term (term TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;
)sql";

// A series' appointments keyed by the appointment (each belongs to at most one series), in a
// rowid table. The WITHOUT ROWID table of version 4 had its primary key out of column order,
// and SQLite 3.40-3.41's integrity_check then reports a false "NULL value in
// records_series_appointment.appointment_id" for every row, so `db check` called a healthy
// practice damaged and restore refused its backups. A new name rather than ALTER TABLE RENAME:
// renaming runs SQLite's own schema rewriting, which a plugin's confined migration cannot do.
constexpr const char* kVersion8 = R"sql(
CREATE TABLE records_series_member (
    appointment_id INTEGER PRIMARY KEY REFERENCES dyad_appointment (id),
    series_id INTEGER NOT NULL REFERENCES records_series (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    UNIQUE (series_id, position)
) STRICT;
INSERT INTO records_series_member (appointment_id, series_id, position)
SELECT appointment_id, series_id, position FROM records_series_appointment;
DROP TABLE records_series_appointment;
)sql";

// Imports that can be resumed: each client row and unit of an import is marked before the host
// writes it (written_id NULL) and gets the id after, so running the same file again finishes an
// import a kill or a full disk stopped, without writing any row twice.
constexpr const char* kVersion9 = R"sql(
CREATE TABLE records_import (
    id INTEGER PRIMARY KEY,
    digest TEXT NOT NULL,
    rows INTEGER NOT NULL CHECK (rows >= 0),
    started_at TEXT NOT NULL,
    finished_at TEXT,
    outcome TEXT CHECK (outcome IS NULL OR outcome IN ('done', 'cancelled'))
) STRICT;
CREATE INDEX records_import_unfinished ON records_import (digest) WHERE finished_at IS NULL;
CREATE TABLE records_import_client (
    import_id INTEGER NOT NULL REFERENCES records_import (id) ON DELETE CASCADE,
    key INTEGER NOT NULL,
    written_id INTEGER REFERENCES dyad_client (id),
    PRIMARY KEY (import_id, key)
) STRICT;
CREATE INDEX records_import_client_written ON records_import_client (written_id);
CREATE TABLE records_import_unit (
    import_id INTEGER NOT NULL REFERENCES records_import (id) ON DELETE CASCADE,
    key INTEGER NOT NULL,
    written_id INTEGER REFERENCES dyad_unit (id),
    PRIMARY KEY (import_id, key)
) STRICT;
CREATE INDEX records_import_unit_written ON records_import_unit (written_id);
)sql";

// A supervisor's co-signature of a signed note (issue 15): who and when, one per note, kept
// for good like the note itself. Its own table because a signed note's row is locked.
constexpr const char* kVersion10 = R"sql(
CREATE TABLE records_note_cosign (
    note_id INTEGER PRIMARY KEY REFERENCES records_note (id),
    cosigned_by TEXT NOT NULL CHECK (length(cosigned_by) > 0),
    cosigned_at TEXT NOT NULL
) STRICT;
CREATE TRIGGER records_note_cosign_signed BEFORE INSERT ON records_note_cosign
WHEN (SELECT status FROM records_note WHERE id = new.note_id) IS NOT 'signed'
BEGIN SELECT RAISE(ABORT, 'only a signed note can be co-signed'); END;
CREATE TRIGGER records_note_cosign_kept BEFORE UPDATE ON records_note_cosign
BEGIN SELECT RAISE(ABORT, 'a co-signature cannot be changed'); END;
CREATE TRIGGER records_note_cosign_kept_delete BEFORE DELETE ON records_note_cosign
BEGIN SELECT RAISE(ABORT, 'a co-signature cannot be deleted'); END;
)sql";

// The Home card's "notes to sign" (count and oldest of the drafts) without reading every note:
// drafts are few, so a partial index holds only them (issue 19's cold-start profile: the scan
// was 356 ms of a 1,000,000-note practice's start; through this index 0.5 ms).
constexpr const char* kVersion11 = R"sql(
CREATE INDEX records_note_drafts ON records_note (session_date) WHERE status = 'draft';
)sql";

const dyad_migration kMigrations[] = {{1, kVersion1},   {2, kVersion2},  {3, kVersion3},
                                      {4, kVersion4},   {5, kVersion5},  {6, kVersion6},
                                      {7, kVersion7},   {8, kVersion8},  {9, kVersion9},
                                      {10, kVersion10}, {11, kVersion11}};
const dyad_schema_v1 kSchema = {sizeof(dyad_schema_v1), "records", kMigrations, 11};

}  // namespace

const dyad_schema_v1* records_schema() {
    return &kSchema;
}

}  // namespace dyad::records_plugin
