#include <gtest/gtest.h>

#include <algorithm>
#include <dyad/show.hpp>

#include "plugin_harness.h"
#include "progress.h"
#include "response.h"
#include "vision.h"
#include "worksheet_pdf.h"

using namespace dyad::workup;

namespace {

const Form& workup_form() {
    static FormLibrary library = load_forms({dyad::test::source_dir() + "/resources"});
    return *library.find("imago-workup");
}

Poco::JSON::Object::Ptr answers(const std::string& json) {
    auto parsed = parse_answers(json);
    EXPECT_FALSE(parsed.isNull()) << json;
    return parsed;
}

struct Fixture {
    dyad::test::PluginHarness harness{"dyad.workup", workup_schema()};
    ResponseStore store{dyad::sdk::Database(dyad::sdk::Host(harness.host()))};
    std::int64_t couple = harness.unit("Ana & Ben Ortiz");
    std::vector<std::int64_t> partners;
    Fixture() {
        auto members = harness.practice().records().members(couple);  // Kept for the loop.
        for (const auto& member : *members) {
            partners.push_back(member.client_id);
        }
    }
};

}  // namespace

TEST(WorkupAnswers, EachFieldTypeIsCheckedWithItsPath) {
    auto form = check_form(R"({"id": "t", "version": 1, "title": "T", "sections": [
        {"key": "s", "title": "S", "fields": [
          {"key": "r", "type": "rating", "label": "R"},
          {"key": "c", "type": "choice", "label": "C", "options": ["yes", "no"]},
          {"key": "m", "type": "choice", "label": "M", "options": ["a", "b"], "multiple": true},
          {"key": "d", "type": "date", "label": "D"},
          {"key": "t", "type": "tags", "label": "T"},
          {"key": "g", "type": "group", "label": "G", "fields": [
              {"key": "x", "type": "rating", "label": "X"}]},
          {"key": "k", "type": "computed", "label": "K", "template": "{r}"}]}]})",
                           "t.json")
                    .form;
    struct {
        const char* json;
        const char* problem;
    } cases[] = {
        {R"({"r": 3, "c": "yes", "m": ["a", "b"], "d": "2026-02-28", "t": [{"text": "kind"}],
             "g": [{"x": 2}]})",
         ""},
        {R"({"r": 6})", "r: a rating is 1 to 5"},
        {R"({"r": "high"})", "r: a rating is 1 to 5"},
        {R"({"c": "maybe"})", "c: \"maybe\" is not one of the options"},
        {R"({"c": ["yes"]})", "c: choose one option"},
        {R"({"m": ["a", "z"]})", "m: \"z\" is not one of the options"},
        {R"({"d": "2026-02-30"})", "d: is not a valid date (expected YYYY-MM-DD)"},
        {R"({"t": ["kind"]})", "t[0]: must have \"text\""},
        {R"({"g": [{"x": 9}]})", "g[0].x: a rating is 1 to 5"},
        {R"({"k": "typed"})", "k: a computed field is not stored"},
        {R"({"zzz": 1})", "zzz: the form t version 1 has no such field"},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(check_answers(form, answers(c.json)), c.problem) << c.json;
    }
}

TEST(WorkupAnswers, UnfinishedBusinessIsAssembledFromTheAnswers) {
    auto given = answers(R"({
        "positive_traits": [{"text": "warm", "flagged": true}, {"text": "funny"}],
        "negative_traits": [{"text": "absent", "flagged": true}, {"text": "critical", "flagged": true}],
        "childhood_want": "to be seen",
        "childhood_feelings": [{"text": "lonely"}, {"text": "invisible"}],
        "childhood_reactions": "I went quiet"})");
    const Form& form = workup_form();
    EXPECT_EQ(fill_template(form, form.field("searching")->template_text, given),
              "I have spent my life searching for a person with these traits: warm, absent, "
              "critical.");
    EXPECT_EQ(fill_template(form, form.field("troubled")->template_text, given),
              "When I am with such a person, I am troubled by these traits: absent, critical.");
    EXPECT_EQ(fill_template(form, form.field("feelings")->template_text, given),
              "When my needs are not met, I have these feelings: lonely, invisible.");
    EXPECT_EQ(fill_template(form, form.field("wish")->template_text, answers("{}")),
              "And I wish that person would give me: ....");
    auto complete = sections_complete(form, given);
    // Unfinished business (computed sentences only) is complete: every field it reads is there.
    EXPECT_EQ(complete, (std::vector<bool>{false, true, true, true}));
    given->remove("childhood_want");
    EXPECT_EQ(sections_complete(form, given), (std::vector<bool>{false, true, false, false}));
}

