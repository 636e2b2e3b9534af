#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "practice.h"
#include "test_support.h"

using namespace dyad;
using plugins::PluginRecord;
using plugins::PluginState;

namespace {

std::unique_ptr<Practice> open_practice(const std::string& data_dir,
                                        const std::vector<std::string>& installed,
                                        const std::vector<std::string>& user = {}) {
    PracticeOptions options;
    options.data_dir = data_dir;
    options.installed_plugin_dirs = installed;
    options.user_plugin_dirs =
        user.empty() ? std::vector<std::string>{data_dir + "/no-user-plugins"} : user;
    options.reserved_cli_names = {"init", "demo", "db", "plugins"};
    options.step_budget = 5'000'000;  // Runaway queries stop in milliseconds.
    auto practice = Practice::open(options, CreatePractice::IfMissing);
    EXPECT_TRUE(practice) << practice.error().message;
    return std::move(*practice);
}

const PluginRecord* find(const Practice& practice, const std::string& id) {
    for (const auto& record : const_cast<Practice&>(practice).plugins().plugins()) {
        if (record.id == id) {
            return &record;
        }
    }
    return nullptr;
}

// Runs a dyadctl command a plugin registered, in-process.
int run_plugin_command(Practice& practice, std::vector<std::string> args, std::string& out,
                       std::string& err) {
    for (const auto& command : practice.plugins().contributions().cli_commands) {
        if (command.name == args[0]) {
            std::vector<const char*> argv;
            for (const auto& arg : args) {
                argv.push_back(arg.c_str());
            }
            struct Streams {
                std::string* out;
                std::string* err;
            } streams{&out, &err};
            dyad_cli_io io{sizeof(dyad_cli_io), &streams,
                           [](const dyad_cli_io* self, const char* text) {
                               *static_cast<Streams*>(self->io_data)->out += text;
                           },
                           [](const dyad_cli_io* self, const char* text) {
                               *static_cast<Streams*>(self->io_data)->err += text;
                           }};
            return command.run(command.user, static_cast<int>(argv.size()), argv.data(), &io);
        }
    }
    return -1;
}

}  // namespace

TEST(PluginLoading, EveryBrokenFixtureIsRefusedWithItsReasonAndTheHostKeepsWorking) {
    test::TempDir dir;
    auto practice = open_practice(dir.path(), {test::fixture_dir()});
    ASSERT_TRUE(create_demo_practice(practice->records()));
    struct {
        const char* id;
        PluginState state;
        const char* reason;
    } expected[] = {
        {"test.hello", PluginState::Loaded, ""},
        {"test.wrong-major", PluginState::Refused, "built for SDK 2.0, this Dyad provides 1.1"},
        {"test.newer-minor", PluginState::Refused, "built for SDK 1.2, this Dyad provides 1.1"},
        {"test.unknown-use", PluginState::Refused,
         "it declares it will use 'telepathy', which this Dyad does not know"},
        {"test.abi-mismatch", PluginState::Refused,
         "built with compiler gnu-4, this Dyad was built with gnu-"},
        {"no_entry.so", PluginState::Refused, "does not export dyad_plugin_entry_v1"},
        {"test.create-fails", PluginState::Refused, "create failed: its licence file is missing"},
        {"test.create-throws", PluginState::Refused,
         "create failed: cannot reach its configuration service"},
        {"test.migration-fails", PluginState::Refused, "migration 2 failed, nothing was applied"},
        {"test.forbidden-trigger", PluginState::Refused,
         "core records are written through the dyad.core/1 service"},
        {"links_sqlite.so", PluginState::Refused, "links its own copy of SQLite (libsqlcipher"},
        {"embedded_sqlite.so", PluginState::Refused, "contains its own copy of SQLite"},
    };
    for (const auto& e : expected) {
        const PluginRecord* record = find(*practice, e.id);
        ASSERT_NE(record, nullptr) << e.id;
        EXPECT_EQ(record->state, e.state) << e.id << ": " << record->reason;
        EXPECT_NE(record->reason.find(e.reason), std::string::npos)
            << e.id << ": " << record->reason;
    }
    auto& connection = practice->connection();
    // The failed migration left nothing behind: no tables, no ledger rows.
    EXPECT_EQ(**connection.query_int64("SELECT count(*) FROM sqlite_schema WHERE name LIKE "
                                       "'halfway%' OR name LIKE 'sneaky%'"),
              0);
    EXPECT_EQ(**connection.query_int64("SELECT count(*) FROM plugin_schema WHERE plugin_id IN "
                                       "('test.migration-fails', 'test.forbidden-trigger')"),
              0);
    EXPECT_EQ(**connection.query_int64(
                  "SELECT max(version) FROM plugin_schema WHERE plugin_id = 'test.hello'"),
              2);
    // No load is left marked as in progress: this process's one mark says idle.
    int marks = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir.file("plugin-loads"))) {
        std::ifstream file(entry.path());
        std::string header;
        std::string state;
        std::getline(file, header);
        std::getline(file, state);
        EXPECT_EQ(state.substr(0, 5), "idle ") << entry.path();
        ++marks;
    }
    EXPECT_EQ(marks, 1);
    // The host keeps working, and so does the good plugin.
    EXPECT_EQ(*practice->records().count_units({}), 6);
    std::string out;
    std::string err;
    EXPECT_EQ(run_plugin_command(*practice, {"hello", "count"}, out, err), 0) << err;
    EXPECT_EQ(out, "0\n");
}

