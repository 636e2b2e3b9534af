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

// What superbills, estimates and claims need beyond the first two versions (issue 16): the
// client's billing details the core record lacks (address, sex as on the insurance card),
// payers with their telehealth rules, coverages, Good Faith Estimates and claims. Issued rows
// are kept for good like the others; a coverage or payer is practice data and may change.
constexpr const char* kVersion3 = R"sql(
-- The aging report: what is open per unit and month of service (charged less allocated),
-- kept by triggers as charges and allocations are written (both append-only); the months a
-- bucket boundary cuts are read charge by charge through the two narrow indexes.
CREATE TABLE billing_open_month (
    unit_id INTEGER NOT NULL,
    month TEXT NOT NULL,
    cents INTEGER NOT NULL,
    PRIMARY KEY (unit_id, month)
) STRICT, WITHOUT ROWID;
INSERT INTO billing_open_month (unit_id, month, cents)
    SELECT unit_id, month, sum(cents) FROM (
        SELECT unit_id, substr(service_date, 1, 7) AS month, amount_cents AS cents
        FROM billing_charge
        UNION ALL
        SELECT c.unit_id, substr(c.service_date, 1, 7), -a.amount_cents
        FROM billing_allocation a JOIN billing_charge c ON c.id = a.charge_id)
    GROUP BY unit_id, month;
CREATE TRIGGER billing_open_month_charge AFTER INSERT ON billing_charge
BEGIN
    INSERT INTO billing_open_month (unit_id, month, cents)
        VALUES (NEW.unit_id, substr(NEW.service_date, 1, 7), NEW.amount_cents)
        ON CONFLICT (unit_id, month) DO UPDATE SET cents = cents + excluded.cents;
END;
CREATE TRIGGER billing_open_month_allocation AFTER INSERT ON billing_allocation
BEGIN
    INSERT INTO billing_open_month (unit_id, month, cents)
        SELECT unit_id, substr(service_date, 1, 7), -NEW.amount_cents FROM billing_charge
        WHERE id = NEW.charge_id
        ON CONFLICT (unit_id, month) DO UPDATE SET cents = cents + excluded.cents;
END;
CREATE INDEX billing_charge_aging ON billing_charge (service_date, unit_id, amount_cents);
CREATE INDEX billing_allocation_amount ON billing_allocation (charge_id, amount_cents);

-- Money given back from the unit's credit (what was paid and is not allocated to a charge).
CREATE TABLE billing_refund (
    id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES dyad_unit (id),
    to_client_id INTEGER REFERENCES dyad_client (id),
    method TEXT NOT NULL CHECK (method IN ('cash', 'card', 'cheque', 'transfer')),
    amount_cents INTEGER NOT NULL CHECK (amount_cents BETWEEN 1 AND 1000000000),
    refunded_on TEXT NOT NULL CHECK (date(refunded_on) = refunded_on),
    reason TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
) STRICT;
CREATE INDEX billing_refund_unit ON billing_refund (unit_id);
CREATE TRIGGER billing_refund_kept_update BEFORE UPDATE ON billing_refund
BEGIN SELECT RAISE(ABORT, 'a refund is never changed'); END;
CREATE TRIGGER billing_refund_kept_delete BEFORE DELETE ON billing_refund
BEGIN SELECT RAISE(ABORT, 'a refund is never deleted'); END;

