// The billing plugin's part of the demo practice (SDK 1.1 dyad.demo/1): over the demo's units
// and their weekly sessions, fill_demo saves the practice's identity, each unit's setup,
// charges for the sessions and payments, all through the store, dated from the sessions and
// today; the Billing tab, the Home card and the Billing Overview then read content. A second
// fill changes nothing; a refusal halfway leaves nothing behind.
#include <gtest/gtest.h>

#include <time_text.h>

#include <cmath>
#include <stdexcept>

#include "billing_fixture.h"
#include "demo.h"
#include "identity.h"
#include "practice_report.h"
#include "reports.h"

using namespace dyad::billing;
using namespace dyad::billing::test;

namespace {

struct DemoFixture : Fixture {
    std::vector<std::int64_t> units;
    std::string today = dyad::datafile::local_today();

    DemoFixture() {
        for (const char* name : {"Ana & Ben Ortiz", "Dee & Eli Moss", "Carla Diaz", "Nguyen",
                                 "Farah Khan & Sam Lee", "Omar Haddad"}) {
            units.push_back(harness.unit(name));
        }
        auto history = dyad::add_demo_history(harness.practice().records(), units);
        EXPECT_TRUE(history) << (history ? "" : history.error().message);
    }
    dyad::sdk::DemoRequest request() const { return {today, units}; }
    std::int64_t owed(std::int64_t unit, std::int64_t client) {
        auto balances = store.balances(unit);
        for (const auto& balance : *balances) {
            if (balance.client_id == client) {
                return balance.balance();
            }
        }
        return -1;
    }
    std::int64_t member(std::int64_t unit, const std::string& given) {
        for (const auto& person : host.members(unit)) {
            if (person.given_name == given) {
                return person.client_id;
            }
        }
        return 0;
    }
    // Whole days from date to today.
    long age(const std::string& date) {
        auto from = dyad::datafile::parse_utc(*local_midnight_utc(date));
        auto to = dyad::datafile::parse_utc(*local_midnight_utc(today));
        return std::lround(static_cast<double>(*to - *from) / 86400.0);
    }
    std::int64_t rows() {
        return count(
            "SELECT (SELECT count(*) FROM billing_charge) + (SELECT count(*) FROM "
            "billing_payment) + (SELECT count(*) FROM billing_allocation) + (SELECT "
            "count(*) FROM billing_unit) + (SELECT count(*) FROM billing_identity)");
    }
};

}  // namespace

