// The second clinic-style plugin (tests/sdk/temperature), written from the guide alone, through
// dyadctl: its command, member consent from the host, its search provider, its own audit
// entries read back, a blob round trip, and refusals in words.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "test_support.h"

using dyad::test::TempDir;

namespace {

struct Temperature {
    TempDir dir;
    std::string plugins = std::filesystem::path(DYAD_TEMPERATURE_PLUGIN).parent_path().string();
    std::string unit;
    std::string ana;
    std::string ben;

    dyad::test::ProcessResult run(std::vector<std::string> args, const std::string& input = "") {
        std::vector<std::string> argv = {dyad::test::dyadctl_path(), "--data-dir", dir.path()};
        argv.insert(argv.end(), args.begin(), args.end());
        return dyad::test::run_process_with_input(argv, {"DYAD_PLUGIN_PATH=" + plugins}, input, 60);
    }
    static std::string first_field_of_line_with(const std::string& text, const std::string& s) {
        std::size_t at = text.find(s);
        if (at == std::string::npos) {
            return {};
        }
        std::size_t start = text.rfind('\n', at);
        start = start == std::string::npos ? 0 : start + 1;
        return text.substr(start, text.find('\t', start) - start);
    }
    Temperature() {
        EXPECT_EQ(run({"demo", "--people-only"}).exit_code, 0);
        unit = first_field_of_line_with(run({"units", "list"}).out, "Ana & Ben Ortiz");
        auto members = run({"units", "members", unit}).out;
        ana = first_field_of_line_with(members, "Ana Ortiz");
        ben = first_field_of_line_with(members, "Ben Ortiz");
    }
};

}  // namespace

TEST(TemperaturePlugin, ReadingsHonourConsentAreFoundAuditedAndKeepTheirSketch) {
    Temperature t;
    ASSERT_FALSE(t.unit.empty());
    ASSERT_FALSE(t.ana.empty());
    std::string sketch(3000, '\0');
    for (std::size_t i = 0; i < sketch.size(); ++i) {
        sketch[i] = static_cast<char>(i * 7);
    }
    std::ofstream(t.dir.file("sketch.bin"), std::ios::binary) << sketch;

    auto by_ben = t.run({"temperature", "add", "--unit", t.unit, "--by", t.ben, "--sketch",
                         t.dir.file("sketch.bin")},
                        "You cooked for me\nWho keeps moving my keys?\n");
    ASSERT_EQ(by_ben.exit_code, 0) << by_ben.err;
    std::string reading = by_ben.out.substr(0, by_ben.out.find('\n'));
    ASSERT_EQ(
        t.run({"temperature", "add", "--unit", t.unit, "--by", t.ana}, "The walk on Sunday\n\n")
            .exit_code,
        0);

    // Ben has not agreed to share with Ana: she sees his reading as private, until he does.
    auto for_ana = t.run({"temperature", "list", "--unit", t.unit, "--for", t.ana});
    ASSERT_EQ(for_ana.exit_code, 0) << for_ana.err;
    EXPECT_NE(for_ana.out.find(t.ben + "\t"), std::string::npos);
    EXPECT_EQ(for_ana.out.find("keys"), std::string::npos) << for_ana.out;
    EXPECT_NE(for_ana.out.find("(private)"), std::string::npos);
    EXPECT_NE(for_ana.out.find("The walk on Sunday"), std::string::npos);
    ASSERT_EQ(t.run({"units", "consent", t.unit, t.ben, "--share", "yes"}).exit_code, 0);
    for_ana = t.run({"temperature", "list", "--unit", t.unit, "--for", t.ana, "--json"});
    EXPECT_NE(for_ana.out.find("\"puzzle\":\"Who keeps moving my keys?\",\"sketch\":true"),
              std::string::npos)
        << for_ana.out;

    // The weekly nudge reaches only members who may be contacted.
    EXPECT_EQ(t.run({"temperature", "nudge", "--unit", t.unit}).out,
              t.ana + "\tAna Ortiz\n" + t.ben + "\tBen Ortiz\n");
    ASSERT_EQ(t.run({"units", "consent", t.unit, t.ana, "--contact", "no"}).exit_code, 0);
    EXPECT_EQ(t.run({"temperature", "nudge", "--unit", t.unit}).out, t.ben + "\tBen Ortiz\n");

    // Dyad's search finds it through the plugin's provider (the words on standard input).
    auto found = t.run({"search"}, "moving my\n");
    ASSERT_EQ(found.exit_code, 0) << found.err;
    EXPECT_NE(found.out.find("Temperature readings\t" + t.unit + "\tAna & Ben Ortiz\tReading of "),
              std::string::npos)
        << found.out;
    EXPECT_EQ(t.run({"search"}, "100%\n").out, "");  // '%' is a character, not a wildcard.

    // Its own audit entries, read back; the sketch's bytes round-trip and the export is audited.
    auto history = t.run({"temperature", "history", reading});
    ASSERT_EQ(history.exit_code, 0) << history.err;
    EXPECT_NE(history.out.find("\tcreate\n"), std::string::npos) << history.out;
    ASSERT_EQ(t.run({"temperature", "sketch", reading, t.dir.file("back.bin")}).exit_code, 0);
    std::ifstream back(t.dir.file("back.bin"), std::ios::binary);
    std::stringstream bytes;
    bytes << back.rdbuf();
    EXPECT_EQ(bytes.str(), sketch);
    history = t.run({"temperature", "history", reading});
    EXPECT_NE(history.out.find("\texport\n"), std::string::npos) << history.out;

    // Refusals in words, nothing written.
    auto stranger = t.run({"temperature", "add", "--unit", t.unit, "--by", "999999"}, "x\ny\n");
    EXPECT_EQ(stranger.exit_code, 1);
    EXPECT_NE(stranger.err.find("not a member of this couple"), std::string::npos);
    auto empty = t.run({"temperature", "add", "--unit", t.unit, "--by", t.ana}, "  \n\n");
    EXPECT_NE(empty.err.find("write an appreciation or a puzzle"), std::string::npos);
    auto bad = t.run({"temperature", "add", "--unit", t.unit, "--by", t.ana}, "caf\xC3\n\n");
    EXPECT_NE(bad.err.find("not valid UTF-8"), std::string::npos) << bad.err;
    auto usage = t.run({"temperature", "list", "--unit", "x"});
    EXPECT_EQ(usage.exit_code, 2);
    std::string listed = t.run({"temperature", "list", "--unit", t.unit}).out;
    EXPECT_EQ(listed.find("caf"), std::string::npos);
    EXPECT_EQ(std::count(listed.begin(), listed.end(), '\n'), 2) << listed;
}

