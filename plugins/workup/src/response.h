// A partner's answers to a form: a JSON object of field key -> value, stored per client unit,
// per partner, per form version (a revised form keeps old answers readable by their version),
// saved whole as the partner types (autosave). Values are checked against the form: a rating
// is 1-5, a choice one of its options, a date a real date. No wx here.
//
// Values: short_text, long_text, date -> "text"; rating -> 1..5; choice -> "option" or
// ["option", ...] when multiple; tags -> [{"text": "kind", "flagged": true}, ...];
// group -> [{"sub_key": value, ...}, ...]. Computed fields are never stored.
#pragma once

#include <Poco/JSON/Object.h>
#include <dyad/schema.h>
#include <dyad/db.hpp>

#include <cstdint>
#include <expected>
#include <functional>
#include <string>
#include <vector>

#include "form.h"

namespace dyad::workup {

const dyad_schema_v1* workup_schema();

// The first problem of the answers against the form ("childhood_want: ..."), or "".
std::string check_answers(const Form& form, const Poco::JSON::Object::Ptr& answers);

// Per section: complete when every required field has an answer (or, with none required, any);
// a section of computed sentences only, when every field its sentences read has an answer.
std::vector<bool> sections_complete(const Form& form, const Poco::JSON::Object::Ptr& answers);

// The words of an answer for display and templates: text as is; tags and choices joined with
// ", "; with flagged_only, only flagged tags; group rows "a / b; c / d". A date shows as people
// read dates ("Mar 4, 2019"), a choice in option_label's words.
std::string answer_text(const Field& field, const Poco::JSON::Object::Ptr& answers,
                        bool flagged_only = false);

// The words a choice option shows in the chosen language (issue 19). The options the shipped
// forms store ("yes", "no") are the same in every language's form, so answers stay valid
// whatever the language; these are translated, any other option shows as it is.
std::string option_label(const std::string& option);

// The same partner's answers to another form (nullptr when none), for {overlap:...}.
using AnswersOf = std::function<Poco::JSON::Object::Ptr(const std::string& form_id)>;

// A computed field's template filled in: {key}, {flagged:key}, and
// {overlap:other-form.key:key} (the words both lists share, e.g. caretaker traits that are
// also partner traits; in a language other than English, "cálido" and "cálida" are one word).
// An empty answer shows as "..." so the sentence still reads.
std::string fill_template(const Form& form, const std::string& text,
                          const Poco::JSON::Object::Ptr& answers, const AnswersOf& other = {});

// The words of a tags or list answer, lower-cased.
std::vector<std::string> answer_words(const Poco::JSON::Object::Ptr& answers,
                                      const std::string& key);

struct Response {
    int form_version = 0;
    Poco::JSON::Object::Ptr answers;
    std::string updated_at;
};

class ResponseStore {
  public:
    explicit ResponseStore(dyad::sdk::Database database) : m_db(database) {}

    // Checks, then replaces the partner's answers to this version of the form. saved_at: the
    // UTC time "YYYY-MM-DDTHH:MM:SSZ" to record (the demo's past saves), "" for now.
    std::expected<void, std::string> save(std::int64_t unit_id, std::int64_t client_id,
                                          const Form& form, const Poco::JSON::Object::Ptr& answers,
                                          const std::string& saved_at = {});
    // The answers to the given version; with version 0, the newest version answered.
    // No answers yet: a Response with version 0 and an empty object.
    std::expected<Response, std::string> load(std::int64_t unit_id, std::int64_t client_id,
                                              const std::string& form_id, int version = 0);
    // The versions of the form this partner has answers for, oldest first.
    std::expected<std::vector<int>, std::string> versions(std::int64_t unit_id,
                                                          std::int64_t client_id,
                                                          const std::string& form_id);

  private:
    dyad::sdk::Database m_db;
};

Poco::JSON::Object::Ptr parse_answers(const std::string& json);  // nullptr when not an object.
std::string to_json(const Poco::JSON::Object::Ptr& answers);

}  // namespace dyad::workup
