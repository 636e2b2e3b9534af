// Every dyadctl command that opens a practice, on every file of the damaged corpus
// (tests/support/damaged_files.h): no crash, no hang, one clear message (issue 21).
#include <gtest/gtest.h>

#include <filesystem>

#include "damaged_files.h"
#include "test_support.h"

using namespace dyad;

namespace {

test::ProcessResult dyadctl(const std::string& data_dir, std::vector<std::string> args) {
    std::vector<std::string> argv = {test::dyadctl_path(), "--data-dir", data_dir};
    argv.insert(argv.end(), args.begin(), args.end());
    return test::run_process_with_input(
        argv, {"DYAD_PLUGIN_PATH=" + std::string(DYAD_BUILD_PLUGIN_DIR)}, "", 60);
}

}  // namespace

TEST(DamagedFiles, EveryCommandOnEveryDamagedPracticeEndsWithAClearMessage) {
    test::TempDir dir;
    ASSERT_EQ(dyadctl(dir.file("healthy"), {"demo", "--people-only", "--clients", "300"}).exit_code,
              0);
    ASSERT_EQ(dyadctl(dir.file("healthy"), {"db", "backup", dir.file("good.dyadbackup")}).exit_code,
              0);
    auto cases =
        test::make_damaged_practices(dir.file("healthy/practice.db"), dir.file("corpus"), 21);
    ASSERT_GE(cases.size(), 35u);
    std::vector<std::vector<std::string>> commands = {
        {"db", "check"},
        {"units", "list"},
        {"plugins", "list"},
        {"records", "clients"},
        {"db", "backup", "BACKUP"},
        {"demo", "--people-only"},
        {"db", "restore", dir.file("good.dyadbackup")}};
    int refused = 0;
    for (const auto& damaged : cases) {
        for (auto command : commands) {
            for (auto& word : command) {
                if (word == "BACKUP") {
                    word = damaged.data_dir + "/copy.dyadbackup";
                }
            }
            std::string what = damaged.name + ":";
            for (const auto& word : command) {
                what += " " + word;
            }
            auto result = dyadctl(damaged.data_dir, command);
            EXPECT_FALSE(result.timed_out) << what << " hung";
            EXPECT_LT(result.exit_code, 128) << what << " crashed: " << result.err;
            EXPECT_EQ(result.err.find("Sanitizer"), std::string::npos) << what << result.err;
            EXPECT_EQ(result.err.find("runtime error"), std::string::npos) << what << result.err;
            EXPECT_EQ(result.err.find("unexpected error"), std::string::npos) << what << result.err;
            EXPECT_EQ(result.err.find("see the log"), std::string::npos) << what << result.err;
            if (result.exit_code != 0) {
                ++refused;
                EXPECT_FALSE(result.err.empty()) << what << " failed without a word";
            }
            // Files that are plainly not a practice are never called healthy (checked before
            // the restore at the end of the list puts a good practice in their place).
            for (const char* plain : {"empty", "folder", "fifo", "symlink-loop", "not-sqlite",
                                      "header-garbage", "truncated-50", "truncated-100"}) {
                if (damaged.name == plain && command.size() > 1 && command[1] == "check") {
                    EXPECT_NE(result.exit_code, 0) << plain << " passed the check";
                }
            }
        }
    }
    EXPECT_GT(refused, 100);
}