TEST(WorkupAnswers, SavedPerPartnerAndVersionOldAnswersStayReadable) {
    Fixture f;
    const Form& v1 = workup_form();
    ASSERT_TRUE(
        f.store.save(f.couple, f.partners[0], v1, answers(R"({"childhood_want": "attention"})")));
    ASSERT_TRUE(
        f.store.save(f.couple, f.partners[1], v1, answers(R"({"childhood_want": "safety"})")));
    // A revised form (version 2) keeps version 1's answers readable by their version.
    Form v2 = v1;
    v2.version = 2;
    ASSERT_TRUE(
        f.store.save(f.couple, f.partners[0], v2, answers(R"({"childhood_want": "to be heard"})")));
    auto newest = f.store.load(f.couple, f.partners[0], "imago-workup");
    ASSERT_TRUE(newest);
    EXPECT_EQ(newest->form_version, 2);
    EXPECT_EQ(newest->answers->getValue<std::string>("childhood_want"), "to be heard");
    auto old = f.store.load(f.couple, f.partners[0], "imago-workup", 1);
    EXPECT_EQ(old->answers->getValue<std::string>("childhood_want"), "attention");
    EXPECT_EQ(*f.store.versions(f.couple, f.partners[0], "imago-workup"), (std::vector<int>{1, 2}));
    auto other = f.store.load(f.couple, f.partners[1], "imago-workup");
    EXPECT_EQ(other->answers->getValue<std::string>("childhood_want"), "safety");
    auto none = f.store.load(f.couple, f.partners[0], "partner-profile");
    EXPECT_EQ(none->form_version, 0);

    auto refused = f.store.save(f.couple, f.partners[0], v1, answers(R"({"childhood_want": 7})"));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error(), "childhood_want: must be text");
    EXPECT_EQ(f.store.load(f.couple, f.partners[0], "imago-workup", 1)
                  ->answers->getValue<std::string>("childhood_want"),
              "attention");  // Nothing lost.
    EXPECT_FALSE(f.store.save(f.couple, 424242, v1, answers("{}")));
}

TEST(WorkupAnswers, TheSideBySidePdfShowsBothPartners) {
    dyad::test::TempDir dir;
    std::string path = dir.path() + "/workup.pdf";
    auto pages = worksheet_pdf(workup_form(),
                               {{"Ana", answers(R"({"childhood_want": "to be seen"})")},
                                {"Ben", answers(R"({"childhood_want": "calm"})")}},
                               "Ana & Ben", path);
    ASSERT_TRUE(pages) << pages.error();
    auto text = dyad::test::run_process({DYAD_PDFTOTEXT, path, "-"});
    EXPECT_NE(text.out.find("Imago Workup: Ana and Ben"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("to be seen"), std::string::npos);
    EXPECT_NE(text.out.find("Ben: And I wish that person would give me: calm."), std::string::npos)
        << text.out;
}

TEST(WorkupAnswers, PartnerProfileShowsTheTraitsItSharesWithTheCaretakers) {
    FormLibrary library = load_forms({dyad::test::source_dir() + "/resources"});
    const Form& profile = *library.find("partner-profile");
    auto workup = answers(R"({"positive_traits": [{"text": "Warm"}, {"text": "funny"}],
                              "negative_traits": [{"text": "absent"}, {"text": "critical"}]})");
    auto mine = answers(R"({"partner_positive": [{"text": "warm"}, {"text": "calm"}],
                            "partner_negative": [{"text": "critical"}]})");
    AnswersOf other = [&](const std::string& form_id) {
        return form_id == "imago-workup" ? workup : Poco::JSON::Object::Ptr();
    };
    EXPECT_EQ(fill_template(profile, profile.field("overlap_positive")->template_text, mine, other),
              "My partner shares these positive traits with my caretakers: warm.");
    EXPECT_EQ(fill_template(profile, profile.field("overlap_negative")->template_text, mine, other),
              "My partner shares these negative traits with my caretakers: critical.");
    EXPECT_EQ(fill_template(profile, profile.field("overlap_negative")->template_text, mine),
              "My partner shares these negative traits with my caretakers: ....");
}

