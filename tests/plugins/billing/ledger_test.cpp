// A couple's billing over a real practice file (issue 16): setup refusals, charges from four
// attended weekly sessions split 60/40, one payment split between the partners, reversals (of
// paid charges too), append-only rows, add-on pairing on a session, gap-free invoice numbers,
// receipts and statements.
#include <gtest/gtest.h>

#include <Poco/DigestStream.h>
#include <Poco/SHA2Engine.h>
#include <fstream>

#include "catalogue.h"
#include "documents.h"
#include "ledger.h"
#include "plugin_harness.h"
#include "practice_report.h"
#include "reports.h"
#include "schema.h"
#include "statements.h"
#include "test_support.h"

using namespace dyad::billing;

namespace {

Catalogue shipped() {
    std::ifstream in(dyad::test::source_dir() + "/resources/billing/services.json");
    std::stringstream text;
    text << in.rdbuf();
    return *parse_catalogue(text.str(), "services.json");
}

struct Fixture {
    dyad::test::PluginHarness harness{"dyad.billing", billing_schema()};
    dyad::sdk::Host host{harness.host()};
    dyad::sdk::Database db{host};
    Catalogue catalogue = shipped();
    BillingStore store{host, &catalogue};
    std::int64_t couple = harness.unit("Ana & Ben Ortiz");
    std::int64_t ana = 0;
    std::int64_t ben = 0;

    Fixture() {
        auto members = harness.practice().records().members(couple);
        ana = members->at(0).client_id;
        ben = members->at(1).client_id;
    }
    // A session on day (YYYY-MM-DD) at 15:00 UTC lasting minutes, with its status.
    std::int64_t session(const std::string& day, int minutes, const std::string& status,
                         const std::string& type = "couple", bool telehealth = false) {
        dyad::records::AppointmentFields fields;
        fields.unit_id = couple;
        fields.starts_at = day + "T15:00:00Z";
        int end = 15 * 60 + minutes;
        char ends[32];
        std::snprintf(ends, sizeof ends, "%sT%02d:%02d:00Z", day.c_str(), end / 60, end % 60);
        fields.ends_at = ends;
        fields.session_type = type;
        fields.telehealth = telehealth;
        auto created = harness.practice().records().create_appointment(fields, "test");
        EXPECT_TRUE(created) << (created ? "" : created.error().message);
        fields.status = status;
        EXPECT_TRUE(harness.practice().records().update_appointment(created->id, fields, "test"));
        return created->id;
    }
    UnitSetup sixty_forty(const std::string& kind = "self_pay") {
        UnitSetup setup;
        setup.unit_id = couple;
        setup.kind = kind;
        setup.identified_patient_id = ana;
        setup.responsible_client_id = ana;
        setup.split = {{ana, 60}, {ben, 40}};
        return setup;
    }
    std::int64_t count(const std::string& sql) {
        auto select = db.prepare(sql.c_str());
        EXPECT_TRUE(select.ok()) << select.error();
        return select.step() == DYAD_ROW ? select.int64(0) : -1;
    }
    // Over the host's own connection (the audit trail is not the plugin's to read).
    std::int64_t host_count(const std::string& sql) {
        return **harness.practice().connection().query_int64(sql);
    }
};

std::string sha256_of(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    Poco::DigestOutputStream digest(engine);
    digest << in.rdbuf();
    digest.flush();
    return Poco::DigestEngine::digestToHex(engine.digest());
}

}  // namespace

TEST(BillingSetup, RefusalsSayWhatIsWrongAndSaveNothing) {
    Fixture f;
    UnitSetup setup = f.sixty_forty();
    setup.split = {{f.ana, 60}, {f.ben, 30}};
    EXPECT_EQ(f.store.set_unit(setup).error(),
              "the partners' shares must add up to 100% (they add up to 90%)");
    setup = f.sixty_forty("insurance");
    setup.identified_patient_id.reset();
    EXPECT_EQ(f.store.set_unit(setup).error().substr(0, 44),
              "insurance and superbills are billed under an");
    setup = f.sixty_forty();
    setup.split = {{f.ana, 60}, {424242, 40}};
    EXPECT_EQ(f.store.set_unit(setup).error(), "client 424242 is not a member of this unit");
    EXPECT_FALSE(f.store.unit(f.couple)->has_value()) << "nothing saved";
    ASSERT_TRUE(f.store.set_unit(f.sixty_forty()));
    auto saved = f.store.unit(f.couple);
    ASSERT_TRUE(saved && *saved);
    EXPECT_EQ((*saved)->split.front().percent, 60);
}

