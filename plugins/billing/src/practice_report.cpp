#include "practice_report.h"

#include <cstdio>
#include <map>

#include "text_checks.h"

namespace dyad::billing {

std::expected<std::vector<MonthFigures>, std::string> monthly_figures(const dyad::sdk::Database& db,
                                                                      const std::string& today,
                                                                      int count) {
    if (!is_iso_date(today)) {
        return std::unexpected("the date is YYYY-MM-DD");
    }
    if (count < 1 || count > 120) {
        return std::unexpected("between 1 and 120 months");
    }
    int year = std::stoi(today.substr(0, 4));
    int month = std::stoi(today.substr(5, 2));
    std::vector<MonthFigures> months(static_cast<std::size_t>(count));
    std::map<std::string, std::size_t> index;
    for (int i = count - 1; i >= 0; --i) {
        char text[16];
        std::snprintf(text, sizeof text, "%04d-%02d", year, month);
        months[static_cast<std::size_t>(i)].month = text;
        index[text] = static_cast<std::size_t>(i);
        if (--month == 0) {
            month = 12;
            --year;
        }
    }
    const std::string first = months.front().month + "-01";
    const std::string last = months.back().month + "-31";
    // Charges over their (service_date, unit_id, amount_cents) index; payments and refunds
    // are far fewer rows.
    struct Pass {
        const char* sql;
        int sign;
        bool charged;
    };
    const Pass passes[] = {
        {"SELECT substr(service_date, 1, 7), sum(amount_cents) FROM billing_charge INDEXED BY "
         "billing_charge_aging WHERE service_date BETWEEN ?1 AND ?2 GROUP BY 1",
         1, true},
        {"SELECT substr(received_on, 1, 7), sum(amount_cents) FROM billing_payment WHERE "
         "received_on BETWEEN ?1 AND ?2 GROUP BY 1",
         1, false},
        {"SELECT substr(refunded_on, 1, 7), sum(amount_cents) FROM billing_refund WHERE "
         "refunded_on BETWEEN ?1 AND ?2 GROUP BY 1",
         -1, false}};
    for (const auto& pass : passes) {
        auto select = db.prepare(pass.sql);
        select.bind(1, first).bind(2, last);
        int code = 0;
        while ((code = select.step()) == DYAD_ROW) {
            auto found = index.find(select.text(0));
            if (found == index.end()) {
                continue;
            }
            auto& figures = months[found->second];
            (pass.charged ? figures.charged_cents : figures.received_cents) +=
                pass.sign * select.int64(1);
        }
        if (code != DYAD_DONE) {
            return std::unexpected("the monthly figures could not be read: " + db.last_error());
        }
    }
    return months;
}

std::expected<std::vector<ClinicianFigures>, std::string> clinician_figures(
    const dyad::sdk::Database& db, const std::string& own_name, const std::string& from,
    const std::string& to) {
    if (!is_iso_date(from) || !is_iso_date(to) || to < from) {
        return std::unexpected(
            "the period is YYYY-MM-DD to YYYY-MM-DD, the first not after the last");
    }
    // A reversal carries its charge's clinician, and the allocations it released are negative
    // on it: the sums net out by themselves.
    auto select = db.prepare(
        "SELECT k.clinician_id, coalesce(l.name, ''), sum(c.amount_cents), count(DISTINCT CASE "
        "WHEN c.reversal_of IS NULL AND NOT EXISTS (SELECT 1 FROM billing_charge r WHERE "
        "r.reversal_of = c.id) THEN coalesce(c.appointment_id, -c.id) END), coalesce(sum((SELECT "
        "sum(a.amount_cents) FROM "
        "billing_allocation a WHERE a.charge_id = c.id)), 0) FROM billing_charge c INDEXED BY "
        "billing_charge_aging LEFT JOIN billing_charge_clinician k ON k.charge_id = c.id LEFT "
        "JOIN billing_clinician l ON l.id = k.clinician_id WHERE c.service_date BETWEEN ?1 AND "
        "?2 GROUP BY k.clinician_id ORDER BY k.clinician_id IS NOT NULL, l.name COLLATE "
        "NOCASE");
    select.bind(1, from).bind(2, to);
    std::vector<ClinicianFigures> found;
    int code = 0;
    while ((code = select.step()) == DYAD_ROW) {
        ClinicianFigures figures;
        if (!select.is_null(0)) {
            figures.clinician_id = select.int64(0);
        }
        figures.name = figures.clinician_id ? select.text(1) : own_name;
        figures.charged_cents = select.int64(2);
        figures.sessions = static_cast<int>(select.int64(3));
        figures.received_cents = select.int64(4);
        found.push_back(std::move(figures));
    }
    if (code != DYAD_DONE) {
        return std::unexpected("the figures by clinician could not be read: " + db.last_error());
    }
    return found;
}

}  // namespace dyad::billing