TEST(WorkupVision, StatementsInCommonComeFirstAndKeptVersionsAreNumbered) {
    auto ana = answers(R"({"statements": [
        {"statement": "We settle our differences peacefully", "importance": 5, "hard": "yes"},
        {"statement": "We travel once a year", "importance": 2},
        {"statement": "We laugh together every day", "importance": 4}]})");
    auto ben = answers(R"({"statements": [
        {"statement": "We laugh together every single day", "importance": 5},
        {"statement": "We settle differences peacefully.", "importance": 3},
        {"statement": "We have a garden", "importance": 1}]})");
    auto merged = merge_visions({{"Ana", ana}, {"Ben", ben}});
    ASSERT_EQ(merged.size(), 4u);
    EXPECT_TRUE(merged[0].in_common);
    EXPECT_EQ(merged[0].text, "We laugh together every day");  // 4 + 5.
    EXPECT_EQ(merged[0].importance, 9);
    EXPECT_EQ(merged[1].text, "We settle our differences peacefully");  // 5 + 3.
    EXPECT_TRUE(merged[1].hard);
    EXPECT_EQ(merged[1].authors, (std::vector<std::string>{"Ana", "Ben"}));
    EXPECT_FALSE(merged[2].in_common);
    EXPECT_EQ(merged[2].text, "We travel once a year");

    Fixture f;
    VisionStore store{dyad::sdk::Database(dyad::sdk::Host(f.harness.host()))};
    EXPECT_EQ(*store.keep(f.couple, merged), 1);
    merged.pop_back();
    EXPECT_EQ(*store.keep(f.couple, merged), 2);
    auto versions = store.versions(f.couple);
    ASSERT_TRUE(versions) << versions.error();
    ASSERT_EQ(versions->size(), 2u);
    EXPECT_EQ((*versions)[0].items.size(), 4u);
    EXPECT_EQ((*versions)[1].items.size(), 3u);
    EXPECT_TRUE((*versions)[1].items[0].in_common);
}

// The Overview's card: per partner, the forms they started and how many sections are complete;
// a partner who started none says so; counts only, never an answer's words.
TEST(WorkupProgress, EachPartnersStartedFormsWithTheirCompleteSections) {
    Fixture f;
    static FormLibrary library = load_forms({dyad::test::source_dir() + "/resources"});
    const Form& form = *library.find("imago-workup");
    ASSERT_TRUE(f.store.save(f.couple, f.partners[0], form,
                             answers(R"({"childhood_want": "to be seen"})")));
    auto progress =
        unit_progress(f.store, library, f.couple, {{f.partners[0], "Ana"}, {f.partners[1], "Ben"}});
    ASSERT_TRUE(progress) << progress.error();
    ASSERT_EQ(progress->size(), 2u);
    ASSERT_EQ(progress->at(0).forms.size(), 1u) << "only the form Ana started";
    const auto& started = progress->at(0).forms[0];
    EXPECT_EQ(started.title, form.title);
    EXPECT_EQ(started.sections, static_cast<int>(form.sections.size()));
    auto complete = sections_complete(form, answers(R"({"childhood_want": "to be seen"})"));
    EXPECT_EQ(started.complete,
              static_cast<int>(std::count(complete.begin(), complete.end(), true)));
    EXPECT_TRUE(progress->at(1).forms.empty());
    std::string text = progress_text(*progress);
    EXPECT_EQ(text, "Ana: " + form.title + " " + std::to_string(started.complete) + " of " +
                        std::to_string(started.sections) + " sections\nBen: no worksheet started");
    EXPECT_EQ(text.find("to be seen"), std::string::npos);
    EXPECT_EQ(progress_text({}), "");
}

