// Superbills (issue 16, research.md 1.3): a statement a client sends their insurer for
// out-of-network reimbursement, per session or per period, under the unit's identified patient.
// It carries every field an insurer needs (provider legal name, individual NPI, tax id, licence,
// taxonomy, address and phone; the patient's legal name, date of birth, address and member id;
// per line the exact date, place of service, code, modifier, units, diagnosis pointers, the full
// fee and what was paid) and is refused, with the whole list of what is missing, until it can.
// Issued like an invoice: a gap-free number ("SB-000001"), the PDF's SHA-256 kept, audited.
// Thread: [main-thread]. No wx here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "details.h"
#include "documents.h"
#include "facts.h"
#include "identity.h"
#include "ledger.h"

namespace dyad::billing {

struct SuperbillLine {
    std::int64_t charge_id = 0;
    std::string date;  // "YYYY-MM-DD", one day (never a range).
    std::string place_of_service;
    std::string code;
    std::string modifier;
    int units = 1;
    std::vector<std::string> diagnoses;  // In force on the date, primary first.
    std::int64_t fee_cents = 0;          // The full fee, not a partner's share.
    std::int64_t paid_cents = 0;         // From both partners.
};

struct SuperbillFacts {
    std::optional<Identity> provider;
    std::optional<ClientFacts> patient;
    std::optional<ClientDetails> patient_details;
    std::optional<Coverage> coverage;
    std::optional<Payer> payer;
    std::vector<SuperbillLine> lines;
    std::vector<std::string> earlier;  // Superbills that carried some of these sessions already.
};

// Everything missing, each in words naming where to fix it; empty when the superbill may be
// issued. Pure.
std::vector<std::string> superbill_problems(const SuperbillFacts& facts);

// Gathers the facts for the unit's identified patient: the charges billed to insurance or a
// superbill (not reversed, not fees insurance never sees) dated from..to inclusive (one session:
// from = to), with their diagnoses and payments. Refused when the unit is billed self-pay.
Result<SuperbillFacts> gather_superbill(dyad::sdk::Host host, BillingStore& store,
                                        DetailsStore& details, std::int64_t unit_id,
                                        const std::string& from, const std::string& to);

// Gathers, checks, writes the PDF to path and records it; refused with every problem joined
// by "; " (nothing written, no number taken).
Result<IssuedDocument> issue_superbill(dyad::sdk::Host host, BillingStore& store,
                                       DetailsStore& details, std::int64_t unit_id,
                                       const std::string& from, const std::string& to,
                                       const std::string& path, const std::string& by);

}  // namespace dyad::billing
