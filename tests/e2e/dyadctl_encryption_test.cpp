// dyadctl with an encrypted practice (issue 14), as a script runs it: passphrases on a file
// descriptor (here standard input, --passphrase-fd 0), never on the command line.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "test_support.h"

using dyad::test::TempDir;

namespace {

const std::string kPassphrase = "seven silver spoons";

dyad::test::ProcessResult dyadctl(const std::string& data_dir, std::vector<std::string> args,
                                  const std::string& input) {
    std::vector<std::string> argv = {dyad::test::dyadctl_path(), "--data-dir", data_dir,
                                     "--passphrase-fd",          "0",          "--fast-kdf"};
    argv.insert(argv.end(), args.begin(), args.end());
    return dyad::test::run_process_with_input(
        argv,
        {"DYAD_PLUGIN_PATH=" + data_dir + "/no-plugins",
         // No keyring answers (so the passphrase is always what opens it).
         "DBUS_SESSION_BUS_ADDRESS=unix:path=" + data_dir + "-no-bus"},
        input, 120);
}

std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// The recovery key printed by init or encrypt.
std::string recovery_key_in(const std::string& out) {
    auto at = out.find("\n\n    ");
    return at == std::string::npos ? "" : out.substr(at + 6, 65);
}

}  // namespace

TEST(DyadctlEncryption, InitEncryptsAndEveryCommandAsksForThePassphrase) {
    TempDir dir;
    std::string data = dir.file("practice");
    auto init = dyadctl(data, {"init", "--name", "Harbor Couples"}, kPassphrase + "\n");
    ASSERT_EQ(init.exit_code, 0) << init.err;
    std::string recovery = recovery_key_in(init.out);
    ASSERT_EQ(recovery.size(), 65u) << init.out;
    EXPECT_EQ(read_all(data + "/practice.db").substr(0, 8), "DyadEnc1");
    EXPECT_EQ(read_all(data + "/practice.db").find("Harbor Couples"), std::string::npos);

    auto listed = dyadctl(data, {"units", "list"}, kPassphrase + "\n");
    EXPECT_EQ(listed.exit_code, 0) << listed.err;
    auto wrong = dyadctl(data, {"units", "list"}, "seven silver forks\n");
    EXPECT_EQ(wrong.exit_code, 1);
    EXPECT_EQ(wrong.err, "dyadctl: wrong passphrase\n");
    auto nothing = dyadctl(data, {"units", "list"}, "");
    EXPECT_EQ(nothing.exit_code, 1);
    EXPECT_NE(nothing.err.find("ended before the passphrase"), std::string::npos) << nothing.err;
    auto by_recovery = dyadctl(data, {"--recovery-key", "db", "check"}, recovery + "\n");
    EXPECT_EQ(by_recovery.exit_code, 0) << by_recovery.err;

    // A short passphrase for a new practice is refused in words; nothing is created.
    auto weak = dyadctl(dir.file("weak"), {"init"}, "short\n");
    EXPECT_EQ(weak.exit_code, 1);
    EXPECT_NE(weak.err.find("at least 10 characters"), std::string::npos) << weak.err;
    EXPECT_FALSE(std::filesystem::exists(dir.file("weak/practice.db")));
}

TEST(DyadctlEncryption, APlainPracticeIsEncryptedBackedUpAndRestoredOnANewComputer) {
    TempDir dir;
    std::string data = dir.file("practice");
    auto demo = dyadctl(data, {"demo", "--people-only"}, "");
    ASSERT_EQ(demo.exit_code, 0) << demo.err;
    ASSERT_NE(read_all(data + "/practice.db").find("Ortiz"), std::string::npos);

    auto encrypted = dyadctl(data, {"db", "encrypt"}, kPassphrase + "\n");
    ASSERT_EQ(encrypted.exit_code, 0) << encrypted.err;
    std::string recovery = recovery_key_in(encrypted.out);
    ASSERT_EQ(recovery.size(), 65u) << encrypted.out;
    for (const auto& entry : std::filesystem::directory_iterator(data)) {
        EXPECT_EQ(read_all(entry.path().string()).find("Ortiz"), std::string::npos)
            << entry.path() << " holds a client's name";
    }
    auto again = dyadctl(data, {"db", "encrypt"}, kPassphrase + "\n");
    EXPECT_EQ(again.exit_code, 1);
    EXPECT_NE(again.err.find("already encrypted"), std::string::npos);

    std::string backup = dir.file("friday.dyadbackup");
    auto backed_up = dyadctl(data, {"db", "backup", backup}, kPassphrase + "\n");
    ASSERT_EQ(backed_up.exit_code, 0) << backed_up.err;
    EXPECT_EQ(read_all(backup).find("Ortiz"), std::string::npos);

    // The laptop is gone: a new folder, the backup and the recovery key.
    std::string fresh = dir.file("new-laptop");
    auto restored = dyadctl(fresh, {"db", "restore", backup}, recovery + "\n");
    ASSERT_EQ(restored.exit_code, 0) << restored.err;
    auto listed = dyadctl(fresh, {"units", "list"}, kPassphrase + "\n");
    ASSERT_EQ(listed.exit_code, 0) << listed.err;
    EXPECT_NE(listed.out.find("Ortiz"), std::string::npos) << listed.out;

    // The passphrase changes; the backup still opens with the one it had.
    auto changed = dyadctl(data, {"db", "passphrase"}, kPassphrase + "\nten new silver spoons\n");
    ASSERT_EQ(changed.exit_code, 0) << changed.err;
    EXPECT_EQ(dyadctl(data, {"db", "check"}, kPassphrase + "\n").exit_code, 1);
    EXPECT_EQ(dyadctl(data, {"db", "check"}, "ten new silver spoons\n").exit_code, 0);
    auto remember = dyadctl(data, {"db", "remember"}, "ten new silver spoons\n");
    EXPECT_EQ(remember.exit_code, 1) << "no keyring in the test session";
    EXPECT_NE(remember.err.find("keyring"), std::string::npos) << remember.err;
}
