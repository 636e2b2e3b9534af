// A note's text and its search index change together or not at all, whatever write fails
// (issue 21, item 4), through the real plugin code on the fault-injecting VFS.
#include <gtest/gtest.h>

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
