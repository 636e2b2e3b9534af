// `dyadctl records ...` end to end: the real plugin library, loaded by the real dyadctl.
#include <gtest/gtest.h>

#include "test_support.h"

using dyad::test::run_process;

namespace {

struct Practice {
    dyad::test::TempDir dir;
    std::vector<std::string> env = {"DYAD_PLUGIN_PATH=" + std::string(DYAD_BUILD_PLUGIN_DIR)};

    dyad::test::ProcessResult run(std::vector<std::string> args) {
        std::vector<std::string> argv = {dyad::test::dyadctl_path(), "--data-dir", dir.path()};
        argv.insert(argv.end(), args.begin(), args.end());
        return run_process(argv, env);
    }
};

std::string first_line(const std::string& text) {
    return text.substr(0, text.find('\n'));
}

}  // namespace

TEST(DyadctlRecords, WriteSignAmendAndSearchANote) {
    Practice p;
    ASSERT_EQ(p.run({"demo"}).exit_code, 0);
    auto templates = p.run({"records", "templates", "--json"});
    ASSERT_EQ(templates.exit_code, 0) << templates.err;
    EXPECT_NE(templates.out.find("\"id\":\"imago-session\""), std::string::npos);

    auto units = p.run({"units", "list", "--json"});
    auto at = units.out.find("\"id\":");
    std::string unit = units.out.substr(at + 5, units.out.find(',', at) - at - 5);

    auto created =
        p.run({"records", "note-new", "--unit", unit, "--template", "dap", "--date", "2026-11-26"});
    ASSERT_EQ(created.exit_code, 0) << created.err;
    std::string note = first_line(created.out);

    auto early = p.run({"records", "note-sign", note});
    EXPECT_EQ(early.exit_code, 1);
    EXPECT_EQ(early.err, "records: \"Data\" is empty; fill it in before signing.\n");
    for (const char* key : {"data", "assessment", "plan"}) {
        ASSERT_EQ(
            p.run({"records", "note-set", note, key, std::string("Worked on ") + key}).exit_code,
            0);
    }
    EXPECT_EQ(p.run({"records", "note-sign", note}).out, "signed\n");
    auto again = p.run({"records", "note-sign", note});
    EXPECT_EQ(again.exit_code, 1);
    EXPECT_NE(again.err.find("already signed"), std::string::npos);
    EXPECT_EQ(p.run({"records", "note-set", note, "plan", "x"}).exit_code, 1);
    EXPECT_EQ(p.run({"records", "note-amend", note, "clarity", "The plan is weekly."}).exit_code,
              0);

    auto found = p.run({"records", "search", "weekly", "--json"});
    ASSERT_EQ(found.exit_code, 0) << found.err;
    EXPECT_NE(found.out.find("\"note\":" + note), std::string::npos) << found.out;
    auto shown = p.run({"records", "note-show", note, "--json"});
    EXPECT_NE(shown.out.find("\"status\":\"signed\""), std::string::npos);
    EXPECT_NE(shown.out.find("\"amendments\":1"), std::string::npos);
    EXPECT_EQ(p.run({"records", "frobnicate"}).exit_code, 2);
}
