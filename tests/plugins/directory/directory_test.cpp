// The directory profile: checks, versions, and the three exports each checked by its own
// standard's rules (FHIR R4 by the fhir package, JSON-LD by jsonld, vCard 4.0 by RFC 6350).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "exports.h"
#include "plugin_harness.h"
#include "profile.h"
#include "sample_profile.h"

using namespace dyad::directory;
using dyad::directory::samples::sample;
using dyad::directory::samples::write;

namespace {

// RFC 6350: CRLF line ends, content lines at most 75 octets, folded lines start with a
// space, BEGIN/VERSION:4.0/FN/END present, every unfolded line "NAME[;params]:value".
std::vector<std::string> vcard_problems(const std::string& card) {
    std::vector<std::string> problems;
    std::vector<std::string> lines;
    std::size_t at = 0;
    while (at < card.size()) {
        std::size_t end = card.find("\r\n", at);
        if (end == std::string::npos) {
            problems.push_back("a line does not end with CRLF");
            break;
        }
        std::string line = card.substr(at, end - at);
        if (line.size() > 75) {
            problems.push_back("longer than 75 octets: " + line);
        }
        if (!line.empty() && line[0] == ' ' && !lines.empty()) {
            lines.back() += line.substr(1);
        } else {
            lines.push_back(line);
        }
        at = end + 2;
    }
    auto has = [&](const std::string& start) {
        return std::any_of(lines.begin(), lines.end(),
                           [&](const std::string& l) { return l.rfind(start, 0) == 0; });
    };
    if (lines.empty() || lines.front() != "BEGIN:VCARD" || lines.back() != "END:VCARD") {
        problems.push_back("BEGIN:VCARD ... END:VCARD");
    }
    if (lines.size() < 2 || lines[1] != "VERSION:4.0") {
        problems.push_back("VERSION:4.0 must follow BEGIN");
    }
    if (!has("FN:")) {
        problems.push_back("FN is required");
    }
    for (const auto& line : lines) {
        std::size_t colon = line.find(':');
        std::string name = line.substr(0, std::min(colon, line.find(';')));
        if (colon == std::string::npos || name.empty() ||
            !std::all_of(name.begin(), name.end(),
                         [](unsigned char c) { return std::isupper(c) || c == '-'; })) {
            problems.push_back("not a content line: " + line);
        }
    }
    return problems;
}

}  // namespace

TEST(DirectoryProfile, ChecksSayWhatIsWrong) {
    EXPECT_TRUE(valid_npi("1234567893"));
    EXPECT_FALSE(valid_npi("1234567890"));
    EXPECT_FALSE(valid_npi("12345"));
    EXPECT_TRUE(check_profile(sample()).empty());
    Profile bad = sample();
    bad.npi = "1234567890";
    bad.licences[0].expiry = "2027-02-30";
    bad.fee_max = 100;
    bad.website = "http://example.com";
    auto problems = check_profile(bad);
    ASSERT_EQ(problems.size(), 4u);
    EXPECT_NE(problems[0].find("NPI"), std::string::npos);
    EXPECT_NE(problems[1].find("expiry is not a valid date"), std::string::npos);
    EXPECT_NE(problems[2].find("Fees"), std::string::npos);
    EXPECT_NE(problems[3].find("https://"), std::string::npos);
}

TEST(DirectoryProfile, EverySaveIsAVersionAndARefusedOneChangesNothing) {
    dyad::test::PluginHarness harness("dyad.directory", directory_schema());
    ProfileStore store{dyad::sdk::Database(dyad::sdk::Host(harness.host()))};
    EXPECT_EQ(store.latest()->version, 0);
    EXPECT_EQ(*store.save(sample()), 1);
    Profile changed = sample();
    changed.accepting_new_clients = false;
    EXPECT_EQ(*store.save(changed), 2);
    Profile bad = sample();
    bad.given_name.clear();
    EXPECT_FALSE(store.save(bad));
    auto latest = store.latest();
    ASSERT_TRUE(latest) << latest.error();
    EXPECT_EQ(latest->version, 2);
    EXPECT_FALSE(latest->profile.accepting_new_clients);
    EXPECT_EQ(latest->profile.family_name, "Lopez-García");
    EXPECT_EQ(latest->profile.licences[0].number, "LMFT 12345");
    EXPECT_EQ(*store.versions(), (std::vector<int>{1, 2}));
}

