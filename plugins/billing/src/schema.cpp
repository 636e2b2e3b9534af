#include "schema.h"

namespace dyad::billing {
namespace {

constexpr const char* kVersion1 = R"sql(
CREATE TABLE billing_unit (
    unit_id INTEGER PRIMARY KEY REFERENCES dyad_unit (id),
    kind TEXT NOT NULL CHECK (kind IN ('self_pay', 'insurance', 'superbill')),
    identified_patient_id INTEGER REFERENCES dyad_client (id),
    responsible_client_id INTEGER REFERENCES dyad_client (id),
    updated_at TEXT NOT NULL
) STRICT;
CREATE TABLE billing_split (
    unit_id INTEGER NOT NULL REFERENCES billing_unit (unit_id) ON DELETE CASCADE,
    client_id INTEGER NOT NULL REFERENCES dyad_client (id),
    percent INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
    PRIMARY KEY (unit_id, client_id)
) STRICT;

CREATE TABLE billing_charge (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    unit_id INTEGER NOT NULL REFERENCES dyad_unit (id),
    appointment_id INTEGER REFERENCES dyad_appointment (id),
    service_date TEXT NOT NULL CHECK (date(service_date) = service_date),
    code TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 16),
    label TEXT NOT NULL,
    minutes INTEGER CHECK (minutes IS NULL OR minutes BETWEEN 0 AND 1440),
    place_of_service TEXT NOT NULL CHECK (length(place_of_service) = 2),
    modifier TEXT NOT NULL DEFAULT '',
    units INTEGER NOT NULL DEFAULT 1 CHECK (units BETWEEN 1 AND 99),
    amount_cents INTEGER NOT NULL CHECK (amount_cents BETWEEN -1000000000 AND 1000000000),
    billed_to TEXT NOT NULL CHECK (billed_to IN ('self_pay', 'insurance', 'superbill')),
    patient_id INTEGER REFERENCES dyad_client (id),
    reversal_of INTEGER UNIQUE REFERENCES billing_charge (id),
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    CHECK ((reversal_of IS NULL AND amount_cents >= 0) OR
           (reversal_of IS NOT NULL AND amount_cents <= 0))
) STRICT;
CREATE INDEX billing_charge_unit ON billing_charge (unit_id, service_date);
CREATE INDEX billing_charge_appointment ON billing_charge (appointment_id);
CREATE TABLE billing_charge_share (
    charge_id INTEGER NOT NULL REFERENCES billing_charge (id),
    client_id INTEGER NOT NULL REFERENCES dyad_client (id),
    amount_cents INTEGER NOT NULL,
    PRIMARY KEY (charge_id, client_id)
) STRICT;
CREATE INDEX billing_charge_share_client ON billing_charge_share (client_id);

CREATE TABLE billing_payment (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    unit_id INTEGER NOT NULL REFERENCES dyad_unit (id),
    from_client_id INTEGER REFERENCES dyad_client (id),
    method TEXT NOT NULL CHECK (method IN ('cash', 'card', 'cheque', 'transfer', 'insurer')),
    amount_cents INTEGER NOT NULL CHECK (amount_cents BETWEEN 1 AND 1000000000),
    received_on TEXT NOT NULL CHECK (date(received_on) = received_on),
    reference TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
) STRICT;
CREATE INDEX billing_payment_unit ON billing_payment (unit_id, received_on);
CREATE TABLE billing_allocation (
    payment_id INTEGER NOT NULL REFERENCES billing_payment (id),
    charge_id INTEGER NOT NULL REFERENCES billing_charge (id),
    client_id INTEGER NOT NULL REFERENCES dyad_client (id),
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    PRIMARY KEY (payment_id, charge_id, client_id)
) STRICT;
CREATE INDEX billing_allocation_charge ON billing_allocation (charge_id, client_id);

-- Gap-free numbers: taken in the same transaction that records the document.
CREATE TABLE billing_counter (
    series TEXT PRIMARY KEY,
    next INTEGER NOT NULL CHECK (next >= 1)
) STRICT;
CREATE TABLE billing_document (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('invoice', 'receipt', 'statement', 'superbill')),
    number TEXT NOT NULL UNIQUE,
    unit_id INTEGER NOT NULL REFERENCES dyad_unit (id),
    client_id INTEGER REFERENCES dyad_client (id),
    total_cents INTEGER NOT NULL,
    issued_at TEXT NOT NULL,
    issued_by TEXT NOT NULL,
    pdf_sha256 TEXT NOT NULL CHECK (length(pdf_sha256) = 64)
) STRICT;
CREATE TABLE billing_document_charge (
    document_id INTEGER NOT NULL REFERENCES billing_document (id),
    charge_id INTEGER NOT NULL REFERENCES billing_charge (id),
    PRIMARY KEY (document_id, charge_id)
) STRICT;

