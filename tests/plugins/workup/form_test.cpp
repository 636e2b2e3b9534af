#include <gtest/gtest.h>

#include "form.h"

#include <dyad/show.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include "test_support.h"

using namespace dyad::workup;

TEST(Forms, TheShippedFormsLoadAndUseEveryFieldType) {
    FormLibrary library = load_forms({dyad::test::source_dir() + "/resources"});
    EXPECT_TRUE(library.problems.empty()) << library.problems.front();
    ASSERT_NE(library.find("imago-workup"), nullptr);
    ASSERT_NE(library.find("partner-profile"), nullptr);
    ASSERT_NE(library.find("caring-behaviours"), nullptr);
    const Form& workup = *library.find("imago-workup");
    EXPECT_EQ(workup.field("positive_traits")->flag, "affected me most");
    EXPECT_EQ(workup.field("caretakers")->fields.size(), 2u);
    EXPECT_EQ(workup.field("searching")->type, "computed");
}

TEST(Forms, EveryFieldTypeParses) {
    auto checked = check_form(R"({
      "id": "all-types", "version": 2, "title": "All",
      "sections": [{"key": "s", "title": "S", "fields": [
        {"key": "a", "type": "short_text", "label": "A", "required": true},
        {"key": "b", "type": "long_text", "label": "B"},
        {"key": "c", "type": "tags", "label": "C", "vocabulary": ["x"], "flag": "most"},
        {"key": "d", "type": "group", "label": "D", "fields": [
            {"key": "d1", "type": "short_text", "label": "D1"},
            {"key": "d2", "type": "rating", "label": "D2"}]},
        {"key": "e", "type": "choice", "label": "E", "options": ["p", "q"], "multiple": true},
        {"key": "f", "type": "rating", "label": "F"},
        {"key": "g", "type": "date", "label": "G"},
        {"key": "h", "type": "computed", "label": "H", "template": "{a} and {flagged:c}"}]}]})",
                              "all.json");
    ASSERT_TRUE(checked.ok()) << checked.problems.front();
    EXPECT_EQ(checked.form.version, 2);
    EXPECT_TRUE(checked.form.field("e")->multiple);
    EXPECT_TRUE(checked.form.field("a")->required);
}

TEST(Forms, ABrokenFormListsEveryProblemWithPathAndLine) {
    std::string json =
        "{\n"
        "  \"id\": \"Bad Id\",\n"
        "  \"version\": 1,\n"
        "  \"title\": \"Bad\",\n"
        "  \"sections\": [\n"
        "    {\"key\": \"s\", \"title\": \"S\", \"fields\": [\n"
        "      {\"key\": \"a\", \"type\": \"slider\", \"label\": \"A\"},\n"
        "      {\"key\": \"a\", \"type\": \"choice\", \"label\": \"B\", \"options\": [\"one\"]},\n"
        "      {\"key\": \"g\", \"type\": \"group\", \"label\": \"G\", \"fields\": [\n"
        "        {\"key\": \"inner\", \"type\": \"group\", \"label\": \"I\", \"fields\": []}]},\n"
        "      {\"key\": \"c\", \"type\": \"computed\", \"label\": \"C\", \"template\": "
        "\"{nope}\"}\n"
        "    ]}\n"
        "  ]\n"
        "}\n";
    FormCheck checked = check_form(json, "bad.json");
    std::vector<std::string> expected = {
        "bad.json:2: id: use lower-case letters, digits, '_' and '-' only",
        "bad.json:7: sections[0].fields[0].type: \"slider\" is not a field type (short_text, "
        "long_text, tags, group, choice, rating, date, computed)",
        "bad.json:8: sections[0].fields[1].key: \"a\" is used twice",
        "bad.json:8: sections[0].fields[1].options: a choice needs at least two options",
        "bad.json:10: sections[0].fields[2].fields[0]: a group cannot hold another group",
        "bad.json:11: sections[0].fields[3].template: {nope} names no field of this form",
    };
    EXPECT_EQ(checked.problems, expected);
    EXPECT_FALSE(check_form("[1]", "x.json").ok());
    EXPECT_NE(check_form("{", "x.json").problems.front().find("not valid JSON"), std::string::npos);
}

TEST(Forms, ABrokenClinicFormIsRefusedAndTheRestStillLoad) {
    dyad::test::TempDir clinic;
    std::filesystem::create_directories(clinic.path() + "/forms");
    std::ofstream(clinic.path() + "/forms/mine.json") << "{\"id\": \"mine\", \"version\": 1}";
    std::ofstream(clinic.path() + "/forms/daily.json")
        << R"({"id": "daily", "version": 1, "title": "Daily",
              "sections": [{"key": "s", "title": "S",
                            "fields": [{"key": "a", "type": "short_text", "label": "A"}]}]})";
    FormLibrary library = load_forms({clinic.path(), dyad::test::source_dir() + "/resources"});
    ASSERT_EQ(library.problems.size(), 2u);  // No title, no sections.
    EXPECT_EQ(library.find("mine"), nullptr);
    EXPECT_NE(library.find("daily"), nullptr);  // Appears without rebuilding.
    EXPECT_NE(library.find("imago-workup"), nullptr);
}

