// The measures store over a real practice: administrations saved whole or not at all, the
// member and unit rules, the bring-your-own attestation, safety flags, cadences and what is
// due, voiding, and the exports (FHIR validated by the fhir package, CSV, PDF read back).
#include <gtest/gtest.h>

#include <Poco/JSON/Parser.h>
#include <time_text.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "plugin_harness.h"
#include "report.h"
#include "schema.h"
#include "store.h"
#include "test_support.h"

using namespace dyad::measures;

namespace {

std::string day_offset(int days) {
    std::time_t now = std::time(nullptr) + static_cast<std::time_t>(days) * 86400;
    std::tm local{};
    localtime_r(&now, &local);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &local);
    return text;
}

struct Fixture {
    dyad::test::TempDir resources;
    dyad::test::PluginHarness harness{"dyad.measures", measures_schema()};
    InstrumentLibrary library;
    MeasuresStore store{dyad::sdk::Host(harness.host()), library};
    std::int64_t couple = 0;
    std::vector<std::int64_t> partners;
    std::string today = day_offset(0);

    Fixture() {
        library = load_instruments({dyad::test::source_dir() + "/resources"});
        auto& records = harness.practice().records();
        for (const char* name : {"Mara", "Theo"}) {
            dyad::records::ClientFields fields;
            fields.given_name = name;
            fields.family_name = "Lindqvist";
            partners.push_back(records.create_client(fields, "test")->id);
        }
        couple = records
                     .create_unit("couple", "Mara & Theo Lindqvist",
                                  {{partners[0], "partner"}, {partners[1], "partner"}}, "test")
                     ->id;
    }
    std::int64_t session(int days_from_today, const std::string& status = "attended") {
        dyad::records::AppointmentFields fields;
        fields.unit_id = couple;
        std::string day = day_offset(days_from_today);
        fields.starts_at = *dyad::datafile::local_midnight_utc(day);
        auto start = dyad::datafile::parse_utc(fields.starts_at);
        std::time_t at = *start + 15 * 3600;
        std::time_t end = at + 50 * 60;
        char a[32], b[32];
        std::strftime(a, sizeof a, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&at));
        std::strftime(b, sizeof b, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&end));
        fields.starts_at = a;
        fields.ends_at = b;
        auto made = harness.practice().records().create_appointment(fields, "test");
        EXPECT_TRUE(made) << made.error().message;
        if (status != "scheduled") {
            fields.status = status;
            EXPECT_TRUE(harness.practice().records().update_appointment(made->id, fields, "test"));
        }
        return made->id;
    }
    Result<Administration> give(std::int64_t client, const std::string& instrument, Answers answers,
                                const std::string& date, std::int64_t appointment = 0) {
        NewAdministration request{couple,    client, appointment, instrument, std::move(answers),
                                  "entered", date};
        return store.administer(request, today);
    }
    std::int64_t count(const std::string& sql) {
        dyad::sdk::Database db{dyad::sdk::Host(harness.host())};
        auto select = db.prepare(sql.c_str());
        return select.step() == DYAD_ROW ? select.int64(0) : -1;
    }
};

// How many PHQ-9 QuestionnaireResponse items of the bundle answer linkId.
int link_ids(const std::string& bundle, const std::string& link_id) {
    Poco::JSON::Parser parser;
    auto root = parser.parse(bundle).extract<Poco::JSON::Object::Ptr>();
    int found = 0;
    auto entries = root->getArray("entry");
    for (unsigned i = 0; i < entries->size(); ++i) {
        auto resource = entries->getObject(i)->getObject("resource");
        if (resource->getValue<std::string>("resourceType") != "QuestionnaireResponse" ||
            resource->getValue<std::string>("questionnaire") != "urn:dyad:measures:phq-9|1") {
            continue;
        }
        auto items = resource->getArray("item");
        for (unsigned j = 0; j < items->size(); ++j) {
            found += items->getObject(j)->getValue<std::string>("linkId") == link_id ? 1 : 0;
        }
    }
    return found;
}

Answers csi16(double first, double rest) {
    Answers answers(16, rest);
    answers[0] = first;
    return answers;
}

}  // namespace

