// Documents a practice issues (issue 16): an invoice for one partner's share of the unit's
// charges not invoiced to them yet, numbered without gaps (the number is taken in the same
// transaction that records the document, so a crash leaves no hole), written as a PDF whose
// SHA-256 is kept so a reprint is provably the same document. No wx here.
#pragma once

#include <dyad/plugin.hpp>

#include <cstdint>
#include <string>

#include "ledger.h"

namespace dyad::billing {

struct IssuedDocument {
    std::int64_t id = 0;
    std::string number;  // "INV-000001"
    std::int64_t total_cents = 0;
    std::string sha256;
};

// The next number of a series ("INV") as it will be given; "" when it cannot be read.
std::string peek_number(const dyad::sdk::Database& db, const std::string& series);

// Writes the invoice to path and records it; refused when the client has nothing new to be
// invoiced for, or is not a member of the unit.
Result<IssuedDocument> issue_invoice(dyad::sdk::Host host, BillingStore& store,
                                     std::int64_t unit_id, std::int64_t client_id,
                                     const std::string& path, const std::string& by);

}  // namespace dyad::billing
