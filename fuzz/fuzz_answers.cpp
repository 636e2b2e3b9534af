// A partner's answers to a workup form (plugins/workup/src/response.h): parse_answers on any
// text (stored answers are read back with it), then what the form panel does with them:
// check_answers, sections_complete, answer_text of every field and fill_template of every
// computed field, against a form with every field type. Answers are not always checked before
// they are shown (a clinic may edit a form without raising its version), so every call gets
// them as read. Input: the answers, optionally a line "#template" and one more template text.
#include <form.h>
#include <response.h>

#include "fuzz_input.h"

namespace {

constexpr const char* kForm = R"({
  "id": "fuzz-form", "version": 1, "title": "Every field type",
  "sections": [
    {"key": "one", "title": "One", "fields": [
      {"key": "name", "type": "short_text", "label": "Name", "required": true},
      {"key": "story", "type": "long_text", "label": "Story"},
      {"key": "traits", "type": "tags", "label": "Traits", "vocabulary": ["kind", "warm"],
       "flag": "affected me most", "required": true},
      {"key": "people", "type": "group", "label": "People", "fields": [
        {"key": "who", "type": "short_text", "label": "Who"},
        {"key": "when", "type": "date", "label": "When"},
        {"key": "score", "type": "rating", "label": "Score"}]}]},
    {"key": "two", "title": "Two", "fields": [
      {"key": "mood", "type": "choice", "label": "Mood", "options": ["calm", "tense"]},
      {"key": "wishes", "type": "choice", "label": "Wishes", "options": ["time", "touch", "talk"],
       "multiple": true},
      {"key": "rating", "type": "rating", "label": "Rating"},
      {"key": "since", "type": "date", "label": "Since"},
      {"key": "summary", "type": "computed", "label": "Summary",
       "template": "{name} is {flagged:traits} ({traits}); {people}; {mood}, {wishes}, {rating}, {since}. {overlap:fuzz-form.traits:traits}"}]}]
})";

const dyad::workup::Form& form() {
    static const dyad::workup::Form checked = [] {
        auto result = dyad::workup::check_form(kForm, "fuzz-form.json");
        if (!result.ok()) {
            dyad::fuzz::fail("the fuzzer's own form is refused: " + result.problems.front());
        }
        return result.form;
    }();
    return checked;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace dyad::workup;
    auto [json, extra] =
        dyad::fuzz::split_at(dyad::fuzz::text_of(data, size), "\n#template\n", "{name}");
    Poco::JSON::Object::Ptr answers = parse_answers(json);
    if (answers.isNull()) {
        return 0;
    }
    (void)check_answers(form(), answers);
    (void)sections_complete(form(), answers);
    AnswersOf same = [&](const std::string&) { return answers; };
    for (const auto& section : form().sections) {
        for (const auto& field : section.fields) {
            (void)answer_text(field, answers, false);
            (void)answer_text(field, answers, true);
            (void)answer_words(answers, field.key);
            if (field.type == "computed") {
                (void)fill_template(form(), field.template_text, answers, same);
            }
        }
    }
    (void)fill_template(form(), extra, answers, same);
    (void)to_json(answers);
    return 0;
}
