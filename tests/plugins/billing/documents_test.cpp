// Money after it is posted (issue 16): a paid charge reversed to credit, receipts and
// statements, migrations 4 and 5 over a practice made at version 3, the practice view's
// figures and the sliding scale, over real practice files.
#include <gtest/gtest.h>

#include <pdf_document.h>
#include <time_text.h>

#include <fstream>

#include "billing_fixture.h"
#include "documents.h"
#include "practice_report.h"
#include "reports.h"
#include "statements.h"

using namespace dyad::billing;
using namespace dyad::billing::test;

TEST(BillingReversal, APaidChargeReversedReleasesItsPaymentToTheCreditChangingNoPostedRow) {
    Fixture f;
    ASSERT_TRUE(f.store.set_unit(f.sixty_forty()));
    f.session("2026-11-02", 50, "attended");
    ASSERT_TRUE(f.store.charge_sessions(f.couple, "2026-11-01", "2026-11-30", "test"));
    Charge charge = f.store.charges(f.couple)->front();
    NewPayment payment{f.couple, f.ana, "card", charge.amount_cents, "2026-11-03", "", {}};
    auto paid = f.store.pay(payment, "test");
    ASSERT_TRUE(paid) << paid.error();
    EXPECT_EQ(paid->credit_cents, 0);
    auto as_paid = aging(f.db, "2026-11-10");
    ASSERT_TRUE(as_paid);

    EXPECT_EQ(*f.store.paid_toward(charge.id), charge.amount_cents);
    std::int64_t rows_before = f.count("SELECT count(*) FROM billing_allocation");
    auto reversal = f.store.reverse(charge.id, "test");
    ASSERT_TRUE(reversal) << reversal.error();
    // The payment's allocations stay; the reversal takes them negated.
    EXPECT_EQ(f.count("SELECT count(*) FROM billing_allocation"), rows_before * 2);
    EXPECT_EQ(*f.store.paid_toward(*reversal), -charge.amount_cents);
    EXPECT_EQ(f.count("SELECT sum(amount_cents) FROM billing_allocation"), 0);
    EXPECT_EQ(*f.store.credit(f.couple), charge.amount_cents);
    auto released = f.store.balances(f.couple);
    ASSERT_TRUE(released);
    for (const auto& balance : *released) {
        EXPECT_EQ(balance.balance(), 0) << "partner " << balance.client_id;
    }
    EXPECT_EQ(f.store.ledger(f.couple)->back().balance_cents, -charge.amount_cents)
        << "the couple is in credit";
    // Aging today: nothing open, the credit held; the running months agree charge by charge.
    auto today = aging(f.db, "2099-12-31");
    ASSERT_TRUE(today);
    EXPECT_EQ(today->total_cents, 0);
    EXPECT_EQ(today->credit_cents, charge.amount_cents);
    EXPECT_EQ(f.count("SELECT coalesce(sum(cents), 0) FROM billing_open_month"), 0);
    // As of a day before the reversal was posted: paid, nothing open and no credit, as then.
    auto then = aging(f.db, "2026-11-10");
    ASSERT_TRUE(then) << then.error();
    EXPECT_EQ(then->total_cents, as_paid->total_cents);
    EXPECT_EQ(then->total_cents, 0);
    EXPECT_EQ(then->credit_cents, 0);

    // Only a reversal may release; posted rows are still never changed.
    const std::string negative =
        "INSERT INTO billing_allocation (payment_id, charge_id, "
        "client_id, amount_cents, allocated_on) VALUES (" +
        std::to_string(paid->payment_id) + ", " + std::to_string(charge.id) + ", " +
        std::to_string(f.ana) + ", -5, '2026-11-20')";
    EXPECT_NE(f.db.exec(negative.c_str()), "");
    EXPECT_NE(f.db.exec("UPDATE billing_allocation SET amount_cents = 1"), "");
    EXPECT_NE(f.db.exec("DELETE FROM billing_allocation"), "");
    // The credit pays the session charged again, or is refunded.
    ASSERT_TRUE(f.store.add_charge({f.couple, std::nullopt, "2026-11-02", "90847", 10000}, "test"));
    EXPECT_EQ(*f.store.apply_credit(f.couple, "test"), 10000);
    // As of a day before: the released money applied again is not counted twice (it was on
    // the first charge then); the charge dated Nov 2 but posted later was open.
    auto again = aging(f.db, "2026-11-10");
    ASSERT_TRUE(again) << again.error();
    EXPECT_EQ(again->credit_cents, 0);
    EXPECT_EQ(again->total_cents, 10000);
    EXPECT_EQ(aging(f.db, "2099-12-31")->total_cents, 0);
    NewRefund refund{f.couple, f.ana, "card", charge.amount_cents - 10000, "2026-11-20", ""};
    ASSERT_TRUE(f.store.refund(refund, "test"));
    EXPECT_EQ(*f.store.credit(f.couple), 0);
    EXPECT_EQ(f.store.ledger(f.couple)->back().balance_cents, 0);
}