TEST(PluginLoading, ThePluginConnectionIsConfined) {
    test::TempDir dir;
    test::copy_fixtures({"hello"}, dir.file("installed"));
    auto practice = open_practice(dir.path(), {dir.file("installed")});
    ASSERT_TRUE(create_demo_practice(practice->records()));
    auto unit = practice->records().units({})->front();
    struct {
        std::string sql;
        int code;
        const char* text;
    } cases[] = {
        {"SELECT count(*) FROM core_client", 0, "11"},
        {"SELECT email FROM dyad_client", 1,
         "not allowed: the table dyad_client belongs to the host"},
        {"DELETE FROM dyad_audit", 1, "not allowed: core records are written through"},
        {"PRAGMA foreign_keys = OFF", 1, "not allowed: PRAGMA foreign_keys"},
        {"SELECT * FROM plugin_schema", 1, "belongs to the host"},
        {"WITH RECURSIVE f(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM f) SELECT count(*) FROM f",
         1, "query stopped: it ran past the limit"},
        {"SELECT count(*) FROM hello_greeting; SELECT 2", 1, "one statement"},
    };
    for (const auto& c : cases) {
        std::string out;
        std::string err;
        int code = run_plugin_command(*practice, {"hello", "sql", c.sql}, out, err);
        EXPECT_EQ(code, c.code) << c.sql << ": " << out << err;
        EXPECT_NE((out + err).find(c.text), std::string::npos) << c.sql << ": " << out << err;
    }
    std::string out;
    std::string err;
    ASSERT_EQ(run_plugin_command(
                  *practice, {"hello", "greet", std::to_string(unit.id), "warm welcome"}, out, err),
              0)
        << err;
    out.clear();
    ASSERT_EQ(run_plugin_command(*practice, {"hello", "search", "welcome"}, out, err), 0) << err;
    EXPECT_EQ(out, "1\n");  // FTS5 works on the confined connection.
    err.clear();
    EXPECT_EQ(run_plugin_command(*practice, {"hello", "greet", "12345", "to nobody"}, out, err), 1);
    EXPECT_NE(err.find("FOREIGN KEY"), std::string::npos) << err;
}

TEST(PluginLoading, UserFolderPluginsStartDisabledAndTheChoicePersists) {
    test::TempDir dir;
    test::copy_fixtures({"hello"}, dir.file("user"));
    {
        auto practice = open_practice(dir.path(), {}, {dir.file("user")});
        const PluginRecord* hello = find(*practice, "test.hello");
        ASSERT_NE(hello, nullptr);
        EXPECT_EQ(hello->state, PluginState::Disabled);
        EXPECT_NE(hello->reason.find("start disabled"), std::string::npos);
        EXPECT_TRUE(practice->plugins().contributions().cli_commands.empty());
        ASSERT_TRUE(practice->plugins().set_enabled("test.hello", true));
    }
    {
        auto practice = open_practice(dir.path(), {}, {dir.file("user")});
        EXPECT_EQ(find(*practice, "test.hello")->state, PluginState::Loaded);
        // A user-folder plugin's libraries are not loaded ahead of it at the next start.
        EXPECT_TRUE(practice->plugins().preloadable_libraries().empty());
        ASSERT_TRUE(practice->plugins().set_enabled("test.hello", false));
        EXPECT_FALSE(practice->plugins().set_enabled("test.nothing", true));
    }
    auto practice = open_practice(dir.path(), {}, {dir.file("user")});
    EXPECT_EQ(find(*practice, "test.hello")->state, PluginState::Disabled);
}