TEST(BillingCharges, FourAttendedSessionsAreChargedOnceAndSplitSixtyForty) {
    Fixture f;
    ASSERT_TRUE(f.store.set_unit(f.sixty_forty()));
    for (const char* day : {"2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"}) {
        f.session(day, 50, "attended");
    }
    f.session("2026-11-30", 50, "scheduled");  // Not yet: nothing to bill.
    f.session("2026-11-25", 20, "attended");   // Too short for 90847.
    f.session("2026-11-26", 50, "no_show");    // A missed-session fee, never to insurance.
    f.session("2026-11-27", 50, "attended", "couple", true);  // Telehealth at home: POS 10.
    auto run = f.store.charge_sessions(f.couple, "2026-11-01", "2026-11-30", "Dana");
    ASSERT_TRUE(run) << run.error();
    EXPECT_EQ(run->created, 6);
    ASSERT_EQ(run->skipped.size(), 1u);
    EXPECT_EQ(run->skipped[0],
              "2026-11-25: no service in the catalogue fits a couple session of 20 minutes");
    auto again = f.store.charge_sessions(f.couple, "2026-11-01", "2026-11-30", "Dana");
    EXPECT_EQ(again->created, 0) << "running again changes nothing";

    auto charges = f.store.charges(f.couple);
    ASSERT_EQ(charges->size(), 6u);
    const Charge& first = charges->front();
    EXPECT_EQ(first.code, "90847");
    EXPECT_EQ(first.amount_cents, 16000);
    EXPECT_EQ(first.billed_to, "self_pay");
    EXPECT_EQ(first.place_of_service, "11");
    ASSERT_EQ(first.shares.size(), 2u);
    std::int64_t ana_share = first.shares[0].client_id == f.ana ? first.shares[0].amount_cents
                                                                : first.shares[1].amount_cents;
    EXPECT_EQ(ana_share, 9600);
    int no_shows = 0;
    for (const auto& charge : *charges) {
        if (charge.code == "NOSHOW") {
            ++no_shows;
            EXPECT_EQ(charge.billed_to, "self_pay") << "a no-show fee never goes to insurance";
        }
        if (charge.service_date == "2026-11-27") {
            EXPECT_EQ(charge.place_of_service, "10");
        }
    }
    EXPECT_EQ(no_shows, 1);
    EXPECT_EQ(f.host_count("SELECT count(*) FROM dyad_audit WHERE entity = 'dyad.billing:charge'"),
              6);
    // Billed on a superbill, a couple code needs the identified patient's diagnosis, which only
    // the records plugin knows: without it, the session is left out and says why.
    ASSERT_TRUE(f.store.set_unit(f.sixty_forty("superbill")));
    f.session("2026-11-28", 50, "attended");
    auto blocked = f.store.charge_sessions(f.couple, "2026-11-28", "2026-11-28", "Dana");
    ASSERT_TRUE(blocked) << blocked.error();
    EXPECT_EQ(blocked->created, 0);
    ASSERT_EQ(blocked->skipped.size(), 1u);
    EXPECT_EQ(blocked->skipped[0],
              "2026-11-28: 90847 not charged: the identified patient's diagnoses cannot be read "
              "(the Client Records plugin is not loaded)");
}