CREATE TABLE billing_client (
    client_id INTEGER PRIMARY KEY REFERENCES dyad_client (id),
    sex TEXT NOT NULL CHECK (sex IN ('F', 'M', 'U')),
    street TEXT NOT NULL CHECK (length(street) <= 110),
    city TEXT NOT NULL CHECK (length(city) <= 60),
    state TEXT NOT NULL CHECK (state = '' OR (length(state) = 2 AND state NOT GLOB '*[^A-Z]*')),
    zip TEXT NOT NULL CHECK (zip = '' OR ((length(zip) = 5 OR length(zip) = 9) AND
                                          zip NOT GLOB '*[^0-9]*')),
    updated_at TEXT NOT NULL
) STRICT;
CREATE TABLE billing_payer (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) BETWEEN 1 AND 60),
    payer_id TEXT NOT NULL CHECK (length(payer_id) BETWEEN 2 AND 80),
    telehealth_pos TEXT NOT NULL CHECK (telehealth_pos IN ('02', '10')),
    telehealth_modifier TEXT NOT NULL CHECK (telehealth_modifier IN ('95', 'GT', '')),
    -- The claim filing indicator (837P SBR09): CI commercial, BL Blue Cross Blue Shield, HM an
    -- HMO, MB Medicare Part B, MC Medicaid, CH TRICARE, VA veterans, 12 a PPO, 13 a POS plan.
    filing_code TEXT NOT NULL DEFAULT 'CI' CHECK (filing_code IN ('CI', 'BL', 'HM', 'MB', 'MC',
                                                                  'CH', 'VA', '12', '13')),
    updated_at TEXT NOT NULL
) STRICT;
CREATE TABLE billing_coverage (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES dyad_client (id),
    payer_id INTEGER NOT NULL REFERENCES billing_payer (id),
    member_id TEXT NOT NULL CHECK (length(member_id) BETWEEN 2 AND 80),
    group_number TEXT NOT NULL DEFAULT '',
    relation TEXT NOT NULL CHECK (relation IN ('self', 'spouse', 'child', 'other')),
    subscriber_given TEXT NOT NULL DEFAULT '',
    subscriber_family TEXT NOT NULL DEFAULT '',
    subscriber_dob TEXT NOT NULL DEFAULT '' CHECK (subscriber_dob = '' OR
                                                   date(subscriber_dob) = subscriber_dob),
    subscriber_sex TEXT NOT NULL DEFAULT 'U' CHECK (subscriber_sex IN ('F', 'M', 'U')),
    priority INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 3),
    effective_from TEXT NOT NULL CHECK (date(effective_from) = effective_from),
    effective_to TEXT CHECK (effective_to IS NULL OR date(effective_to) = effective_to),
    updated_at TEXT NOT NULL,
    CHECK (relation = 'self' OR (subscriber_given <> '' AND subscriber_family <> ''))
) STRICT;
CREATE INDEX billing_coverage_client ON billing_coverage (client_id, priority);
-- The clearinghouse an 837P goes to (one row): who we are to it and who it is.
CREATE TABLE billing_submitter (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    submitter_id TEXT NOT NULL CHECK (length(submitter_id) BETWEEN 2 AND 15),
    receiver_id TEXT NOT NULL CHECK (length(receiver_id) BETWEEN 2 AND 15),
    receiver_name TEXT NOT NULL CHECK (length(receiver_name) BETWEEN 1 AND 60),
    contact_phone TEXT NOT NULL CHECK (contact_phone = '' OR (length(contact_phone) = 10 AND
                                                  contact_phone NOT GLOB '*[^0-9]*')),
    production INTEGER NOT NULL CHECK (production IN (0, 1)),
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE billing_gfe (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    unit_id INTEGER NOT NULL REFERENCES dyad_unit (id),
    recipient_id INTEGER NOT NULL REFERENCES dyad_client (id),
    period_from TEXT NOT NULL CHECK (date(period_from) = period_from),
    period_to TEXT NOT NULL CHECK (date(period_to) = period_to AND period_to >= period_from AND
                                   period_to < date(period_from, '+12 months')),
    total_cents INTEGER NOT NULL CHECK (total_cents BETWEEN 0 AND 1000000000),
    supersedes INTEGER UNIQUE REFERENCES billing_gfe (id),
    issued_at TEXT NOT NULL,
    issued_by TEXT NOT NULL,
    pdf_sha256 TEXT NOT NULL CHECK (length(pdf_sha256) = 64)
) STRICT;
CREATE INDEX billing_gfe_unit ON billing_gfe (unit_id);
CREATE TABLE billing_gfe_item (
    gfe_id INTEGER NOT NULL REFERENCES billing_gfe (id),
    line INTEGER NOT NULL,
    code TEXT NOT NULL,
    label TEXT NOT NULL,
    diagnoses TEXT NOT NULL,
    count INTEGER NOT NULL CHECK (count BETWEEN 1 AND 366),
    fee_cents INTEGER NOT NULL CHECK (fee_cents BETWEEN 0 AND 100000000),
    PRIMARY KEY (gfe_id, line)
) STRICT;

CREATE TABLE billing_claim_file (
    id INTEGER PRIMARY KEY,
    control_number INTEGER NOT NULL UNIQUE CHECK (control_number BETWEEN 1 AND 999999999),
    claims INTEGER NOT NULL,
    format TEXT NOT NULL CHECK (format IN ('837p', 'cms1500')),
    content TEXT NOT NULL,  -- The claims' 837P text, so they can be written out again.
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),  -- Of the file written (837P or PDF).
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
) STRICT;
CREATE TABLE billing_claim (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    unit_id INTEGER NOT NULL REFERENCES dyad_unit (id),
    appointment_id INTEGER REFERENCES dyad_appointment (id),
    service_date TEXT NOT NULL,
    coverage_id INTEGER NOT NULL REFERENCES billing_coverage (id),
    frequency TEXT NOT NULL CHECK (frequency IN ('1', '7', '8')),
    original_id INTEGER REFERENCES billing_claim (id),
    file_id INTEGER NOT NULL REFERENCES billing_claim_file (id),
    total_cents INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    CHECK ((frequency = '1') = (original_id IS NULL))
) STRICT;
CREATE INDEX billing_claim_unit ON billing_claim (unit_id, service_date);
CREATE TABLE billing_claim_charge (
    claim_id INTEGER NOT NULL REFERENCES billing_claim (id),
    charge_id INTEGER NOT NULL REFERENCES billing_charge (id),
    PRIMARY KEY (claim_id, charge_id)
) STRICT;
CREATE INDEX billing_claim_charge_charge ON billing_claim_charge (charge_id);
-- Status kept by hand, appended: the latest row is the claim's status.
CREATE TABLE billing_claim_status (
    claim_id INTEGER NOT NULL REFERENCES billing_claim (id),
    seq INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('created', 'submitted', 'paid', 'denied',
                                           'resubmitted', 'voided')),
    reason TEXT NOT NULL DEFAULT '',
    payer_claim_number TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL,
    by TEXT NOT NULL,
    PRIMARY KEY (claim_id, seq)
) STRICT;

