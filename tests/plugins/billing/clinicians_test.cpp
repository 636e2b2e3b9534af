// A group practice's rendering clinicians (issue 16, "per clinician"): kept with their checked
// NPI and licence, a unit seen by one of them, each charge keeping the clinician it was posted
// under (a reversal its charge's), documents naming one rendering provider, the 837P's 2310B
// and the CMS-1500's 24J carrying the charge's clinician, and the practice's figures by
// clinician.
#include <gtest/gtest.h>

#include "billing_fixture.h"
#include "clinicians.h"
#include "identity.h"
#include "practice_report.h"
#include "x837.h"

using namespace dyad::billing;
using dyad::billing::test::Fixture;

namespace {

Identity practice_identity() {
    Identity p;
    p.legal_name = "Rivera Couples Therapy PLLC";
    p.tax_id = "123456789";
    p.address = "12 Oak St, Portland, OR 97201-1234";
    p.phone = "503-555-0100";
    p.clinician_name = "Maya Rivera";
    p.clinician_npi = "1234567893";
    p.licence_type = "LMFT";
    p.licence_number = "T1234";
    p.licence_state = "OR";
    p.taxonomy = "106H00000X";
    return p;
}

Clinician lee() {
    return {0, "Jordan Lee", "1987654328", "LCSW", "C5678", "OR", "1041C0700X", false};
}

}  // namespace

TEST(BillingClinicians, KeptWithCheckedFactsRetiredNeverDeletedAndAudited) {
    Fixture f;
    ASSERT_TRUE(IdentityStore(f.host).save(practice_identity()));
    ClinicianStore store(f.host);
    Clinician typo = lee();
    typo.npi = "1987654321";
    auto refused = store.save(typo);
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().find("check digit"), std::string::npos) << refused.error();
    Clinician own = lee();
    own.npi = "1234567893";
    refused = store.save(own);
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().find("practice's own clinician"), std::string::npos);
    Clinician bad = lee();
    bad.licence_state = "or";
    bad.taxonomy = "1041C0700";
    EXPECT_EQ(check_clinician(bad).size(), 2u);
    EXPECT_EQ(f.count("SELECT count(*) FROM billing_clinician"), 0) << "nothing saved";

    auto id = store.save(lee());
    ASSERT_TRUE(id) << id.error();
    Clinician again = lee();
    again.name = "Jordan Lee-Park";
    again.id = 0;
    refused = store.save(again);
    ASSERT_FALSE(refused) << "one NPI, one clinician";
    again.id = *id;
    ASSERT_TRUE(store.save(again));
    EXPECT_EQ(store.get(*id)->value().name, "Jordan Lee-Park");
    again.id = *id + 1000;
    EXPECT_FALSE(store.save(again)) << "no such clinician to change";

    ASSERT_TRUE(store.set_unit_clinician(f.couple, *id));
    auto retire = store.retire(*id);
    ASSERT_FALSE(retire) << "a unit is still seen by them";
    EXPECT_NE(retire.error().find("1 unit is still seen"), std::string::npos) << retire.error();
    ASSERT_TRUE(store.set_unit_clinician(f.couple, std::nullopt));
    EXPECT_FALSE(store.unit_clinician(f.couple)->has_value());
    ASSERT_TRUE(store.retire(*id));
    EXPECT_FALSE(store.retire(*id)) << "retired already";
    EXPECT_TRUE(store.list()->empty());
    EXPECT_EQ(store.list(true)->size(), 1u);
    EXPECT_FALSE(store.set_unit_clinician(f.couple, *id)) << "a retired clinician sees no unit";
    EXPECT_FALSE(store.set_unit_clinician(f.couple, 999999));
    EXPECT_FALSE(f.db.exec("DELETE FROM billing_clinician").empty()) << "retired, never deleted";
    // The identity's own clinician never takes another clinician's NPI; a retired clinician
    // comes back when changed, not added twice.
    Identity taken = practice_identity();
    taken.clinician_npi = lee().npi;
    auto clash = IdentityStore(f.host).save(taken);
    ASSERT_FALSE(clash);
    EXPECT_NE(clash.error().find("has NPI 1987654328"), std::string::npos) << clash.error();
    auto twice = store.save(lee());
    ASSERT_FALSE(twice);
    EXPECT_NE(twice.error().find("retired clinician"), std::string::npos) << twice.error();
    again.id = *id;
    ASSERT_TRUE(store.save(again));
    EXPECT_EQ(store.list()->size(), 1u) << "back at work";
    EXPECT_EQ(f.host_count("SELECT count(*) FROM dyad_audit WHERE entity = "
                           "'dyad.billing:clinician'"),
              4)
        << "added, changed, retired, back";
    EXPECT_EQ(f.host_count("SELECT count(*) FROM dyad_audit WHERE entity = "
                           "'dyad.billing:unit-clinician'"),
              2);
}