CREATE TRIGGER billing_charge_kept_update BEFORE UPDATE ON billing_charge
BEGIN SELECT RAISE(ABORT, 'a posted charge is never changed: reverse it and post a new one'); END;
CREATE TRIGGER billing_charge_kept_delete BEFORE DELETE ON billing_charge
BEGIN SELECT RAISE(ABORT, 'a posted charge is never deleted: reverse it'); END;
CREATE TRIGGER billing_share_kept_update BEFORE UPDATE ON billing_charge_share
BEGIN SELECT RAISE(ABORT, 'financial records are never changed'); END;
CREATE TRIGGER billing_share_kept_delete BEFORE DELETE ON billing_charge_share
BEGIN SELECT RAISE(ABORT, 'financial records are never deleted'); END;
CREATE TRIGGER billing_payment_kept_update BEFORE UPDATE ON billing_payment
BEGIN SELECT RAISE(ABORT, 'a payment is never changed: record a refund'); END;
CREATE TRIGGER billing_payment_kept_delete BEFORE DELETE ON billing_payment
BEGIN SELECT RAISE(ABORT, 'a payment is never deleted: record a refund'); END;
CREATE TRIGGER billing_allocation_kept_update BEFORE UPDATE ON billing_allocation
BEGIN SELECT RAISE(ABORT, 'financial records are never changed'); END;
CREATE TRIGGER billing_allocation_kept_delete BEFORE DELETE ON billing_allocation
BEGIN SELECT RAISE(ABORT, 'financial records are never deleted'); END;
CREATE TRIGGER billing_document_kept_update BEFORE UPDATE ON billing_document
BEGIN SELECT RAISE(ABORT, 'an issued document is never changed'); END;
CREATE TRIGGER billing_document_kept_delete BEFORE DELETE ON billing_document
BEGIN SELECT RAISE(ABORT, 'an issued document is never deleted'); END;
CREATE TRIGGER billing_document_charge_kept BEFORE DELETE ON billing_document_charge
BEGIN SELECT RAISE(ABORT, 'an issued document is never changed'); END;
)sql";

// The practice's billing identity (one row): what superbills, estimates and claims carry.
constexpr const char* kVersion2 = R"sql(
CREATE TABLE billing_identity (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    legal_name TEXT NOT NULL CHECK (length(trim(legal_name)) BETWEEN 1 AND 120),
    tax_id_kind TEXT NOT NULL CHECK (tax_id_kind IN ('ein', 'ssn')),
    tax_id TEXT NOT NULL CHECK (length(tax_id) = 9 AND tax_id NOT GLOB '*[^0-9]*'),
    group_npi TEXT NOT NULL CHECK (group_npi = '' OR length(group_npi) = 10),
    address TEXT NOT NULL,
    phone TEXT NOT NULL,
    clinician_name TEXT NOT NULL,
    clinician_npi TEXT NOT NULL CHECK (length(clinician_npi) = 10),
    licence_type TEXT NOT NULL,
    licence_number TEXT NOT NULL,
    licence_state TEXT NOT NULL CHECK (length(licence_state) = 2),
    taxonomy TEXT NOT NULL CHECK (length(taxonomy) = 10),
    updated_at TEXT NOT NULL
) STRICT;
)sql";

const dyad_migration kMigrations[] = {{1, kVersion1}, {2, kVersion2}};
const dyad_schema_v1 kSchema = {sizeof(dyad_schema_v1), "billing", kMigrations, 2};

}  // namespace

const dyad_schema_v1* billing_schema() {
    return &kSchema;
}

}  // namespace dyad::billing