TEST(BillingPayments, OnePaymentIsSplitBetweenThePartnersAndAllocationsSumToIt) {
    Fixture f;
    ASSERT_TRUE(f.store.set_unit(f.sixty_forty()));
    for (const char* day : {"2026-11-02", "2026-11-09"}) {
        f.session(day, 50, "attended");
    }
    ASSERT_TRUE(f.store.charge_sessions(f.couple, "2026-11-01", "2026-11-30", "Dana"));
    NewPayment payment;
    payment.unit_id = f.couple;
    payment.from_client_id = f.ana;
    payment.amount_cents = 20000;  // $200 toward $320 owed.
    payment.received_on = "2026-11-20";
    auto paid = f.store.pay(payment, "Bill");
    ASSERT_TRUE(paid) << paid.error();
    EXPECT_EQ(paid->allocated_cents, 20000);
    EXPECT_EQ(paid->credit_cents, 0);
    EXPECT_EQ(f.count("SELECT sum(amount_cents) FROM billing_allocation WHERE client_id = " +
                      std::to_string(f.ana)),
              12000)
        << "60% of the payment to Ana's shares";
    EXPECT_EQ(f.count("SELECT sum(amount_cents) FROM billing_allocation WHERE client_id = " +
                      std::to_string(f.ben)),
              8000);
    auto balances = f.store.balances(f.couple);
    ASSERT_EQ(balances->size(), 2u);
    std::int64_t owed = 0;
    for (const auto& balance : *balances) {
        owed += balance.balance();
    }
    EXPECT_EQ(owed, 32000 - 20000);

    // Over the open balance: the rest is credit; the allocations never exceed the payment.
    payment.amount_cents = 50000;
    payment.for_clients = {{f.ben, 50000}};
    auto over = f.store.pay(payment, "Bill");
    ASSERT_TRUE(over) << over.error();
    EXPECT_EQ(over->allocated_cents, 12000);
    EXPECT_EQ(over->credit_cents, 38000);
    EXPECT_EQ(f.count("SELECT count(*) FROM billing_payment p WHERE (SELECT coalesce(sum("
                      "amount_cents), 0) FROM billing_allocation a WHERE a.payment_id = p.id) > "
                      "p.amount_cents"),
              0);
    auto ledger = f.store.ledger(f.couple);
    ASSERT_TRUE(ledger);
    EXPECT_EQ(ledger->back().balance_cents, 32000 - 20000 - 50000);
    // The ledger and the partners agree once the credit is counted.
    std::int64_t still_owed = 0;
    auto partners = f.store.balances(f.couple);
    ASSERT_TRUE(partners);
    for (const auto& balance : *partners) {
        still_owed += balance.balance();
    }
    EXPECT_EQ(still_owed - *f.store.credit(f.couple), ledger->back().balance_cents);
    EXPECT_EQ(*f.store.credit(f.couple), 38000);

    payment.for_clients = {{f.ana, 100}, {f.ben, 100}};
    payment.amount_cents = 300;
    EXPECT_EQ(f.store.pay(payment, "Bill").error(),
              "the parts add up to $2.00, not the payment's $3.00");
    payment.for_clients.clear();
    payment.amount_cents = 0;
    EXPECT_FALSE(f.store.pay(payment, "Bill")) << "a payment of nothing";
    payment.amount_cents = 100;
    payment.method = "bitcoin";
    EXPECT_FALSE(f.store.pay(payment, "Bill"));
}

TEST(BillingCharges, PostedRowsAreNeverChangedACorrectionIsAReversal) {
    Fixture f;
    ASSERT_TRUE(f.store.set_unit(f.sixty_forty("self_pay")));
    std::int64_t visit = f.session("2026-11-02", 50, "attended");
    ASSERT_TRUE(f.store.charge_sessions(f.couple, "2026-11-02", "2026-11-02", "Dana"));
    std::int64_t charge = f.store.charges(f.couple)->front().id;
    EXPECT_NE(f.db.exec("UPDATE billing_charge SET amount_cents = 1"), "");
    EXPECT_NE(f.db.exec("DELETE FROM billing_charge"), "");
    EXPECT_NE(f.db.exec("UPDATE billing_charge_share SET amount_cents = 1"), "");

    auto reversal = f.store.reverse(charge, "Dana");
    ASSERT_TRUE(reversal) << reversal.error();
    EXPECT_EQ(f.store.reverse(charge, "Dana").error(), "this charge is reversed already");
    EXPECT_EQ(f.store.reverse(*reversal, "Dana").error(),
              "this is a reversal; it cannot be reversed");
    EXPECT_EQ(f.store.ledger(f.couple)->back().balance_cents, 0);
    // Reversed: the session may be charged again, now with a different fee by hand.
    NewCharge again{f.couple, visit, "2026-11-02", "90847", 15000};
    auto recharged = f.store.add_charge(again, "Dana");
    ASSERT_TRUE(recharged) << recharged.error();
    EXPECT_EQ(f.store.add_charge(again, "Dana").error(),
              "this session already has a 90847 charge; reverse it first to charge it again");
    NewCharge wrong_day{f.couple, visit, "2026-11-03", "LATECANCEL", std::nullopt};
    EXPECT_EQ(f.store.add_charge(wrong_day, "Dana").error(),
              "the date of service is not the session's date (2026-11-02)");
    NewCharge impossible{f.couple, std::nullopt, "2026-02-30", "LATECANCEL", std::nullopt};
    EXPECT_EQ(f.store.add_charge(impossible, "Dana").error(), "the date of service is YYYY-MM-DD");
    // A session whose length changed after it was charged is not charged a second time.
    ASSERT_TRUE(f.store.charge_sessions(f.couple, "2026-11-02", "2026-11-02", "Dana"));
    EXPECT_EQ(f.count("SELECT count(*) FROM billing_charge WHERE appointment_id = " +
                      std::to_string(visit) + " AND reversal_of IS NULL"),
              2)
        << "the first charge and its replacement, nothing more";
    // A paid charge is reversed with what was paid toward it released to the credit
    // (BillingReversal below has the whole story).
    NewPayment payment{f.couple, f.ana, "cash", 1000, "2026-11-03", "", {}};
    ASSERT_TRUE(f.store.pay(payment, "Bill"));
    EXPECT_EQ(*f.store.paid_toward(*recharged), 1000);
    ASSERT_TRUE(f.store.reverse(*recharged, "Dana"));
    EXPECT_EQ(*f.store.credit(f.couple), 1000);
}