CREATE TRIGGER billing_gfe_kept_update BEFORE UPDATE ON billing_gfe
BEGIN SELECT RAISE(ABORT, 'an issued estimate is never changed: issue a new version'); END;
CREATE TRIGGER billing_gfe_kept_delete BEFORE DELETE ON billing_gfe
BEGIN SELECT RAISE(ABORT, 'an issued estimate is never deleted'); END;
CREATE TRIGGER billing_gfe_item_kept_update BEFORE UPDATE ON billing_gfe_item
BEGIN SELECT RAISE(ABORT, 'an issued estimate is never changed'); END;
CREATE TRIGGER billing_gfe_item_kept_delete BEFORE DELETE ON billing_gfe_item
BEGIN SELECT RAISE(ABORT, 'an issued estimate is never changed'); END;
CREATE TRIGGER billing_claim_kept_update BEFORE UPDATE ON billing_claim
BEGIN SELECT RAISE(ABORT, 'a claim is never changed: file a replacement or a void'); END;
CREATE TRIGGER billing_claim_kept_delete BEFORE DELETE ON billing_claim
BEGIN SELECT RAISE(ABORT, 'a claim is never deleted: file a void'); END;
CREATE TRIGGER billing_claim_charge_kept BEFORE DELETE ON billing_claim_charge
BEGIN SELECT RAISE(ABORT, 'a claim is never changed'); END;
CREATE TRIGGER billing_claim_status_kept_update BEFORE UPDATE ON billing_claim_status
BEGIN SELECT RAISE(ABORT, 'a claim''s history is never changed'); END;
CREATE TRIGGER billing_claim_status_kept_delete BEFORE DELETE ON billing_claim_status
BEGIN SELECT RAISE(ABORT, 'a claim''s history is never changed'); END;
CREATE TRIGGER billing_claim_file_kept BEFORE DELETE ON billing_claim_file
BEGIN SELECT RAISE(ABORT, 'a claim file''s record is never deleted'); END;
CREATE TRIGGER billing_claim_file_kept_update BEFORE UPDATE ON billing_claim_file
BEGIN SELECT RAISE(ABORT, 'a claim file is never changed'); END;
)sql";

