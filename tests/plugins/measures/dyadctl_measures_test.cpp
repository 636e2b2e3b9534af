// `dyadctl measures ...` end to end: the real plugin library loaded by the real dyadctl.
#include <gtest/gtest.h>

#include <fstream>

#include "test_support.h"

namespace {

struct Practice {
    dyad::test::TempDir dir;
    dyad::test::ProcessResult run(std::vector<std::string> args, const std::string& input = "") {
        std::vector<std::string> argv = {dyad::test::dyadctl_path(), "--data-dir", dir.path()};
        argv.insert(argv.end(), args.begin(), args.end());
        return dyad::test::run_process_with_input(
            argv, {"DYAD_PLUGIN_PATH=" + std::string(DYAD_BUILD_PLUGIN_DIR)}, input);
    }
    std::string first_word(const std::string& text) {
        return text.substr(0, text.find_first_of("\t\n"));
    }
};

}  // namespace

TEST(DyadctlMeasures, ScoreByHandAsTheIssueShowsIt) {
    Practice p;
    ASSERT_EQ(p.run({"init", "--plain"}).exit_code, 0);
    auto phq = p.run(
        {"measures", "score", "phq-9", "1", "2", "1", "2", "1", "1", "2", "1", "1", "--json"});
    ASSERT_EQ(phq.exit_code, 0) << phq.err;
    EXPECT_EQ(phq.out,
              "{\"total\":12,\"band\":\"moderate\",\"subscales\":{},\"cutoff\":9.5,"
              "\"distressed\":true,\"missing\":0,\"prorated\":false,\"flags\":[\"item 9: "
              "thoughts of self-harm\"],\"scoring_version\":1}\n");
    auto gad = p.run({"measures", "score", "gad-7", "1", "1", "-", "1", "1", "1", "1"});
    EXPECT_EQ(gad.exit_code, 1);
    EXPECT_EQ(gad.err, "measures: GAD-7 is scored only with every item answered (1 missing)\n");
    auto word = p.run({"measures", "score", "csi-4", "3", "x", "3", "3"});
    EXPECT_EQ(word.exit_code, 1);
    EXPECT_EQ(word.err, "measures: \"x\" is not an answer (a number, or - when missing)\n");
    auto list = p.run({"measures", "list"});
    EXPECT_NE(list.out.find("rdas\tRevised Dyadic Adjustment Scale (RDAS)\tRDAS is a "
                            "bring-your-own template"),
              std::string::npos)
        << list.out;
}

TEST(DyadctlMeasures, ValidateNamesEveryProblem) {
    Practice p;
    ASSERT_EQ(p.run({"init", "--plain"}).exit_code, 0);
    auto good = p.run(
        {"measures", "validate", dyad::test::source_dir() + "/resources/measures/csi-16.json"});
    EXPECT_EQ(good.exit_code, 0) << good.out << good.err;
    EXPECT_NE(good.out.find("valid (csi-16, 16 items, totals 0 to 81)"), std::string::npos);
    std::string bad = p.dir.path() + "/bad.json";
    std::ofstream(bad) << "{\n  \"id\": \"x\",\n  \"version\": 1\n}\n";
    auto broken = p.run({"measures", "validate", bad});
    EXPECT_EQ(broken.exit_code, 1);
    EXPECT_NE(broken.out.find(bad + ":1: (file): \"title\" is missing"), std::string::npos)
        << broken.out;
    auto missing = p.run({"measures", "validate", p.dir.path() + "/none.json"});
    EXPECT_EQ(missing.exit_code, 1);
}

TEST(DyadctlMeasures, ACoupleAnswersWithAnswersOnStandardInput) {
    Practice p;
    ASSERT_EQ(p.run({"demo", "--people-only"}).exit_code, 0);
    std::string unit = p.first_word(p.run({"records", "units", "--status", "active"}).out);
    auto members = p.run({"records", "clients", "--unit", unit});
    std::string first = p.first_word(members.out);
    std::string second = p.first_word(members.out.substr(members.out.find('\n') + 1));
    ASSERT_EQ(p.run({"measures", "cadence", "--unit", unit, "--instrument", "csi-4",
                     "--every-sessions", "1"})
                  .exit_code,
              0);
    auto given = p.run(
        {"measures", "administer", "--unit", unit, "--client", first, "--instrument", "phq-9"},
        "0 1 0 0 0 0 0 0 2\n");
    ASSERT_EQ(given.exit_code, 0) << given.err;
    EXPECT_NE(given.out.find("total 3 (minimal)"), std::string::npos) << given.out;
    EXPECT_NE(given.out.find("FLAG item 9: thoughts of self-harm"), std::string::npos);
    auto wrong = p.run(
        {"measures", "administer", "--unit", unit, "--client", second, "--instrument", "csi-4"},
        "3 3 9 3\n");
    EXPECT_EQ(wrong.exit_code, 1);
    EXPECT_EQ(wrong.err, "measures: item 19: 9 is not an answer (0 to 5)\n");
    auto flags = p.run({"measures", "flags", "--json"});
    EXPECT_NE(flags.out.find("\"flag\":\"item 9: thoughts of self-harm\""), std::string::npos)
        << flags.out;
    // A flag is reviewed with its note on standard input.
    std::string flag_id = flags.out.substr(flags.out.find("\"id\":") + 5);
    flag_id = flag_id.substr(0, flag_id.find_first_of(",}"));
    auto reviewed = p.run({"measures", "review", flag_id}, "asked in session; safety plan made\n");
    EXPECT_EQ(reviewed.exit_code, 0) << reviewed.err;
    EXPECT_EQ(p.run({"measures", "flags"}).out, "");
    auto history = p.run({"measures", "history", "--unit", unit, "--json"});
    EXPECT_NE(history.out.find("\"instrument\":\"phq-9\""), std::string::npos) << history.out;
    // Voided with the reason on standard input; a blank reason is refused.
    std::string given_id = p.first_word(given.out);
    auto blank = p.run({"measures", "void", given_id}, "\n");
    EXPECT_EQ(blank.exit_code, 1);
    EXPECT_EQ(blank.err, "measures: say why the administration is voided\n");
    std::string pdf = p.dir.path() + "/report.pdf";
    auto report = p.run({"measures", "report", "--unit", unit, "--out", pdf});
    EXPECT_EQ(report.exit_code, 0) << report.err;
    std::string csv = p.dir.path() + "/shared.csv";
    auto shared = p.run(
        {"measures", "export", "--unit", unit, "--format", "csv", "--out", csv, "--for", "couple"});
    EXPECT_EQ(shared.exit_code, 0) << shared.err;
    std::ifstream in(csv);
    std::string text((std::istreambuf_iterator<char>(in)), {});
    EXPECT_EQ(text.find("self-harm"), std::string::npos);
    EXPECT_NE(text.find(",phq-9,1,3,minimal,"), std::string::npos) << text;
}
