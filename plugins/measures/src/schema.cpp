#include "schema.h"

namespace dyad::measures {
namespace {

// Cadences per unit; administrations with their raw answers, the instrument and scoring
// versions and the cut-off used (append-only: a mistaken one is voided, never changed);
// safety flags for the therapist alone; the practice's licence attestations for
// bring-your-own instruments, bound to the items it typed in.
constexpr const char* kVersion1 = R"sql(
CREATE TABLE measures_cadence (
    id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES dyad_unit (id),
    instrument_id TEXT NOT NULL CHECK (length(instrument_id) BETWEEN 1 AND 40),
    respondent_id INTEGER REFERENCES dyad_client (id),
    every_sessions INTEGER CHECK (every_sessions BETWEEN 1 AND 52),
    every_days INTEGER CHECK (every_days BETWEEN 1 AND 366),
    created_at TEXT NOT NULL,
    CHECK ((every_sessions IS NULL) <> (every_days IS NULL))
) STRICT;
CREATE UNIQUE INDEX measures_cadence_one
    ON measures_cadence (unit_id, instrument_id, ifnull(respondent_id, 0));

CREATE TABLE measures_administration (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    unit_id INTEGER NOT NULL REFERENCES dyad_unit (id),
    client_id INTEGER NOT NULL REFERENCES dyad_client (id),
    appointment_id INTEGER REFERENCES dyad_appointment (id),
    instrument_id TEXT NOT NULL,
    instrument_version INTEGER NOT NULL CHECK (instrument_version > 0),
    scoring_version INTEGER NOT NULL CHECK (scoring_version > 0),
    items_sha256 TEXT NOT NULL CHECK (length(items_sha256) = 64),
    answers TEXT NOT NULL CHECK (answers LIKE '[%]'),
    total REAL NOT NULL,
    subscales TEXT NOT NULL DEFAULT '{}' CHECK (subscales LIKE '{%}'),
    band TEXT NOT NULL DEFAULT '',
    cutoff REAL,
    distressed INTEGER NOT NULL CHECK (distressed IN (0, 1)),
    missing INTEGER NOT NULL CHECK (missing >= 0),
    prorated INTEGER NOT NULL CHECK (prorated IN (0, 1)),
    mode TEXT NOT NULL CHECK (mode IN ('client_view', 'entered')),
    administered_on TEXT NOT NULL CHECK (date(administered_on) = administered_on),
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL
) STRICT;
CREATE INDEX measures_administration_unit
    ON measures_administration (unit_id, instrument_id, administered_on);
CREATE INDEX measures_administration_appointment
    ON measures_administration (appointment_id) WHERE appointment_id IS NOT NULL;
CREATE TRIGGER measures_administration_kept_update BEFORE UPDATE ON measures_administration
BEGIN SELECT RAISE(ABORT, 'an administration is never changed: void it and record it again'); END;
CREATE TRIGGER measures_administration_kept_delete BEFORE DELETE ON measures_administration
BEGIN SELECT RAISE(ABORT, 'an administration is never deleted: void it'); END;

CREATE TABLE measures_void (
    administration_id INTEGER PRIMARY KEY REFERENCES measures_administration (id),
    reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    voided_at TEXT NOT NULL,
    voided_by TEXT NOT NULL
) STRICT;

CREATE TABLE measures_flag (
    id INTEGER PRIMARY KEY,
    administration_id INTEGER NOT NULL REFERENCES measures_administration (id),
    unit_id INTEGER NOT NULL REFERENCES dyad_unit (id),
    client_id INTEGER NOT NULL REFERENCES dyad_client (id),
    text TEXT NOT NULL CHECK (length(trim(text)) > 0),
    raised_at TEXT NOT NULL,
    reviewed_at TEXT,
    reviewed_by TEXT NOT NULL DEFAULT '',
    review_note TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX measures_flag_open ON measures_flag (unit_id) WHERE reviewed_at IS NULL;

CREATE TABLE measures_attestation (
    instrument_id TEXT NOT NULL,
    items_sha256 TEXT NOT NULL CHECK (length(items_sha256) = 64),
    statement TEXT NOT NULL,
    accepted_by TEXT NOT NULL,
    accepted_at TEXT NOT NULL,
    PRIMARY KEY (instrument_id, items_sha256)
) STRICT;
)sql";

const dyad_migration kMigrations[] = {{1, kVersion1}};
const dyad_schema_v1 kSchema = {sizeof(dyad_schema_v1), "measures", kMigrations, 1};

}  // namespace

const dyad_schema_v1* measures_schema() {
    return &kSchema;
}

}  // namespace dyad::measures
