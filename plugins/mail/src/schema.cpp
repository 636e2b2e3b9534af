#include "schema.h"

namespace dyad::mail {
namespace {

// Consent per client: reminders, documents (invoices, superbills: they can name a diagnosis),
// joint reminders, and the address ('' for the one on the client's record); the outbox (documents
// with their PDF), one row per message and recipient, unique per appointment, client, kind and
// appointment time so that a reminder goes once; what the planner last saw of each appointment (to
// notice a cancellation or a new time).
constexpr const char* kVersion1 = R"sql(
CREATE TABLE mail_consent (
    client_id INTEGER PRIMARY KEY REFERENCES dyad_client (id),
    reminders INTEGER NOT NULL CHECK (reminders IN (0, 1)),
    address TEXT NOT NULL DEFAULT '' CHECK (length(address) <= 254),
    joint INTEGER NOT NULL DEFAULT 0 CHECK (joint IN (0, 1)),
    documents INTEGER NOT NULL DEFAULT 0 CHECK (documents IN (0, 1)),
    decided_at TEXT NOT NULL,
    decided_by TEXT NOT NULL
) STRICT;

CREATE TABLE mail_message (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('reminder', 'cancellation', 'reschedule', 'test',
                                       'document')),
    appointment_id INTEGER REFERENCES dyad_appointment (id),
    client_id INTEGER REFERENCES dyad_client (id),
    address TEXT NOT NULL CHECK (length(address) BETWEEN 3 AND 254),
    about_starts_at TEXT NOT NULL DEFAULT '',
    previous_starts_at TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'retry', 'failed',
                                         'unknown', 'withdrawn', 'dismissed')),
    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_try TEXT NOT NULL,
    claimed_by TEXT NOT NULL DEFAULT '',
    claimed_at TEXT NOT NULL DEFAULT '',
    result TEXT NOT NULL DEFAULT '',
    queued_at TEXT NOT NULL,
    sent_at TEXT NOT NULL DEFAULT '',
    CHECK ((kind IN ('test', 'document')) = (appointment_id IS NULL)),
    CHECK ((kind = 'document') = (client_id IS NOT NULL AND appointment_id IS NULL))
) STRICT;
CREATE UNIQUE INDEX mail_message_once
    ON mail_message (appointment_id, client_id, kind, about_starts_at)
    WHERE appointment_id IS NOT NULL;
CREATE INDEX mail_message_due ON mail_message (state, next_try);

-- A document the therapist chose to send (an invoice, a superbill): its PDF until it is sent
-- or the message is settled, then deleted.
CREATE TABLE mail_attachment (
    message_id INTEGER PRIMARY KEY REFERENCES mail_message (id),
    title TEXT NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 120),
    file_name TEXT NOT NULL CHECK (file_name LIKE '%_.pdf'),
    content BLOB NOT NULL
) STRICT;

CREATE TABLE mail_watch (
    appointment_id INTEGER PRIMARY KEY REFERENCES dyad_appointment (id),
    starts_at TEXT NOT NULL,
    status TEXT NOT NULL
) STRICT;
)sql";

const dyad_migration kMigrations[] = {{1, kVersion1}};
const dyad_schema_v1 kSchema = {sizeof(dyad_schema_v1), "mail", kMigrations, 1};

}  // namespace

const dyad_schema_v1* mail_schema() {
    return &kSchema;
}

}  // namespace dyad::mail
