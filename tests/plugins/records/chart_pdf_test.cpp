// The chart summary PDF, read back as text with pdftotext (poppler).
#include <gtest/gtest.h>

#include <filesystem>

#include "chart_pdf.h"
#include "plugin_harness.h"
#include "schema.h"
#include "test_support.h"

using namespace dyad::records_plugin;

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
    dyad::test::TempDir out;

    std::expected<int, std::string> write(const std::string& path, Include include) {
        return chart_pdf(
            {dyad::sdk::Database(host), clients, schedule, notes, plans, diagnoses, templates},
            couple, include, path, "2026-11-26");
    }
    std::string text_of(const std::string& path) {
        auto result = dyad::test::run_process({DYAD_PDFTOTEXT, "-layout", path, "-"});
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return result.out;
    }
    void note(const std::string& template_id, const std::string& words) {
        const NoteTemplate* t = templates.find(template_id);
        auto id = notes.create_draft(couple, *t, "2026-11-20", {});
        ASSERT_TRUE(id);
        for (const auto& section : t->sections) {
            ASSERT_TRUE(notes.save_section(*id, section.key, words));
        }
    }
};

}  // namespace

TEST(ChartPdf, SummaryHoldsTheChartAndFlowsOverPages) {
    Fixture f;
    std::string long_text;
    for (int i = 0; i < 300; ++i) {
        long_text += "Partners practised mirroring & validation <calmly>. ";
    }
    f.note("dap", long_text);
    f.note("psychotherapy", "PRIVATE-PROCESS-WORDS");
    std::string path = f.out.path() + "/summary.pdf";
    auto pages = f.write(path, Include::ProgressOnly);
    ASSERT_TRUE(pages) << pages.error();
    EXPECT_GE(*pages, 3);
    EXPECT_FALSE(std::filesystem::exists(path + ".partial"));
    std::string text = f.text_of(path);
    EXPECT_NE(text.find("Chart summary: Ana & Ben Ortiz"), std::string::npos) << text;
    EXPECT_NE(text.find("Ana Ortiz, partner"), std::string::npos);
    EXPECT_NE(text.find("mirroring & validation <calmly>"), std::string::npos);
    EXPECT_NE(text.find("Page " + std::to_string(*pages)), std::string::npos);
    EXPECT_EQ(text.find("PRIVATE-PROCESS-WORDS"), std::string::npos);

    auto with_process = f.write(path, Include::WithPsychotherapy);
    ASSERT_TRUE(with_process);
    EXPECT_NE(f.text_of(path).find("PRIVATE-PROCESS-WORDS"), std::string::npos);
}

TEST(ChartPdf, AFolderThatIsNotThereGivesAClearErrorAndNoFile) {
    Fixture f;
    std::string path = f.out.path() + "/missing/summary.pdf";
    auto refused = f.write(path, Include::ProgressOnly);
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().find("cannot create " + path), std::string::npos) << refused.error();
    EXPECT_FALSE(std::filesystem::exists(path));
    EXPECT_FALSE(std::filesystem::exists(path + ".partial"));
}