TEST(BillingReceipts, OnePerPaymentNumberedWithoutGapsSayingWhatItPaid) {
    Fixture f;
    ASSERT_TRUE(f.store.set_unit(f.sixty_forty()));
    f.session("2026-11-02", 50, "attended");
    ASSERT_TRUE(f.store.charge_sessions(f.couple, "2026-11-01", "2026-11-30", "test"));
    std::int64_t fee = f.store.charges(f.couple)->front().amount_cents;
    NewPayment payment{f.couple, f.ana, "cheque", fee + 2500, "2026-11-03", "1042", {}};
    auto paid = f.store.pay(payment, "test");
    ASSERT_TRUE(paid);
    dyad::test::TempDir out;
    const std::string dir = out.path();
    auto receipt = issue_receipt(f.host, f.couple, paid->payment_id, dir + "/r1.pdf", "test");
    ASSERT_TRUE(receipt) << receipt.error();
    EXPECT_EQ(receipt->number, "RCT-000001");
    EXPECT_EQ(receipt->total_cents, fee + 2500);
    EXPECT_EQ(sha256_of(dir + "/r1.pdf"), receipt->sha256);
    EXPECT_EQ(f.count("SELECT count(*) FROM billing_document_charge dc JOIN billing_document d ON "
                      "d.id = dc.document_id WHERE d.kind = 'receipt'"),
              1);
    // One receipt per payment: a second is refused with the first's number, and takes none.
    auto again = issue_receipt(f.host, f.couple, paid->payment_id, dir + "/r2.pdf", "test");
    ASSERT_FALSE(again);
    EXPECT_NE(again.error().find("RCT-000001 already"), std::string::npos) << again.error();
    EXPECT_FALSE(std::ifstream(dir + "/r2.pdf").good());
    EXPECT_EQ(peek_number(f.db, "RCT"), "RCT-000002");
    // Another unit's payment is not this unit's to receipt.
    std::int64_t other = f.harness.unit("Carla Diaz");
    EXPECT_FALSE(issue_receipt(f.host, other, paid->payment_id, dir + "/r3.pdf", "test"));
    // A payment from no one partner (the couple) gets one too, addressed to no client.
    NewPayment joint{f.couple, std::nullopt, "cash", 1000, "2026-11-04", "", {}};
    auto second = f.store.pay(joint, "test");
    ASSERT_TRUE(second);
    auto next = issue_receipt(f.host, f.couple, second->payment_id, dir + "/r4.pdf", "test");
    ASSERT_TRUE(next) << next.error();
    EXPECT_EQ(next->number, "RCT-000002");
    auto payments = list_payments(f.db, f.couple);
    ASSERT_TRUE(payments);
    ASSERT_EQ(payments->size(), 2u);
    EXPECT_EQ(payments->at(0).receipt, "RCT-000001");
    EXPECT_EQ(payments->at(0).allocated_cents, fee);
    EXPECT_EQ(f.host_count("SELECT count(*) FROM dyad_audit WHERE entity = 'dyad.billing:receipt'"),
              2);
}

