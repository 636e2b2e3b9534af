// A couple's billing over a real practice file (issue 16): setup refusals, charges from four
// attended weekly sessions split 60/40, one payment split between the partners, reversals,
// append-only rows, add-on pairing on a session, gap-free invoice numbers, credit, refunds and
// the aging report. (Receipts, statements and what follows a posting: documents_test.cpp.)
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "billing_fixture.h"
#include "documents.h"
#include "reports.h"

using namespace dyad::billing;
using namespace dyad::billing::test;

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

// Printing an issued document again starts from its saved PDF: found by the SHA-256 recorded
// when it was written, for its own unit only; a changed file or another unit's finds nothing.
TEST(BillingInvoices, AnIssuedDocumentIsFoundByTheFingerprintOfItsSavedPdf) {
    EXPECT_EQ(sha256_hex("abc"),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    Fixture f;
    ASSERT_TRUE(f.store.set_unit(f.sixty_forty("self_pay")));
    f.session("2026-11-02", 50, "attended");
    ASSERT_TRUE(f.store.charge_sessions(f.couple, "2026-11-02", "2026-11-02", "Dana"));
    dyad::test::TempDir out;
    auto issued = issue_invoice(f.host, f.store, f.couple, f.ana, out.file("ana.pdf"), "Bill");
    ASSERT_TRUE(issued) << issued.error();
    std::ifstream in(out.file("ana.pdf"), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto found = find_issued(f.db, f.couple, sha256_hex(bytes));
    ASSERT_TRUE(found) << found.error();
    ASSERT_TRUE(found->has_value());
    EXPECT_EQ((*found)->kind, "invoice");
    EXPECT_EQ((*found)->number, "INV-000001");
    EXPECT_FALSE((*found)->issued_at.empty());
    EXPECT_FALSE((*found)->replaced);
    auto changed = find_issued(f.db, f.couple, sha256_hex(bytes + " "));
    ASSERT_TRUE(changed);
    EXPECT_FALSE(changed->has_value()) << "a changed file is not the document";
    auto elsewhere = find_issued(f.db, f.couple + 1, sha256_hex(bytes));
    ASSERT_TRUE(elsewhere);
    EXPECT_FALSE(elsewhere->has_value()) << "another unit's document is not this unit's";
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