// Issue 15: enabling a user-folder plugin trusts its file by hash; a changed file is refused
// before any of its code runs, until an owner enables it again.
TEST(PluginLoading, AUserPluginWhoseFileChangedAfterEnablingIsRefused) {
    test::TempDir dir;
    test::copy_fixtures({"hello"}, dir.file("user"));
    {
        auto practice = open_practice(dir.path(), {}, {dir.file("user")});
        ASSERT_TRUE(practice->plugins().set_enabled("test.hello", true));
        const PluginRecord* hello = find(*practice, "test.hello");
        EXPECT_EQ(hello->file_hash.size(), 64u);
        auto trusted = practice->connection().query_int64(
            "SELECT count(*) FROM dyad_audit WHERE action = 'trust' AND detail LIKE "
            "'hello.so blake2b %'");
        EXPECT_EQ(**trusted, 1);
    }
    {
        auto practice = open_practice(dir.path(), {}, {dir.file("user")});
        EXPECT_EQ(find(*practice, "test.hello")->state, PluginState::Loaded);
    }
    { std::ofstream(dir.file("user/hello.so"), std::ios::binary | std::ios::app) << "changed"; }
    {
        auto practice = open_practice(dir.path(), {}, {dir.file("user")});
        const PluginRecord* changed = find(*practice, "hello.so");
        ASSERT_NE(changed, nullptr) << "refused before it ran, so its id is unknown";
        EXPECT_EQ(changed->state, PluginState::Refused);
        EXPECT_NE(changed->reason.find("changed since it was enabled"), std::string::npos)
            << changed->reason;
        EXPECT_TRUE(practice->plugins().contributions().cli_commands.empty());
        ASSERT_TRUE(practice->plugins().set_enabled("hello.so", true));
    }
    auto practice = open_practice(dir.path(), {}, {dir.file("user")});
    EXPECT_EQ(find(*practice, "test.hello")->state, PluginState::Loaded);
}

// Enabling is by id, trust by file: another file that claims an enabled id is not loaded
// until it is trusted itself, and trusting checks the hash the owner was shown.
TEST(PluginLoading, AnotherFileWithAnEnabledIdIsNotTrustedAndAStaleHashTrustsNothing) {
    test::TempDir dir;
    test::copy_fixtures({"hello"}, dir.file("user"));
    {
        auto practice = open_practice(dir.path(), {}, {dir.file("user")});
        ASSERT_TRUE(practice->plugins().set_enabled("test.hello", true));
    }
    std::filesystem::rename(dir.file("user/hello.so"), dir.file("user/other.so"));
    { std::ofstream(dir.file("user/other.so"), std::ios::binary | std::ios::app) << "evil"; }
    auto practice = open_practice(dir.path(), {}, {dir.file("user")});
    const PluginRecord* other = find(*practice, "test.hello");
    ASSERT_NE(other, nullptr);
    EXPECT_EQ(other->state, PluginState::Disabled);
    EXPECT_NE(other->reason.find("never trusted in this practice"), std::string::npos)
        << other->reason;
    std::string shown = other->file_hash;
    std::string path = other->path;
    auto stale = practice->plugins().set_enabled(path, true, std::string(64, '0'));
    ASSERT_FALSE(stale);
    EXPECT_NE(stale.error().message.find("changed after its facts were shown"), std::string::npos);
    EXPECT_EQ(**practice->connection().query_int64(
                  "SELECT count(*) FROM host_plugin_trust WHERE path LIKE '%other.so'"),
              0);
    EXPECT_TRUE(practice->plugins().set_enabled(path, true, shown));
    EXPECT_EQ(**practice->connection().query_int64(
                  "SELECT count(*) FROM host_plugin_trust WHERE path LIKE '%other.so'"),
              1);
}

TEST(PluginLoading, ADuplicateIdIsRefused) {
    test::TempDir dir;
    test::copy_fixtures({"hello"}, dir.file("a"));
    test::copy_fixtures({"hello"}, dir.file("b"));
    auto practice = open_practice(dir.path(), {dir.file("a"), dir.file("b")});
    const auto& records = practice->plugins().plugins();
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[0].state, PluginState::Loaded);
    EXPECT_EQ(records[1].state, PluginState::Refused);
    EXPECT_NE(records[1].reason.find("already loaded"), std::string::npos);
}