TEST(BillingStatements, APartnersAccountOverAPeriodFromItsOpeningBalance) {
    Fixture f;
    ASSERT_TRUE(f.store.set_unit(f.sixty_forty()));
    f.session("2026-10-05", 50, "attended");
    f.session("2026-11-02", 50, "attended");
    ASSERT_TRUE(f.store.charge_sessions(f.couple, "2026-10-01", "2026-11-30", "test"));
    auto charges = *f.store.charges(f.couple);
    ASSERT_EQ(charges.size(), 2u);
    auto share_of = [&](const Charge& charge, std::int64_t client) {
        for (const auto& share : charge.shares) {
            if (share.client_id == client) {
                return share.amount_cents;
            }
        }
        return std::int64_t{0};
    };
    std::int64_t october = share_of(charges[0], f.ana);
    std::int64_t november = share_of(charges[1], f.ana);
    NewPayment payment{f.couple, f.ana, "card", 5000, "2026-11-10", "", {{f.ana, 5000}}};
    ASSERT_TRUE(f.store.pay(payment, "test"));

    auto statement = read_statement(f.db, f.couple, f.ana, "2026-11-01", "2026-11-30");
    ASSERT_TRUE(statement) << statement.error();
    EXPECT_EQ(statement->opening_cents, october);
    ASSERT_EQ(statement->lines.size(), 2u);
    EXPECT_EQ(statement->lines[0].date, "2026-11-02");
    EXPECT_EQ(statement->lines[0].amount_cents, november);
    EXPECT_EQ(statement->lines[1].description, "Payment by card");
    EXPECT_EQ(statement->lines[1].amount_cents, -5000);
    EXPECT_EQ(statement->closing_cents, october + november - 5000);
    EXPECT_EQ(statement->charge_ids, std::vector<std::int64_t>{charges[1].id});
    auto balances = f.store.balances(f.couple);
    ASSERT_TRUE(balances);
    for (const auto& balance : *balances) {
        if (balance.client_id == f.ana) {
            EXPECT_EQ(balance.balance(), statement->closing_cents) << "the ledger agrees";
        }
    }
    // The period's refusals.
    EXPECT_FALSE(read_statement(f.db, f.couple, f.ana, "2026-11-31", "2026-12-01"));
    EXPECT_FALSE(read_statement(f.db, f.couple, f.ana, "2026-11-30", "2026-11-01"));

    dyad::test::TempDir out;
    const std::string dir = out.path();
    auto issued = issue_statement(f.host, f.store, f.couple, f.ana, "2026-11-01", "2026-11-30",
                                  dir + "/s1.pdf", "test");
    ASSERT_TRUE(issued) << issued.error();
    EXPECT_EQ(issued->number, "STM-000001");
    EXPECT_EQ(issued->total_cents, statement->closing_cents);
    EXPECT_EQ(sha256_of(dir + "/s1.pdf"), issued->sha256);
    EXPECT_FALSE(issue_statement(f.host, f.store, f.couple, 424242, "2026-11-01", "2026-11-30",
                                 dir + "/s2.pdf", "test"))
        << "not a member";
    EXPECT_FALSE(issue_statement(f.host, f.store, f.couple, f.ana, "2026-01-01", "2026-01-31",
                                 dir + "/s3.pdf", "test"))
        << "nothing before or in January";
    EXPECT_EQ(peek_number(f.db, "STM"), "STM-000002") << "refusals take no number";
    // Printed (File > Print): the same statement in memory, titled "Statement of account",
    // with no number taken and no document recorded.
    auto printed = statement_pages(f.host, f.store, f.couple, f.ana, "2026-11-01", "2026-11-30");
    ASSERT_TRUE(printed) << printed.error();
    ASSERT_TRUE(*printed);
    EXPECT_EQ((*printed)->count(), 1);
    EXPECT_EQ(peek_number(f.db, "STM"), "STM-000002") << "printing takes no number";
    EXPECT_EQ(f.count("SELECT count(*) FROM billing_document"), 1);
    auto nothing = statement_pages(f.host, f.store, f.couple, f.ana, "2026-01-01", "2026-01-31");
    ASSERT_TRUE(nothing) << nothing.error();
    EXPECT_FALSE(*nothing) << "nothing before or in January: nothing to print";
    EXPECT_FALSE(statement_pages(f.host, f.store, f.couple, 424242, "2026-11-01", "2026-11-30"))
        << "not a member";

    // A reversal of the October charge the payment paid toward (oldest first): its share out
    // and the payment back to the couple's credit, both dated the day the reversal was posted.
    ASSERT_TRUE(f.store.reverse(charges[0].id, "test"));
    std::string posted = dyad::datafile::now_utc().substr(0, 10);  // As the ledger dates it.
    auto after = read_statement(f.db, f.couple, f.ana, "2026-11-01", "2099-12-31");
    ASSERT_TRUE(after);
    ASSERT_EQ(after->lines.size(), 4u);
    EXPECT_EQ(after->lines[2].date, posted);
    EXPECT_EQ(after->lines[2].amount_cents, -october);
    EXPECT_NE(after->lines[2].description.find("(reversal of Oct 5, 2026)"), std::string::npos);
    EXPECT_EQ(after->lines[3].description,
              "Payment of Nov 10, 2026 returned to the couple's credit by a reversal");
    EXPECT_EQ(after->lines[3].amount_cents, 5000);
    EXPECT_EQ(after->closing_cents, november) << "only November's share is owed";
    EXPECT_EQ(*f.store.credit(f.couple), 5000);
}

