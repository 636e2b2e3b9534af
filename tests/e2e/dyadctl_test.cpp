// dyadctl end to end: the real binary, real files, the exit codes and output a script sees.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "test_support.h"

using dyad::test::run_process;
using dyad::test::TempDir;

namespace {

dyad::test::ProcessResult dyadctl(const TempDir& dir, std::vector<std::string> args,
                                  std::vector<std::string> env = {}) {
    std::vector<std::string> argv = {dyad::test::dyadctl_path(), "--data-dir", dir.path()};
    argv.insert(argv.end(), args.begin(), args.end());
    if (env.empty()) {
        env.push_back("DYAD_PLUGIN_PATH=" + dir.path() + "/no-plugins");
    }
    return run_process(argv, env);
}

}  // namespace

TEST(Dyadctl, VersionAndUsage) {
    auto version = run_process({dyad::test::dyadctl_path(), "--version"});
    EXPECT_EQ(version.exit_code, 0);
    EXPECT_NE(version.out.find("SDK 1.1"), std::string::npos) << version.out;
    auto usage = run_process({dyad::test::dyadctl_path()});
    EXPECT_EQ(usage.exit_code, 2);
    auto unknown = run_process({dyad::test::dyadctl_path(), "frobnicate"});
    EXPECT_NE(unknown.exit_code, 0);
    EXPECT_EQ(std::count(unknown.err.begin(), unknown.err.end(), '\n'), 1) << unknown.err;
}

TEST(Dyadctl, DemoUnitsCheckBackupRestore) {
    TempDir dir;
    auto missing = dyadctl(dir, {"units", "list"});
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_NE(missing.err.find("no practice in"), std::string::npos) << missing.err;

    ASSERT_EQ(dyadctl(dir, {"demo", "--people-only"}).exit_code, 0);
    auto units = dyadctl(dir, {"units", "list", "--status", "active", "--json"});
    ASSERT_EQ(units.exit_code, 0) << units.err;
    EXPECT_NE(units.out.find("\"name\":\"Ana & Ben Ortiz\""), std::string::npos) << units.out;
    EXPECT_EQ(units.out.find("Omar Haddad"), std::string::npos);  // Discharged.

    auto check = dyadctl(dir, {"db", "check", "--json"});
    EXPECT_EQ(check.exit_code, 0);
    EXPECT_EQ(check.out, "{\"healthy\":true,\"problems\":[]}\n");

    // JSON answers are written by Poco::JSON: paths as they are (no "\/"), keys in order.
    std::string backup = dir.path() + "/backup.db";
    auto backed_up = dyadctl(dir, {"db", "backup", backup, "--json"});
    ASSERT_EQ(backed_up.exit_code, 0) << backed_up.err;
    EXPECT_EQ(backed_up.out, "{\"backup\":\"" + backup + "\"}\n");
    auto init_again = dyadctl(dir, {"init"});
    EXPECT_EQ(init_again.exit_code, 1);
    EXPECT_NE(init_again.err.find("already exists"), std::string::npos);

    auto restore = dyadctl(dir, {"db", "restore", backup, "--json"});
    ASSERT_EQ(restore.exit_code, 0) << restore.err;
    EXPECT_EQ(
        restore.out.rfind("{\"restored\":\"" + backup + "\",\"previous\":\"" + dir.path() + "/", 0),
        0u)
        << restore.out;

    std::ofstream(dir.path() + "/broken.db") << "not a database at all, but long enough to have "
                                                "a header that SQLite reads and then rejects....";
    auto refused = dyadctl(dir, {"db", "restore", dir.path() + "/broken.db"});
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_NE(refused.err.find("not touched"), std::string::npos) << refused.err;
}

