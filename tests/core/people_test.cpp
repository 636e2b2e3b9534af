// People and roles (issue 15): the role table, users with Argon2id hashes, sign-in with one
// message for a wrong name or passphrase, caseload scopes, and every step in the audit trail.
#include <gtest/gtest.h>

#include "people/users.h"
#include "practice.h"
#include "records/audit_chain.h"
#include "test_support.h"

using namespace dyad;
using people::Permission;
using people::Role;

namespace {

struct Fixture {
    test::TempDir dir;
    std::unique_ptr<Practice> practice;
    std::unique_ptr<people::People> people;
    Fixture() {
        PracticeOptions options;
        options.data_dir = dir.file("p");
        options.load_plugins = false;
        practice = std::move(*Practice::open(options, CreatePractice::IfMissing));
        EXPECT_TRUE(create_demo_practice(practice->records()));
        people = std::make_unique<people::People>(practice->connection());
    }
    std::int64_t unit(const std::string& name) {
        records::UnitQuery query;
        query.search = name;
        return practice->records().units(query)->front().id;
    }
};

}  // namespace

TEST(Roles, TheTableGivesEachRoleWhatTheIssueSays) {
    EXPECT_TRUE(people::role_may(Role::Owner, Permission::ManageUsers));
    EXPECT_TRUE(people::role_may(Role::Owner, Permission::ManagePlugins));
    EXPECT_FALSE(people::role_may(Role::Therapist, Permission::ManagePlugins));
    EXPECT_TRUE(people::role_may(Role::Therapist, Permission::ReadClinical));
    EXPECT_TRUE(people::role_may(Role::Supervisor, Permission::CoSign));
    EXPECT_FALSE(people::role_may(Role::Therapist, Permission::CoSign));
    // The biller: billing and demographics, never note text.
    EXPECT_TRUE(people::role_may(Role::Biller, Permission::Billing));
    EXPECT_TRUE(people::role_may(Role::Biller, Permission::ReadDemographics));
    EXPECT_FALSE(people::role_may(Role::Biller, Permission::ReadClinical));
    // The front desk: schedule and demographics only.
    EXPECT_TRUE(people::role_may(Role::FrontDesk, Permission::EditSchedule));
    EXPECT_FALSE(people::role_may(Role::FrontDesk, Permission::ReadClinical));
    EXPECT_FALSE(people::role_may(Role::FrontDesk, Permission::Billing));
    for (const auto& info : people::all_roles()) {
        EXPECT_EQ(people::role_from_id(info.id), info.role) << info.id;
    }
    EXPECT_FALSE(people::role_from_id("admin"));
}

TEST(People, TheFirstUserIsTheOwnerAndOnlyAnOwnerAddsUsers) {
    Fixture f;
    EXPECT_FALSE(*f.people->any_users());
    people::Session nobody;  // A single-user practice's owner.
    auto therapist_first =
        f.people->add_user(nobody, "Dana", Role::Therapist, "dana's long phrase");
    ASSERT_FALSE(therapist_first);
    auto owner = f.people->add_user(nobody, "Olivia Owner", Role::Owner, "owner's long phrase");
    ASSERT_TRUE(owner) << owner.error().message;
    auto session = f.people->sign_in("olivia owner", "owner's long phrase");
    ASSERT_TRUE(session) << session.error().message;
    EXPECT_EQ(session->role, Role::Owner);
    auto dana = f.people->add_user(*session, "Dana", Role::Therapist, "dana's long phrase");
    ASSERT_TRUE(dana);
    auto dana_session = f.people->sign_in("Dana", "dana's long phrase");
    ASSERT_TRUE(dana_session);
    EXPECT_FALSE(f.people->add_user(*dana_session, "Eve", Role::Owner, "eve's long phrase"));
    EXPECT_FALSE(f.people->add_user(*session, "dana", Role::Biller, "another long phrase"))
        << "names are unique regardless of case";
}

