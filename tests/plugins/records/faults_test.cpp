// A note's text and its search index change together or not at all, whatever write fails
// (issue 21, item 4), through the real plugin code on the fault-injecting VFS.
#include <gtest/gtest.h>

#include "csv_import.h"
#include "fault_vfs.h"
#include "notes.h"
#include "plugin_harness.h"
#include "schema.h"

using namespace dyad::records_plugin;
using dyad::test::Fault;
using dyad::test::FaultVfs;

namespace {

struct Installed {
    Installed() { FaultVfs::install(); }  // Before any connection opens.
};

struct Fixture {
    Installed installed;
    dyad::test::PluginHarness harness{"dyad.records", records_schema()};
    TemplateLibrary templates = load_note_templates({dyad::test::source_dir() + "/resources"});
    dyad::sdk::Database db{dyad::sdk::Host(harness.host())};
    NoteStore store{db};
    std::int64_t couple = harness.unit("Ana & Ben Ortiz");
};

std::size_t hits(NoteStore& store, const std::string& word) {
    auto found = store.search(word, Include::ProgressOnly, 10);
    return found ? found->size() : 0;
}

}  // namespace

TEST(RecordsFaults, ANoteAndItsSearchIndexChangeTogetherOrNotAtAll) {
    Fixture f;
    auto id = f.store.create_draft(f.couple, *f.templates.find("soap"), "2026-11-24", {});
    ASSERT_TRUE(id) << id.error();
    ASSERT_TRUE(f.store.save_section(*id, "plan", "quokka0"));
    int failures = 0;
    for (Fault fault : {Fault::DiskFull, Fault::WriteError, Fault::ShortWrite}) {
        for (int after = 0; after < 100; ++after) {
            std::string before = f.store.note(*id)->body("plan");
            std::string word = "quokka" + std::to_string(failures + after + 1) + "x" +
                               std::to_string(static_cast<int>(fault));
            FaultVfs::arm({fault, after, false});
            auto saved = f.store.save_section(*id, "plan", word);
            bool fired = FaultVfs::fired();
            FaultVfs::disarm();
            std::string what =
                std::string(FaultVfs::describe(fault)) + " after " + std::to_string(after);
            auto now = f.store.note(*id);
            ASSERT_TRUE(now) << what << ": " << now.error();
            if (saved) {
                EXPECT_EQ(now->body("plan"), word) << what;
                EXPECT_EQ(hits(f.store, word), 1u) << what << ": saved but not searchable";
                EXPECT_EQ(hits(f.store, before), 0u) << what << ": the old text is still indexed";
            } else {
                ++failures;
                EXPECT_FALSE(saved.error().empty()) << what;
                EXPECT_EQ(now->body("plan"), before) << what << ": reported failed but changed";
                EXPECT_EQ(hits(f.store, word), 0u) << what << ": indexed but not saved";
                EXPECT_EQ(hits(f.store, before), 1u) << what << ": the saved text lost its index";
            }
            if (!fired) {
                break;
            }
        }
    }
    EXPECT_GT(failures, 3);
}

namespace {

constexpr const char* kCaseload =
    "given_name,family_name,date_of_birth,email,unit\n"
    "Maya,Lopez,1990-01-02,maya@example.com,lopez-kim\n"
    "Jun,Kim,1989-05-06,,lopez-kim\n"
    "Ola,Berg,1970-07-08,,\n"
    "Tariq,Haddad,1982-03-04,,haddad\n"
    "Noor,Haddad,1984-09-10,,haddad\n";

std::int64_t count(Fixture& f, const std::string& sql) {
    auto select = f.db.prepare(sql.c_str());
    return select.step() == DYAD_ROW ? select.int64(0) : -1;
}

}  // namespace