// A member's consent from the command line: shown per member, changed per flag, audited;
// a client outside the unit and a word other than yes or no refused with nothing changed.
TEST(Dyadctl, UnitsMembersAndConsent) {
    TempDir dir;
    ASSERT_EQ(dyadctl(dir, {"demo", "--people-only"}).exit_code, 0);
    auto units = dyadctl(dir, {"units", "list"});
    ASSERT_EQ(units.exit_code, 0) << units.err;
    auto line_with = [](const std::string& text, const std::string& needle) {
        std::size_t at = text.find(needle);
        std::size_t start = text.rfind('\n', at);
        start = start == std::string::npos ? 0 : start + 1;
        return text.substr(start, text.find('\n', at) - start);
    };
    std::string couple = line_with(units.out, "Ana & Ben Ortiz");
    std::string unit = couple.substr(0, couple.find('\t'));
    ASSERT_FALSE(unit.empty()) << units.out;
    auto members = dyadctl(dir, {"units", "members", unit});
    ASSERT_EQ(members.exit_code, 0) << members.err;
    std::string ben_line = line_with(members.out, "Ben Ortiz");
    std::string ben = ben_line.substr(0, ben_line.find('\t'));
    EXPECT_EQ(ben_line, ben + "\tpartner\tyes\tno\tBen Ortiz");

    auto changed = dyadctl(dir, {"units", "consent", unit, ben, "--share", "yes"});
    ASSERT_EQ(changed.exit_code, 0) << changed.err;
    EXPECT_EQ(changed.out, "client " + ben + " in unit " + unit +
                               ": may contact yes, shares with partner yes\n");
    auto json = dyadctl(dir, {"units", "members", unit, "--json"});
    EXPECT_NE(json.out.find("\"may_share_with_partner\":true"), std::string::npos) << json.out;
    EXPECT_NE(json.out.find("\"may_share_with_partner\":false"), std::string::npos) << json.out;

    auto nothing = dyadctl(dir, {"units", "consent", unit, ben});
    EXPECT_EQ(nothing.exit_code, 2);
    auto maybe = dyadctl(dir, {"units", "consent", unit, ben, "--contact", "maybe"});
    EXPECT_EQ(maybe.exit_code, 1);
    EXPECT_NE(maybe.err.find("--contact takes yes or no"), std::string::npos) << maybe.err;
    auto stranger = dyadctl(dir, {"units", "consent", unit, "999999", "--contact", "no"});
    EXPECT_EQ(stranger.exit_code, 1);
    EXPECT_NE(stranger.err.find("is not a member of unit"), std::string::npos) << stranger.err;
    auto after = dyadctl(dir, {"units", "members", unit});
    EXPECT_EQ(line_with(after.out, "Ben Ortiz"), ben + "\tpartner\tyes\tyes\tBen Ortiz");
}

TEST(Dyadctl, CheckReportsDamageWithANonZeroExit) {
    TempDir dir;
    ASSERT_EQ(dyadctl(dir, {"demo", "--people-only"}).exit_code, 0);
    std::string path = dir.path() + "/practice.db";
    {
        // Fold the WAL into the file, then damage a page in the middle.
        auto checkpoint =
            run_process({"/usr/bin/sqlite3", path, "PRAGMA wal_checkpoint(TRUNCATE);"});
        ASSERT_EQ(checkpoint.exit_code, 0) << checkpoint.err;
        auto size = std::filesystem::file_size(path);
        std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
        file.seekp(4096);
        std::string garbage(size - 4096, '\x7f');
        file.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
    }
    auto check = dyadctl(dir, {"db", "check"});
    EXPECT_EQ(check.exit_code, 1);
    EXPECT_NE(check.err.find("damaged"), std::string::npos) << check.err << check.out;
}

