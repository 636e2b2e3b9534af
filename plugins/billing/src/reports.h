// The practice's money at a glance (issue 16): accounts receivable aging (what partners owe,
// by how long ago the session was: 0-30, 31-60, 61-90 and over 90 days), the credit held, and
// payments by method. One query each over the whole practice, sized for 200,000 charges (see
// bench/billing_bench.cpp). Thread: [main-thread]. No wx here.
#pragma once

#include <dyad/db.hpp>

#include <Poco/JSON/Object.h>

#include <array>
#include <cstdint>
#include <expected>
#include <string>
#include <utility>
#include <vector>

namespace dyad::billing {

struct AgingReport {
    std::string as_of;                      // "YYYY-MM-DD"
    std::array<std::int64_t, 4> buckets{};  // 0-30, 31-60, 61-90, 91+ days, in cents.
    std::int64_t total_cents = 0;
    std::int64_t credit_cents = 0;  // Paid and not allocated to any charge.
    int units_owing = 0;
    std::vector<std::pair<std::string, std::int64_t>> payments_by_method;  // All time.
};

inline constexpr const char* kAgingLabels[4] = {"0-30", "31-60", "61-90", "90+"};

// Open shares (their amount less what was allocated to them) of charges neither reversed nor
// reversals, dated on or before as_of.
std::expected<AgingReport, std::string> aging(const dyad::sdk::Database& db,
                                              const std::string& as_of);
Poco::JSON::Object::Ptr aging_json(const AgingReport& report);
std::string aging_text(const AgingReport& report);

}  // namespace dyad::billing