TEST(BillingCharges, AnAddOnNeedsItsPrimaryCodeOnTheSameSession) {
    Fixture f;
    ASSERT_TRUE(f.store.set_unit(f.sixty_forty()));
    std::int64_t visit = f.session("2026-11-02", 50, "attended");
    ASSERT_TRUE(f.store.charge_sessions(f.couple, "2026-11-02", "2026-11-02", "Dana"));
    NewCharge complexity{f.couple, visit, "2026-11-02", "90785", std::nullopt};
    EXPECT_EQ(f.store.add_charge(complexity, "Dana").error(),
              "+90785 cannot be billed with 90847 (only with 90791, 90832, 90834, 90837, 90853)");
    std::int64_t individual = f.session("2026-11-03", 45, "attended", "individual");
    ASSERT_TRUE(f.store.charge_sessions(f.couple, "2026-11-03", "2026-11-03", "Dana"));
    complexity.appointment_id = individual;
    complexity.service_date = "2026-11-03";
    EXPECT_TRUE(f.store.add_charge(complexity, "Dana")) << "+90785 with 90834";
    NewCharge lone{f.couple, std::nullopt, "2026-11-04", "90840", std::nullopt};
    EXPECT_EQ(f.store.add_charge(lone, "Dana").error(),
              "+90840 needs its primary code on the same session");
}

TEST(BillingInvoices, NumbersHaveNoGapsAndTheHashIsTheFilesOwn) {
    Fixture f;
    ASSERT_TRUE(f.store.set_unit(f.sixty_forty("self_pay")));
    f.session("2026-11-02", 50, "attended");
    ASSERT_TRUE(f.store.charge_sessions(f.couple, "2026-11-02", "2026-11-02", "Dana"));
    dyad::test::TempDir out;
    // A failure after the number was taken (the folder is missing) leaves no gap.
    auto failed =
        issue_invoice(f.host, f.store, f.couple, f.ana, out.file("missing/a.pdf"), "Bill");
    EXPECT_FALSE(failed);
    auto first = issue_invoice(f.host, f.store, f.couple, f.ana, out.file("ana.pdf"), "Bill");
    ASSERT_TRUE(first) << first.error();
    EXPECT_EQ(first->number, "INV-000001");
    EXPECT_EQ(first->total_cents, 9600);
    EXPECT_EQ(first->sha256, sha256_of(out.file("ana.pdf")));
    EXPECT_EQ(
        issue_invoice(f.host, f.store, f.couple, f.ana, out.file("again.pdf"), "Bill").error(),
        "there is nothing new to invoice to Ana Ortiz");
    auto second = issue_invoice(f.host, f.store, f.couple, f.ben, out.file("ben.pdf"), "Bill");
    ASSERT_TRUE(second) << second.error();
    EXPECT_EQ(second->number, "INV-000002");
    EXPECT_EQ(second->total_cents, 6400);
    EXPECT_NE(f.db.exec("UPDATE billing_document SET total_cents = 0"), "");
    EXPECT_EQ(f.host_count("SELECT count(*) FROM dyad_audit WHERE action = 'export' AND "
                           "detail = 'format: invoice-pdf'"),
              2)
        << "each invoice is on the partners' accounting of disclosures";
}