// The demo (SDK 1.1 "dyad.demo/1"): `dyadctl demo` makes months of sessions and asks each
// plugin for its part. A plugin that fails half-way (its transaction left open) is named with
// its reason and rolled back; the others' parts and the demo itself are kept.
TEST(TemperaturePlugin, FillsItsPartOfTheDemoAndAFailingPluginIsNamedAndRolledBack) {
    TempDir dir;
    std::filesystem::create_directories(dir.file("failing"));
    std::filesystem::copy_file(dyad::test::fixture_dir() + "/../fixtures-demo/demo_fails.so",
                               dir.file("failing/demo_fails.so"));
    std::string plugins = std::filesystem::path(DYAD_TEMPERATURE_PLUGIN).parent_path().string() +
                          ":" + dir.file("failing");
    auto run = [&](std::vector<std::string> args) {
        std::vector<std::string> argv = {dyad::test::dyadctl_path(), "--data-dir",
                                         dir.file("practice")};
        argv.insert(argv.end(), args.begin(), args.end());
        return dyad::test::run_process_with_input(argv, {"DYAD_PLUGIN_PATH=" + plugins}, "", 60);
    };
    auto demo = run({"demo"});
    ASSERT_EQ(demo.exit_code, 0) << demo.err;
    EXPECT_NE(demo.err.find("test.demo-fails) could not fill the demo: its sample data file is "
                            "missing"),
              std::string::npos)
        << demo.err;
    std::string units = run({"units", "list"}).out;
    std::string unit = Temperature::first_field_of_line_with(units, "Ana & Ben Ortiz");
    ASSERT_FALSE(unit.empty()) << units;
    // Three weeks of readings by each partner, dated back from today.
    std::string listed = run({"temperature", "list", "--unit", unit}).out;
    EXPECT_EQ(std::count(listed.begin(), listed.end(), '\n'), 6) << listed;
    EXPECT_NE(listed.find("You listened first"), std::string::npos) << listed;
    // The practice still takes writes: the failing plugin's open transaction was rolled back.
    auto members = run({"units", "members", unit}).out;
    std::string ana = Temperature::first_field_of_line_with(members, "Ana Ortiz");
    std::vector<std::string> add = {dyad::test::dyadctl_path(),
                                    "--data-dir",
                                    dir.file("practice"),
                                    "temperature",
                                    "add",
                                    "--unit",
                                    unit,
                                    "--by",
                                    ana};
    EXPECT_EQ(dyad::test::run_process_with_input(add, {"DYAD_PLUGIN_PATH=" + plugins},
                                                 "Tea in bed\n\n", 60)
                  .exit_code,
              0);
}