TEST(PluginLoading, UnloadRemovesSubscriptionsAndContributions) {
    test::TempDir dir;
    test::copy_fixtures({"hello"}, dir.file("installed"));
    auto practice = open_practice(dir.path(), {dir.file("installed")});
    EXPECT_EQ(practice->events().subscription_count(), 1u);
    EXPECT_EQ(practice->plugins().contributions().cli_commands.size(), 1u);
    practice->shut_down();
    EXPECT_EQ(practice->events().subscription_count(), 0u);
    EXPECT_TRUE(practice->plugins().contributions().cli_commands.empty());
    // Settings written by the plugin's start() stay in the practice database.
    EXPECT_EQ(**practice->connection().query_int64(
                  "SELECT count(*) FROM host_plugin_setting WHERE plugin_id = 'test.hello' AND "
                  "key = 'started' AND value = 'yes'"),
              1);
}

TEST(PluginLoading, APluginThatCrashedTheHostIsQuarantinedAtTheNextStart) {
    test::TempDir dir;
    ASSERT_EQ(test::run_process({test::dyadctl_path(), "--data-dir", dir.path(), "init", "--plain"})
                  .exit_code,
              0);
    std::vector<std::string> env = {"DYAD_PLUGIN_PATH=" + test::crash_fixture_dir()};
    std::vector<std::string> list = {
        test::dyadctl_path(), "--data-dir", dir.path(), "plugins", "list", "--json"};
    auto crashed = test::run_process(list, env);
    EXPECT_NE(crashed.exit_code, 0);  // abort() inside create().

    auto next = test::run_process(list, env);
    ASSERT_EQ(next.exit_code, 0) << next.err;
    EXPECT_NE(next.out.find("\"state\":\"quarantined\""), std::string::npos) << next.out;
    EXPECT_NE(next.out.find("crashed Dyad while loading (it aborted"), std::string::npos)
        << next.out;
    // A plugin that comes with Dyad is not left out silently.
    EXPECT_NE(next.err.find("crash_on_load.so that comes with Dyad is quarantined"),
              std::string::npos)
        << next.err;

    auto enable = test::run_process(
        {test::dyadctl_path(), "--data-dir", dir.path(), "plugins", "enable", "crash_on_load.so"},
        env);
    EXPECT_EQ(enable.exit_code, 0) << enable.err;
    auto retried = test::run_process(list, env);
    EXPECT_NE(retried.exit_code, 0);  // Enabling lifted the quarantine: it was tried again.
}

TEST(PluginLoading, APluginBuiltAgainstTheFrozen10HeadersLoadsAndWorks) {
    dyad::test::TempDir dir;
    auto practice = open_practice(dir.path(), {dyad::test::sdk_1_0_fixture_dir()});
    const PluginRecord* record = find(*practice, "test.sdk-1-0");
    ASSERT_NE(record, nullptr) << "the SDK 1.0 fixture was not found";
    EXPECT_EQ(record->state, PluginState::Loaded) << record->reason;
    std::string out;
    std::string err;
    EXPECT_EQ(run_plugin_command(*practice, {"compat", "note", "7", "kept"}, out, err), 0) << err;
    out.clear();
    EXPECT_EQ(run_plugin_command(*practice, {"compat", "count"}, out, err), 0);
    EXPECT_EQ(out, "1 kept\n");
}

// A prefix that overlaps one another plugin claimed in this practice is refused (a name could
// otherwise match both owners), whichever of the two starts with the other.
TEST(PluginLoading, APrefixOverlappingAnotherPluginsPrefixIsRefused) {
    for (const char* claimed : {"hell", "hello_world"}) {
        test::TempDir dir;
        test::copy_fixtures({"hello"}, dir.file("installed"));
        {
            auto empty = open_practice(dir.path(), {dir.file("no-plugins")});
            ASSERT_TRUE(empty->connection().exec(
                std::string("INSERT INTO host_plugin_prefix (prefix, plugin_id) VALUES ('") +
                claimed + "', 'org.example.other')"));
        }
        auto practice = open_practice(dir.path(), {dir.file("installed")});
        const PluginRecord* record = find(*practice, "test.hello");
        ASSERT_NE(record, nullptr);
        EXPECT_EQ(record->state, PluginState::Refused) << claimed;
        EXPECT_NE(record->reason.find(std::string("overlaps the prefix '") + claimed +
                                      "' of the plugin org.example.other"),
                  std::string::npos)
            << record->reason;
    }
}

