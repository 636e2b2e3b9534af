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

}  // namespace dyad::billing
