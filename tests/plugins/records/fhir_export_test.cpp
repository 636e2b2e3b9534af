// The FHIR R4 export: unit tests of the mapping over a real practice, and the whole chart of a
// couple validated by the fhir npm package's R4 validator through the real dyadctl.
#include <gtest/gtest.h>

#include <Poco/JSON/Parser.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "fhir_export.h"
#include "plugin_harness.h"
#include "schema.h"
#include "test_support.h"

using namespace dyad::records_plugin;
using Poco::JSON::Object;

namespace {

struct Fixture {
    dyad::test::PluginHarness harness{"dyad.records", records_schema()};
    dyad::sdk::Host host{harness.host()};
    ClientStore clients{host};
    ScheduleStore schedule{host};
    NoteStore notes{dyad::sdk::Database(host)};
    PlanStore plans{dyad::sdk::Database(host)};
    DiagnosisStore diagnoses{dyad::sdk::Database(host)};
    TemplateLibrary templates = load_note_templates({dyad::test::source_dir() + "/resources"});
    std::int64_t couple = harness.unit("Ana & Ben Ortiz");

    Object::Ptr bundle(Include include = Include::ProgressOnly) {
        auto text = chart_fhir(
            {dyad::sdk::Database(host), clients, schedule, notes, plans, diagnoses, templates},
            couple, include, "2026-11-26T12:00:00Z");
        EXPECT_TRUE(text) << text.error();
        Poco::JSON::Parser parser;
        return parser.parse(*text).extract<Object::Ptr>();
    }
    // Resources of one type, in Bundle order.
    std::vector<Object::Ptr> resources(const Object::Ptr& bundle, const std::string& type) {
        std::vector<Object::Ptr> found;
        auto entries = bundle->getArray("entry");
        for (std::size_t i = 0; i < entries->size(); ++i) {
            Object::Ptr resource =
                entries->getObject(static_cast<unsigned>(i))->getObject("resource");
            if (resource->getValue<std::string>("resourceType") == type) {
                found.push_back(resource);
            }
        }
        return found;
    }
    std::int64_t note(const std::string& template_id, bool sign) {
        const NoteTemplate* t = templates.find(template_id);
        auto id = notes.create_draft(couple, *t, "2026-11-20", {});
        EXPECT_TRUE(id) << id.error();
        for (const auto& section : t->sections) {
            EXPECT_TRUE(notes.save_section(*id, section.key, "Said in session."));
        }
        if (sign) {
            EXPECT_TRUE(notes.sign(*id, *t, "Dr. Test"));
        }
        return *id;
    }
};

}  // namespace

TEST(FhirExport, CoupleIsAGroupOfTwoPatientsWhoArePartners) {
    Fixture f;
    auto bundle = f.bundle();
    EXPECT_EQ(bundle->getValue<std::string>("type"), "collection");
    auto patients = f.resources(bundle, "Patient");
    ASSERT_EQ(patients.size(), 2u);
    auto groups = f.resources(bundle, "Group");
    ASSERT_EQ(groups.size(), 1u);
    EXPECT_EQ(groups[0]->getValue<std::string>("name"), "Ana & Ben Ortiz");
    EXPECT_EQ(groups[0]->getArray("member")->size(), 2u);
    auto partners = f.resources(bundle, "RelatedPerson");
    ASSERT_EQ(partners.size(), 2u);
    EXPECT_EQ(partners[0]
                  ->getArray("relationship")
                  ->getObject(0)
                  ->getArray("coding")
                  ->getObject(0)
                  ->getValue<std::string>("code"),
              "SIGOTHR");
}

TEST(FhirExport, DiagnosesAreIcd10CmConditionsAndErrorsCarryNoClinicalStatus) {
    Fixture f;
    std::vector<std::string> problems;
    CodeBook codes = load_code_book({dyad::test::source_dir() + "/resources"}, problems);
    ASSERT_TRUE(f.diagnoses.add(f.couple, 0, *codes.find("Z63.0"), ""));
    auto wrong = f.diagnoses.add(f.couple, 0, *codes.find("F41.1"), "2026-01-02");
    ASSERT_TRUE(wrong);
    ASSERT_TRUE(f.diagnoses.set_status(*wrong, "entered_in_error"));
    auto conditions = f.resources(f.bundle(), "Condition");
    ASSERT_EQ(conditions.size(), 2u);
    auto coding = conditions[0]->getObject("code")->getArray("coding")->getObject(0);
    EXPECT_EQ(coding->getValue<std::string>("system"), "http://hl7.org/fhir/sid/icd-10-cm");
    EXPECT_EQ(coding->getValue<std::string>("code"), "Z63.0");
    EXPECT_TRUE(conditions[0]->has("clinicalStatus"));
    EXPECT_FALSE(conditions[1]->has("clinicalStatus"));
    EXPECT_EQ(conditions[1]->getValue<std::string>("onsetDateTime"), "2026-01-02");
}