// SDK 1.1: an audit entry asked inside the plugin's own transaction is written when it
// commits and dropped when it rolls back (before, it waited on the plugin's write lock).
TEST(BillingAudit, EntriesAskedInsideATransactionFollowItsOutcome) {
    Fixture f;
    auto audits = [&] {
        return f.host_count("SELECT count(*) FROM dyad_audit WHERE entity = 'dyad.billing:probe'");
    };
    {
        dyad::sdk::Transaction kept(f.db);
        ASSERT_EQ(f.host.core()->audit(f.host.raw(), "view", "probe", 1), DYAD_OK);
        {
            dyad::sdk::Transaction inner(f.db);  // A savepoint that rolls back.
            ASSERT_EQ(f.host.core()->audit(f.host.raw(), "view", "probe", 2), DYAD_OK);
        }
        EXPECT_EQ(audits(), 0) << "not before the commit";
        EXPECT_EQ(kept.commit(), "");
    }
    EXPECT_EQ(audits(), 1) << "the committed one only";
    {
        dyad::sdk::Transaction dropped(f.db);
        ASSERT_EQ(f.host.core()->audit(f.host.raw(), "view", "probe", 3), DYAD_OK);
    }
    EXPECT_EQ(audits(), 1) << "a rolled-back transaction's entries are dropped";
}

TEST(BillingCredit, OverpaymentIsCreditAppliedLaterOrRefundedNeverMore) {
    Fixture f;
    ASSERT_TRUE(f.store.set_unit(f.sixty_forty()));
    f.session("2026-10-05", 50, "attended");
    ASSERT_TRUE(f.store.charge_sessions(f.couple, "2026-10-01", "2026-10-31", "test"));
    NewPayment payment;
    payment.unit_id = f.couple;
    payment.amount_cents = 40000;  // $400 on a $160 session.
    payment.received_on = "2026-10-05";
    auto paid = f.store.pay(payment, "test");
    ASSERT_TRUE(paid) << paid.error();
    EXPECT_EQ(paid->credit_cents, 24000);
    EXPECT_EQ(*f.store.credit(f.couple), 24000);

    // A later session is paid from the credit, split as its shares are.
    f.session("2026-10-12", 50, "attended");
    ASSERT_TRUE(f.store.charge_sessions(f.couple, "2026-10-01", "2026-10-31", "test"));
    auto applied = f.store.apply_credit(f.couple, "test");
    ASSERT_TRUE(applied) << applied.error();
    EXPECT_EQ(*applied, 16000);
    EXPECT_EQ(*f.store.credit(f.couple), 8000);
    auto balances = f.store.balances(f.couple);
    ASSERT_TRUE(balances);
    for (const auto& balance : *balances) {
        EXPECT_EQ(balance.balance(), 0) << "partner " << balance.client_id;
    }
    EXPECT_EQ(*f.store.apply_credit(f.couple, "test"), 0) << "nothing open: nothing applied";
    EXPECT_EQ(f.count("SELECT sum(amount_cents) FROM billing_allocation"), 32000);

    // Refunds: never more than the credit, to a member, by a refundable method.
    NewRefund refund{f.couple, f.ana, "cheque", 8001, "2026-10-20", "moving away"};
    auto too_much = f.store.refund(refund, "test");
    ASSERT_FALSE(too_much);
    EXPECT_EQ(too_much.error(),
              "the unit's credit is $80.00: a refund is at most what was paid and not allocated");
    refund.amount_cents = 8000;
    refund.method = "insurer";
    EXPECT_FALSE(f.store.refund(refund, "test"));
    refund.method = "cheque";
    refund.refunded_on = "2099-01-01";
    EXPECT_FALSE(f.store.refund(refund, "test")) << "not in the future";
    refund.refunded_on = "2026-10-20";
    refund.to_client_id = 123456789;
    EXPECT_FALSE(f.store.refund(refund, "test"));
    refund.to_client_id = f.ana;
    auto done = f.store.refund(refund, "test");
    ASSERT_TRUE(done) << done.error();
    EXPECT_EQ(*f.store.credit(f.couple), 0);
    auto rows = *f.store.ledger(f.couple);
    EXPECT_EQ(rows.back().kind, "refund");
    EXPECT_EQ(rows.back().amount_cents, 8000);
    EXPECT_EQ(rows.back().balance_cents, 0) << "owed 320, paid 400, refunded 80";
    EXPECT_NE(f.db.exec("UPDATE billing_refund SET amount_cents = 1"), "");
    EXPECT_NE(f.db.exec("DELETE FROM billing_refund"), "");
}

