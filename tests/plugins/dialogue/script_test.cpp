#include <gtest/gtest.h>

#include <data_files.h>
#include <json_lines.h>

#include <dyad/show.hpp>
#include <filesystem>
#include <fstream>
#include <utility>
#include <vector>

#include "script.h"
#include "test_support.h"

using namespace dyad::dialogue;

TEST(DialogueScripts, TheFourShippedScriptsLoadWithoutProblems) {
    ScriptLibrary library = load_scripts({dyad::test::source_dir() + "/resources"});
    EXPECT_TRUE(library.problems.empty()) << library.problems.front();
    for (const char* id : {"couple-dialogue", "frustration-dialogue", "appreciation-dialogue",
                           "parent-child-dialogue"}) {
        const Script* script = library.find(id);
        ASSERT_NE(script, nullptr) << id;
        EXPECT_TRUE(script->steps.back().switch_roles) << id;
        int mirror = script->step_index("mirror");
        ASSERT_GE(mirror, 0) << id;
        EXPECT_EQ(script->steps[static_cast<std::size_t>(mirror)].loop_to,
                  script->step_index("send"))
            << id;
    }
    const Script* frustration = library.find("frustration-dialogue");
    const Step& send =
        frustration->steps[static_cast<std::size_t>(frustration->step_index("send"))];
    EXPECT_EQ(send.stems.size(), 5u);  // Concerned, feel, story, reminds me, desire.
}

TEST(DialogueScripts, EveryProblemIsReportedWithItsPathAndLine) {
    std::string json =
        "{\n"
        "  \"id\": \"ok-id\",\n"
        "  \"version\": 1,\n"
        "  \"title\": \"T\",\n"
        "  \"steps\": [\n"
        "    {\"id\": \"a\", \"title\": \"A\", \"speaker\": \"sender\", \"stems\": [\"x\"]},\n"
        "    {\"id\": \"b\", \"title\": \"\", \"speaker\": \"receiver\",\n"
        "     \"stems\": [\"y\", 7], \"loop_to\": \"b\"},\n"
        "    {\"id\": \"c\", \"title\": \"C\", \"speaker\": \"both\", \"stems\": [\"z\"],\n"
        "     \"switch\": \"yes\"}\n"
        "  ]\n"
        "}\n";
    ScriptCheck checked = check_script(json, "mine.json");
    std::vector<std::string> expected = {
        "mine.json:7: steps[1].title: is empty",
        "mine.json:8: steps[1].stems[1]: must be non-empty text",
        "mine.json:10: steps[2].switch: must be true or false",
        "mine.json:8: steps[1].loop_to: \"b\" is not an earlier step",
        "mine.json:5: steps: the last step, and only it, must switch roles (\"switch\": true)",
    };
    EXPECT_EQ(checked.problems, expected);
    EXPECT_FALSE(checked.ok());

    auto broken = check_script("{\"id\": ", "cut.json");
    ASSERT_EQ(broken.problems.size(), 1u);
    EXPECT_EQ(broken.problems[0].rfind("cut.json: not valid JSON", 0), 0u) << broken.problems[0];
    std::string long_stem(201, 'x');
    auto too_long = check_script(
        R"({"id":"x","version":1,"title":"t","steps":[{"id":"a","title":"A","speaker":"sender","stems":[")" +
            long_stem +
            R"("]},{"id":"b","title":"B","speaker":"both","stems":["s"],"switch":true}]})",
        "long.json");
    ASSERT_EQ(too_long.problems.size(), 1u);
    EXPECT_NE(too_long.problems[0].find("steps[0].stems[0]: longer than 200"), std::string::npos);
}

TEST(DialogueScripts, ABrokenClinicScriptIsRefusedAndTheInstalledOneKept) {
    dyad::test::TempDir clinic;
    std::filesystem::create_directories(clinic.path() + "/dialogues");
    std::ofstream(clinic.path() + "/dialogues/couple-dialogue.json")
        << "{\"id\": \"couple-dialogue\"";
    ScriptLibrary library = load_scripts({clinic.path(), dyad::test::source_dir() + "/resources"});
    ASSERT_EQ(library.problems.size(), 1u);
    EXPECT_NE(library.problems[0].find("not valid JSON"), std::string::npos);
    EXPECT_NE(library.find("couple-dialogue"), nullptr);  // The installed one still serves.
}

