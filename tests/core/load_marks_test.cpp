// Per-process plugin load marks: a crash is told from a kill and from a running process.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <fstream>

#include "plugins/load_marks.h"
#include "test_support.h"

using namespace dyad;

namespace {

void write_mark(const std::string& file, const std::string& state, const std::string& path) {
    std::ofstream out(file);
    out << "dyad-load-mark 1\n"
        << state << std::string(12 - state.size(), ' ') << "\n"
        << "2026-12-02T03:00:00Z\n"
        << path << "\n";
}

int mark_files(const std::string& folder) {
    int count = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(folder)) {
        ++count;
    }
    return count;
}

}  // namespace

TEST(LoadMarks, EndedProcessesAreCollectedRunningOnesLeftAlone) {
    test::TempDir dir;
    std::string folder = dir.file("marks");
    plugins::LoadMarks marks(folder);
    ASSERT_TRUE(marks.usable());
    write_mark(folder + "/load-killed", "loading", "/opt/dyad/plugins/records.so");
    write_mark(folder + "/load-crashed", "crashed 11", "/opt/dyad/plugins/bad.so");
    write_mark(folder + "/load-idle", "idle", "");
    std::ofstream(folder + "/load-garbage") << "not a mark";
    // A running process holds its lock (another open file description stands for it here).
    write_mark(folder + "/load-running", "loading", "/opt/dyad/plugins/workup.so");
    int running = open((folder + "/load-running").c_str(), O_RDONLY);
    ASSERT_EQ(flock(running, LOCK_EX | LOCK_NB), 0);

    auto ended = marks.collect_ended();
    ASSERT_EQ(ended.size(), 2u);
    std::sort(ended.begin(), ended.end(),
              [](const auto& a, const auto& b) { return a.path < b.path; });
    EXPECT_EQ(ended[0].path, "/opt/dyad/plugins/bad.so");
    EXPECT_TRUE(ended[0].crashed);
    EXPECT_EQ(ended[0].signal, 11);
    EXPECT_EQ(ended[1].path, "/opt/dyad/plugins/records.so");
    EXPECT_FALSE(ended[1].crashed);
    EXPECT_EQ(ended[1].started_at, "2026-12-02T03:00:00Z");
    // Left: this process's own mark and the running one's.
    EXPECT_EQ(mark_files(folder), 2);
    close(running);
    EXPECT_EQ(marks.collect_ended().size(), 1u);  // Its process has ended now.
    EXPECT_EQ(mark_files(folder), 1);
}

TEST(LoadMarks, AMarkSaysLoadingOnlyWhileALoadRuns) {
    test::TempDir dir;
    std::string folder = dir.file("marks");
    plugins::LoadMarks marks(folder);
    std::string own = std::filesystem::directory_iterator(folder)->path().string();
    auto state_of = [&] {
        std::ifstream in(own);
        std::string header;
        std::string state;
        std::getline(in, header);
        std::getline(in, state);
        return state.substr(0, state.find(' '));
    };
    EXPECT_EQ(state_of(), "idle");
    marks.begin("/opt/dyad/plugins/records.so", "2026-12-02T03:00:00Z");
    EXPECT_EQ(state_of(), "loading");
    marks.end();
    EXPECT_EQ(state_of(), "idle");
}

TEST(LoadMarks, ACrashWhileLoadingIsWrittenByTheProcessThatOwnsTheMark) {
    test::TempDir dir;
    std::string folder = dir.file("marks");
    // The child crashes while "loading"; its exit releases the lock.
    pid_t child = fork();
    if (child == 0) {
        plugins::LoadMarks marks(folder);
        marks.begin("/opt/dyad/plugins/bad.so", "2026-12-02T03:00:00Z");
        raise(SIGBUS);
        _exit(0);
    }
    int status = 0;
    waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status));
    // The previous handler ran: the default one ends with SIGBUS; AddressSanitizer's reports
    // the fault and aborts.
    EXPECT_TRUE(WTERMSIG(status) == SIGBUS || WTERMSIG(status) == SIGABRT) << WTERMSIG(status);
    plugins::LoadMarks marks(folder);
    auto ended = marks.collect_ended();
    ASSERT_EQ(ended.size(), 1u);
    EXPECT_TRUE(ended[0].crashed);
    EXPECT_EQ(ended[0].signal, SIGBUS);
}

TEST(LoadMarks, WithoutAUsableFolderLoadsStillWork) {
    test::TempDir dir;
    std::ofstream(dir.file("a-file")) << "x";
    plugins::LoadMarks marks(dir.file("a-file") + "/marks");
    EXPECT_FALSE(marks.usable());
    marks.begin("/opt/dyad/plugins/records.so", "2026-12-02T03:00:00Z");
    marks.end();
    EXPECT_TRUE(marks.collect_ended().empty());
}