TEST(BillingMigration, FourAndFiveKeepEveryAllocationAndTheAgingOfAPracticeMadeAtThree) {
    dyad::test::TempDir dir;
    const std::string data = dir.file("practice");
    dyad_schema_v1 three = *billing_schema();
    three.migration_count = 3;
    std::int64_t allocated = 0, open = 0, credit = 0, couple = 0;
    {
        dyad::test::PluginHarness harness("dyad.billing", &three, data);
        dyad::sdk::Host host(harness.host());
        couple = harness.unit("Ana & Ben Ortiz");
        auto members = harness.practice().records().members(couple);
        std::string unit = std::to_string(couple);
        std::string a = std::to_string(members->at(0).client_id);
        std::string b = std::to_string(members->at(1).client_id);
        // Written as version 3 knew the tables (the store's code is the latest version's).
        dyad::sdk::Database raw(host);
        for (const std::string& sql : std::vector<std::string>{
                 "INSERT INTO billing_unit (unit_id, kind, updated_at) VALUES (" + unit +
                     ", 'self_pay', 't')",
                 "INSERT INTO billing_split VALUES (" + unit + ", " + a + ", 50), (" + unit + ", " +
                     b + ", 50)",
                 "INSERT INTO billing_charge (id, uuid, unit_id, service_date, code, label, "
                 "place_of_service, amount_cents, billed_to, created_at, created_by) VALUES (1, "
                 "'c1', " +
                     unit +
                     ", '2026-09-07', '90847', 'Couple', '11', 20000, 'self_pay', "
                     "'2026-09-07T10:00:00Z', 't'), (2, 'c2', " +
                     unit +
                     ", '2026-10-05', '90847', "
                     "'Couple', '11', 20000, 'self_pay', '2026-10-05T10:00:00Z', 't')",
                 "INSERT INTO billing_charge_share VALUES (1, " + a + ", 10000), (1, " + b +
                     ", 10000), (2, " + a + ", 10000), (2, " + b + ", 10000)",
                 "INSERT INTO billing_payment (id, uuid, unit_id, method, amount_cents, "
                 "received_on, created_at, created_by) VALUES (3, 'p3', " +
                     unit +
                     ", 'card', "
                     "30000, '2026-10-06', '2026-10-06T10:00:00Z', 't')",
                 "INSERT INTO billing_allocation VALUES (3, 1, " + a + ", 10000), (3, 1, " + b +
                     ", 10000), (3, 2, " + a + ", 5000), (3, 2, " + b + ", 5000)"}) {
            ASSERT_EQ(raw.exec(sql.c_str()), "") << sql;
        }
        dyad::sdk::Database db(host);
        auto report = aging(db, "2026-12-01");
        ASSERT_TRUE(report);
        open = report->total_cents;
        credit = report->credit_cents;
        allocated = **harness.practice().connection().query_int64(
            "SELECT sum(amount_cents) FROM billing_allocation");
    }
    dyad::test::PluginHarness harness("dyad.billing", billing_schema(), data);
    dyad::sdk::Host host(harness.host());
    Catalogue catalogue = shipped();
    BillingStore store(host, &catalogue);
    dyad::sdk::Database db(host);
    auto& connection = harness.practice().connection();
    EXPECT_EQ(**connection.query_int64("SELECT sum(amount_cents) FROM billing_allocation"),
              allocated);
    EXPECT_EQ(**connection.query_int64("SELECT count(*) FROM sqlite_schema WHERE name = "
                                       "'billing_allocation_v3'"),
              0);
    auto report = aging(db, "2026-12-01");
    ASSERT_TRUE(report);
    EXPECT_EQ(report->total_cents, open);
    EXPECT_EQ(report->total_cents, 10000);
    EXPECT_EQ(report->credit_cents, credit);
    // The rebuilt table keeps its rules and its running months.
    auto charges = *store.charges(couple);
    ASSERT_TRUE(store.reverse(charges[0].id, "t")) << "paid in full: released";
    EXPECT_EQ(*store.credit(couple), 20000);
    EXPECT_EQ(**connection.query_int64("SELECT sum(cents) FROM billing_open_month"), 20000 - 10000)
        << "October's share left open, nothing of September";
    EXPECT_NE(db.exec("DELETE FROM billing_allocation"), "");
    // Migration 5: the unit pays the full fee until a tier is set, with a real review date.
    auto kept = *store.unit(couple);
    ASSERT_TRUE(kept);
    EXPECT_EQ(kept->sliding_tier, "");
    kept->sliding_tier = "A";
    kept->sliding_review = "2027-01-01";
    ASSERT_TRUE(store.set_unit(*kept));
    EXPECT_NE(db.exec("UPDATE billing_unit SET sliding_review = '2027-13-01'"), "");
    EXPECT_NE(db.exec("UPDATE billing_unit SET sliding_review = ''"), "") << "a tier needs one";
}