TEST(JsonLines, PathsMapToTheLinesTheirValuesStartOn) {
    auto lines = dyad::datafile::json_value_lines(
        "{\n \"a\": 1,\n \"b\": [\n  {\"c\": \"x\\\"y\"},\n  2\n ]\n}");
    EXPECT_EQ(lines.at(""), 1);
    EXPECT_EQ(lines.at("a"), 2);
    EXPECT_EQ(lines.at("b"), 3);
    EXPECT_EQ(lines.at("b[0].c"), 4);
    EXPECT_EQ(lines.at("b[1]"), 5);
    EXPECT_EQ(dyad::datafile::line_of(lines, "b[0].missing"), 4);
    EXPECT_EQ(dyad::datafile::line_of(lines, "zzz"), 1);
}

// Translated data files (issue 19): with Spanish chosen, "<folder>/es/<subfolder>/<name>" is read
// instead of the English file of that name, a file only in es/ is read too, and an English
// file without a translation stays (the fallback); in English, es/ is never read.
TEST(DataFiles, ATranslationReplacesItsEnglishFileAndEnglishIsTheFallback) {
    dyad::test::TempDir dir;
    std::filesystem::create_directories(dir.path() + "/dialogues");
    std::filesystem::create_directories(dir.path() + "/es/dialogues");
    for (const auto& [relative, text] : std::vector<std::pair<std::string, std::string>>{
             {"dialogues/a.json", "english a"},
             {"dialogues/b.json", "english b"},
             {"es/dialogues/a.json", "spanish a"},
             {"es/dialogues/c.json", "spanish c"},
             {"es/dialogues/notes.txt", "not a data file"}}) {
        std::ofstream(dir.path() + "/" + relative) << text;
    }
    using Read = std::vector<std::pair<std::string, std::string>>;  // Path, content.
    auto read = [&] {
        Read seen;
        dyad::datafile::for_each_data_file(
            {dir.path()}, "dialogues", [&](const std::string& path, const std::string& content) {
                seen.emplace_back(path, content);
                return true;
            });
        return seen;
    };
    dyad::show::set_language("es", nullptr);
    Read spanish = read();
    std::string translated = dyad::datafile::localized(dir.path(), "dialogues/a.json");
    std::string untranslated = dyad::datafile::localized(dir.path(), "dialogues/b.json");
    dyad::show::set_language("en", nullptr);
    Read english = read();

    const std::string& d = dir.path();
    EXPECT_EQ(spanish, (Read{{d + "/es/dialogues/a.json", "spanish a"},
                             {d + "/dialogues/b.json", "english b"},
                             {d + "/es/dialogues/c.json", "spanish c"}}));
    EXPECT_EQ(english, (Read{{d + "/dialogues/a.json", "english a"},
                             {d + "/dialogues/b.json", "english b"}}));
    EXPECT_EQ(translated, d + "/es/dialogues/a.json");
    EXPECT_EQ(untranslated, d + "/dialogues/b.json");
    EXPECT_EQ(dyad::datafile::localized(d, "dialogues/a.json"), d + "/dialogues/a.json");
}

