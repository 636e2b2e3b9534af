#include "test_support.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace dyad::test {

TempDir::TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base != nullptr ? base : "/tmp") + "/dyad-test-XXXXXX";
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    if (mkdtemp(buffer.data()) == nullptr) {
        throw std::runtime_error("mkdtemp failed");
    }
    m_path = buffer.data();
}

TempDir::~TempDir() {
    std::error_code error;
    std::filesystem::remove_all(m_path, error);
}

namespace {
std::string slurp(const std::string& path) {
    std::ifstream file(path);
    std::stringstream content;
    content << file.rdbuf();
    return content.str();
}
}  // namespace

pid_t spawn_process(const std::vector<std::string>& argv,
                    const std::vector<std::string>& environment, const std::string& in_path,
                    const std::string& out_path, const std::string& err_path) {
    pid_t child = fork();
    if (child == 0) {
        int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int in = open(in_path.c_str(), O_RDONLY);
        dup2(out, 1);
        dup2(err, 2);
        dup2(in, 0);
        for (const auto& variable : environment) {
            putenv(const_cast<char*>(variable.c_str()));
        }
        std::vector<char*> args;
        for (const auto& arg : argv) {
            args.push_back(const_cast<char*>(arg.c_str()));
        }
        args.push_back(nullptr);
        execv(args[0], args.data());
        _exit(127);
    }
    return child;
}

ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::vector<std::string>& environment) {
    return run_process_with_input(argv, environment, {});
}

ProcessResult run_process_with_input(const std::vector<std::string>& argv,
                                     const std::vector<std::string>& environment,
                                     const std::string& input, int seconds) {
    TempDir capture;
    std::string out_path = capture.file("out");
    std::string err_path = capture.file("err");
    std::string in_path = capture.file("in");
    { std::ofstream(in_path, std::ios::binary) << input; }
    pid_t child = spawn_process(argv, environment, in_path, out_path, err_path);
    int status = 0;
    ProcessResult result;
    if (seconds > 0) {
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
        while (waitpid(child, &status, WNOHANG) != child) {
            if (std::chrono::steady_clock::now() > deadline) {
                kill(child, SIGKILL);
                waitpid(child, &status, 0);
                result.timed_out = true;
                break;
            }
            usleep(2000);
        }
    } else {
        waitpid(child, &status, 0);
    }
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result.out = slurp(out_path);
    result.err = slurp(err_path);
    return result;
}

std::string fixture_dir() {
    return DYAD_FIXTURE_DIR;
}
std::string sdk_1_0_fixture_dir() {
    return DYAD_SDK_1_0_FIXTURE_DIR;
}

std::string crash_fixture_dir() {
    return DYAD_CRASH_FIXTURE_DIR;
}
std::string runpath_fixture_dir() {
    return DYAD_RUNPATH_FIXTURE_DIR;
}
std::string fixture(const std::string& name) {
    return fixture_dir() + "/" + name + ".so";
}
std::string dyadctl_path() {
    return DYAD_DYADCTL;
}
std::string source_dir() {
    return DYAD_SOURCE_DIR;
}

void copy_fixtures(const std::vector<std::string>& names, const std::string& folder) {
    std::filesystem::create_directories(folder);
    for (const auto& name : names) {
        std::filesystem::copy_file(fixture(name), folder + "/" + name + ".so",
                                   std::filesystem::copy_options::overwrite_existing);
    }
}

std::string artifact_dir() {
    const char* configured = std::getenv("DYAD_TEST_ARTIFACTS");
    std::string folder = configured != nullptr ? configured : "/tmp/dyad-test-artifacts";
    std::filesystem::create_directories(folder);
    return folder;
}

namespace {
void changed(const std::string& name) {
    if (name == "TZ") {
        tzset();
    }
}
}  // namespace

ScopedEnv::ScopedEnv(const char* name, const std::string& value) : m_name(name) {
    if (const char* before = std::getenv(name)) {
        m_before = before;
    }
    setenv(name, value.c_str(), 1);
    changed(m_name);
}

ScopedEnv::~ScopedEnv() {
    if (m_before) {
        setenv(m_name.c_str(), m_before->c_str(), 1);
    } else {
        unsetenv(m_name.c_str());
    }
    changed(m_name);
}

}  // namespace dyad::test
