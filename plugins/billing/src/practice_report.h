// The practice's billing at a glance (issue 16): what was charged and received month by month,
// for the practice view's chart and `dyadctl billing months`. No wx here.
#pragma once

#include <dyad/db.hpp>

#include <cstdint>
#include <expected>
#include <string>
#include <vector>

namespace dyad::billing {

struct MonthFigures {
    std::string month;                // "YYYY-MM"
    std::int64_t charged_cents = 0;   // Charges by month of service, net of reversals.
    std::int64_t received_cents = 0;  // Payments by month received, less refunds given.
};

// The `count` months (1-120) ending with the month of `today` ("YYYY-MM-DD"), oldest first,
// every month present (zeros included). Refused for a malformed date or count.
std::expected<std::vector<MonthFigures>, std::string> monthly_figures(const dyad::sdk::Database& db,
                                                                      const std::string& today,
                                                                      int count);

}  // namespace dyad::billing
