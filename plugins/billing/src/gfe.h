// Good Faith Estimates for self-pay and uninsured clients (issue 16; No Surprises Act, 45 CFR
// 149.610; research.md 1.4): the patient's name and date of birth, the primary service and its
// timeframe, an itemised list (expected service code, our own label, diagnosis codes where
// there are any, count, fee), the provider's name, NPI, tax id and location, and the three
// disclaimers (more services may be recommended; only an estimate; the right to dispute a bill
// at least $400 over it, where to learn how, and that disputing does not affect care). One
// estimate may cover recurring services for up to 12 months; issuing a new one for a unit
// supersedes the current one (a new version when the plan changes). The $400 watch compares
// what was charged in the current estimate's period with its total.
// Thread: [main-thread]. No wx here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalogue.h"
#include "documents.h"
#include "facts.h"
#include "identity.h"
#include "ledger.h"

namespace dyad::billing {

// Billed at least this much over an estimate's total, a client may dispute the bill (149.620).
inline constexpr std::int64_t kGfeDisputeCents = 40000;

struct GfeItem {
    std::string code;
    std::string label;
    int count = 1;
    std::int64_t fee_cents = 0;
    std::int64_t total() const { return fee_cents * count; }
};

struct GfeRequest {
    std::int64_t unit_id = 0;
    std::optional<std::int64_t> recipient_id;  // Default: the responsible party, else the first.
    std::string period_from, period_to;        // "YYYY-MM-DD", at most 12 months.
    std::vector<GfeItem> items;                // Fees filled from the catalogue when 0.
};

struct GfeFacts {
    std::optional<Identity> provider;
    std::string unit_kind;  // The unit's billing kind ("" when not set up).
    std::optional<ClientFacts> recipient;
    std::vector<ClientFacts> also_listed;  // The other partners.
    std::vector<std::string> diagnoses;    // The recipient's, in force at the start.
    GfeRequest request;
};

// Everything missing or wrong, in words; empty when the estimate may be issued. Pure.
std::vector<std::string> gfe_problems(const GfeFacts& facts);

struct IssuedGfe {
    std::int64_t id = 0;
    std::string number;  // "GFE-000001"
    std::int64_t total_cents = 0;
    std::optional<std::string> supersedes;  // The number of the version it replaces.
    std::string sha256;
};

Result<IssuedGfe> issue_gfe(dyad::sdk::Host host, BillingStore& store, const Catalogue* catalogue,
                            GfeRequest request, const std::string& path, const std::string& by);

struct GfeWatch {
    std::string number;  // The current estimate's.
    std::string period_from, period_to;
    std::int64_t estimate_cents = 0;
    std::int64_t billed_cents = 0;  // Charges (net of reversals) dated in its period.
    bool over() const { return billed_cents >= estimate_cents + kGfeDisputeCents; }
};

// The unit's current (not superseded) estimate against what was billed; nullopt without one.
Result<std::optional<GfeWatch>> gfe_watch(const dyad::sdk::Database& db, std::int64_t unit_id);

// "billed $1,300.00 of an estimate of $800.00: at least $400 over, the client may dispute the
// bill (45 CFR 149.620)" when over(); "" otherwise.
std::string gfe_warning(const GfeWatch& watch);

}  // namespace dyad::billing
