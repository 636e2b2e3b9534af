// Receipts and statements (issue 16): a receipt for one payment (what it paid, partner by
// partner, and what it left as credit), and a statement for one partner over a period (the
// balance at its start, their share of each charge and each payment toward it, the balance at
// its end, the couple's credit). Both are PDFs numbered without gaps ("RCT-000001",
// "STM-000001": the number is taken in the transaction that records the document), their
// SHA-256 kept, audited and on the client's accounting of disclosures. One receipt per payment:
// a reprint is the file already issued. No wx here.
#pragma once

#include <pdf_document.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "documents.h"
#include "ledger.h"

namespace dyad::billing {

struct PaymentRow {
    std::int64_t id = 0;
    std::string received_on;
    std::string method;
    std::string reference;
    std::int64_t amount_cents = 0;
    std::optional<std::int64_t> from_client_id;
    std::int64_t allocated_cents = 0;  // Net of what reversals released.
    std::string receipt;               // Its receipt's number, "" when none was issued.
};

// The unit's payments, oldest first.
Result<std::vector<PaymentRow>> list_payments(const dyad::sdk::Database& db, std::int64_t unit_id);

// One line of a partner's account: their share of a charge (or of a reversal), or what a
// payment paid toward their shares (or gave back to credit when a reversal released it).
struct StatementLine {
    std::string date;  // Service date; a reversal's or a release's the day it was posted.
    std::string description;
    std::int64_t amount_cents = 0;  // Charges add, payments subtract.
};

struct Statement {
    std::string from, to;
    std::int64_t opening_cents = 0;  // The balance before `from`.
    std::vector<StatementLine> lines;
    std::int64_t closing_cents = 0;        // opening + the lines.
    std::vector<std::int64_t> charge_ids;  // The charges of the period's lines.
};

// A partner's account over [from, to] (local dates, inclusive); refused for dates that are not
// real days or a period that ends before it starts. Pure reading.
Result<Statement> read_statement(const dyad::sdk::Database& db, std::int64_t unit_id,
                                 std::int64_t client_id, const std::string& from,
                                 const std::string& to);

// Writes the receipt of a payment of the unit to path and records it; refused for a payment of
// another unit or one that has a receipt already (its number said).
Result<IssuedDocument> issue_receipt(dyad::sdk::Host host, std::int64_t unit_id,
                                     std::int64_t payment_id, const std::string& path,
                                     const std::string& by);
// Writes a partner's statement for [from, to] to path and records it (total: the closing
// balance); refused for a client not of the unit or one with no billing at all.
Result<IssuedDocument> issue_statement(dyad::sdk::Host host, BillingStore& store,
                                       std::int64_t unit_id, std::int64_t client_id,
                                       const std::string& from, const std::string& to,
                                       const std::string& path, const std::string& by);
// The same statement drawn in memory for printing (File > Print on the Billing tab): titled
// "Statement of account" and dated the day it is printed, with no number; nothing is recorded
// and no number is taken, so printing issues no document. nullopt when there is nothing to
// state (no line in the period and nothing owed before it); refused for a client not of the
// unit.
Result<std::optional<dyad::pdf::RecordedPages>> statement_pages(
    dyad::sdk::Host host, BillingStore& store, std::int64_t unit_id, std::int64_t client_id,
    const std::string& from, const std::string& to);

}  // namespace dyad::billing
