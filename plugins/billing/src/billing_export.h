// A unit's billing as the user asks to take it out of Dyad (issue 16): a FHIR R4 collection
// Bundle (Patient for each partner, the practice as Organization and the clinician as
// Practitioner, ChargeItem per charge, Invoice per invoice issued, PaymentReconciliation per
// payment, the payer as Organization with each Coverage, Claim per claim filed), validated by
// the fhir npm package in the tests; or CSV of the charges with each partner's share and what
// they paid. Exports are disclosures: the caller records them. Thread: [main-thread]. No wx.
#pragma once

#include <cstdint>
#include <expected>
#include <string>

#include "claims.h"
#include "details.h"
#include "ledger.h"

namespace dyad::billing {

std::expected<std::string, std::string> billing_fhir(dyad::sdk::Host host, BillingStore& store,
                                                     DetailsStore& details, ClaimStore& claims,
                                                     std::int64_t unit_id,
                                                     const std::string& timestamp);

// One row per charge: date, code, label, amount, billed to, reversed, then per partner
// "share" and "paid" (dollars with two decimals); RFC 4180 quoting.
std::expected<std::string, std::string> billing_csv(dyad::sdk::Host host, BillingStore& store,
                                                    std::int64_t unit_id);

}  // namespace dyad::billing