// A translation that is broken (refused by its reader, or unreadable: too large here) never
// hides the English file of the same name: that one is read instead, and the problems say so.
TEST(DataFiles, ABrokenTranslationLeavesTheEnglishFileToBeRead) {
    dyad::test::TempDir dir;
    const std::string& d = dir.path();
    std::filesystem::create_directories(d + "/dialogues");
    std::filesystem::create_directories(d + "/es/dialogues");
    std::ofstream(d + "/dialogues/a.json") << "english a";
    std::ofstream(d + "/dialogues/b.json") << "english b";
    std::ofstream(d + "/es/dialogues/a.json") << "broken";
    std::ofstream(d + "/es/dialogues/b.json")
        << std::string(dyad::datafile::kMaxDataFileBytes + 1, ' ');
    std::ofstream(d + "/es/dialogues/c.json") << "broken";  // No English file behind it.
    std::vector<std::pair<std::string, std::string>> taken;
    std::vector<std::string> problems;
    dyad::show::set_language("es", nullptr);
    dyad::datafile::for_each_data_file(
        {d}, "dialogues",
        [&](const std::string& path, const std::string& content) {
            if (content == "broken") {
                return false;  // The reader said what was wrong with it.
            }
            taken.emplace_back(path, content);
            return true;
        },
        ".json", &problems);
    dyad::show::set_language("en", nullptr);
    EXPECT_EQ(taken,
              (std::vector<std::pair<std::string, std::string>>{
                  {d + "/dialogues/a.json", "english a"}, {d + "/dialogues/b.json", "english b"}}));
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_EQ(problems[0],
              d + "/es/dialogues/a.json was not used; the English file is tried instead");
    EXPECT_NE(problems[1].find("es/dialogues/b.json"), std::string::npos) << problems[1];
    EXPECT_NE(problems[1].find("the English file is tried instead"), std::string::npos);

    // Through the dialogue coach's loader: a Spanish script that is not JSON leaves the English
    // script in the library, and its problem is reported.
    std::filesystem::remove_all(d + "/es");
    std::filesystem::remove_all(d + "/dialogues");
    std::filesystem::create_directories(d + "/es/dialogues");
    std::string resources = dyad::test::source_dir() + "/resources";
    std::filesystem::copy(resources + "/dialogues", d + "/dialogues");
    ScriptLibrary english = load_scripts({d});
    ASSERT_FALSE(english.scripts.empty());
    std::string first;
    for (const auto& entry : std::filesystem::directory_iterator(d + "/dialogues")) {
        first = entry.path().filename().string();
        break;
    }
    std::ofstream(d + "/es/dialogues/" + first) << "{ not json";
    dyad::show::set_language("es", nullptr);
    ScriptLibrary spanish = load_scripts({d});
    dyad::show::set_language("en", nullptr);
    EXPECT_EQ(spanish.scripts.size(), english.scripts.size());
    ASSERT_FALSE(spanish.problems.empty());
    EXPECT_NE(spanish.problems.front().find(first), std::string::npos) << spanish.problems.front();
}

// The shipped Spanish scripts: valid, and the same dialogues as the English ones (the same ids
// and steps, so the coach and the fidelity checklist work alike), with Spanish stems.
TEST(DialogueScripts, TheSpanishScriptsHaveTheEnglishOnesSteps) {
    std::string resources = dyad::test::source_dir() + "/resources";
    ScriptLibrary english = load_scripts({resources});
    dyad::show::set_language("es", nullptr);
    ScriptLibrary spanish = load_scripts({resources});
    dyad::show::set_language("en", nullptr);
    EXPECT_TRUE(spanish.problems.empty()) << spanish.problems.front();
    ASSERT_EQ(spanish.scripts.size(), english.scripts.size());
    for (const auto& script : english.scripts) {
        const Script* translated = spanish.find(script.id);
        ASSERT_NE(translated, nullptr) << script.id;
        EXPECT_NE(translated->title, script.title) << script.id;
        EXPECT_EQ(translated->version, script.version) << script.id;
        ASSERT_EQ(translated->steps.size(), script.steps.size()) << script.id;
        for (std::size_t i = 0; i < script.steps.size(); ++i) {
            const Step& mine = translated->steps[i];
            const Step& theirs = script.steps[i];
            EXPECT_EQ(mine.id, theirs.id) << script.id;
            EXPECT_EQ(mine.speaker, theirs.speaker) << script.id << " " << theirs.id;
            EXPECT_EQ(mine.loop_to, theirs.loop_to) << script.id << " " << theirs.id;
            EXPECT_EQ(mine.switch_roles, theirs.switch_roles) << script.id << " " << theirs.id;
            EXPECT_EQ(mine.stems.size(), theirs.stems.size()) << script.id << " " << theirs.id;
        }
    }
    const Script* couple = spanish.find("couple-dialogue");
    ASSERT_NE(couple, nullptr);
    const Step& mirror = couple->steps[static_cast<std::size_t>(couple->step_index("mirror"))];
    ASSERT_FALSE(mirror.stems.empty());
    EXPECT_EQ(mirror.stems.front().rfind("Lo que te escucho decir es", 0), 0u)
        << mirror.stems.front();
}
