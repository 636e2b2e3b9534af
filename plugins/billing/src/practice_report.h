// The practice's billing at a glance (issue 16): what was charged and received month by month,
// for the practice view's chart and `dyadctl billing months`, and clinician by clinician. No wx
// here.
#pragma once

#include <dyad/db.hpp>

#include <cstdint>
#include <expected>
#include <optional>
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

struct ClinicianFigures {
    std::optional<std::int64_t> clinician_id;  // nullopt: the practice's own clinician.
    std::string name;
    int sessions = 0;  // Appointments (and charges by hand) with a charge not reversed.
    std::int64_t charged_cents = 0;   // Net of reversals.
    std::int64_t received_cents = 0;  // Paid toward those charges (net of releases).
    std::int64_t outstanding() const { return charged_cents - received_cents; }
};

// The charges of services dated from..to (inclusive, "YYYY-MM-DD") by the clinician who
// rendered them, the practice's own clinician (named own_name) first, then by name; clinicians
// with nothing in the period are left out. Refused for malformed dates.
std::expected<std::vector<ClinicianFigures>, std::string> clinician_figures(
    const dyad::sdk::Database& db, const std::string& own_name, const std::string& from,
    const std::string& to);

}  // namespace dyad::billing