// Issue 19: a choice shows its stored option ("yes", the same in every language's form) in the
// chosen language's words, and a date as people read dates; the stored values stay.
TEST(WorkupAnswers, ChoicesAndDatesShowInTheChosenLanguage) {
    auto form = check_form(R"({"id": "t", "version": 1, "title": "T", "sections": [
        {"key": "s", "title": "S", "fields": [
          {"key": "c", "type": "choice", "label": "C", "options": ["yes", "no"]},
          {"key": "m", "type": "choice", "label": "M", "options": ["yes", "maybe"],
           "multiple": true},
          {"key": "d", "type": "date", "label": "D"}]}]})",
                           "t.json")
                    .form;
    auto given = answers(R"({"c": "yes", "m": ["yes", "maybe"], "d": "2026-02-28"})");
    EXPECT_EQ(answer_text(*form.field("c"), given), "yes");
    EXPECT_EQ(answer_text(*form.field("d"), given), "Feb 28, 2026");
    // A catalog that knows the shipped options' words (and nothing else).
    dyad::show::set_language(
        "es", [](const char* context, const char* english, const char* many, long long n) {
            std::string word = english;
            if (context != nullptr && std::string(context) == "form option") {
                return std::string(word == "yes" ? "s\u00ed" : word == "no" ? "no" : "?");
            }
            return std::string(many != nullptr && n != 1 ? many : english);
        });
    std::string single = answer_text(*form.field("c"), given);
    std::string multiple = answer_text(*form.field("m"), given);
    std::string label = option_label("no");
    dyad::show::set_language("en", nullptr);
    EXPECT_EQ(single, "s\u00ed");
    EXPECT_EQ(multiple, "s\u00ed, maybe");  // A clinic's own option shows as it is.
    EXPECT_EQ(label, "no");
    EXPECT_EQ(check_answers(form, given), "");
}

// The Spanish forms: the overlap of traits counts "cálido", "cálida" and "cálido/a" as one word.
TEST(WorkupAnswers, InSpanishTheOverlapIgnoresTheEndingsOfGender) {
    dyad::show::set_language("es", nullptr);
    FormLibrary library = load_forms({dyad::test::source_dir() + "/resources"});
    const Form& profile = *library.find("partner-profile");
    auto workup = answers(R"({"positive_traits": [{"text": "C\u00e1lida"}, {"text": "trabajadora"}],
                              "negative_traits": [{"text": "ausente"}]})");
    auto mine = answers(R"({"partner_positive": [{"text": "c\u00e1lido/a"}, {"text": "trabajador"},
                                                 {"text": "tranquilo"}],
                            "partner_negative": [{"text": "exigente"}]})");
    AnswersOf other = [&](const std::string& form_id) {
        return form_id == "imago-workup" ? workup : Poco::JSON::Object::Ptr();
    };
    std::string positive =
        fill_template(profile, profile.field("overlap_positive")->template_text, mine, other);
    std::string negative =
        fill_template(profile, profile.field("overlap_negative")->template_text, mine, other);
    dyad::show::set_language("en", nullptr);
    EXPECT_EQ(positive,
              "Mi pareja comparte estos rasgos positivos con mis cuidadores: c\u00e1lido/a, "
              "trabajador.");
    EXPECT_EQ(negative, "Mi pareja comparte estos rasgos negativos con mis cuidadores: ....");
}

TEST(WorkupVision, SpanishStatementsInCommonAreFound) {
    auto ana = answers(R"({"statements": [
        {"statement": "Resolvemos nuestras diferencias en paz", "importance": 5, "hard": "yes"},
        {"statement": "Viajamos una vez al a\u00f1o", "importance": 2}]})");
    auto ben = answers(R"({"statements": [
        {"statement": "Resolvemos las diferencias en paz.", "importance": 3},
        {"statement": "Tenemos un jard\u00edn", "importance": 1}]})");
    auto merged = merge_visions({{"Ana", ana}, {"Ben", ben}});
    ASSERT_EQ(merged.size(), 3u);
    EXPECT_TRUE(merged[0].in_common);
    EXPECT_EQ(merged[0].text, "Resolvemos nuestras diferencias en paz");
    EXPECT_EQ(merged[0].importance, 8);
    EXPECT_TRUE(merged[0].hard);
}
