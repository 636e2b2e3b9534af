#include "reports.h"

#include <Poco/JSON/Array.h>

#include "money.h"

namespace dyad::billing {

std::expected<AgingReport, std::string> aging(const dyad::sdk::Database& db,
                                              const std::string& as_of) {
    if (as_of.size() != 10 || as_of[4] != '-' || as_of[7] != '-') {
        return std::unexpected("the date is YYYY-MM-DD");
    }
    AgingReport report;
    report.as_of = as_of;
    // Allocations summed once per share (a streaming GROUP BY over their index), then joined.
    auto select = db.prepare(
        "WITH paid AS (SELECT charge_id, client_id, sum(amount_cents) AS cents FROM "
        "billing_allocation GROUP BY charge_id, client_id), open AS (SELECT c.unit_id, "
        "CAST(julianday(?1) - julianday(c.service_date) AS INTEGER) AS age, s.amount_cents - "
        "coalesce(p.cents, 0) AS cents FROM billing_charge c JOIN billing_charge_share s ON "
        "s.charge_id = c.id LEFT JOIN paid p ON p.charge_id = s.charge_id AND p.client_id = "
        "s.client_id WHERE c.reversal_of IS NULL AND c.service_date <= ?1 AND NOT EXISTS "
        "(SELECT 1 FROM billing_charge r WHERE r.reversal_of = c.id)) SELECT "
        "coalesce(sum(CASE WHEN age <= 30 THEN cents END), 0), coalesce(sum(CASE WHEN age "
        "BETWEEN 31 AND 60 THEN cents END), 0), coalesce(sum(CASE WHEN age BETWEEN 61 AND 90 "
        "THEN cents END), 0), coalesce(sum(CASE WHEN age > 90 THEN cents END), 0), count(DISTINCT "
        "unit_id) FROM open WHERE cents > 0");
    select.bind(1, as_of);
    if (select.step() != DYAD_ROW) {
        return std::unexpected("the aging report could not be read: " + db.last_error());
    }
    for (int i = 0; i < 4; ++i) {
        report.buckets[static_cast<std::size_t>(i)] = select.int64(i);
        report.total_cents += select.int64(i);
    }
    report.units_owing = static_cast<int>(select.int64(4));
    auto credit = db.prepare(
        "SELECT coalesce((SELECT sum(amount_cents) FROM billing_payment WHERE received_on <= ?1), "
        "0) - coalesce((SELECT sum(a.amount_cents) FROM billing_allocation a JOIN "
        "billing_payment p ON p.id = a.payment_id WHERE p.received_on <= ?1), 0)");
    credit.bind(1, as_of);
    if (credit.step() != DYAD_ROW) {
        return std::unexpected("the aging report could not be read: " + db.last_error());
    }
    report.credit_cents = credit.int64(0);
    auto methods = db.prepare(
        "SELECT method, sum(amount_cents) FROM billing_payment WHERE received_on <= ? GROUP BY "
        "method ORDER BY method");
    methods.bind(1, as_of);
    while (methods.step() == DYAD_ROW) {
        report.payments_by_method.emplace_back(methods.text(0), methods.int64(1));
    }
    return report;
}

Poco::JSON::Object::Ptr aging_json(const AgingReport& report) {
    Poco::JSON::Object::Ptr root = new Poco::JSON::Object;
    root->set("as_of", report.as_of);
    Poco::JSON::Object::Ptr buckets = new Poco::JSON::Object;
    for (std::size_t i = 0; i < 4; ++i) {
        buckets->set(kAgingLabels[i], report.buckets[i]);
    }
    root->set("buckets_cents", buckets);
    root->set("total_cents", report.total_cents);
    root->set("credit_cents", report.credit_cents);
    root->set("units_owing", report.units_owing);
    Poco::JSON::Object::Ptr methods = new Poco::JSON::Object;
    for (const auto& [method, cents] : report.payments_by_method) {
        methods->set(method, cents);
    }
    root->set("payments_by_method_cents", methods);
    return root;
}

std::string aging_text(const AgingReport& report) {
    std::string text = "outstanding as of " + report.as_of + ": " +
                       format_cents(report.total_cents) + " from " +
                       std::to_string(report.units_owing) + " unit(s)\n";
    for (std::size_t i = 0; i < 4; ++i) {
        text += std::string(kAgingLabels[i]) + " days\t" + format_cents(report.buckets[i]) + "\n";
    }
    text += "credit held\t" + format_cents(report.credit_cents) + "\n";
    for (const auto& [method, cents] : report.payments_by_method) {
        text += "paid by " + method + "\t" + format_cents(cents) + "\n";
    }
    return text;
}

}  // namespace dyad::billing