TEST(BillingPracticeView, MonthsChargedAndReceivedAndTheSessionsLeftToCharge) {
    Fixture f;
    ASSERT_TRUE(f.store.set_unit(f.sixty_forty()));
    ASSERT_TRUE(f.store.add_charge({f.couple, std::nullopt, "2026-10-05", "90847", 15000}, "t"));
    ASSERT_TRUE(f.store.add_charge({f.couple, std::nullopt, "2026-11-02", "90847", 15000}, "t"));
    NewPayment payment{f.couple, f.ana, "card", 35000, "2026-11-03", "", {}};
    ASSERT_TRUE(f.store.pay(payment, "t"));
    NewRefund refund{f.couple, f.ana, "card", 1000, "2026-11-04", ""};
    ASSERT_TRUE(f.store.refund(refund, "t")) << "5000 over the 30000 open: credit";
    auto months = monthly_figures(f.db, "2026-11-15", 3);
    ASSERT_TRUE(months) << months.error();
    ASSERT_EQ(months->size(), 3u);
    EXPECT_EQ(months->at(0).month, "2026-09");
    EXPECT_EQ(months->at(0).charged_cents, 0);
    EXPECT_EQ(months->at(1).charged_cents, 15000);
    EXPECT_EQ(months->at(2).charged_cents, 15000);
    EXPECT_EQ(months->at(2).received_cents, 35000 - 1000);
    auto january = monthly_figures(f.db, "2027-01-31", 4);
    ASSERT_TRUE(january);
    EXPECT_EQ(january->front().month, "2026-10") << "across the year's end";
    EXPECT_FALSE(monthly_figures(f.db, "2026-11-31", 3));
    EXPECT_FALSE(monthly_figures(f.db, "2026-11-15", 0));
    EXPECT_FALSE(monthly_figures(f.db, "2026-11-15", 121));

    // An attended session is listed until it has a charge standing; a reversal lists it again.
    std::string day = local_date_days_ago(10);
    std::int64_t visit = f.session(day, 50, "attended");
    auto unbilled = f.store.unbilled_sessions(dyad::datafile::local_today());
    ASSERT_TRUE(unbilled) << unbilled.error();
    ASSERT_EQ(unbilled->size(), 1u);
    EXPECT_EQ(unbilled->front().appointment_id, visit);
    EXPECT_EQ(unbilled->front().date, day);
    ASSERT_TRUE(f.store.charge_sessions(f.couple, day, day, "t"));
    EXPECT_TRUE(f.store.unbilled_sessions(dyad::datafile::local_today())->empty());
    std::int64_t charged = f.store.charges(f.couple)->back().id;
    ASSERT_TRUE(f.store.reverse(charged, "t"));
    EXPECT_EQ(f.store.unbilled_sessions(dyad::datafile::local_today())->size(), 1u);
    EXPECT_EQ(f.store.practice_summary(dyad::datafile::local_today())->first, 1);
}

