// The directory's part of the demo practice: Maya Lin's profile saved once, complete enough
// that every export validates and every shipped directory's listing is whole.
#include <gtest/gtest.h>

#include <time_text.h>

#include <algorithm>
#include <filesystem>

#include "adapters.h"
#include "demo.h"
#include "exports.h"
#include "plugin_harness.h"
#include "profile.h"
#include "sample_profile.h"

using namespace dyad::directory;

namespace {

struct DemoPractice {
    dyad::test::PluginHarness harness{"dyad.directory", directory_schema()};
    dyad::sdk::Host host{harness.host()};
    ProfileStore store{dyad::sdk::Database(host)};
    dyad::sdk::DemoRequest request;

    DemoPractice() {
        request.today = dyad::datafile::local_today();
        for (const char* name : {"Ana & Ben Ortiz", "Dee & Eli Moss", "Carla Diaz", "Nguyen",
                                 "Farah Khan & Sam Lee", "Omar Haddad"}) {
            request.unit_ids.push_back(harness.unit(name));
        }
        auto history = dyad::add_demo_history(harness.practice().records(), request.unit_ids);
        EXPECT_TRUE(history) << history.error().message;
    }
    int audits() {
        int count = 0;
        host.core()->list_audit(
            host.raw(), "profile", 0, 100,
            [](void* user, const dyad_audit_entry*) {
                ++*static_cast<int*>(user);
                return 0;
            },
            &count);
        return count;
    }
};

}  // namespace

TEST(DirectoryDemo, SavesMayaLinsCompleteProfileOnceWithEveryListingWhole) {
    DemoPractice demo;
    fill_demo(demo.host, demo.store, demo.request);
    auto latest = demo.store.latest();
    ASSERT_TRUE(latest) << latest.error();
    ASSERT_EQ(latest->version, 1);
    const Profile& p = latest->profile;
    EXPECT_EQ(p.given_name + " " + p.family_name, "Maya Lin");
    EXPECT_EQ(p.credentials, "LMFT, Certified Imago Therapist");
    EXPECT_TRUE(check_profile(p).empty()) << check_profile(p).front();
    EXPECT_TRUE(valid_npi(p.npi));
    ASSERT_EQ(p.licences.size(), 1u);
    EXPECT_GT(p.licences[0].expiry, demo.request.today);
    EXPECT_NE(std::find(p.specialties.begin(), p.specialties.end(), "Couples therapy"),
              p.specialties.end());
    EXPECT_NE(std::find(p.specialties.begin(), p.specialties.end(), "Imago Relationship Therapy"),
              p.specialties.end());
    EXPECT_GT(p.fee_min, 0);
    EXPECT_FALSE(p.languages.empty());
    EXPECT_FALSE(p.telehealth_states.empty());
    for (const std::string* address : {&p.email, &p.website, &p.booking_link}) {
        EXPECT_NE(address->find("example.org"), std::string::npos) << *address;
    }
    EXPECT_EQ(demo.audits(), 1);

    AdapterLibrary library = load_adapters({dyad::test::source_dir() + "/resources"});
    ASSERT_TRUE(library.problems.empty()) << library.problems.front();
    ASSERT_GE(library.adapters.size(), 3u);
    for (const auto& adapter : library.adapters) {
        for (const auto& field : listing(p, adapter)) {
            EXPECT_FALSE(field.missing) << adapter.id << ": " << field.field;
            EXPECT_FALSE(field.cut) << adapter.id << ": " << field.field;
            EXPECT_TRUE(field.unmapped.empty()) << adapter.id << ": " << field.unmapped.front();
        }
    }
    std::string card = vcard(p);
    EXPECT_NE(card.find("FN:Maya Lin\\, LMFT\\, Certified Imago Therapist\r\n"), std::string::npos);
    EXPECT_NE(fhir_bundle(p, "2026-01-05T12:00:00Z").find("\"value\": \"1234567893\""),
              std::string::npos);

    // A second fill finds the profile and leaves it be.
    fill_demo(demo.host, demo.store, demo.request);
    EXPECT_EQ(*demo.store.versions(), (std::vector<int>{1}));
    EXPECT_EQ(demo.audits(), 1);
}

TEST(DirectoryDemo, TheDemoProfileExportsValidateByTheirStandards) {
    DemoPractice demo;
    fill_demo(demo.host, demo.store, demo.request);
    Profile p = demo.store.latest()->profile;
    dyad::test::TempDir dir;
    std::string tools = DYAD_NODE_TOOLS;
    ASSERT_TRUE(std::filesystem::exists(tools + "/node_modules/jsonld"))
        << "run scripts/dyad test (npm ci in tests/node)";
    samples::write(dir.path() + "/demo.fhir.json", fhir_bundle(p, "2026-01-05T12:00:00Z"));
    auto fhir = dyad::test::run_process(
        {DYAD_NODE, tools + "/validate.js", dir.path() + "/demo.fhir.json"});
    EXPECT_EQ(fhir.exit_code, 0) << fhir.out << fhir.err;
    EXPECT_NE(fhir.out.find("valid FHIR R4 Bundle with 4 entries"), std::string::npos) << fhir.out;
    samples::write(dir.path() + "/demo.jsonld", json_ld(p));
    auto ld = dyad::test::run_process(
        {DYAD_NODE, tools + "/validate-jsonld.js", dir.path() + "/demo.jsonld"});
    EXPECT_EQ(ld.exit_code, 0) << ld.out << ld.err;
    // vCard 4.0: CRLF lines of at most 75 octets.
    std::string card = vcard(p);
    for (std::size_t at = 0; at < card.size();) {
        std::size_t end = card.find("\r\n", at);
        ASSERT_NE(end, std::string::npos);
        EXPECT_LE(end - at, 75u) << card.substr(at, end - at);
        at = end + 2;
    }
}