namespace {

bool wait_for_file(const std::string& path) {
    for (int i = 0; i < 600; ++i) {  // Up to a minute on a loaded machine.
        if (std::filesystem::exists(path)) {
            return true;
        }
        usleep(100'000);
    }
    return false;
}

}  // namespace

// Two processes starting at once, and a start killed while loading, quarantine nothing (issue 21).
TEST(PluginLoading, AConcurrentOrKilledStartQuarantinesNothing) {
    test::TempDir dir;
    ASSERT_EQ(test::run_process({test::dyadctl_path(), "--data-dir", dir.path(), "init", "--plain"})
                  .exit_code,
              0);
    std::filesystem::create_directories(dir.file("installed"));
    std::filesystem::copy_file(test::crash_fixture_dir() + "/hold_on_load.so",
                               dir.file("installed/hold_on_load.so"));
    std::vector<std::string> env = {"DYAD_PLUGIN_PATH=" + dir.file("installed")};
    std::vector<std::string> list = {
        test::dyadctl_path(), "--data-dir", dir.path(), "plugins", "list", "--json"};

    std::vector<std::string> holding = env;
    holding.push_back("DYAD_TEST_HOLD_LOAD=" + dir.file("ready"));
    pid_t first = test::spawn_process(list, holding, "/dev/null", dir.file("spawned.out"),
                                      dir.file("spawned.out"));
    ASSERT_GT(first, 0);
    ASSERT_TRUE(wait_for_file(dir.file("ready"))) << "the first start never reached the plugin";

    // A second start while the first is inside the plugin's create().
    auto second = test::run_process(list, env);
    EXPECT_EQ(second.exit_code, 0) << second.err;
    EXPECT_NE(second.out.find("\"state\":\"loaded\""), std::string::npos) << second.out;
    EXPECT_EQ(second.out.find("quarantined"), std::string::npos) << second.out;

    // The first is killed as an OOM killer or a closing session would.
    kill(first, SIGKILL);
    int status = 0;
    waitpid(first, &status, 0);
    auto third = test::run_process(list, env);
    EXPECT_EQ(third.exit_code, 0) << third.err;
    EXPECT_NE(third.out.find("\"state\":\"loaded\""), std::string::npos) << third.out;
    EXPECT_EQ(third.out.find("quarantined"), std::string::npos) << third.out;
    EXPECT_NE(third.err.find("ended from outside"), std::string::npos) << third.err;
    EXPECT_NE(third.err.find("hold_on_load.so"), std::string::npos) << third.err;
    // Said once: the start after that has nothing to tell.
    auto fourth = test::run_process(list, env);
    EXPECT_EQ(fourth.err.find("ended from outside"), std::string::npos) << fourth.err;
}

// Start-up loads the libraries the last start's installed plugins linked ahead of them
// (library_preload.h): the list is theirs, not a user-folder plugin's nor one that names its
// own library search path.
TEST(PluginLoading, TheInstalledPluginsLibrariesAreTheOnesToLoadAheadNextTime) {
    test::TempDir dir;
    test::copy_fixtures({"hello"}, dir.file("installed"));
    {
        auto practice = open_practice(dir.path(), {dir.file("installed")});
        ASSERT_EQ(find(*practice, "test.hello")->state, PluginState::Loaded);
        auto libraries = practice->plugins().preloadable_libraries();
        EXPECT_TRUE(std::is_sorted(libraries.begin(), libraries.end()));
        EXPECT_NE(std::find(libraries.begin(), libraries.end(), "libwx_gtk3u_core-3.2.so.0"),
                  libraries.end());
        EXPECT_EQ(std::adjacent_find(libraries.begin(), libraries.end()), libraries.end());
    }
    test::TempDir other;
    auto practice = open_practice(other.path(), {test::runpath_fixture_dir()});
    ASSERT_EQ(find(*practice, "test.hello")->state, PluginState::Loaded);
    EXPECT_TRUE(practice->plugins().preloadable_libraries().empty());
}