TEST(BillingClinicians, EachChargeKeepsTheClinicianItWasPostedUnder) {
    Fixture f;
    ASSERT_TRUE(IdentityStore(f.host).save(practice_identity()));
    ASSERT_TRUE(f.store.set_unit(f.sixty_forty()));
    ClinicianStore clinicians(f.host);
    std::int64_t jordan = *clinicians.save(lee());
    // Maya holds the first session; Jordan sees the couple from 2026-10-06; all three are
    // charged after the move.
    f.session("2026-10-05", 50, "attended");
    ASSERT_TRUE(clinicians.set_unit_clinician(f.couple, jordan, "2026-10-06"));
    EXPECT_FALSE(clinicians.unit_clinician(f.couple, "2026-10-05")->has_value());
    EXPECT_EQ(clinicians.unit_clinician(f.couple, "2026-10-06")->value(), jordan);
    EXPECT_FALSE(clinicians.set_unit_clinician(f.couple, jordan, "2026-10-32"));
    EXPECT_FALSE(clinicians.set_unit_clinician(999999, jordan)) << "no such unit";
    f.session("2026-10-12", 50, "attended");
    f.session("2026-10-19", 50, "attended");
    ASSERT_TRUE(f.store.charge_sessions(f.couple, "2026-10-01", "2026-10-31", "t"));
    ASSERT_TRUE(clinicians.set_unit_clinician(f.couple, std::nullopt));
    auto charges = f.store.charges(f.couple);
    ASSERT_EQ(charges->size(), 3u);
    EXPECT_FALSE(charges->at(0).clinician_id) << "held before the move: the practice's own";
    EXPECT_EQ(charges->at(1).clinician_id, jordan) << "kept after the unit moved back";
    EXPECT_EQ(charges->at(2).clinician_id, jordan);
    // Jordan's session reversed: the reversal is Jordan's too, whoever sees the unit now.
    auto reversal = f.store.reverse(charges->at(2).id, "t");
    ASSERT_TRUE(reversal) << reversal.error();
    charges = f.store.charges(f.couple);
    EXPECT_EQ(charges->back().clinician_id, jordan);
    EXPECT_FALSE(
        f.db.exec("UPDATE billing_charge_clinician SET clinician_id = clinician_id").empty());
    EXPECT_FALSE(f.db.exec("DELETE FROM billing_charge_clinician").empty());

    // A document names one rendering provider; another clinician's work is billed by the group.
    Identity identity = practice_identity();
    auto solo = clinicians.provider_for(identity, {jordan});
    ASSERT_FALSE(solo);
    EXPECT_NE(solo.error().find("needs its group NPI and an EIN"), std::string::npos);
    identity.group_npi = "1245319599";
    identity.tax_id_kind = "ssn";
    EXPECT_FALSE(clinicians.provider_for(identity, {jordan})) << "never under the owner's SSN";
    identity.tax_id_kind = "ein";
    auto one = clinicians.provider_for(identity, {jordan, jordan});
    ASSERT_TRUE(one) << one.error();
    EXPECT_EQ(one->clinician_name, "Jordan Lee");
    EXPECT_EQ(one->clinician_npi, "1987654328");
    EXPECT_EQ(one->licence_type, "LCSW");
    EXPECT_EQ(one->legal_name, identity.legal_name) << "the practice's facts stay";
    EXPECT_EQ(clinicians.provider_for(identity, {std::nullopt})->clinician_name, "Maya Rivera");
    auto two = clinicians.provider_for(identity, {std::nullopt, jordan});
    ASSERT_FALSE(two);
    EXPECT_NE(two.error().find("Maya Rivera, Jordan Lee"), std::string::npos) << two.error();

    // The practice by clinician: Maya's one session, Jordan's two less the reversed one; a
    // payment of $200 allocated oldest first.
    ASSERT_TRUE(f.store.pay({f.couple, f.ana, "card", 20000, "2026-10-20", "", {}}, "t"));
    auto figures = clinician_figures(f.db, "Maya Rivera", "2026-10-01", "2026-10-31");
    ASSERT_TRUE(figures) << figures.error();
    ASSERT_EQ(figures->size(), 2u);
    const auto& maya = figures->at(0);
    const auto& jordan_row = figures->at(1);
    EXPECT_FALSE(maya.clinician_id);
    EXPECT_EQ(maya.name, "Maya Rivera");
    EXPECT_EQ(maya.sessions, 1);
    std::int64_t fee = charges->at(0).amount_cents;
    EXPECT_EQ(maya.charged_cents, fee);
    EXPECT_EQ(maya.received_cents, fee);
    EXPECT_EQ(jordan_row.clinician_id, jordan);
    EXPECT_EQ(jordan_row.name, "Jordan Lee");
    EXPECT_EQ(jordan_row.sessions, 1);
    EXPECT_EQ(jordan_row.charged_cents, fee);
    EXPECT_EQ(jordan_row.received_cents, 20000 - fee);
    EXPECT_EQ(jordan_row.outstanding(), 2 * fee - 20000);
    EXPECT_TRUE(clinician_figures(f.db, "x", "2026-11-01", "2026-11-30")->empty());
    EXPECT_FALSE(clinician_figures(f.db, "x", "2026-11-30", "2026-11-01"));
}

