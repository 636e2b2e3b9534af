#include "schema.h"

namespace dyad::bcr {
namespace {

// A frustration carries the whole process: its desire, rounds of three requests (a revision
// starts a new round), gifts (one active at a time; a renewal ends one and starts the next)
// and the check-ins of each gift.
constexpr const char* kVersion1 = R"sql(
CREATE TABLE bcr_frustration (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    unit_id INTEGER NOT NULL REFERENCES dyad_unit (id),
    sender_id INTEGER NOT NULL REFERENCES dyad_client (id),
    receiver_id INTEGER NOT NULL REFERENCES dyad_client (id),
    text TEXT NOT NULL CHECK (length(trim(text)) > 0),
    feeling TEXT NOT NULL DEFAULT '',
    fear TEXT NOT NULL DEFAULT '',
    echo TEXT NOT NULL DEFAULT '',
    theme TEXT NOT NULL DEFAULT '',
    desire TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL
        CHECK (state IN ('frustration', 'desire', 'requests', 'granted', 'retired')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (sender_id <> receiver_id)
) STRICT;
CREATE INDEX bcr_frustration_unit ON bcr_frustration (unit_id, created_at);

CREATE TABLE bcr_request (
    id INTEGER PRIMARY KEY,
    frustration_id INTEGER NOT NULL REFERENCES bcr_frustration (id),
    round INTEGER NOT NULL CHECK (round > 0),
    position INTEGER NOT NULL CHECK (position BETWEEN 1 AND 3),
    text TEXT NOT NULL CHECK (length(trim(text)) > 0),
    importance INTEGER CHECK (importance BETWEEN 1 AND 5),
    difficulty INTEGER CHECK (difficulty BETWEEN 1 AND 5),
    UNIQUE (frustration_id, round, position)
) STRICT;

CREATE TABLE bcr_gift (
    id INTEGER PRIMARY KEY,
    frustration_id INTEGER NOT NULL REFERENCES bcr_frustration (id),
    request_id INTEGER NOT NULL REFERENCES bcr_request (id),
    start_date TEXT NOT NULL CHECK (date(start_date) = start_date),
    days INTEGER NOT NULL CHECK (days BETWEEN 7 AND 365),
    check_days TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('active', 'ended')),
    granted_at TEXT NOT NULL,
    ended_at TEXT
) STRICT;
CREATE UNIQUE INDEX bcr_one_active_gift ON bcr_gift (frustration_id) WHERE status = 'active';

CREATE TABLE bcr_checkin (
    id INTEGER PRIMARY KEY,
    gift_id INTEGER NOT NULL REFERENCES bcr_gift (id),
    date TEXT NOT NULL CHECK (date(date) = date),
    outcome TEXT NOT NULL CHECK (outcome IN ('done', 'partly', 'not_done')),
    impact INTEGER CHECK (impact BETWEEN 1 AND 5),
    appreciation TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX bcr_checkin_gift ON bcr_checkin (gift_id, date);
)sql";

const dyad_migration kMigrations[] = {{1, kVersion1}};
const dyad_schema_v1 kSchema = {sizeof(dyad_schema_v1), "bcr", kMigrations, 1};

}  // namespace

const dyad_schema_v1* bcr_schema() {
    return &kSchema;
}

}  // namespace dyad::bcr
