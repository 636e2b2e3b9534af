// Dyad's search across plugins (SDK 1.1 dyad.search/1): the host asks only the providers the
// signed-in user may read, keeps only hits of units the user reaches, and refuses bad text.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <dyad/text.hpp>

#include "people/users.h"
#include "plugins/plugin_search.h"
#include "service_harness.h"

using namespace dyad;
using dyad::test::Harness;

namespace {

// What the fake providers answer, set by each test.
struct Answer {
    std::vector<dyad_search_hit> hits;
    int code = DYAD_OK;
    bool ignore_stop = false;  // A provider that does not stop when told.
    int asked = 0;
    std::string query;
};
Answer g_notes;
Answer g_billing;

int answer(Answer& a, const char* query, int32_t limit, dyad_search_visitor visit, void* user) {
    ++a.asked;
    a.query = query;
    int given = 0;
    for (const auto& hit : a.hits) {
        if (given++ == limit || (visit(user, &hit) != 0 && !a.ignore_stop)) {
            break;
        }
    }
    return a.code;
}

const dyad_search_provider_v1 kNotes = {
    sizeof(dyad_search_provider_v1), DYAD_RECORDS_CLINICAL, "Notes",
    [](const dyad_plugin*, const char* q, int32_t limit, dyad_search_visitor v, void* u) {
        return answer(g_notes, q, limit, v, u);
    }};
const dyad_search_provider_v1 kBilling = {
    sizeof(dyad_search_provider_v1), DYAD_RECORDS_BILLING, "Invoices",
    [](const dyad_plugin*, const char* q, int32_t limit, dyad_search_visitor v, void* u) {
        return answer(g_billing, q, limit, v, u);
    }};
int never_asked(const dyad_plugin*, const char*, int32_t, dyad_search_visitor, void*) {
    ADD_FAILURE() << "a provider without a records kind was asked";
    return DYAD_ERROR;
}
const dyad_search_provider_v1 kNoKind = {sizeof(dyad_search_provider_v1), 0, "Unknown kind",
                                         &never_asked};

dyad_search_hit hit(std::int64_t unit, const char* title, const char* snippet = "") {
    return {sizeof(dyad_search_hit), unit, title, snippet, "test.tab"};
}

struct SearchFixture {
    Harness h;
    people::People people{h.main};
    std::int64_t ortiz = 0;
    std::int64_t moss = 0;
    std::vector<plugins::SearchProvider> providers = {{"test.notes", nullptr, &kNotes},
                                                      {"test.billing", nullptr, &kBilling},
                                                      {"test.unknown", nullptr, &kNoKind}};
    SearchFixture() {
        g_notes = {};
        g_billing = {};
        auto unit = [&](const char* given, const char* family) {
            records::ClientFields fields;
            fields.given_name = given;
            fields.family_name = family;
            auto a = h.records->create_client(fields, "user");
            fields.given_name = "Partner";
            auto b = h.records->create_client(fields, "user");
            return h.records
                ->create_unit("couple", "", {{a->id, "partner"}, {b->id, "partner"}}, "user")
                ->id;
        };
        ortiz = unit("Ana", "Ortiz");
        moss = unit("Dee", "Moss");
    }
    Result<plugins::SearchReport> search(const people::Session& session, const std::string& q,
                                         int limit = 50) {
        return plugins::search_plugins(providers, *h.records, people, session, q, limit);
    }
};

}  // namespace

TEST(PluginSearch, TheOwnerSeesEveryProvidersHitsWithTheUnitsNameAndTheTrimmedQuery) {
    SearchFixture f;
    g_notes.hits = {hit(f.ortiz, "Note of 2026-11-30", "planned the [holidays]"),
                    hit(f.moss, "Note of 2026-12-01")};
    g_billing.hits = {hit(f.moss, "Invoice 12")};
    auto found = f.search(people::Session{}, "  holid \n");
    ASSERT_TRUE(found) << found.error().message;
    EXPECT_EQ(g_notes.query, "holid");
    ASSERT_EQ(found->results.size(), 3u);
    EXPECT_EQ(found->results[0].label, "Notes");
    EXPECT_EQ(found->results[0].plugin_id, "test.notes");
    EXPECT_EQ(found->results[0].unit_name, "Ana & Partner Ortiz");
    EXPECT_EQ(found->results[0].snippet, "planned the [holidays]");
    EXPECT_EQ(found->results[0].panel_id, "test.tab");
    EXPECT_EQ(found->results[2].label, "Invoices");
    EXPECT_TRUE(found->problems.empty());
}