TEST(DirectoryExports, VCardFollowsRfc6350) {
    std::string card = vcard(sample());
    auto problems = vcard_problems(card);
    EXPECT_TRUE(problems.empty()) << problems.front() << "\n" << card;
    EXPECT_NE(card.find("FN:Maya Lopez-García\\, LMFT\\, Certified Imago Therapist\r\n"),
              std::string::npos)
        << card;
    EXPECT_NE(card.find("Infidelity\\; trust"), std::string::npos);
    EXPECT_NE(card.find("TEL;TYPE=work,voice;VALUE=uri:tel:+15105550100"), std::string::npos);
    EXPECT_NE(card.find("\r\n "), std::string::npos);  // The long note is folded.
    // Folding never splits a UTF-8 character.
    std::string folded = vcard_fold("NOTE:" + std::string(69, 'x') + "ééé");
    EXPECT_EQ(folded, "NOTE:" + std::string(69, 'x') + "\r\n ééé\r\n");  // 74 + 2 > 75.
    EXPECT_EQ(vcard_escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
}

TEST(DirectoryExports, FhirBundleValidatesAgainstR4AndJsonLdExpands) {
    dyad::test::TempDir dir;
    std::string tools = DYAD_NODE_TOOLS;
    ASSERT_TRUE(std::filesystem::exists(tools + "/node_modules/jsonld"))
        << "run scripts/dyad test (npm ci in tests/node)";
    write(dir.path() + "/profile.fhir.json", fhir_bundle(sample(), "2026-11-26T12:00:00Z"));
    auto fhir = dyad::test::run_process(
        {DYAD_NODE, tools + "/validate.js", dir.path() + "/profile.fhir.json"});
    EXPECT_EQ(fhir.exit_code, 0) << fhir.out << fhir.err;
    EXPECT_NE(fhir.out.find("valid FHIR R4 Bundle with 4 entries"), std::string::npos) << fhir.out;
    std::string bundle = fhir_bundle(sample(), "2026-11-26T12:00:00Z");
    EXPECT_NE(bundle.find("\"system\": \"http://hl7.org/fhir/sid/us-npi\""), std::string::npos);
    EXPECT_NE(bundle.find("base-ext-newpatients"), std::string::npos);
    EXPECT_EQ(bundle, fhir_bundle(sample(), "2026-11-26T12:00:00Z"));  // Stable names.

    write(dir.path() + "/profile.jsonld", json_ld(sample()));
    auto ld = dyad::test::run_process(
        {DYAD_NODE, tools + "/validate-jsonld.js", dir.path() + "/profile.jsonld"});
    EXPECT_EQ(ld.exit_code, 0) << ld.out << ld.err;
    EXPECT_NE(ld.out.find("valid JSON-LD: https://schema.org/Person"), std::string::npos) << ld.out;
    write(dir.path() + "/broken.jsonld", R"({"@context": 5, "@type": "Person"})");
    auto broken = dyad::test::run_process(
        {DYAD_NODE, tools + "/validate-jsonld.js", dir.path() + "/broken.jsonld"});
    EXPECT_EQ(broken.exit_code, 1) << broken.out;
}

TEST(DirectoryCli, ProfileSetThenExportEachFormat) {
    dyad::test::TempDir dir;
    std::vector<std::string> env = {"DYAD_PLUGIN_PATH=" + std::string(DYAD_BUILD_PLUGIN_DIR)};
    auto run = [&](std::vector<std::string> args) {
        std::vector<std::string> argv = {dyad::test::dyadctl_path(), "--data-dir", dir.path()};
        argv.insert(argv.end(), args.begin(), args.end());
        return dyad::test::run_process(argv, env);
    };
    ASSERT_EQ(run({"init", "--plain"}).exit_code, 0);
    auto none = run({"directory", "export", "--format", "vcard"});
    EXPECT_EQ(none.exit_code, 1);
    EXPECT_NE(none.err.find("there is no profile yet"), std::string::npos);
    std::ostringstream json;
    to_json(sample())->stringify(json);
    write(dir.path() + "/me.json", json.str());
    auto saved = run({"directory", "profile", "set", dir.path() + "/me.json"});
    EXPECT_EQ(saved.exit_code, 0) << saved.err;
    EXPECT_EQ(saved.out, "saved as version 1\n");
    write(dir.path() + "/bad.json", R"({"given_name": "X", "npi": "1"})");
    auto refused = run({"directory", "profile", "set", dir.path() + "/bad.json"});
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_NE(refused.err.find("Name: both first and last name"), std::string::npos);
    EXPECT_NE(refused.err.find("NPI:"), std::string::npos);
    for (const char* format : {"fhir", "jsonld", "vcard"}) {
        std::string out = dir.path() + "/export." + format;
        auto exported = run({"directory", "export", "--format", format, "--out", out});
        EXPECT_EQ(exported.exit_code, 0) << format << ": " << exported.err;
        EXPECT_TRUE(std::filesystem::exists(out)) << format;
    }
    EXPECT_EQ(run({"directory", "export", "--format", "pdf"}).exit_code, 2);
}

// A value of the wrong kind is refused in words, never converted (issue 21, item 6): an
// object was published as a name, "abc" became a fee of 0.
TEST(DirectoryProfile, ValuesOfTheWrongKindAreRefusedNotConverted) {
    auto json = to_json(sample());
    Poco::JSON::Object::Ptr object = new Poco::JSON::Object;
    object->set("first", "Maya");
    json->set("given_name", object);
    json->set("fee_min", "abc");
    json->set("fee_max", 4294967296LL);
    json->set("sliding_scale", "yes");
    auto read = profile_from_json(json);
    ASSERT_FALSE(read);
    for (const char* words :
         {"given_name must be text", "fee_min must be a whole number of dollars from 0 to 100000",
          "fee_max must be a whole number", "sliding_scale must be true or false"}) {
        EXPECT_NE(read.error().find(words), std::string::npos) << read.error();
    }
    auto good = profile_from_json(to_json(sample()));
    ASSERT_TRUE(good) << good.error();
    EXPECT_EQ(good->fee_min, sample().fee_min);
}