TEST(BillingDemo, FillsIdentitySetupsChargesAndPaymentsFromTheSessionsOnce) {
    DemoFixture f;
    ASSERT_NO_THROW(fill_demo(f.host, f.store, &f.catalogue, f.request()));

    auto identity = IdentityStore(f.host).load();
    ASSERT_TRUE(identity && *identity);
    EXPECT_EQ((*identity)->legal_name, "Demo Practice");
    EXPECT_EQ((*identity)->clinician_name, "Maya Lin");
    EXPECT_EQ((*identity)->licence_type, "LMFT");
    EXPECT_EQ((*identity)->taxonomy, "106H00000X");
    EXPECT_EQ(npi_problem((*identity)->clinician_npi), "");
    EXPECT_EQ(masked_tax_id(**identity), "**-***6789");

    // The showcase couple: 60/40, Ana the identified patient; fourteen sessions and the missed
    // one's fee, the first about sixteen weeks ago; everything paid but Ben's last two shares.
    std::int64_t ortiz = f.units[0];
    std::int64_t ana = f.member(ortiz, "Ana");
    std::int64_t ben = f.member(ortiz, "Ben");
    auto setup = f.store.unit(ortiz);
    ASSERT_TRUE(setup && *setup);
    EXPECT_EQ((*setup)->kind, "self_pay");
    EXPECT_EQ((*setup)->identified_patient_id, ana);
    ASSERT_EQ((*setup)->split.size(), 2u);
    EXPECT_EQ((*setup)->split[0].client_id, ana);
    EXPECT_EQ((*setup)->split[0].percent, 60);
    auto charges = f.store.charges(ortiz);
    ASSERT_TRUE(charges);
    ASSERT_EQ(charges->size(), 15u);
    int couple_sessions = 0;
    for (const auto& charge : *charges) {
        EXPECT_FALSE(charge.reversed || charge.reversal_of);
        EXPECT_LT(charge.service_date, f.today);
        if (charge.code == "90847") {
            ++couple_sessions;
            EXPECT_EQ(charge.amount_cents, 16000);
        } else {
            EXPECT_EQ(charge.code, "NOSHOW");
        }
    }
    EXPECT_EQ(couple_sessions, 14);
    EXPECT_GE(f.age(charges->front().service_date), 111);
    EXPECT_LE(f.age(charges->front().service_date), 118);
    EXPECT_GE(f.age(charges->back().service_date), 6);
    EXPECT_LE(f.age(charges->back().service_date), 13);
    EXPECT_EQ(f.owed(ortiz, ana), 0);
    EXPECT_EQ(f.owed(ortiz, ben), 12800);
    EXPECT_EQ(*f.store.credit(ortiz), 0);
    auto ledger = f.store.ledger(ortiz);
    ASSERT_TRUE(ledger);
    EXPECT_EQ(ledger->size(), 30u) << "15 charges, 15 payments";
    EXPECT_EQ(ledger->back().balance_cents, 12800);

    // Moss: Eli has paid nothing for six weeks (the late-cancel fee's half included).
    std::int64_t moss = f.units[1];
    EXPECT_EQ(f.store.charges(moss)->size(), 10u);
    EXPECT_EQ(f.owed(moss, f.member(moss, "Dee")), 0);
    EXPECT_EQ(f.owed(moss, f.member(moss, "Eli")), 42500);
    // Diaz on tier B (60 % of 90837's $175), reviewed in two months, paid in full.
    std::int64_t diaz = f.units[2];
    EXPECT_EQ((*f.store.unit(diaz))->sliding_tier, "B");
    EXPECT_EQ(sliding_review_due(**f.store.unit(diaz), f.today), "");
    ASSERT_EQ(f.store.charges(diaz)->size(), 8u);
    EXPECT_EQ(f.store.charges(diaz)->front().amount_cents, 10500);
    EXPECT_EQ(f.owed(diaz, f.member(diaz, "Carla")), 0);
    // The Nguyens: three sessions and a missed one, paid; Haddad's seventeen, paid.
    EXPECT_EQ(f.store.charges(f.units[3])->size(), 4u);
    EXPECT_EQ(f.store.ledger(f.units[3])->back().balance_cents, 0);
    EXPECT_EQ(f.store.charges(f.units[5])->size(), 17u);
    EXPECT_EQ(f.store.ledger(f.units[5])->back().balance_cents, 0);
    EXPECT_FALSE(f.store.unit(f.units[4])->has_value()) << "the waitlist couple is not billed";

    // The Home card and the Billing Overview.
    auto summary = f.store.practice_summary(f.today);
    ASSERT_TRUE(summary);
    EXPECT_EQ(summary->first, 0) << "every attended session is charged";
    EXPECT_EQ(summary->second, 55300);
    auto report = aging(f.db, f.today);
    ASSERT_TRUE(report) << report.error();
    EXPECT_EQ(report->total_cents, 55300);
    EXPECT_GE(report->buckets[1], 16000) << "Eli's shares of five and six weeks ago";
    EXPECT_EQ(report->buckets[2] + report->buckets[3], 0);
    EXPECT_EQ(report->units_owing, 2);
    EXPECT_EQ(report->credit_cents, 0);
    auto months = monthly_figures(f.db, f.today, 12);
    ASSERT_TRUE(months);
    std::int64_t charged = 0;
    std::int64_t received = 0;
    for (const auto& month : *months) {
        charged += month.charged_cents;
        received += month.received_cents;
    }
    EXPECT_EQ(charged, 817500);
    EXPECT_EQ(received, 817500 - 55300);
    auto by_clinician = clinician_figures(
        f.db, "Maya Lin", f.store.charges(f.units[5])->front().service_date, f.today);
    ASSERT_TRUE(by_clinician);
    ASSERT_EQ(by_clinician->size(), 1u);
    EXPECT_EQ(by_clinician->front().name, "Maya Lin");
    EXPECT_EQ(by_clinician->front().sessions, 54) << "one charge per appointment";
    EXPECT_EQ(by_clinician->front().outstanding(), 55300);
    EXPECT_EQ(f.host_count("SELECT count(*) FROM dyad_audit WHERE entity = 'dyad.billing:charge'"),
              54);
    EXPECT_EQ(f.host_count("SELECT count(*) FROM dyad_audit WHERE entity = 'dyad.billing:payment'"),
              49);

    // A second fill (the demo filled before) changes nothing.
    std::int64_t before = f.rows();
    ASSERT_NO_THROW(fill_demo(f.host, f.store, &f.catalogue, f.request()));
    EXPECT_EQ(f.rows(), before);
}

TEST(BillingDemo, ARefusalHalfwayLeavesNothingBehind) {
    DemoFixture f;
    const std::string audits = "SELECT count(*) FROM dyad_audit WHERE entity LIKE 'dyad.billing:%'";
    std::int64_t audited = f.host_count(audits);
    EXPECT_THROW(fill_demo(f.host, f.store, nullptr, f.request()), std::runtime_error);
    // Carla Diaz's tier is not in this catalogue: refused after the Ortiz and Moss couples
    // were written, so the whole fill is rolled back.
    Catalogue without_tiers = f.catalogue;
    without_tiers.sliding_scale.clear();
    BillingStore store(f.host, &without_tiers);
    try {
        fill_demo(f.host, store, &without_tiers, f.request());
        ADD_FAILURE() << "the fill should have been refused";
    } catch (const std::runtime_error& error) {
        EXPECT_NE(std::string(error.what()).find("Carla Diaz"), std::string::npos) << error.what();
    }
    EXPECT_EQ(f.rows(), 0);
    EXPECT_EQ(f.host_count(audits), audited);
}