// Reversing a paid charge releases what was paid toward it (issue 16): the reversal takes an
// allocation of the same payment and partner with the amount negated, so every sum of
// allocations (a share's paid, a payment's remainder, the unit's credit, the aging months)
// nets the money back to the unit's credit without changing a posted row. The table is rebuilt
// to let a negative amount in (a plugin's migration may not rename a table: the rows go to a
// copy and back); a trigger lets a negative amount only onto a reversal. Each allocation now
// carries the local day it was made (a release or credit applied later is not dated by its
// payment), so an aging report as of an earlier day is exact. Receipts name their payment,
// one receipt per payment.
constexpr const char* kVersion4 = R"sql(
CREATE TABLE billing_allocation_v3 (
    payment_id INTEGER NOT NULL,
    charge_id INTEGER NOT NULL,
    client_id INTEGER NOT NULL,
    amount_cents INTEGER NOT NULL,
    allocated_on TEXT NOT NULL
) STRICT;
INSERT INTO billing_allocation_v3
    SELECT a.payment_id, a.charge_id, a.client_id, a.amount_cents,
           max(p.received_on, c.service_date)
    FROM billing_allocation a JOIN billing_payment p ON p.id = a.payment_id
    JOIN billing_charge c ON c.id = a.charge_id;
DROP TABLE billing_allocation;
CREATE TABLE billing_allocation (
    payment_id INTEGER NOT NULL REFERENCES billing_payment (id),
    charge_id INTEGER NOT NULL REFERENCES billing_charge (id),
    client_id INTEGER NOT NULL REFERENCES dyad_client (id),
    amount_cents INTEGER NOT NULL CHECK (amount_cents <> 0 AND
                                         amount_cents BETWEEN -1000000000 AND 1000000000),
    -- The local day the money was put on the charge (received, applied from credit, or
    -- released by a reversal): what an aging report as of an earlier day leaves out.
    allocated_on TEXT NOT NULL CHECK (date(allocated_on) = allocated_on),
    PRIMARY KEY (payment_id, charge_id, client_id)
) STRICT;
INSERT INTO billing_allocation (payment_id, charge_id, client_id, amount_cents, allocated_on)
    SELECT payment_id, charge_id, client_id, amount_cents, allocated_on
    FROM billing_allocation_v3;
DROP TABLE billing_allocation_v3;
CREATE INDEX billing_allocation_charge ON billing_allocation (charge_id, client_id);
CREATE INDEX billing_allocation_amount ON billing_allocation (charge_id, amount_cents);
CREATE INDEX billing_allocation_day ON billing_allocation (allocated_on);
CREATE TRIGGER billing_allocation_kept_update BEFORE UPDATE ON billing_allocation
BEGIN SELECT RAISE(ABORT, 'financial records are never changed'); END;
CREATE TRIGGER billing_allocation_kept_delete BEFORE DELETE ON billing_allocation
BEGIN SELECT RAISE(ABORT, 'financial records are never deleted'); END;
CREATE TRIGGER billing_allocation_release BEFORE INSERT ON billing_allocation
WHEN NEW.amount_cents < 0 AND NOT EXISTS (SELECT 1 FROM billing_charge
                                          WHERE id = NEW.charge_id AND reversal_of IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'only a reversal releases what was paid toward a charge'); END;
CREATE TRIGGER billing_open_month_allocation AFTER INSERT ON billing_allocation
BEGIN
    INSERT INTO billing_open_month (unit_id, month, cents)
        SELECT unit_id, substr(service_date, 1, 7), -NEW.amount_cents FROM billing_charge
        WHERE id = NEW.charge_id
        ON CONFLICT (unit_id, month) DO UPDATE SET cents = cents + excluded.cents;
END;

CREATE TABLE billing_document_payment (
    document_id INTEGER NOT NULL UNIQUE REFERENCES billing_document (id),
    payment_id INTEGER NOT NULL UNIQUE REFERENCES billing_payment (id)
) STRICT;
CREATE TRIGGER billing_document_payment_kept_update BEFORE UPDATE ON billing_document_payment
BEGIN SELECT RAISE(ABORT, 'an issued document is never changed'); END;
CREATE TRIGGER billing_document_payment_kept_delete BEFORE DELETE ON billing_document_payment
BEGIN SELECT RAISE(ABORT, 'an issued document is never changed'); END;
)sql";

// A self-pay unit's sliding-scale tier (an id of the catalogue's sliding_scale) and the day
// it is to be reviewed; '' when the unit pays the full fee. (A column added with a CHECK makes
// SQLite run a quick_check, which a plugin may not: the rule is a trigger instead.)
constexpr const char* kVersion5 = R"sql(
ALTER TABLE billing_unit ADD COLUMN sliding_tier TEXT NOT NULL DEFAULT '';
ALTER TABLE billing_unit ADD COLUMN sliding_review TEXT NOT NULL DEFAULT '';
CREATE TRIGGER billing_unit_sliding_insert BEFORE INSERT ON billing_unit
WHEN length(NEW.sliding_tier) > 16 OR (NEW.sliding_tier = '') <> (NEW.sliding_review = '') OR
     (NEW.sliding_review <> '' AND date(NEW.sliding_review) IS NOT NEW.sliding_review)