// A full disk half-way through an import: it stops, says how far it got, and running the same
// file again finishes it with every client and unit exactly once (issue 21, item 4).
TEST(RecordsFaults, AnImportStoppedByAFullDiskFinishesWhenRunAgainWithoutDuplicates) {
    Fixture f;
    dyad::sdk::Host host(f.harness.host());
    ImportPlan plan = plan_import(kCaseload, host);
    ASSERT_TRUE(plan.can_import()) << plan.report();
    std::int64_t haddads =
        count(f, "SELECT count(*) FROM core_client WHERE family_name = 'Haddad'");
    int stops = 0;
    for (int after = 0; after < 400; ++after) {
        FaultVfs::arm({Fault::DiskFull, after, false});
        auto imported = run_import(plan, host);
        bool fired = FaultVfs::fired();
        FaultVfs::disarm();
        if (!imported) {
            ++stops;
            const std::string& message = imported.error();
            EXPECT_TRUE(message.find("run the same import again") != std::string::npos ||
                        message.find("nothing was written") != std::string::npos)
                << message;
            EXPECT_NE(message.find("disk is full"), std::string::npos) << message;
            EXPECT_EQ(message.find(".."), std::string::npos) << message;
        }
        if (!fired) {
            ASSERT_TRUE(imported) << imported.error();
            break;
        }
        if (imported) {
            break;
        }
    }
    EXPECT_GT(stops, 0);
    // Running the finished file again writes nothing unless asked.
    auto twice = run_import(plan, host);
    ASSERT_FALSE(twice);
    EXPECT_NE(twice.error().find("already imported completely"), std::string::npos)
        << twice.error();
    // Every row exactly once, across all the runs it took.
    EXPECT_EQ(count(f, "SELECT count(*) FROM core_client WHERE family_name = 'Haddad'"),
              haddads + 2);
    EXPECT_EQ(count(f, "SELECT count(*) FROM core_client WHERE family_name = 'Lopez'"), 1);
    EXPECT_EQ(count(f, "SELECT count(*) FROM records_import WHERE outcome = 'done'"), 1);
    EXPECT_EQ(count(f, "SELECT count(*) FROM records_import WHERE finished_at IS NULL"), 0);
    EXPECT_EQ(count(f, "SELECT count(*) FROM records_import_unit WHERE written_id IS NOT NULL"), 3);
}

TEST(RecordsFaults, AClientWrittenJustBeforeAKillIsAdoptedNotWrittenTwice) {
    Fixture f;
    dyad::sdk::Host host(f.harness.host());
    ImportPlan plan = plan_import(kCaseload, host);
    ASSERT_TRUE(plan.can_import()) << plan.report();
    // What a run killed between the host's write and the import's record leaves: the import,
    // row 1 done, row 2 marked, and row 2's client written.
    dyad_new_client maya{sizeof(dyad_new_client), "Maya", "Lopez", "", "", "1990-01-02",
                         "maya@example.com",      "",     ""};
    dyad_new_client jun{sizeof(dyad_new_client), "Jun", "Kim", "", "", "1989-05-06", "", "", ""};
    std::int64_t maya_id = 0;
    std::int64_t jun_id = 0;
    ASSERT_EQ(host.core()->create_client(host.raw(), &maya, &maya_id), DYAD_OK);
    ASSERT_EQ(host.core()->create_client(host.raw(), &jun, &jun_id), DYAD_OK);
    auto setup = f.db.prepare(
        "INSERT INTO records_import (id, digest, rows, started_at) VALUES (77, ?, 5, "
        "'2026-12-02T03:00:00Z')");
    setup.bind(1, plan.digest);
    ASSERT_EQ(setup.step(), DYAD_DONE);
    auto rows = f.db.prepare(
        "INSERT INTO records_import_client (import_id, key, written_id) VALUES (77, 1, ?), "
        "(77, 2, NULL)");
    rows.bind(1, maya_id);
    ASSERT_EQ(rows.step(), DYAD_DONE);

    auto resumed = run_import(plan, host);
    ASSERT_TRUE(resumed) << resumed.error();
    EXPECT_EQ(resumed->resumed, 2u);
    EXPECT_EQ(resumed->clients[1], jun_id);
    EXPECT_EQ(count(f, "SELECT count(*) FROM core_client WHERE family_name = 'Kim'"), 1);
    EXPECT_EQ(count(f, "SELECT count(*) FROM core_client WHERE family_name = 'Lopez'"), 1);
    EXPECT_EQ(count(f, "SELECT outcome = 'done' FROM records_import WHERE id = 77"), 1);
}