// The published JSON Schema accepts every shipped form and refuses what the engine refuses,
// checked by ajv (tests/node, installed by scripts/dyad).
TEST(Forms, ThePublishedSchemaAcceptsTheShippedForms) {
    std::string forms = dyad::test::source_dir() + "/resources/forms/";
    ASSERT_TRUE(std::filesystem::exists(std::filesystem::path(DYAD_SCHEMA_CHECKER).parent_path() /
                                        "node_modules" / "ajv"))
        << "the schema checker is not installed: run scripts/dyad test (npm ci in tests/node)";
    std::vector<std::string> argv = {DYAD_NODE, DYAD_SCHEMA_CHECKER, forms + "form.schema.json"};
    for (const char* name :
         {"imago-workup", "partner-profile", "caring-behaviours", "relationship-vision"}) {
        argv.push_back(forms + name + ".json");
        std::ifstream in(argv.back());
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        EXPECT_TRUE(check_form(text, name).ok()) << name;
    }
    auto valid = dyad::test::run_process(argv);
    EXPECT_EQ(valid.exit_code, 0) << valid.out << valid.err;
    EXPECT_EQ(valid.out, "valid: 4 file(s)\n");

    dyad::test::TempDir dir;
    std::string broken = dir.path() + "/broken.json";
    std::ofstream(broken) << R"({"id": "b", "version": 1, "title": "B", "sections": [
        {"key": "s", "title": "S", "fields": [{"key": "a", "type": "slider", "label": "A"}]}]})";
    auto refused = dyad::test::run_process(
        {DYAD_NODE, DYAD_SCHEMA_CHECKER, forms + "form.schema.json", broken});
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_NE(refused.out.find("/sections/0/fields/0/type"), std::string::npos) << refused.out;
    std::ifstream in(broken);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_FALSE(check_form(text, "broken.json").ok());
}

// Issue 19: the Spanish forms (resources/es/forms, read when Spanish is chosen) are the English
// ones in Spanish: the same ids, versions, keys, types and options (the stored answers stay
// valid in either language), translated words, and templates that name the same fields.
TEST(Forms, TheSpanishFormsHaveTheEnglishOnesKeys) {
    std::string resources = dyad::test::source_dir() + "/resources";
    FormLibrary english = load_forms({resources});
    dyad::show::set_language("es", nullptr);
    FormLibrary spanish = load_forms({resources});
    dyad::show::set_language("en", nullptr);
    EXPECT_TRUE(spanish.problems.empty()) << spanish.problems.front();
    ASSERT_EQ(spanish.forms.size(), english.forms.size());
    auto same_fields = [](const std::vector<Field>& mine, const std::vector<Field>& theirs,
                          const std::string& where, auto& self) -> void {
        ASSERT_EQ(mine.size(), theirs.size()) << where;
        for (std::size_t i = 0; i < theirs.size(); ++i) {
            const Field& a = mine[i];
            const Field& b = theirs[i];
            EXPECT_EQ(a.key, b.key) << where;
            EXPECT_EQ(a.type, b.type) << where << "." << b.key;
            EXPECT_EQ(a.required, b.required) << where << "." << b.key;
            EXPECT_EQ(a.multiple, b.multiple) << where << "." << b.key;
            EXPECT_EQ(a.vocabulary.size(), b.vocabulary.size()) << where << "." << b.key;
            EXPECT_EQ(a.flag.empty(), b.flag.empty()) << where << "." << b.key;
            EXPECT_NE(a.label, b.label) << where << "." << b.key;
            if (b.type == "choice") {
                EXPECT_EQ(a.vocabulary, b.vocabulary) << where << "." << b.key;
            }
            self(a.fields, b.fields, where + "." + b.key, self);
        }
    };
    for (const auto& form : english.forms) {
        const Form* translated = spanish.find(form.id);
        ASSERT_NE(translated, nullptr) << form.id;
        EXPECT_NE(translated->title, form.title) << form.id;
        EXPECT_EQ(translated->version, form.version) << form.id;
        ASSERT_EQ(translated->sections.size(), form.sections.size()) << form.id;
        for (std::size_t s = 0; s < form.sections.size(); ++s) {
            EXPECT_EQ(translated->sections[s].key, form.sections[s].key) << form.id;
            same_fields(translated->sections[s].fields, form.sections[s].fields,
                        form.id + "." + form.sections[s].key, same_fields);
        }
    }
    EXPECT_EQ(spanish.find("imago-workup")->field("positive_traits")->flag,
              "m\u00e1s me afectaron");
}