TEST(BillingAging, BucketsAtTheirBoundariesFromRunningTotalsAndAsOfAnEarlierDay) {
    Fixture f;
    ASSERT_TRUE(f.store.set_unit(f.sixty_forty()));
    for (const char* day :
         {"2026-10-20", "2026-09-15", "2026-09-01", "2026-08-10", "2026-08-01", "2026-06-15"}) {
        f.session(day, 50, "attended");
    }
    ASSERT_TRUE(f.store.charge_sessions(f.couple, "2026-06-01", "2026-10-31", "test"));
    NewPayment payment;
    payment.unit_id = f.couple;
    payment.amount_cents = 10000;
    payment.received_on = "2026-10-25";
    ASSERT_TRUE(f.store.pay(payment, "test"));
    // As of 2026-10-31 (nothing after it: whole months from the running totals): 0-30 from
    // 2026-10-01, 31-60 from 2026-09-01 (its first day included), 61-90 from 2026-08-02.
    auto now = aging(f.db, "2026-10-31");
    ASSERT_TRUE(now) << now.error();
    EXPECT_EQ(now->buckets, (std::array<std::int64_t, 4>{16000, 32000, 16000, 16000 + 6000}));
    EXPECT_EQ(now->total_cents, 86000);
    EXPECT_EQ(now->units_owing, 1);
    // As of a day before the payment (read charge by charge): the payment is left out.
    auto before = aging(f.db, "2026-10-24");
    ASSERT_TRUE(before) << before.error();
    EXPECT_EQ(before->buckets, (std::array<std::int64_t, 4>{16000, 32000, 32000, 16000}));
    EXPECT_EQ(before->total_cents, 96000);
    // A reversal nets its charge out of the running totals too.
    auto charges = *f.store.charges(f.couple);
    std::int64_t october = 0;
    for (const auto& charge : charges) {
        october = charge.service_date == "2026-10-20" ? charge.id : october;
    }
    ASSERT_TRUE(f.store.reverse(october, "test"));
    auto later = aging(f.db, "2099-12-31");
    ASSERT_TRUE(later) << later.error();
    EXPECT_EQ(later->total_cents, 86000 - 16000);
}

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
        "client_id, amount_cents) VALUES (" +
        std::to_string(paid->payment_id) + ", " + std::to_string(charge.id) + ", " +
        std::to_string(f.ana) + ", -5)";
    EXPECT_NE(f.db.exec(negative.c_str()), "");
    EXPECT_NE(f.db.exec("UPDATE billing_allocation SET amount_cents = 1"), "");
    EXPECT_NE(f.db.exec("DELETE FROM billing_allocation"), "");
    // The credit pays the session charged again, or is refunded.
    ASSERT_TRUE(f.store.add_charge({f.couple, std::nullopt, "2026-11-02", "90847", 10000}, "test"));
    EXPECT_EQ(*f.store.apply_credit(f.couple, "test"), 10000);
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

    // A reversal of the October charge the payment paid toward (oldest first): its share out
    // and the payment back to the couple's credit, both dated the day the reversal was posted.
    ASSERT_TRUE(f.store.reverse(charges[0].id, "test"));
    std::string posted = dyad::datafile::now_utc().substr(0, 10);  // As the ledger dates it.
    auto after = read_statement(f.db, f.couple, f.ana, "2026-11-01", "2099-12-31");
    ASSERT_TRUE(after);
    ASSERT_EQ(after->lines.size(), 4u);
    EXPECT_EQ(after->lines[2].date, posted);
    EXPECT_EQ(after->lines[2].amount_cents, -october);
    EXPECT_NE(after->lines[2].description.find("(reversal of 2026-10-05)"), std::string::npos);
    EXPECT_EQ(after->lines[3].description,
              "Payment of 2026-11-10 returned to the couple's credit by a reversal");
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