TEST(MeasuresStore, AnAdministrationIsScoredAndKeptWithItsAnswersAndVersions) {
    Fixture f;
    auto saved = f.give(f.partners[0], "phq-9", {1, 2, 1, 2, 1, 1, 2, 1, 0, std::nullopt}, f.today);
    ASSERT_TRUE(saved) << saved.error();
    EXPECT_EQ(saved->score.total, 11);
    auto history = f.store.history(f.couple);
    ASSERT_TRUE(history && history->size() == 1);
    const Administration& kept = history->front();
    EXPECT_EQ(kept.score.total, 11);
    EXPECT_EQ(kept.score.band, "moderate");
    EXPECT_EQ(*kept.score.cutoff, 9.5);
    EXPECT_EQ(kept.instrument_version, 1);
    EXPECT_EQ(kept.score.scoring_version, 1);
    ASSERT_EQ(kept.answers.size(), 10u);
    EXPECT_EQ(*kept.answers[1], 2);
    EXPECT_FALSE(kept.answers[9].has_value());
    // Rescoring the kept answers gives the kept score.
    EXPECT_EQ(score(*f.library.find("phq-9"), kept.answers)->total, kept.score.total);
    // Never changed, never deleted: voided.
    EXPECT_EQ(f.count("SELECT count(*) FROM measures_administration"), 1);
    dyad::sdk::Database db{dyad::sdk::Host(f.harness.host())};
    EXPECT_NE(db.exec("UPDATE measures_administration SET total = 0"), "");
    EXPECT_NE(db.exec("DELETE FROM measures_administration"), "");
    EXPECT_FALSE(f.store.void_administration(kept.id, "  "));
    ASSERT_TRUE(f.store.void_administration(kept.id, "entered for the wrong partner"));
    EXPECT_EQ(f.store.void_administration(kept.id, "again").error(),
              "administration " + std::to_string(kept.id) + " is voided already");
    EXPECT_TRUE(f.store.history(f.couple)->empty());
    EXPECT_EQ(f.store.history(f.couple, true)->size(), 1u);
}

TEST(MeasuresStore, RefusedAdministrationsSaveNothing) {
    Fixture f;
    auto other = f.harness.unit("Ana & Ben Ortiz");
    auto outsider = f.harness.practice().records().members(other)->front().client_id;
    EXPECT_EQ(f.give(outsider, "csi-4", {3, 3, 3, 3}, f.today).error(),
              "client " + std::to_string(outsider) + " is not a member of this unit");
    EXPECT_EQ(f.give(f.partners[0], "csi-4", {3, 3, 7, 3}, f.today).error(),
              "item 19: 7 is not an answer (0 to 5)");
    EXPECT_EQ(f.give(f.partners[0], "csi-4", {3, 3, 3, 3}, day_offset(1)).error(),
              "the date is YYYY-MM-DD and not after today (" + f.today + ")");
    EXPECT_EQ(f.give(f.partners[0], "csi-4", {3, 3, 3, 3}, "2026-02-30").error(),
              "the date is YYYY-MM-DD and not after today (" + f.today + ")");
    EXPECT_EQ(f.give(f.partners[0], "nope", {3}, f.today).error(),
              "no instrument \"nope\" (see measures list)");
    std::int64_t cancelled = f.session(0, "cancelled");
    EXPECT_EQ(f.give(f.partners[0], "csi-4", {3, 3, 3, 3}, f.today, cancelled).error(),
              "that appointment was cancelled");
    ASSERT_TRUE(f.harness.practice().records().set_unit_status(f.couple, "discharged", "test"));
    EXPECT_EQ(f.give(f.partners[0], "csi-4", {3, 3, 3, 3}, f.today).error(),
              "this unit is discharged: measures are no longer given");
    EXPECT_EQ(f.count("SELECT count(*) FROM measures_administration"), 0);
    EXPECT_EQ(f.count("SELECT count(*) FROM measures_flag"), 0);
}