TEST(Dyadctl, PluginsListShowsEveryFixtureAndPluginCommandsRun) {
    TempDir dir;
    ASSERT_EQ(dyadctl(dir, {"demo", "--people-only"}).exit_code, 0);
    std::vector<std::string> env = {"DYAD_PLUGIN_PATH=" + dyad::test::fixture_dir()};
    auto list = dyadctl(dir, {"plugins", "list", "--json"}, env);
    ASSERT_EQ(list.exit_code, 0) << list.err;
    for (const char* id :
         {"test.wrong-major", "test.newer-minor", "test.abi-mismatch", "no_entry.so",
          "test.create-fails", "test.create-throws", "test.migration-fails",
          "test.forbidden-trigger", "links_sqlite.so", "embedded_sqlite.so"}) {
        std::string needle = std::string("{\"id\":\"") + id + "\"";
        auto at = list.out.find(needle);
        ASSERT_NE(at, std::string::npos) << id << " missing from " << list.out;
        auto end = list.out.find('}', at);
        EXPECT_NE(list.out.substr(at, end - at).find("\"state\":\"refused\""), std::string::npos)
            << id;
    }
    EXPECT_NE(list.out.find("\"id\":\"test.hello\",\"name\":\"Hello (test plugin)\""),
              std::string::npos);

    auto count = dyadctl(dir, {"hello", "count", "--json"}, env);
    EXPECT_EQ(count.exit_code, 0) << count.err;
    EXPECT_EQ(count.out, "{\"greetings\":0}\n");

    // --json before the command's name reaches the plugin too (issue 22).
    auto json_first = run_process(
        {dyad::test::dyadctl_path(), "--json", "--data-dir", dir.path(), "hello", "count"}, env);
    EXPECT_EQ(json_first.exit_code, 0) << json_first.err;
    EXPECT_EQ(json_first.out, "{\"greetings\":0}\n");
    // `dyadctl help` lists the plugins' commands; `help NAME` gives one's usage.
    auto help = dyadctl(dir, {"help"}, env);
    EXPECT_EQ(help.exit_code, 0) << help.err;
    EXPECT_NE(help.out.find("  db check"), std::string::npos);
    EXPECT_NE(help.out.find("  hello                     count, add or search greetings (test "
                            "plugin)  [test.hello]"),
              std::string::npos)
        << help.out;
    auto one = dyadctl(dir, {"help", "hello"}, env);
    EXPECT_EQ(one.out,
              "usage: dyadctl hello count [--json] | greet UNIT_ID TEXT | search WORD | "
              "sql STATEMENT\n");
    EXPECT_EQ(dyadctl(dir, {"help", "nothing"}, env).exit_code, 2);
    auto builtin = dyadctl(dir, {"help", "db"}, env);
    EXPECT_EQ(builtin.exit_code, 0);
    EXPECT_NE(builtin.out.find("db backup FILE"), std::string::npos);

    auto disable = dyadctl(dir, {"plugins", "disable", "test.hello"}, env);
    EXPECT_EQ(disable.exit_code, 0) << disable.err;
    auto gone = dyadctl(dir, {"hello", "count"}, env);
    EXPECT_EQ(gone.exit_code, 2);
    EXPECT_NE(gone.err.find("unknown command 'hello'"), std::string::npos) << gone.err;
    auto text = dyadctl(dir, {"plugins", "list"}, env);
    EXPECT_NE(text.out.find("test.hello\t1.0.0\tSDK 1.1\tdisabled"), std::string::npos) << text.out;
}

// Numbers are whole and in range, or refused in words before anything is written (issue 21,
// item 6): "1e3" made 1 client and 4000000000 filled the disk.
TEST(Dyadctl, DemoSizesAreStrictWholeNumbersInRange) {
    for (const char* bad : {"1e3", "4000000000", "-5", "12x", ""}) {
        TempDir dir;
        auto refused = dyadctl(dir, {"demo", "--people-only", "--clients", bad});
        EXPECT_EQ(refused.exit_code, 2) << bad;
        EXPECT_NE(refused.err.find("--clients must be a whole number from 0 to 1000000"),
                  std::string::npos)
            << bad << ": " << refused.err;
        EXPECT_FALSE(std::filesystem::exists(dir.file("practice.db"))) << bad;
    }
}

