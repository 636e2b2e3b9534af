// Billing at practice scale (issue 16): 5,000 clients, 200,000 charges split between partners,
// half of them paid. Timed: a unit's ledger and balances (the Billing tab opening), the
// practice's aging report, and writing a month's 837P of 500 claims. Prints p50 and p95 in
// milliseconds; figures go into the note, never into asserts.
//   build/bench/billing_bench [CHARGES]     (default 200000)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "ledger.h"
#include "plugin_harness.h"
#include "records/generator.h"
#include "reports.h"
#include "schema.h"
#include "timings.h"
#include "x837.h"

namespace {

using dyad::bench::Clock;
using dyad::bench::Timings;

void report(const char* what, Timings& timings) {
    std::printf("%-40s p50 %8.2f ms   p95 %8.2f ms   (%zu runs)\n", what, timings.percentile(0.5),
                timings.percentile(0.95), timings.ms.size());
}

std::string day(int offset) {
    // 2025-01-01 plus offset days, as text.
    std::tm when{};
    when.tm_year = 125;
    when.tm_mon = 0;
    when.tm_mday = 1 + offset;
    when.tm_hour = 12;
    std::mktime(&when);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &when);
    return text;
}

}  // namespace

int main(int argc, char** argv) {
    const std::int64_t charges = argc > 1 ? std::stoll(argv[1]) : 200'000;
    dyad::test::TempDir dir;
    dyad::test::PluginHarness harness("dyad.billing", dyad::billing::billing_schema(),
                                      dir.file("practice"));
    auto generated = dyad::records::generate_caseload(
        harness.practice().records(), harness.practice().connection(), {5000, 3000});
    if (!generated) {
        std::fprintf(stderr, "the caseload could not be generated\n");
        return 1;
    }
    dyad::sdk::Host host(harness.host());
    dyad::sdk::Database db(host);

    // Couples and their members, through the plugin's own (confined) connection.
    std::vector<std::pair<std::int64_t, std::vector<std::int64_t>>> couples;
    {
        auto select = db.prepare(
            "SELECT u.id, m.client_id FROM core_unit u JOIN core_unit_member m ON m.unit_id = "
            "u.id WHERE u.kind = 'couple' ORDER BY u.id, m.client_id");
        while (select.step() == DYAD_ROW) {
            if (couples.empty() || couples.back().first != select.int64(0)) {
                couples.push_back({select.int64(0), {}});
            }
            couples.back().second.push_back(select.int64(1));
        }
    }
    auto start = Clock::now();
    std::mt19937_64 random(7);
    {
        dyad::sdk::Transaction transaction(db);
        auto unit = db.prepare(
            "INSERT INTO billing_unit (unit_id, kind, identified_patient_id, "
            "responsible_client_id, updated_at) VALUES (?, 'insurance', ?, ?, '2025-01-01')");
        auto split =
            db.prepare("INSERT INTO billing_split (unit_id, client_id, percent) VALUES (?, ?, ?)");
        auto charge = db.prepare(
            "INSERT INTO billing_charge (id, uuid, unit_id, service_date, code, label, minutes, "
            "place_of_service, amount_cents, billed_to, patient_id, created_at, created_by) "
            "VALUES (?, ?, ?, ?, '90847', 'Couple session', 50, '11', 16000, 'insurance', ?, "
            "'2025-01-01T00:00:00Z', 'bench')");
        auto share = db.prepare(
            "INSERT INTO billing_charge_share (charge_id, client_id, amount_cents) VALUES (?, ?, "
            "?)");
        auto payment = db.prepare(
            "INSERT INTO billing_payment (id, uuid, unit_id, from_client_id, method, "
            "amount_cents, received_on, created_at, created_by) VALUES (?, ?, ?, ?, 'card', 16000, "
            "?, '2025-01-01T00:00:00Z', 'bench')");
        auto allocation = db.prepare(
            "INSERT INTO billing_allocation (payment_id, charge_id, client_id, amount_cents, "
            "allocated_on) VALUES (?, ?, ?, ?, ?)");
        for (const auto& [id, members] : couples) {
            unit.bind(1, id).bind(2, members[0]).bind(3, members[0]);
            unit.step();
            unit.reset();
            for (std::size_t i = 0; i < members.size(); ++i) {
                split.bind(1, id).bind(2, members[i]).bind(3, i == 0 ? 60 : 40);
                split.step();
                split.reset();
            }
        }
        for (std::int64_t n = 0; n < charges; ++n) {
            const auto& [unit_id, members] = couples[static_cast<std::size_t>(n) % couples.size()];
            std::int64_t charge_id = db.new_id();
            charge.bind(1, charge_id).bind(2, db.new_uuid()).bind(3, unit_id);
            charge.bind(4, day(static_cast<int>(random() % 700))).bind(5, members[0]);
            charge.step();
            charge.reset();
            share.bind(1, charge_id).bind(2, members[0]).bind(3, 9600);
            share.step();
            share.reset();
            share.bind(1, charge_id).bind(2, members[1]).bind(3, 6400);
            share.step();
            share.reset();
            if (n % 2 == 0) {
                std::int64_t payment_id = db.new_id();
                payment.bind(1, payment_id).bind(2, db.new_uuid()).bind(3, unit_id);
                payment.bind(4, members[0]).bind(5, day(700));
                payment.step();
                payment.reset();
                for (int part = 0; part < 2; ++part) {
                    allocation.bind(1, payment_id).bind(2, charge_id).bind(3, members[part]);
                    allocation.bind(4, part == 0 ? 9600 : 6400).bind(5, day(700));
                    allocation.step();
                    allocation.reset();
                }
            }
        }
        if (!transaction.commit().empty()) {
            std::fprintf(stderr, "the charges could not be written: %s\n", db.last_error().c_str());
            return 1;
        }
    }
    std::printf("%zu couple units, %lld charges (half paid) written in %.1f s\n", couples.size(),
                static_cast<long long>(charges),
                std::chrono::duration<double>(Clock::now() - start).count());

    dyad::billing::BillingStore store(host, nullptr);
    Timings ledger;
    Timings balances;
    for (int run = 0; run < 200; ++run) {
        std::int64_t unit = couples[random() % couples.size()].first;
        auto begin = Clock::now();
        auto rows = store.ledger(unit);
        ledger.add(begin);
        begin = Clock::now();
        auto owed = store.balances(unit);
        balances.add(begin);
        if (!rows || !owed) {
            std::fprintf(stderr, "ledger: %s\n",
                         rows ? owed.error().c_str() : rows.error().c_str());
            return 1;
        }
    }
    report("unit ledger (about 100 charges)", ledger);
    report("unit balances per partner", balances);

    Timings aging;
    for (int run = 0; run < 20; ++run) {
        auto begin = Clock::now();
        auto report_ = dyad::billing::aging(db, day(730));
        aging.add(begin);
        if (!report_) {
            std::fprintf(stderr, "aging: %s\n", report_.error().c_str());
            return 1;
        }
    }
    report("aging report (whole practice)", aging);

    // A month's 837P: 500 claims read from the charges of the month's first 500 sessions.
    Timings claims;
    for (int run = 0; run < 20; ++run) {
        auto begin = Clock::now();
        dyad::billing::X12Batch batch;
        batch.provider = {"Rivera Couples Therapy PLLC",
                          "ein",
                          "123456789",
                          "",
                          "12 Oak St, Portland, OR 97201-1234",
                          "5035550100",
                          "Maya Rivera",
                          "1234567893",
                          "LMFT",
                          "T1234",
                          "OR",
                          "106H00000X"};
        batch.submitter = {"DYADSUB01", "CLEARHOUSE", "Clear Claims Inc", "5035550100", false};
        batch.control_number = run + 1;
        batch.date = "2026-11-02";
        batch.time = "09:30";
        auto month = db.prepare(
            "SELECT c.id, c.service_date, c.amount_cents, c.patient_id FROM billing_charge c "
            "WHERE c.service_date BETWEEN '2025-03-01' AND '2025-03-31' AND c.billed_to = "
            "'insurance' ORDER BY c.service_date, c.id LIMIT 500");
        while (month.step() == DYAD_ROW) {
            dyad::billing::X12Claim claim;
            claim.claim_number = "CLM-" + std::to_string(month.int64(0) % 1000000);
            claim.place_of_service = "11";
            claim.diagnoses = {"F43.23"};
            claim.lines = {{month.text(1), "90847", {}, month.int64(2), 1, {1}}};
            claim.coverage.member_id = "XYZ123456789";
            claim.payer = {3, "Cascade Health", "CASC1", "10", "95", "CI"};
            claim.patient = {month.int64(3), "Ana", "Ortiz", "1988-04-02", ""};
            claim.patient_details = {
                month.int64(3), "F", {"40 Elm Ave", "Portland", "OR", "97202"}};
            batch.claims.push_back(std::move(claim));
        }
        auto text = dyad::billing::write_837p(batch);
        claims.add(begin);
        if (!text || batch.claims.size() != 500) {
            std::fprintf(stderr, "837P: %zu claims, %s\n", batch.claims.size(),
                         text ? "" : text.error().front().c_str());
            return 1;
        }
    }
    report("837P of 500 claims (read + written)", claims);
    if (const char* keep = std::getenv("DYAD_BENCH_KEEP")) {  // For a look with sqlite3.
        std::filesystem::copy_file(dir.file("practice/practice.db"), keep,
                                   std::filesystem::copy_options::overwrite_existing);
    }
    return 0;
}