TEST(MeasuresStore, BringYourOwnIsRefusedUntilTypedInAndAttested) {
    Fixture f;
    EXPECT_EQ(f.give(f.partners[0], "rdas", Answers(14, 3.0), f.today).error(),
              "RDAS is a bring-your-own template: type the items from your licensed copy into a "
              "copy of its file first");
    // The practice types the items into its own copy (a folder searched first).
    std::ifstream in(dyad::test::source_dir() + "/resources/measures/rdas.json");
    std::stringstream text;
    text << in.rdbuf();
    std::string typed = text.str();
    for (std::size_t hole; (hole = typed.find("\"text\": \"\"")) != std::string::npos;) {
        typed.replace(hole, 10, "\"text\": \"a licensed item\"");
    }
    std::filesystem::create_directories(f.resources.path() + "/measures");
    std::ofstream(f.resources.path() + "/measures/rdas.json") << typed;
    f.library = load_instruments({f.resources.path(), dyad::test::source_dir() + "/resources"});
    ASSERT_TRUE(f.library.problems.empty()) << f.library.problems.front();
    EXPECT_EQ(f.give(f.partners[0], "rdas", Answers(14, 3.0), f.today).error(),
              "RDAS needs the practice's licence attestation first (measures attest rdas)");
    ASSERT_TRUE(f.store.attest("rdas"));
    auto given = f.give(f.partners[0], "rdas", Answers(14, 3.0), f.today);
    ASSERT_TRUE(given) << given.error();
    EXPECT_EQ(given->score.total, 42);
    EXPECT_EQ(given->score.subscales.at("cohesion"), 12);
    EXPECT_TRUE(given->score.distressed);
    // A changed item needs a new attestation.
    typed.replace(typed.find("a licensed item"), 15, "a changed item");
    std::ofstream(f.resources.path() + "/measures/rdas.json") << typed;
    f.library = load_instruments({f.resources.path(), dyad::test::source_dir() + "/resources"});
    EXPECT_FALSE(f.store.usable("rdas"));
    ASSERT_TRUE(f.store.attest("rdas"));
    EXPECT_TRUE(f.store.usable("rdas"));
    // So does a changed answer label, and a risk rule taken out or put in.
    typed.replace(typed.find("Always agree"), 12, "Agree always");
    std::ofstream(f.resources.path() + "/measures/rdas.json") << typed;
    f.library = load_instruments({f.resources.path(), dyad::test::source_dir() + "/resources"});
    EXPECT_EQ(f.store.usable("rdas").error(),
              "RDAS needs the practice's licence attestation first (measures attest rdas)");
    EXPECT_EQ(f.store.attest("phq-9").error(), "PHQ-9 ships with its items; nothing to attest");
}

TEST(MeasuresStore, ASafetyFlagIsRaisedKeptAndReviewed) {
    Fixture f;
    auto given = f.give(f.partners[1], "phq-9", {0, 1, 0, 0, 0, 0, 0, 0, 1, std::nullopt}, f.today);
    ASSERT_TRUE(given) << given.error();
    ASSERT_EQ(given->score.flags.size(), 1u);
    auto open = f.store.open_flags(f.couple);
    ASSERT_TRUE(open && open->size() == 1);
    EXPECT_EQ(open->front().text, "item 9: thoughts of self-harm");
    EXPECT_EQ(open->front().client_id, f.partners[1]);
    EXPECT_EQ(f.store.open_flags()->size(), 1u);
    ASSERT_TRUE(f.store.review_flag(open->front().id, "safety plan made"));
    EXPECT_TRUE(f.store.open_flags(f.couple)->empty());
    EXPECT_FALSE(f.store.review_flag(open->front().id, "again"));
    EXPECT_EQ(f.count("SELECT count(*) FROM measures_flag WHERE review_note = 'safety plan made'"),
              1);
}

TEST(MeasuresStore, CadenceMakesMeasuresDueAtTheRightSessions) {
    Fixture f;
    EXPECT_EQ(f.store.set_cadence({0, f.couple, "csi-4", 0, 0, 0}).error(),
              "give one of: every N sessions, or every N days");
    EXPECT_EQ(f.store.set_cadence({0, f.couple, "csi-4", 0, 2, 3}).error(),
              "give one of: every N sessions, or every N days");
    ASSERT_TRUE(f.store.set_cadence({0, f.couple, "csi-4", 0, 1, 0}));
    ASSERT_TRUE(f.store.set_cadence({0, f.couple, "csi-16", 0, 4, 0}));
    ASSERT_TRUE(f.store.set_cadence({0, f.couple, "phq-9", f.partners[0], 0, 30}));
    ASSERT_TRUE(f.store.set_cadence({0, f.couple, "csi-4", 0, 1, 0}));  // Replaces, not adds.
    EXPECT_EQ(f.store.cadences(f.couple)->size(), 3u);
    // Sessions 1-4 on past days (one cancelled, not counted), the 5th today.
    f.session(-40);
    f.session(-35, "no_show");  // Not counted either.
    f.session(-30, "cancelled");
    f.session(-20);
    f.session(-10);
    f.session(-5);
    std::int64_t fifth = f.session(0, "scheduled");
    auto due = f.store.due(f.today, f.couple);
    ASSERT_TRUE(due) << due.error();
    std::multiset<std::string> what;
    for (const auto& d : *due) {
        EXPECT_EQ(d.appointment_id, fifth);
        EXPECT_EQ(d.session_number, 5);
        what.insert(d.instrument_id + (d.client_id == f.partners[0] ? ":mara" : ":theo"));
    }
    // CSI-4 every session and CSI-16 at sessions 1, 5, 9: both partners; PHQ-9 for Mara only,
    // never given.
    EXPECT_EQ(what, (std::multiset<std::string>{"csi-16:mara", "csi-16:theo", "csi-4:mara",
                                                "csi-4:theo", "phq-9:mara"}));
    // Given at this session: no longer due. PHQ-9 given 10 days ago: not due for 30 days.
    ASSERT_TRUE(f.give(f.partners[0], "csi-4", {3, 3, 3, 3}, f.today, fifth));
    ASSERT_TRUE(f.give(f.partners[0], "phq-9", Answers(10, 0.0), day_offset(-10)));
    due = f.store.due(f.today, f.couple);
    what.clear();
    for (const auto& d : *due) {
        what.insert(d.instrument_id + (d.client_id == f.partners[0] ? ":mara" : ":theo"));
    }
    EXPECT_EQ(what, (std::multiset<std::string>{"csi-16:mara", "csi-16:theo", "csi-4:theo"}));
    // Given today without naming the session: counts for today's session too.
    ASSERT_TRUE(f.give(f.partners[1], "csi-4", {3, 3, 3, 3}, f.today));
    due = f.store.due(f.today, f.couple);
    what.clear();
    for (const auto& d : *due) {
        what.insert(d.instrument_id + (d.client_id == f.partners[0] ? ":mara" : ":theo"));
    }
    EXPECT_EQ(what, (std::multiset<std::string>{"csi-16:mara", "csi-16:theo"}));
    EXPECT_EQ(f.store.due("2026-13-01").error(), "the day is YYYY-MM-DD");
}

