#include "reports.h"

#include <Poco/JSON/Array.h>

#include <map>
#include <set>

#include "money.h"
#include "text_checks.h"

namespace dyad::billing {

std::expected<AgingReport, std::string> aging(const dyad::sdk::Database& db,
                                              const std::string& as_of) {
    if (!is_iso_date(as_of)) {
        return std::unexpected("the date is YYYY-MM-DD");
    }
    AgingReport report;
    report.as_of = as_of;
    // As it stood on as_of. Shares always sum to their charge and allocations never exceed a
    // share, so what is open in a bucket is its charges less what was allocated to them:
    // aggregate passes grouped by unit and bucket (by date text against three boundaries
    // computed once), over narrow indexes (schema.cpp, billing_charge_aging,
    // billing_allocation_amount).
    auto bounds =
        db.prepare("SELECT date(?1, '-30 days'), date(?1, '-60 days'), date(?1, '-90 days')");
    bounds.bind(1, as_of);
    if (bounds.step() != DYAD_ROW) {
        return std::unexpected("the aging report could not be read: " + db.last_error());
    }
    std::string d30 = bounds.text(0), d60 = bounds.text(1), d90 = bounds.text(2);
    bounds.reset();
    constexpr const char* kBucket =
        "CASE WHEN c.service_date >= ?2 THEN 0 WHEN c.service_date >= ?3 THEN 1 WHEN "
        "c.service_date >= ?4 THEN 2 ELSE 3 END";
    // A reversal row carries its charge's date and the negated amount, so summing every row
    // nets a reversed charge out; a reversal posted after as_of (with what it released of the
    // charge's payments) is taken back out by a second pass that cancels its row. Money put on
    // a charge after as_of (received, applied from credit or released later: each allocation's
    // allocated_on) is left out (the filter only when there is any).
    auto latest = db.prepare(
        "SELECT coalesce((SELECT max(received_on) FROM billing_payment), ''), coalesce((SELECT "
        "max(allocated_on) FROM billing_allocation), '')");
    std::string last_payment, last_allocation;
    if (latest.step() == DYAD_ROW) {
        last_payment = latest.text(0);
        last_allocation = latest.text(1);
    }
    latest.reset();
    const bool later_money = last_payment > as_of || last_allocation > as_of;
    const std::string allocated =
        later_money ? "SELECT sum(a.amount_cents) FROM billing_allocation a WHERE a.charge_id = "
                      "c.id AND a.allocated_on <= ?1"
                    : "SELECT sum(a.amount_cents) FROM billing_allocation a INDEXED BY "
                      "billing_allocation_amount WHERE a.charge_id = c.id";
    std::map<std::int64_t, std::array<std::int64_t, 4>> open;  // Unit -> bucket -> cents.
    auto run = [&](const std::string& sql, const std::string& first,
                   const std::string& last) -> std::expected<void, std::string> {
        auto select = db.prepare(sql.c_str());
        select.bind(1, as_of).bind(2, d30).bind(3, d60).bind(4, d90).bind(5, first).bind(6, last);
        int code = 0;
        while ((code = select.step()) == DYAD_ROW) {
            open[select.int64(0)][static_cast<std::size_t>(select.int64(1))] += select.int64(2);
        }
        if (code != DYAD_DONE) {
            return std::unexpected("the aging report could not be read: " + db.last_error());
        }
        return {};
    };
    auto late = db.prepare(
        "SELECT EXISTS (SELECT 1 FROM billing_charge WHERE reversal_of IS NOT NULL AND "
        "date(created_at, 'localtime') > ?)");
    late.bind(1, as_of);
    bool late_reversal = late.step() != DYAD_ROW || late.int64(0) != 0;
    late.reset();
    const std::string by_charge =
        std::string("SELECT c.unit_id, ") + kBucket + ", sum(c.amount_cents - coalesce((" +
        allocated +
        "), 0)) FROM billing_charge c INDEXED BY billing_charge_aging WHERE c.service_date "
        "BETWEEN ?5 AND ?6 AND c.service_date <= ?1 GROUP BY 1, 2";
    if (!later_money && !late_reversal) {
        // The usual report (nothing recorded after as_of): whole months from the running
        // totals, charge by charge only in the months a boundary or as_of cuts.
        std::set<std::string> cut = {d30.substr(0, 7), d60.substr(0, 7), d90.substr(0, 7),
                                     as_of.substr(0, 7)};
        auto months =
            db.prepare("SELECT unit_id, month, cents FROM billing_open_month WHERE month < ?1");
        months.bind(1, as_of.substr(0, 7));
        int code = 0;
        while ((code = months.step()) == DYAD_ROW) {
            std::string first = months.text(1) + "-01";
            if (cut.count(months.text(1)) != 0) {
                continue;
            }
            std::size_t bucket = first >= d30 ? 0 : first >= d60 ? 1 : first >= d90 ? 2 : 3;
            open[months.int64(0)][bucket] += months.int64(2);
        }
        if (code != DYAD_DONE) {
            return std::unexpected("the aging report could not be read: " + db.last_error());
        }
        for (const auto& month : cut) {
            if (auto done = run(by_charge, month + "-01", month + "-31"); !done) {
                return std::unexpected(done.error());
            }
        }
    } else {
        const std::string passes[2] = {
            by_charge, std::string("SELECT c.unit_id, ") + kBucket +
                           ", -sum(c.amount_cents - coalesce((" + allocated +
                           "), 0)) FROM billing_charge c WHERE c.reversal_of IS NOT NULL "
                           "AND c.service_date BETWEEN ?5 AND ?6 AND c.service_date <= ?1 AND "
                           "date(c.created_at, 'localtime') > ?1 GROUP BY 1, 2"};
        for (const auto& sql : passes) {
            if (auto done = run(sql, "0000-00-00", as_of); !done) {
                return std::unexpected(done.error());
            }
        }
    }
    for (const auto& [unit, buckets] : open) {
        std::int64_t owed = 0;
        for (std::size_t i = 0; i < 4; ++i) {
            report.buckets[i] += buckets[i];
            owed += buckets[i];
        }
        report.total_cents += owed;
        report.units_owing += owed > 0 ? 1 : 0;
    }
    // Credit as it stood: what was received by as_of, less what was put by then on charges
    // dated by then, less refunds by then. The plain sums when nothing is later.
    auto later_charge = db.prepare(
        "SELECT EXISTS (SELECT 1 FROM billing_charge WHERE "
        "service_date > ?)");
    later_charge.bind(1, as_of);
    bool historic = later_money || late_reversal || later_charge.step() != DYAD_ROW ||
                    later_charge.int64(0) != 0;
    later_charge.reset();
    auto credit = db.prepare(
        historic
            ? "SELECT coalesce((SELECT sum(amount_cents) FROM billing_payment WHERE received_on <= "
              "?1), 0) - coalesce((SELECT sum(a.amount_cents) FROM billing_allocation a JOIN "
              "billing_charge c ON c.id = a.charge_id WHERE a.allocated_on <= ?1 AND "
              "c.service_date <= ?1), 0) - "
              "coalesce((SELECT sum(amount_cents) FROM billing_refund WHERE refunded_on <= ?1), 0)"
            : "SELECT coalesce((SELECT sum(amount_cents) FROM billing_payment), 0) - "
              "coalesce((SELECT sum(amount_cents) FROM billing_allocation), 0) - "
              "coalesce((SELECT sum(amount_cents) FROM billing_refund WHERE refunded_on <= ?1), "
              "0)");
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
