// Helpers shared by the test suites: temporary folders, fixture paths and running programs.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

namespace dyad::test {

// A fresh folder under $TMPDIR (or /tmp), removed with everything in it on destruction.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return m_path; }
    std::string file(const std::string& name) const { return m_path + "/" + name; }

  private:
    std::string m_path;
};

// Sets an environment variable for a scope and puts back what was there before (unset when it
// was unset). For "TZ", tzset() follows each change, so local times follow it.
class ScopedEnv {
  public:
    ScopedEnv(const char* name, const std::string& value);
    ~ScopedEnv();
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

  private:
    std::string m_name;
    std::optional<std::string> m_before;
};

struct ProcessResult {
    int exit_code = -1;  // 128 + signal when killed by a signal.
    std::string out;
    std::string err;
    bool timed_out = false;  // Killed by run_process_with_input's timeout (a hang).
};

// Runs argv[0] with argv, the current environment plus `environment` ("NAME=value").
ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::vector<std::string>& environment = {});
// The same with input on the process's standard input.
// Starts argv (environment added) with standard input, output and error on those files and
// returns its pid without waiting.
pid_t spawn_process(const std::vector<std::string>& argv,
                    const std::vector<std::string>& environment, const std::string& in_path,
                    const std::string& out_path, const std::string& err_path);

// seconds > 0: SIGKILL after that long, with timed_out set.
ProcessResult run_process_with_input(const std::vector<std::string>& argv,
                                     const std::vector<std::string>& environment,
                                     const std::string& input, int seconds = 0);

// Folder of the fixture plugins, of the crashing fixture, path of dyadctl and of the sources.
std::string fixture_dir();
std::string crash_fixture_dir();
// hello again, built with a RUNPATH of its own (hello_runpath.so).
std::string runpath_fixture_dir();
// The plugin compiled against the frozen SDK 1.0 headers (tests/sdk/sdk-1.0).
std::string sdk_1_0_fixture_dir();
std::string fixture(const std::string& name);  // fixture("hello") -> ".../hello.so"
std::string dyadctl_path();
std::string source_dir();

// Copies the named fixtures (without ".so") into folder.
void copy_fixtures(const std::vector<std::string>& names, const std::string& folder);

// Folder for screenshots and other artifacts ($DYAD_TEST_ARTIFACTS), created if missing.
std::string artifact_dir();

}  // namespace dyad::test