TEST(MeasuresStore, ExportsForTheClinicianAndForTheCouple) {
    Fixture f;
    ASSERT_TRUE(f.give(f.partners[0], "csi-16", csi16(3, 2), day_offset(-30)));
    ASSERT_TRUE(f.give(f.partners[1], "csi-16", csi16(4, 3), day_offset(-30)));
    ASSERT_TRUE(f.give(f.partners[0], "phq-9", {2, 2, 2, 2, 2, 2, 2, 2, 1, 0}, day_offset(-30)));
    ASSERT_TRUE(f.give(f.partners[0], "phq-9", {1, 1, 1, 1, 1, 1, 1, 1, 0, 0}, f.today));
    ReportInput input;
    input.unit_name = "Mara & Theo Lindqvist";
    input.names = {{f.partners[0], "Mara Lindqvist"}, {f.partners[1], "Theo Lindqvist"}};
    input.history = *f.store.history(f.couple);
    int n = 0;
    auto uuid = [&n] {
        char text[40];
        std::snprintf(text, sizeof text, "00000000-0000-4000-8000-%012d", ++n);
        return std::string(text);
    };
    std::string fhir = measures_fhir(f.library, input, "2026-12-02T10:00:00Z", uuid);
    dyad::test::TempDir out;
    std::ofstream(out.path() + "/bundle.json") << fhir;
    auto valid =
        dyad::test::run_process({DYAD_NODE, DYAD_FHIR_VALIDATOR, out.path() + "/bundle.json"});
    EXPECT_EQ(valid.exit_code, 0) << valid.out << valid.err;
    EXPECT_EQ(link_ids(fhir, "9"), 2);  // PHQ-9's item 9 in both responses.
    EXPECT_NE(fhir.find("urn:dyad:measures:phq-9|1"), std::string::npos);
    // The CSV for the clinician carries the flag; the couple's copy neither the flag nor the
    // risk item's answer.
    std::string csv = measures_csv(f.library, input);
    EXPECT_NE(csv.find("item 9: thoughts of self-harm"), std::string::npos);
    EXPECT_NE(csv.find(",phq-9,1,8,mild,no,no,reliable improvement,"), std::string::npos) << csv;
    input.clinician = false;
    EXPECT_EQ(measures_csv(f.library, input).find("self-harm"), std::string::npos);
    std::string shared = measures_fhir(f.library, input, "2026-12-02T10:00:00Z", uuid);
    // Not item 9, and no other item either: with the total they would give item 9 away.
    EXPECT_EQ(link_ids(shared, "9"), 0);
    EXPECT_EQ(link_ids(shared, "8"), 0);
    EXPECT_EQ(link_ids(shared, "total"), 2);
    // The PDF report, read back.
    input.clinician = true;
    auto pages = measures_pdf(f.library, input, out.path() + "/report.pdf", f.today);
    ASSERT_TRUE(pages) << pages.error();
    auto text = dyad::test::run_process({DYAD_PDFTOTEXT, out.path() + "/report.pdf", "-"});
    EXPECT_NE(text.out.find("Outcome measures: Mara & Theo Lindqvist"), std::string::npos);
    EXPECT_NE(text.out.find("reliable improvement"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("Safety flag"), std::string::npos);
}