TEST(People, AWrongNameAndAWrongPassphraseAreRefusedInTheSameWordsAndAudited) {
    Fixture f;
    people::Session nobody;
    ASSERT_TRUE(f.people->add_user(nobody, "Olivia", Role::Owner, "owner's long phrase"));
    auto wrong_phrase = f.people->sign_in("Olivia", "not the phrase at all");
    auto wrong_name = f.people->sign_in("Oliver", "owner's long phrase");
    ASSERT_FALSE(wrong_phrase);
    ASSERT_FALSE(wrong_name);
    EXPECT_EQ(wrong_phrase.error().message, wrong_name.error().message);
    EXPECT_EQ(wrong_phrase.error().message, "wrong name or passphrase");
    ASSERT_TRUE(f.people->sign_in("Olivia", "owner's long phrase"));
    auto refused = f.practice->connection().query_int64(
        "SELECT count(*) FROM dyad_audit WHERE action = 'sign-in-refused'");
    auto signed_in = f.practice->connection().query_int64(
        "SELECT count(*) FROM dyad_audit WHERE action = 'sign-in' AND actor = 'Olivia'");
    EXPECT_EQ(**refused, 2);
    EXPECT_EQ(**signed_in, 1);
    // No passphrase in the database: only an Argon2id hash.
    auto stored = f.practice->connection().prepare("SELECT passphrase_hash FROM dyad_user");
    ASSERT_TRUE(*stored->step());
    EXPECT_EQ(stored->text(0).rfind("$argon2id$", 0), 0u);
    EXPECT_EQ(stored->text(0).find("owner's long phrase"), std::string::npos);
    auto chain = records::verify_audit_chain(
        f.practice->connection(), records::audit_head_path(f.practice->database_path()), nullptr);
    EXPECT_TRUE(chain && chain->intact) << (chain ? chain->problem : chain.error().message);
}

TEST(People, ATherapistSeesTheirCaseloadAndASupervisorTheirSuperviseesToo) {
    Fixture f;
    people::Session nobody;
    auto owner = f.people->add_user(nobody, "Olivia", Role::Owner, "owner's long phrase");
    people::Session as_owner{owner->id, owner->name, Role::Owner};
    auto dana = f.people->add_user(as_owner, "Dana", Role::Therapist, "dana's long phrase");
    auto sam = f.people->add_user(as_owner, "Sam", Role::Supervisor, "sam's long phrase");
    auto bill = f.people->add_user(as_owner, "Bill", Role::Biller, "bill's long phrase");
    ASSERT_TRUE(dana && sam && bill);
    std::int64_t ortiz = f.unit("Ortiz");
    std::int64_t other = f.unit("Moss");
    ASSERT_TRUE(f.people->assign_unit(as_owner, dana->id, ortiz));
    people::Session as_dana{dana->id, dana->name, Role::Therapist};
    people::Session as_sam{sam->id, sam->name, Role::Supervisor};
    people::Session as_bill{bill->id, bill->name, Role::Biller};
    EXPECT_FALSE(f.people->assign_unit(as_dana, dana->id, other)) << "not an owner";
    EXPECT_TRUE(*f.people->may_see_unit(as_dana, ortiz));
    EXPECT_FALSE(*f.people->may_see_unit(as_dana, other));
    EXPECT_FALSE(*f.people->may_see_unit(as_sam, ortiz)) << "not yet Dana's supervisor";
    ASSERT_TRUE(f.people->set_supervisor(as_owner, dana->id, sam->id));
    EXPECT_TRUE(*f.people->may_see_unit(as_sam, ortiz));
    EXPECT_TRUE(*f.people->may_see_unit(as_bill, other)) << "demographics of every unit";
    EXPECT_FALSE(as_bill.may(Permission::ReadClinical));
    EXPECT_TRUE(*f.people->may_see_unit(as_owner, other));
    // The host's unit lists follow the signed-in user's scope.
    f.practice->set_session(as_dana);
    auto listed = f.practice->records().units({});
    ASSERT_TRUE(listed) << listed.error().message;
    ASSERT_EQ(listed->size(), 1u);
    EXPECT_EQ(listed->front().id, ortiz);
    EXPECT_EQ(*f.practice->records().count_units({}), 1);
    f.practice->set_session(as_sam);
    EXPECT_EQ(f.practice->records().units({})->size(), 1u) << "Dana's, as her supervisor";
    f.practice->set_session(as_bill);
    EXPECT_GT(f.practice->records().units({})->size(), 3u);
}
