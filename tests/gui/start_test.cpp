// The window at start-up after a bad day: an earlier start killed while loading a plugin, a
// shipped plugin quarantined. Both are said in the window, and the window works.
#include <gtest/gtest.h>
#include <wx/infobar.h>
#include <wx/statusbr.h>

#include <filesystem>
#include <fstream>

#include "damaged_files.h"
#include "gui_support.h"
#include "main_frame.h"
#include "test_support.h"

using namespace dyad;

namespace {

// What an earlier process left when it was killed (SIGKILL) while loading path.
void leave_killed_mark(const std::string& data_dir, const std::string& path) {
    std::filesystem::create_directories(data_dir + "/plugin-loads");
    std::ofstream out(data_dir + "/plugin-loads/load-killed");
    out << "dyad-load-mark 1\nloading     \n2026-12-02T03:00:00Z\n" << path << "\n";
}

wxString info_text(app::MainFrame* frame) {
    auto* bar = dynamic_cast<wxInfoBar*>(frame->FindWindow("start_notices"));
    EXPECT_NE(bar, nullptr);
    return bar != nullptr && bar->IsShown() ? frame->start_notice_text() : wxString();
}

}  // namespace

TEST(Start, AStartKilledWhileLoadingIsToldAndThePluginStillLoads) {
    test::TempDir dir;
    test::copy_fixtures({"hello"}, dir.file("plugins"));
    std::string hello = std::filesystem::canonical(dir.file("plugins/hello.so")).string();
    leave_killed_mark(dir.file("practice"), hello);
    app::AppOptions options;
    options.installed_plugin_dirs = {dir.file("plugins")};
    options.user_plugin_dirs = {dir.file("user-plugins")};
    auto* frame = new app::MainFrame(options);
    ASSERT_TRUE(frame->open_practice(dir.file("practice")));
    frame->Show();
    test::pump(300);
    wxString text = info_text(frame);
    EXPECT_TRUE(text.Contains("ended from outside")) << text;
    EXPECT_TRUE(text.Contains("hello.so")) << text;
    // Not quarantined: its panel is there.
    EXPECT_NE(frame->unit_panel("hello.unit"), nullptr);
    // The next start has nothing to tell.
    ASSERT_TRUE(frame->open_practice(dir.file("practice")));
    test::pump(100);
    EXPECT_TRUE(info_text(frame).empty()) << info_text(frame);
    frame->Close(true);
    test::pump(100);
}

// The window starting on each file of the damaged corpus: no crash, no hang, a message in
// words, and the window still usable (issue 21).
TEST(Start, EveryDamagedPracticeIsRefusedInWordsAndTheWindowStaysUsable) {
    test::TempDir dir;
    {
        app::AppOptions options;
        options.user_plugin_dirs = {dir.file("user-plugins")};
        auto* maker = new app::MainFrame(options);
        ASSERT_TRUE(maker->open_practice(dir.file("healthy")));
        ASSERT_TRUE(create_demo_practice(maker->practice()->records()));
        maker->close_practice();
        maker->Destroy();
        test::pump(50);
    }
    auto cases =
        test::make_damaged_practices(dir.file("healthy/practice.db"), dir.file("corpus"), 5);
    app::AppOptions options;
    test::copy_fixtures({"hello"}, dir.file("plugins"));
    options.installed_plugin_dirs = {dir.file("plugins")};
    options.user_plugin_dirs = {dir.file("user-plugins")};
    auto* frame = new app::MainFrame(options);
    frame->Show();
    int refused = 0;
    for (const auto& damaged : cases) {
        Status opened = frame->open_practice(damaged.data_dir);
        if (!opened) {
            ++refused;
            EXPECT_FALSE(opened.error().message.empty()) << damaged.name;
            EXPECT_EQ(frame->practice(), nullptr) << damaged.name;
            EXPECT_EQ(frame->GetStatusBar()->GetStatusText(0), "No practice open") << damaged.name;
        }
        test::pump(10);
    }
    EXPECT_GE(refused, 10);
    // Still usable: a healthy practice opens in the same window.
    ASSERT_TRUE(frame->open_practice(dir.file("healthy")));
    EXPECT_NE(frame->practice(), nullptr);
    frame->Close(true);
    test::pump(100);
}

// The program itself, started twice as a person would (its main(), OnInit and the start-up
// threads, which the window tests do not run): both starts show the window without a word on
// stderr (a wx assertion would print there), the first writes the list of libraries the
// plugins link and the second loads them ahead and leaves no ".loading" mark; the second
// reads a configuration that chose Spanish before GTK starts.
TEST(Start, TheProgramStartsTwiceCleanlyAndLoadsThePluginsLibrariesAhead) {
    test::TempDir dir;
    std::vector<std::string> environment = {
        "XDG_CONFIG_HOME=" + dir.file("config"), "XDG_DATA_HOME=" + dir.file("data"),
        std::string("DYAD_PLUGIN_PATH=") + DYAD_BUILD_PLUGIN_DIR};
    std::vector<std::string> start = {DYAD_PROGRAM, "--data-dir", dir.file("practice"),
                                      "--exit-when-shown"};
    std::string list = dir.file("config/dyad/preload-libraries");

    auto first = test::run_process(start, environment);
    ASSERT_EQ(first.exit_code, 0) << first.err;
    EXPECT_NE(first.out.find("shown"), std::string::npos);
    EXPECT_EQ(first.err, "");
    ASSERT_TRUE(std::filesystem::exists(list));
    std::ifstream in(list);
    std::string written((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_NE(written.find("libPocoFoundation.so.80\n"), std::string::npos) << written;

    std::ofstream(dir.file("config/dyad/dyad.conf"), std::ios::app) << "[ui]\nlanguage=es\n";
    auto second = test::run_process(start, environment);
    ASSERT_EQ(second.exit_code, 0) << second.err;
    EXPECT_NE(second.out.find("shown"), std::string::npos);
    EXPECT_EQ(second.err, "");
    EXPECT_TRUE(std::filesystem::exists(list));  // Written again by the good start.
    EXPECT_FALSE(std::filesystem::exists(list + ".loading"));
}