BEGIN SELECT RAISE(ABORT, 'a sliding-scale tier goes with a real review date'); END;
CREATE TRIGGER billing_unit_sliding_update BEFORE UPDATE ON billing_unit
WHEN length(NEW.sliding_tier) > 16 OR (NEW.sliding_tier = '') <> (NEW.sliding_review = '') OR
     (NEW.sliding_review <> '' AND date(NEW.sliding_review) IS NOT NEW.sliding_review)
BEGIN SELECT RAISE(ABORT, 'a sliding-scale tier goes with a real review date'); END;
)sql";

// A group practice's other rendering clinicians (the identity's own clinician is the
// practice's default); who sees a unit from which day (clinician_id NULL: the practice's own
// again); and the clinician each charge was rendered by, frozen when the charge is posted by
// the trigger: the unit's clinician on the day of the service (a reversal takes its charge's),
// so a session held before a move and charged after it stays the first clinician's, and a later
// change never rewrites what was billed.
constexpr const char* kVersion6 = R"sql(
CREATE TABLE billing_clinician (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 120),
    npi TEXT NOT NULL UNIQUE CHECK (length(npi) = 10 AND npi NOT GLOB '*[^0-9]*'),
    licence_type TEXT NOT NULL CHECK (length(trim(licence_type)) BETWEEN 1 AND 20),
    licence_number TEXT NOT NULL CHECK (length(trim(licence_number)) BETWEEN 1 AND 40),
    licence_state TEXT NOT NULL CHECK (length(licence_state) = 2),
    taxonomy TEXT NOT NULL CHECK (length(taxonomy) = 10),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    retired_at TEXT
) STRICT;
CREATE TRIGGER billing_clinician_kept BEFORE DELETE ON billing_clinician
BEGIN SELECT RAISE(ABORT, 'a clinician who may have billed is retired, never deleted'); END;
CREATE TABLE billing_unit_clinician (
    unit_id INTEGER NOT NULL REFERENCES dyad_unit (id),
    since TEXT NOT NULL CHECK (date(since) = since),
    clinician_id INTEGER REFERENCES billing_clinician (id),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (unit_id, since)
) STRICT;
CREATE INDEX billing_unit_clinician_by ON billing_unit_clinician (clinician_id);
CREATE TABLE billing_charge_clinician (
    charge_id INTEGER PRIMARY KEY REFERENCES billing_charge (id),
    clinician_id INTEGER NOT NULL REFERENCES billing_clinician (id)
) STRICT;
CREATE INDEX billing_charge_clinician_by ON billing_charge_clinician (clinician_id);
CREATE TRIGGER billing_charge_clinician_kept_update BEFORE UPDATE ON billing_charge_clinician
BEGIN SELECT RAISE(ABORT, 'financial records are never changed'); END;
CREATE TRIGGER billing_charge_clinician_kept_delete BEFORE DELETE ON billing_charge_clinician
BEGIN SELECT RAISE(ABORT, 'financial records are never deleted'); END;
CREATE TRIGGER billing_charge_clinician_posted AFTER INSERT ON billing_charge
BEGIN
    INSERT INTO billing_charge_clinician (charge_id, clinician_id)
    SELECT NEW.id, clinician_id FROM (
        SELECT CASE WHEN NEW.reversal_of IS NOT NULL THEN
            (SELECT clinician_id FROM billing_charge_clinician WHERE charge_id = NEW.reversal_of)
        ELSE
            (SELECT clinician_id FROM billing_unit_clinician WHERE unit_id = NEW.unit_id AND
             since <= NEW.service_date ORDER BY since DESC LIMIT 1)
        END AS clinician_id)
    WHERE clinician_id IS NOT NULL;
END;
)sql";

const dyad_migration kMigrations[] = {{1, kVersion1}, {2, kVersion2}, {3, kVersion3},
                                      {4, kVersion4}, {5, kVersion5}, {6, kVersion6}};
const dyad_schema_v1 kSchema = {sizeof(dyad_schema_v1), "billing", kMigrations, 6};

}  // namespace

const dyad_schema_v1* billing_schema() {
    return &kSchema;
}

}  // namespace dyad::billing