TEST(BillingSlidingScale, ATierChargesItsShareOfSessionFeesUntilItsReviewIsDue) {
    Fixture f;
    UnitSetup setup = f.sixty_forty();
    setup.sliding_tier = "B";  // 60 % of the fee.
    EXPECT_EQ(f.store.set_unit(setup).error(),
              "a sliding-scale tier needs the day it is to be reviewed (YYYY-MM-DD)");
    setup.sliding_review = "2027-06-01";
    setup.kind = "insurance";
    EXPECT_NE(f.store.set_unit(setup).error().find("for self-pay units"), std::string::npos);
    setup.kind = "self_pay";
    setup.sliding_tier = "Z";
    EXPECT_EQ(f.store.set_unit(setup).error(), "the service catalogue has no sliding-scale tier Z");
    setup.sliding_tier = "";
    EXPECT_EQ(f.store.set_unit(setup).error(), "a review date goes with a sliding-scale tier");
    setup.sliding_tier = "B";
    ASSERT_TRUE(f.store.set_unit(setup));
    auto saved = *f.store.unit(f.couple);
    EXPECT_EQ(saved->sliding_tier, "B");
    EXPECT_EQ(saved->sliding_review, "2027-06-01");

    f.session("2026-11-02", 50, "attended");
    f.session("2026-11-09", 50, "no_show");
    ASSERT_TRUE(f.store.charge_sessions(f.couple, "2026-11-01", "2026-11-30", "t"));
    auto charges = *f.store.charges(f.couple);
    ASSERT_EQ(charges.size(), 2u);
    for (const auto& charge : charges) {
        if (charge.code == "90847") {
            EXPECT_EQ(charge.amount_cents, 9600) << "60 % of $160.00";
        } else {
            EXPECT_EQ(charge.amount_cents, 7500) << "a missed-session fee is never reduced";
        }
    }
    // A fee given by hand is what was given.
    ASSERT_TRUE(f.store.add_charge({f.couple, std::nullopt, "2026-11-16", "90847", 12345}, "t"));
    EXPECT_EQ(f.store.charges(f.couple)->back().amount_cents, 12345);

    EXPECT_EQ(sliding_review_due(*saved, "2027-05-31"), "");
    EXPECT_EQ(sliding_review_due(*saved, "2027-06-01"),
              "the sliding-scale tier B was to be reviewed by 2027-06-01: review the couple's "
              "fee");
}

TEST(BillingPracticeView, ChargingTheListedSessionsChargesThoseAndNoOther) {
    Fixture f;
    ASSERT_TRUE(f.store.set_unit(f.sixty_forty()));
    std::int64_t first = f.session(local_date_days_ago(20), 50, "attended");
    std::int64_t missed = f.session(local_date_days_ago(13), 50, "no_show");
    std::int64_t last = f.session(local_date_days_ago(6), 50, "attended");
    auto unbilled = *f.store.unbilled_sessions(dyad::datafile::local_today());
    ASSERT_EQ(unbilled.size(), 2u) << "attended sessions only";
    std::vector<std::int64_t> listed = {first, last};
    auto run = f.store.charge_sessions(f.couple, local_date_days_ago(20), local_date_days_ago(6),
                                       "t", &listed);
    ASSERT_TRUE(run) << run.error();
    EXPECT_EQ(run->created, 2);
    auto charged = f.store.charges(f.couple);
    ASSERT_TRUE(charged);
    for (const auto& charge : *charged) {
        EXPECT_NE(charge.appointment_id, missed) << "the missed session was not listed";
    }
}

TEST(BillingSlidingScale, ATierGoneFromTheCatalogueIsRefusedNotChargedInFull) {
    Fixture f;
    UnitSetup setup = f.sixty_forty();
    setup.sliding_tier = "C";
    setup.sliding_review = "2027-06-01";
    ASSERT_TRUE(f.store.set_unit(setup));
    Catalogue renamed = f.catalogue;
    renamed.sliding_scale.pop_back();  // Tier C removed from the practice's file.
    f.store.set_catalogue(&renamed);
    f.session("2026-11-02", 50, "attended");
    auto run = f.store.charge_sessions(f.couple, "2026-11-01", "2026-11-30", "t");
    ASSERT_FALSE(run);
    EXPECT_EQ(run.error(),
              "the unit's sliding-scale tier C is no longer in the service catalogue: choose its "
              "tier again in the Billing tab");
    EXPECT_TRUE(f.store.charges(f.couple)->empty()) << "nothing half-saved";
    // A missed-session fee is never reduced, so it is charged.
    ASSERT_TRUE(
        f.store.add_charge({f.couple, std::nullopt, "2026-11-09", "NOSHOW", std::nullopt}, "t"));
}
