// dyadctl with users (issue 15): once a practice has users every command signs in (--user
// NAME, the passphrase on a descriptor), roles limit what each may do, and `audit verify`
// passes until the audit table is edited behind Dyad's back.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "test_support.h"

using dyad::test::TempDir;

namespace {

dyad::test::ProcessResult dyadctl(const TempDir& dir, std::vector<std::string> args,
                                  const std::string& input = "") {
    std::vector<std::string> argv = {dyad::test::dyadctl_path(), "--data-dir", dir.file("p"),
                                     "--passphrase-fd", "0"};
    argv.insert(argv.end(), args.begin(), args.end());
    return dyad::test::run_process_with_input(argv, {"DYAD_PLUGIN_PATH=" + dir.file("no-plugins")},
                                              input, 120);
}

}  // namespace

TEST(DyadctlPeople, UsersSignInRolesLimitThemAndTheAuditTrailVerifies) {
    TempDir dir;
    ASSERT_EQ(dyadctl(dir, {"demo", "--people-only"}).exit_code, 0);
    auto owner = dyadctl(dir, {"users", "add", "Olivia", "--role", "owner"}, "olivia's phrase\n");
    ASSERT_EQ(owner.exit_code, 0) << owner.err;

    auto anonymous = dyadctl(dir, {"units", "list"});
    EXPECT_EQ(anonymous.exit_code, 1);
    EXPECT_NE(anonymous.err.find("sign in with --user NAME"), std::string::npos) << anonymous.err;
    auto wrong = dyadctl(dir, {"--user", "Olivia", "units", "list"}, "not olivia's phrase\n");
    EXPECT_EQ(wrong.exit_code, 1);
    EXPECT_EQ(wrong.err, "dyadctl: wrong name or passphrase\n");
    auto listed = dyadctl(dir, {"--user", "Olivia", "units", "list"}, "olivia's phrase\n");
    ASSERT_EQ(listed.exit_code, 0) << listed.err;
    EXPECT_NE(listed.out.find("Ortiz"), std::string::npos);

    auto biller = dyadctl(dir, {"--user", "Olivia", "users", "add", "Bill", "--role", "biller"},
                          "olivia's phrase\nbill's long phrase\n");
    ASSERT_EQ(biller.exit_code, 0) << biller.err;
    auto users = dyadctl(dir, {"--user", "Bill", "users", "list"}, "bill's long phrase\n");
    EXPECT_NE(users.out.find("Bill\tBiller"), std::string::npos) << users.out;
    for (const auto& forbidden :
         std::vector<std::vector<std::string>>{{"plugins", "enable", "dyad.records"},
                                               {"db", "backup", dir.file("b.dyadbackup")},
                                               {"audit", "verify"},
                                               {"users", "add", "Mallory", "--role", "owner"}}) {
        std::vector<std::string> args = {"--user", "Bill"};
        args.insert(args.end(), forbidden.begin(), forbidden.end());
        auto refused = dyadctl(dir, args, "bill's long phrase\nmallory's long phrase\n");
        EXPECT_EQ(refused.exit_code, 1) << forbidden[0];
        EXPECT_NE(refused.err.find(" may "), std::string::npos)
            << forbidden[0] << ": " << refused.err;
    }

    auto verified = dyadctl(dir, {"--user", "Olivia", "audit", "verify"}, "olivia's phrase\n");
    ASSERT_EQ(verified.exit_code, 0) << verified.err;
    EXPECT_NE(verified.out.find("unbroken chain"), std::string::npos);

    // Someone edits a row with sqlite3 (the append-only trigger dropped first).
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(dir.file("p/practice.db").c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db,
                           "DROP TRIGGER dyad_audit_no_update; UPDATE dyad_audit SET actor = "
                           "'nobody' WHERE seq = 3",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
    auto tampered =
        dyadctl(dir, {"--user", "Olivia", "audit", "verify", "--json"}, "olivia's phrase\n");
    EXPECT_EQ(tampered.exit_code, 1);
    EXPECT_NE(tampered.out.find("\"intact\":false"), std::string::npos) << tampered.out;
    EXPECT_NE(tampered.err.find("entry #3"), std::string::npos) << tampered.err;
}
