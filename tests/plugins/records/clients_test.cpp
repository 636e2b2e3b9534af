#include <gtest/gtest.h>

#include "clients.h"
#include "plugin_harness.h"
#include "schema.h"

using namespace dyad::records_plugin;

namespace {

struct Fixture {
    dyad::test::PluginHarness harness{"dyad.records", records_schema()};
    ClientStore store{dyad::sdk::Host(harness.host())};
    std::int64_t couple = harness.unit("Ana & Ben Ortiz");

    MemberRecord member(const std::string& given) {
        auto members = store.members(couple);  // Kept alive for the loop.
        for (const auto& m : *members) {
            if (m.given_name == given) {
                return m;
            }
        }
        throw std::runtime_error("no member " + given);
    }
    CoreClientFields core_of(const MemberRecord& m) {
        return {m.given_name,    m.family_name, m.preferred_name, m.pronouns,
                m.date_of_birth, m.email,       m.phone,          m.status};
    }
};

}  // namespace

TEST(Clients, MembersCarryCoreFieldsAndDefaultConsent) {
    Fixture f;
    auto members = f.store.members(f.couple);
    ASSERT_TRUE(members) << members.error();
    ASSERT_EQ(members->size(), 2u);
    MemberRecord ana = f.member("Ana");
    EXPECT_EQ(ana.role, "partner");
    EXPECT_EQ(ana.pronouns, "she/her");
    EXPECT_TRUE(ana.details.may_contact);
    EXPECT_FALSE(ana.details.may_share_with_partner);  // Nothing is shared unless agreed.
}

TEST(Clients, SavingUpdatesCoreAndDetailsOrNothing) {
    Fixture f;
    MemberRecord ana = f.member("Ana");
    CoreClientFields core = f.core_of(ana);
    ClientDetails details;
    details.emergency_name = "Rosa Ortiz";
    details.emergency_relation = "sister";
    details.emergency_phone = "+1 555 010 2222";
    details.referral_source = "Imago directory";
    details.may_share_with_partner = true;

    // A bad detail is refused before anything is written.
    ClientDetails no_name = details;
    no_name.emergency_name.clear();
    core.pronouns = "they/them";
    auto refused = f.store.save(ana.client_id, f.couple, core, no_name);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error(), "Give the emergency contact's name with their phone number.");
    EXPECT_EQ(f.member("Ana").pronouns, "she/her");

    // A bad core field comes back from the host in its own words.
    CoreClientFields bad_email = core;
    bad_email.email = "ana at example";
    auto host_refused = f.store.save(ana.client_id, f.couple, bad_email, details);
    ASSERT_FALSE(host_refused);
    EXPECT_EQ(host_refused.error(), "The email address does not look right.");
    EXPECT_FALSE(f.member("Ana").details.may_share_with_partner);

    ASSERT_TRUE(f.store.save(ana.client_id, f.couple, core, details));
    MemberRecord saved = f.member("Ana");
    EXPECT_EQ(saved.pronouns, "they/them");
    EXPECT_EQ(saved.details.emergency_name, "Rosa Ortiz");
    EXPECT_TRUE(saved.details.may_share_with_partner);
    EXPECT_EQ(f.member("Ben").details.may_share_with_partner, false);  // Per partner.

    auto audit = f.harness.practice().records().audit_entries("dyad.records:client-detail", 10);
    ASSERT_TRUE(audit);
    EXPECT_EQ(audit->size(), 1u);
    // The consent is the host's, per membership: what every plugin reads in member info.
    auto held = f.harness.practice().records().members(f.couple);
    ASSERT_TRUE(held);
    for (const auto& member : *held) {
        EXPECT_EQ(member.may_share_with_partner, member.client_id == ana.client_id);
    }
    EXPECT_EQ(f.harness.practice().records().audit_entries("unit_member", 10)->size(), 1u);
}

TEST(Clients, ArchivedClientsLeaveTheUnitListButAreKept) {
    Fixture f;
    MemberRecord ben = f.member("Ben");
    ASSERT_TRUE(f.store.archive(ben.client_id));
    EXPECT_EQ(f.store.members(f.couple)->size(), 1u);
    auto kept = f.harness.practice().connection().query_int64(
        "SELECT count(*) FROM dyad_client WHERE id = " + std::to_string(ben.client_id) +
        " AND archived_at IS NOT NULL");
    EXPECT_EQ(**kept, 1);
    EXPECT_FALSE(f.store.archive(ben.client_id));  // Already archived.
    EXPECT_EQ(f.store.save_details(987654321, ClientDetails{}).error(), "No such client.");
}