TEST(PluginSearch, ARoleIsAskedOnlyWhatItMayReadAndOnlyForUnitsItReaches) {
    SearchFixture f;
    people::Session owner{};
    auto olivia = f.people.add_user(owner, "Olivia", people::Role::Owner, "olivia's phrase");
    ASSERT_TRUE(olivia);
    people::Session by_owner{olivia->id, "Olivia", people::Role::Owner};
    auto dana = f.people.add_user(by_owner, "Dana", people::Role::Therapist, "dana's phrase!");
    auto bill = f.people.add_user(by_owner, "Bill", people::Role::Biller, "bill's phrase!!");
    ASSERT_TRUE(dana && bill);
    ASSERT_TRUE(f.people.assign_unit(by_owner, dana->id, f.ortiz));
    g_notes.hits = {hit(f.ortiz, "Ortiz note"), hit(f.moss, "Moss note")};
    g_billing.hits = {hit(f.moss, "Invoice 12")};

    // The therapist: notes of her caseload only; no billing (not her role's to read).
    auto therapist = f.search({dana->id, "Dana", people::Role::Therapist}, "note");
    ASSERT_TRUE(therapist);
    ASSERT_EQ(therapist->results.size(), 1u);
    EXPECT_EQ(therapist->results[0].title, "Ortiz note");
    EXPECT_EQ(g_billing.asked, 0);

    // The biller: notes are never asked; invoices of every unit.
    g_notes.asked = 0;
    auto biller = f.search({bill->id, "Bill", people::Role::Biller}, "note");
    ASSERT_TRUE(biller);
    EXPECT_EQ(g_notes.asked, 0);
    ASSERT_EQ(biller->results.size(), 1u);
    EXPECT_EQ(biller->results[0].title, "Invoice 12");

    // Nobody signed in yet: nothing asked at all.
    g_billing.asked = 0;
    auto nobody = f.search(people::Session::nobody(), "note");
    ASSERT_TRUE(nobody);
    EXPECT_TRUE(nobody->results.empty());
    EXPECT_EQ(g_notes.asked + g_billing.asked, 0);
}

TEST(PluginSearch, BadQueriesAndBadHitsAreRefusedInWordsAndAFailingProviderIsNamed) {
    SearchFixture f;
    for (const std::string& bad : {std::string("   "), std::string(201, 'a'),
                                   std::string("caf\xC3"), std::string("a\0b", 3)}) {
        auto refused = f.search(people::Session{}, bad);
        ASSERT_FALSE(refused) << bad;
        EXPECT_EQ(refused.error().code, ErrorCode::Invalid);
    }
    EXPECT_FALSE(f.search(people::Session{}, "ok", 0));
    EXPECT_FALSE(f.search(people::Session{}, "ok", 101));
    EXPECT_EQ(g_notes.asked, 0);

    std::string long_title(300, 'x');
    long_title.replace(116, 2, "\xC3\xA9");  // A two-byte character across the cut.
    g_notes.hits = {hit(f.ortiz, "bad \xFF title"), hit(f.ortiz, long_title.c_str()),
                    hit(987654, "a unit that does not exist"), hit(f.moss, "kept")};
    g_notes.code = DYAD_ERROR;
    auto found = f.search(people::Session{}, "x", 2);
    ASSERT_TRUE(found);
    ASSERT_EQ(found->results.size(), 2u);  // The bad one and the one of no unit do not count.
    EXPECT_EQ(found->results[1].title, "kept");
    EXPECT_EQ(found->results[0].title.size(), 119u);
    EXPECT_TRUE(found->results[0].title.ends_with("..."));
    EXPECT_TRUE(sdk::is_clean_text(found->results[0].title));
    ASSERT_EQ(found->problems.size(), 2u);
    EXPECT_EQ(found->problems[0], "Notes (test.notes) could not search.");
    EXPECT_NE(found->problems[1].find("not valid text"), std::string::npos);
}

// The limit counts what the user is shown: hits of units outside a therapist's caseload are
// dropped first (the provider is asked for more), and a provider that does not stop is cut.
TEST(PluginSearch, TheLimitCountsOnlyWhatTheUserMaySee) {
    SearchFixture f;
    people::Session owner{};
    auto olivia = f.people.add_user(owner, "Olivia", people::Role::Owner, "olivia's phrase");
    ASSERT_TRUE(olivia);
    people::Session by_owner{olivia->id, "Olivia", people::Role::Owner};
    auto dana = f.people.add_user(by_owner, "Dana", people::Role::Therapist, "dana's phrase!");
    ASSERT_TRUE(dana);
    ASSERT_TRUE(f.people.assign_unit(by_owner, dana->id, f.ortiz));
    g_notes.hits = {hit(f.moss, "m1"), hit(f.moss, "m2"), hit(f.moss, "m3"), hit(f.ortiz, "o1"),
                    hit(f.ortiz, "o2")};
    auto found = f.search({dana->id, "Dana", people::Role::Therapist}, "x", 1);
    ASSERT_TRUE(found);
    ASSERT_EQ(found->results.size(), 1u);
    EXPECT_EQ(found->results[0].title, "o1");
    g_notes.ignore_stop = true;
    auto all = f.search(people::Session{}, "x", 2);
    ASSERT_TRUE(all);
    EXPECT_EQ(all->results.size(), 2u);
}
