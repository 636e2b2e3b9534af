#include <gtest/gtest.h>

#include <dyad/show.hpp>
#include <filesystem>
#include <fstream>

#include "note_templates.h"
#include "test_support.h"

using namespace dyad::records_plugin;

TEST(NoteTemplates, EveryShippedTemplateIsValid) {
    auto library = load_note_templates({dyad::test::source_dir() + "/resources"});
    EXPECT_TRUE(library.problems.empty()) << library.problems.front();
    for (const char* id : {"soap", "dap", "birp", "imago-session", "psychotherapy"}) {
        const NoteTemplate* found = library.find(id);
        ASSERT_NE(found, nullptr) << id;
        EXPECT_FALSE(found->sections.empty());
    }
    EXPECT_EQ(library.find("psychotherapy")->kind, "psychotherapy");
    EXPECT_EQ(library.find("soap")->sections.front().key, "subjective");
}

TEST(NoteTemplates, BrokenFilesAreRefusedWithTheirReason) {
    struct {
        const char* json;
        const char* reason;
    } cases[] = {
        {"{", "is not valid JSON"},
        {"[1, 2]", "must hold one JSON object"},
        {R"({"title": "x", "kind": "progress", "version": 1, "sections": []})",
         "\"id\" must be text"},
        {R"({"id": "Bad Id", "title": "x", "kind": "progress", "version": 1, "sections": [{"key": "a", "label": "A"}]})",
         "lowercase letters, digits and '-'"},
        {R"({"id": "x", "title": "x", "kind": "chat", "version": 1, "sections": [{"key": "a", "label": "A"}]})",
         "\"kind\" must be"},
        {R"({"id": "x", "title": "x", "kind": "progress", "version": 0, "sections": [{"key": "a", "label": "A"}]})",
         "\"version\" must be a whole number"},
        {R"({"id": "x", "title": "x", "kind": "progress", "version": 1, "sections": []})",
         "at least one section"},
        {R"({"id": "x", "title": "x", "kind": "progress", "version": 1, "sections": [{"key": "a"}]})",
         "sections[0]: \"label\" must be text"},
        {R"({"id": "x", "title": "x", "kind": "progress", "version": 1, "sections": [{"key": "a", "label": "A"}, {"key": "a", "label": "B"}]})",
         "sections[1]: the key \"a\" is used twice"},
        {R"({"id": "x", "title": "x", "kind": "progress", "version": 1, "sections": [{"key": "a", "label": "A", "required": "yes"}]})",
         "\"required\" must be true or false"},
    };
    for (const auto& c : cases) {
        auto parsed = parse_note_template(c.json, "clinic.json");
        ASSERT_FALSE(parsed) << c.json;
        EXPECT_NE(parsed.error().find(c.reason), std::string::npos) << parsed.error();
        EXPECT_EQ(parsed.error().rfind("clinic.json", 0), 0u) << parsed.error();
    }
}

TEST(NoteTemplates, AClinicsFileReplacesTheInstalledOneAndBrokenOnesAreListed) {
    dyad::test::TempDir clinic;
    std::filesystem::create_directories(clinic.file("note-templates"));
    std::ofstream(clinic.file("note-templates/soap.json"))
        << R"json({"id": "soap", "version": 2, "title": "SOAP (clinic)", "kind": "progress",
               "sections": [{"key": "subjective", "label": "S", "required": true}]})json";
    std::ofstream(clinic.file("note-templates/broken.json")) << "{ not json";
    auto library = load_note_templates({clinic.path(), dyad::test::source_dir() + "/resources"});
    ASSERT_NE(library.find("soap"), nullptr);
    EXPECT_EQ(library.find("soap")->title, "SOAP (clinic)");
    EXPECT_EQ(library.find("soap")->version, 2);
    ASSERT_NE(library.find("dap"), nullptr);  // The rest still come from the installed folder.
    ASSERT_EQ(library.problems.size(), 1u);
    EXPECT_NE(library.problems[0].find("broken.json is not valid JSON"), std::string::npos);
}

// In Spanish (issue 19) the installed templates are read from resources/es/note-templates: the
// same ids, kinds, versions and section keys (notes keep their keys), with translated words.
TEST(NoteTemplates, TheSpanishTemplatesMatchTheEnglishOnesKeyForKey) {
    std::string resources = dyad::test::source_dir() + "/resources";
    auto english = load_note_templates({resources});
    dyad::show::set_language("es", nullptr);
    auto spanish = load_note_templates({resources});
    dyad::show::set_language("en", nullptr);
    EXPECT_TRUE(spanish.problems.empty()) << spanish.problems.front();
    ASSERT_EQ(spanish.templates.size(), english.templates.size());
    for (const auto& original : english.templates) {
        const NoteTemplate* translated = spanish.find(original.id);
        ASSERT_NE(translated, nullptr) << original.id;
        EXPECT_NE(translated->source.find("/es/note-templates/"), std::string::npos);
        EXPECT_NE(translated->title, original.title) << original.id;
        EXPECT_EQ(translated->kind, original.kind);
        EXPECT_EQ(translated->version, original.version);
        ASSERT_EQ(translated->sections.size(), original.sections.size()) << original.id;
        for (std::size_t i = 0; i < original.sections.size(); ++i) {
            EXPECT_EQ(translated->sections[i].key, original.sections[i].key);
            EXPECT_EQ(translated->sections[i].required, original.sections[i].required);
        }
    }
    EXPECT_EQ(spanish.find("soap")->title, "Nota SOAP");
}