TEST(Claim837, ASessionRenderedByAnotherClinicianIsBilledByTheGroupWithThemIn2310B) {
    X12Claim claim;
    claim.claim_number = "CLM-000009";
    claim.place_of_service = "11";
    claim.diagnoses = {"F43.23"};
    claim.lines = {{"2026-10-05", "90847", {}, 15000, 1, {1}}};
    claim.coverage.member_id = "XYZ123456789";
    claim.coverage.relation = "self";
    claim.coverage.priority = 1;
    claim.payer = {3, "Cascade Health", "CASC1", "10", "95"};
    claim.patient = {21, "Ana", "Ortiz", "1988-04-02", ""};
    claim.patient_details = {21, "F", {"40 Elm Ave", "Portland", "OR", "97202"}};
    claim.rendering = lee();
    X12Batch batch;
    batch.provider = practice_identity();
    batch.submitter = {"DYADSUB01", "CLEARHOUSE", "Clear Claims Inc", "5035550100", false};
    batch.control_number = 4;
    batch.date = "2026-11-02";
    batch.time = "09:30";
    batch.claims = {claim};
    auto problems = preflight_837p(batch);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_NE(problems[0].find("rendered by Jordan Lee"), std::string::npos) << problems[0];
    EXPECT_NE(problems[0].find("group NPI"), std::string::npos) << problems[0];
    batch.provider.group_npi = "1245319599";
    auto text = write_837p(batch);
    ASSERT_TRUE(text) << text.error().front();
    EXPECT_NE(text->find("NM1*85*2*RIVERA COUPLES THERAPY PLLC*****XX*1245319599~"),
              std::string::npos);
    EXPECT_NE(text->find("NM1*82*1*LEE*JORDAN****XX*1987654328~\nPRV*PE*PXC*1041C0700X~"),
              std::string::npos)
        << *text;
    EXPECT_EQ(text->find("1234567893"), std::string::npos) << "Maya rendered nothing here";
}