// A plugin author's way back (issue 22, item 2): on a development practice (the demo, or
// `init --development`) `plugins reset-schema ID` lists what it would drop, drops it with
// --yes, and the plugin's migrations apply afresh at its next load; on any other practice it is
// refused and nothing changes.
TEST(Dyadctl, ResetSchemaOnlyOnADevelopmentPracticeAndTheMigrationsApplyAfresh) {
    std::vector<std::string> env = {"DYAD_PLUGIN_PATH=" + dyad::test::fixture_dir()};
    TempDir real;
    ASSERT_EQ(dyadctl(real, {"init", "--plain"}).exit_code, 0);
    ASSERT_EQ(dyadctl(real, {"hello", "count"}, env).exit_code, 0);  // Migrated.
    auto refused = dyadctl(real, {"plugins", "reset-schema", "test.hello", "--yes"}, env);
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_NE(refused.err.find("this is not a development practice"), std::string::npos)
        << refused.err;

    TempDir dev;
    ASSERT_EQ(dyadctl(dev, {"demo", "--people-only"}).exit_code, 0);
    auto units = dyadctl(dev, {"units", "list"});
    std::string unit = units.out.substr(0, units.out.find('\t'));
    ASSERT_EQ(dyadctl(dev, {"hello", "greet", unit, "hi"}, env).exit_code, 0);
    EXPECT_EQ(dyadctl(dev, {"hello", "count", "--json"}, env).out, "{\"greetings\":1}\n");
    auto plan = dyadctl(dev, {"plugins", "reset-schema", "test.hello"}, env);
    EXPECT_EQ(plan.exit_code, 1);
    EXPECT_NE(plan.out.find("table hello_greeting"), std::string::npos) << plan.out;
    EXPECT_NE(plan.err.find("nothing dropped"), std::string::npos) << plan.err;
    EXPECT_EQ(dyadctl(dev, {"hello", "count", "--json"}, env).out, "{\"greetings\":1}\n");
    auto reset = dyadctl(dev, {"plugins", "reset-schema", "test.hello", "--yes"}, env);
    EXPECT_EQ(reset.exit_code, 0) << reset.err;
    EXPECT_NE(reset.out.find("its migrations apply afresh"), std::string::npos) << reset.out;
    auto again = dyadctl(dev, {"hello", "count", "--json"}, env);
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(again.out, "{\"greetings\":0}\n");
    EXPECT_EQ(dyadctl(dev, {"db", "check"}).exit_code, 0);
    auto unknown = dyadctl(dev, {"plugins", "reset-schema", "test.nobody", "--yes"}, env);
    EXPECT_EQ(unknown.exit_code, 1);
    EXPECT_NE(unknown.err.find("no plugin test.nobody has tables"), std::string::npos)
        << unknown.err;
    auto development = dyadctl(real, {"init", "--development"});
    EXPECT_EQ(development.exit_code, 1) << "a practice is there already";
}

// The window's demo practice (`dyad --demo`: <default>/demo) finds a plugin the author
// installed into the user's plugin folder, as the default practice does (issue 22, item 1).
TEST(Dyadctl, TheDemoFolderFindsThePluginsInstalledForTheUser) {
    TempDir home;
    std::filesystem::create_directories(home.path() + "/dyad/plugins");
    std::filesystem::copy_file(dyad::test::fixture("hello"),
                               home.path() + "/dyad/plugins/hello.so");
    std::vector<std::string> env = {"XDG_DATA_HOME=" + home.path(),
                                    "DYAD_PLUGIN_PATH=" + home.path() + "/none"};
    std::string demo = home.path() + "/dyad/demo";
    auto argv = [&](std::vector<std::string> args) {
        std::vector<std::string> all = {dyad::test::dyadctl_path(), "--data-dir", demo};
        all.insert(all.end(), args.begin(), args.end());
        return all;
    };
    ASSERT_EQ(run_process(argv({"demo", "--people-only"}), env).exit_code, 0);
    auto list = run_process(argv({"plugins", "list"}), env);
    EXPECT_NE(list.out.find("test.hello\t1.0.0\tSDK 1.1\tdisabled"), std::string::npos)
        << list.out << list.err;
    // Another folder does not: each practice has its own user folder otherwise.
    TempDir other;
    ASSERT_EQ(
        run_process(
            {dyad::test::dyadctl_path(), "--data-dir", other.path(), "demo", "--people-only"}, env)
            .exit_code,
        0);
    auto none = run_process(
        {dyad::test::dyadctl_path(), "--data-dir", other.path(), "plugins", "list"}, env);
    EXPECT_EQ(none.out.find("test.hello"), std::string::npos) << none.out;
}
