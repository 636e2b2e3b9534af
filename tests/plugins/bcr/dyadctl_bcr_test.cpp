// `dyadctl bcr ...` end to end: the real plugin library loaded by the real dyadctl.
#include <gtest/gtest.h>

#include "test_support.h"

namespace {

struct Practice {
    dyad::test::TempDir dir;
    dyad::test::ProcessResult run(std::vector<std::string> args) {
        std::vector<std::string> argv = {dyad::test::dyadctl_path(), "--data-dir", dir.path()};
        argv.insert(argv.end(), args.begin(), args.end());
        return dyad::test::run_process(argv,
                                       {"DYAD_PLUGIN_PATH=" + std::string(DYAD_BUILD_PLUGIN_DIR)});
    }
    std::string first_line(std::vector<std::string> args) {
        auto result = run(std::move(args));
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return result.out.substr(0, result.out.find_first_of("\t\n"));
    }
};

}  // namespace

TEST(DyadctlBcr, LintExitsZeroOnlyWhenTheRequestPasses) {
    Practice p;
    ASSERT_EQ(p.run({"init", "--plain"}).exit_code, 0);
    auto good =
        p.run({"bcr", "lint", "Hug me for 20 seconds every evening for the next three weeks."});
    EXPECT_EQ(good.exit_code, 0) << good.out << good.err;
    EXPECT_EQ(good.out, "passes: specific, measurable, attainable, time-limited, positive\n");
    auto bad = p.run({"bcr", "lint", "Stop yelling at me."});
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_NE(bad.out.find("Positive: asks to stop something."), std::string::npos) << bad.out;
    EXPECT_NE(bad.out.find("Measurable: no frequency or amount."), std::string::npos);
    EXPECT_NE(bad.out.find("Time-limited: no time frame."), std::string::npos);
}

TEST(DyadctlBcr, ACoupleGoesFromFrustrationToCheckIns) {
    Practice p;
    ASSERT_EQ(p.run({"demo", "--people-only"}).exit_code, 0);
    std::string unit = p.first_line({"records", "units", "--status", "active"});
    auto members = p.run({"records", "clients", "--unit", unit});
    std::string sender = members.out.substr(0, members.out.find('\t'));
    std::string second = members.out.substr(members.out.find('\n') + 1);
    std::string receiver = second.substr(0, second.find('\t'));

    std::string id = p.first_line({"bcr", "new", "--unit", unit, "--sender", sender, "--receiver",
                                   receiver, "I don't like it when you are late."});
    auto early = p.run({"bcr", "requests", id, "a", "b", "c"});
    EXPECT_EQ(early.exit_code, 1);
    EXPECT_EQ(early.err, "bcr: Name the desire behind the frustration first.\n");
    ASSERT_EQ(p.run({"bcr", "desire", id, "I want to feel I matter."}).exit_code, 0);
    ASSERT_EQ(p.run({"bcr", "requests", id,
                     "Text me if you will be more than 10 minutes late, "
                     "every time for 3 weeks",
                     "b", "c"})
                  .exit_code,
              0);
    // 4294967317 days used to grant 21 (the number wrapped); now it is refused in words.
    auto wrapped = p.run({"bcr", "grant", id, "--request", "1", "--days", "4294967317"});
    EXPECT_EQ(wrapped.exit_code, 2);
    EXPECT_NE(wrapped.err.find("--days must be a whole number from 1 to 365"), std::string::npos)
        << wrapped.err;
    auto granted = p.run({"bcr", "grant", id, "--request", "1", "--days", "21"});
    ASSERT_EQ(granted.exit_code, 0) << granted.err;
    auto again = p.run({"bcr", "grant", id, "--request", "2"});
    EXPECT_EQ(again.exit_code, 1);
    auto checkin = p.run({"bcr", "checkin", id, "--outcome", "partly", "--impact", "4"});
    ASSERT_EQ(checkin.exit_code, 0) << checkin.err;
    auto bad_outcome = p.run({"bcr", "checkin", id, "--outcome", "maybe"});
    EXPECT_EQ(bad_outcome.exit_code, 2);
    auto listed = p.run({"bcr", "list", "--unit", unit, "--json"});
    ASSERT_EQ(listed.exit_code, 0) << listed.err;
    EXPECT_NE(listed.out.find("\"state\":\"granted\""), std::string::npos) << listed.out;
    EXPECT_NE(listed.out.find("\"checkins\":1"), std::string::npos) << listed.out;
    std::string pdf = p.dir.path() + "/agreements.pdf";
    auto agreements = p.run({"bcr", "agreements", "--unit", unit, "--out", pdf});
    EXPECT_EQ(agreements.exit_code, 0) << agreements.err;
    EXPECT_NE(agreements.out.find("page(s) written"), std::string::npos);
}