TEST(FhirExport, PsychotherapyNotesOnlyWhenAskedAndAmendmentsAppend) {
    Fixture f;
    std::int64_t progress = f.note("dap", true);
    f.note("psychotherapy", false);
    ASSERT_TRUE(f.notes.amend(progress, "Dr. Test", "date slip", "Session was on the 20th."));
    auto documents = f.resources(f.bundle(), "DocumentReference");
    ASSERT_EQ(documents.size(), 2u);  // The progress note and its amendment.
    EXPECT_EQ(documents[0]->getValue<std::string>("docStatus"), "final");
    EXPECT_FALSE(documents[0]->has("relatesTo"));
    EXPECT_EQ(documents[1]->getArray("relatesTo")->getObject(0)->getValue<std::string>("code"),
              "appends");
    auto with_process = f.resources(f.bundle(Include::WithPsychotherapy), "DocumentReference");
    ASSERT_EQ(with_process.size(), 3u);
}

TEST(FhirExport, SecondExportNamesTheSameResources) {
    Fixture f;
    auto urls = [&](const Object::Ptr& bundle) {
        std::vector<std::string> found;
        auto entries = bundle->getArray("entry");
        for (std::size_t i = 0; i < entries->size(); ++i) {
            found.push_back(
                entries->getObject(static_cast<unsigned>(i))->getValue<std::string>("fullUrl"));
        }
        return found;
    };
    EXPECT_EQ(urls(f.bundle()), urls(f.bundle()));
    EXPECT_EQ(derived_uuid("e48599ae-e689-4c48-aa74-6a5e651d8cdd", 7),
              derived_uuid("e48599ae-e689-4c48-aa74-6a5e651d8cdd", 7));
    EXPECT_NE(derived_uuid("e48599ae-e689-4c48-aa74-6a5e651d8cdd", 7),
              derived_uuid("e48599ae-e689-4c48-aa74-6a5e651d8cdd", 8));
    EXPECT_EQ(derived_uuid("e48599ae-e689-4c48-aa74-6a5e651d8cdd", 7).size(), 36u);
}

// The whole chart of a couple, as a therapist builds it, through dyadctl and the installed
// plugin, then the fhir package's R4 validator over the file.
TEST(FhirExport, FullCoupleChartValidatesAgainstFhirR4) {
    ASSERT_TRUE(std::filesystem::exists(std::filesystem::path(DYAD_FHIR_VALIDATOR).parent_path() /
                                        "node_modules" / "fhir"))
        << "the FHIR validator is not installed: run scripts/dyad test, which runs npm ci in "
           "tests/node";
    dyad::test::TempDir dir;
    std::vector<std::string> env = {"DYAD_PLUGIN_PATH=" + std::string(DYAD_BUILD_PLUGIN_DIR)};
    auto run = [&](std::vector<std::string> args) {
        std::vector<std::string> argv = {dyad::test::dyadctl_path(), "--data-dir", dir.path()};
        argv.insert(argv.end(), args.begin(), args.end());
        auto result = dyad::test::run_process(argv, env);
        EXPECT_EQ(result.exit_code, 0) << args[1] << ": " << result.err;
        return result.out.substr(0, result.out.find('\n'));
    };
    run({"demo", "--people-only"});
    std::string unit = run({"records", "units", "--status", "active"});
    unit = unit.substr(0, unit.find('\t'));
    std::string client = run({"records", "clients", "--unit", unit});
    client = client.substr(0, client.find('\t'));
    run({"records", "diagnosis-add", "--unit", unit, "--code", "Z63.0"});
    run({"records", "diagnosis-add", "--unit", unit, "--code", "F43.23", "--client", client,
         "--onset", "2026-09-01"});
    std::string wrong = run({"records", "diagnosis-add", "--unit", unit, "--code", "F41.1"});
    run({"records", "diagnosis-status", wrong, "entered_in_error"});
    run({"records", "plan-new", "--unit", unit, "--template", "imago", "Imago plan"});
    std::string first = run({"records", "book", "--unit", unit, "--start", "2031-01-06 10:00",
                             "--repeat", "weekly", "--count", "3"});
    run({"records", "session-status", first, "attended"});
    std::string note =
        run({"records", "note-new", "--unit", unit, "--template", "dap", "--date", "2026-11-20"});
    for (const char* key : {"data", "assessment", "plan"}) {
        run({"records", "note-set", note, key, "Ana & Ben: \"quoted\", ünïcode, <tags>"});
    }
    run({"records", "note-sign", note});
    run({"records", "note-amend", note, "typo", "Corrected."});
    std::string file = dir.path() + "/chart.fhir.json";
    run({"records", "export", "--unit", unit, "--format", "fhir", "--out", file,
         "--include-psychotherapy"});

    auto validated = dyad::test::run_process({DYAD_NODE, DYAD_FHIR_VALIDATOR, file});
    EXPECT_EQ(validated.exit_code, 0) << validated.out << validated.err;
    EXPECT_NE(validated.out.find("valid FHIR R4 Bundle with"), std::string::npos);

    // The validator is not a rubber stamp: a wrong status code is caught.
    std::ifstream in(file);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto at = text.find("\"status\": \"booked\"");
    ASSERT_NE(at, std::string::npos);
    text.replace(at, 18, "\"status\": \"attended\"");
    std::ofstream(dir.path() + "/broken.json") << text;
    auto broken =
        dyad::test::run_process({DYAD_NODE, DYAD_FHIR_VALIDATOR, dir.path() + "/broken.json"});
    EXPECT_EQ(broken.exit_code, 1);
    EXPECT_NE(broken.out.find("Appointment.status: Code \"attended\" not found"), std::string::npos)
        << broken.out;
}
