#include "response.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <time_text.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <ctime>
#include <sstream>

#include <dyad/show.hpp>

namespace dyad::workup {

using dyad::datafile::now_utc;
namespace {

constexpr const char* kVersion1 = R"sql(
CREATE TABLE workup_response (
    unit_id INTEGER NOT NULL REFERENCES dyad_unit (id),
    client_id INTEGER NOT NULL REFERENCES dyad_client (id),
    form_id TEXT NOT NULL,
    form_version INTEGER NOT NULL CHECK (form_version > 0),
    answers TEXT NOT NULL,  -- Checked by check_answers(); trusted_schema=OFF refuses json_valid() here.
    updated_at TEXT NOT NULL,
    PRIMARY KEY (unit_id, client_id, form_id, form_version)
) STRICT, WITHOUT ROWID;
)sql";

// Each shared Relationship Vision the therapist keeps, numbered per unit.
constexpr const char* kVersion2 = R"sql(
CREATE TABLE workup_vision (
    unit_id INTEGER NOT NULL REFERENCES dyad_unit (id),
    version INTEGER NOT NULL CHECK (version > 0),
    created_at TEXT NOT NULL,
    items TEXT NOT NULL,
    PRIMARY KEY (unit_id, version)
) STRICT, WITHOUT ROWID;
)sql";

const dyad_migration kMigrations[] = {{1, kVersion1}, {2, kVersion2}};
const dyad_schema_v1 kSchema = {sizeof(dyad_schema_v1), "workup", kMigrations, 2};

bool is_date(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return false;
    }
    try {
        using namespace std::chrono;
        year_month_day date{year(std::stoi(text.substr(0, 4))),
                            month(static_cast<unsigned>(std::stoi(text.substr(5, 2)))),
                            day(static_cast<unsigned>(std::stoi(text.substr(8, 2))))};
        return date.ok();
    } catch (...) {
        return false;
    }
}

// A value's words for display: "" for null (Poco's toString throws on an empty value).
std::string shown(const Poco::Dynamic::Var& value) {
    return value.isEmpty() ? std::string() : value.toString();
}

using dyad::show::marked;
// The options the shipped forms store, marked for the catalog (option_label).
const char* const kShippedOptions[] = {marked("form option", "yes"), marked("form option", "no")};

// A trait word as the overlap compares it: outside English, without the endings of gender
// ("cálido", "cálida" and "cálido/a" are one word; so are "trabajador" and "trabajadora").
std::string overlap_key(std::string word) {
    if (dyad::show::language() == "en") {
        return word;
    }
    if (word.ends_with("/a") || word.ends_with("/o")) {
        word.resize(word.size() - 2);
    }
    if (word.size() > 3 && (word.back() == 'a' || word.back() == 'o')) {
        word.pop_back();
    }
    return word;
}

// A whole number from 1 to 5 (Poco's convert<int> throws on a number out of int's range).
bool is_rating(const Poco::Dynamic::Var& value) {
    if (!value.isInteger()) {
        return false;
    }
    try {
        auto number = value.convert<Poco::Int64>();
        return number >= 1 && number <= 5;
    } catch (const Poco::Exception&) {
        return false;  // Above the largest Int64.
    }
}

bool has_answer(const Field& field, const Poco::JSON::Object::Ptr& answers) {
    if (field.type == "computed" || !answers->has(field.key) || answers->isNull(field.key)) {
        return false;
    }
    Poco::Dynamic::Var value = answers->get(field.key);
    if (value.isString()) {
        return value.extract<std::string>().find_first_not_of(" \t\r\n") != std::string::npos;
    }
    if (value.type() == typeid(Poco::JSON::Array::Ptr)) {
        return value.extract<Poco::JSON::Array::Ptr>()->size() > 0;
    }
    return !value.isEmpty();
}

std::string check_value(const Field& field, const Poco::Dynamic::Var& value,
                        const std::string& where) {
    auto array = [&]() -> Poco::JSON::Array::Ptr {
        return value.type() == typeid(Poco::JSON::Array::Ptr)
                   ? value.extract<Poco::JSON::Array::Ptr>()
                   : Poco::JSON::Array::Ptr();
    };
    if (field.type == "short_text" || field.type == "long_text") {
        return value.isString() ? "" : where + ": must be text";
    }
    if (field.type == "date") {
        return value.isString() && (value.extract<std::string>().empty() ||
                                    is_date(value.extract<std::string>()))
                   ? ""
                   : where + ": is not a valid date (expected YYYY-MM-DD)";
    }
    if (field.type == "rating") {
        return is_rating(value) ? "" : where + ": a rating is 1 to 5";
    }
    if (field.type == "choice") {
        std::vector<std::string> chosen;
        if (value.isString()) {
            chosen.push_back(value.extract<std::string>());
        } else if (auto list = array(); !list.isNull() && field.multiple) {
            for (unsigned i = 0; i < list->size(); ++i) {
                if (!list->get(i).isString()) {
                    return where + "[" + std::to_string(i) + "]: must be one of the options";
                }
                chosen.push_back(list->get(i).extract<std::string>());
            }
        } else {
            return where + ": choose " + (field.multiple ? "options" : "one option");
        }
        for (const auto& option : chosen) {
            if (std::find(field.vocabulary.begin(), field.vocabulary.end(), option) ==
                field.vocabulary.end()) {
                return where + ": \"" + option + "\" is not one of the options";
            }
        }
        return "";
    }
    if (field.type == "tags") {
        auto list = array();
        if (list.isNull()) {
            return where + ": must be a list of words";
        }
        for (unsigned i = 0; i < list->size(); ++i) {
            Poco::JSON::Object::Ptr tag = list->getObject(i);
            if (tag.isNull() || !tag->has("text") || !tag->get("text").isString()) {
                return where + "[" + std::to_string(i) + "]: must have \"text\"";
            }
        }
        return "";
    }
    if (field.type == "group") {
        auto list = array();
        if (list.isNull()) {
            return where + ": must be a list of rows";
        }
        for (unsigned i = 0; i < list->size(); ++i) {
            Poco::JSON::Object::Ptr row = list->getObject(i);
            if (row.isNull()) {
                return where + "[" + std::to_string(i) + "]: must be a row";
            }
            for (const auto& sub : field.fields) {
                if (row->has(sub.key)) {
                    std::string problem = check_value(
                        sub, row->get(sub.key), where + "[" + std::to_string(i) + "]." + sub.key);
                    if (!problem.empty()) {
                        return problem;
                    }
                }
            }
        }
        return "";
    }
    return where + ": a computed field is not stored";
}

}  // namespace

const dyad_schema_v1* workup_schema() {
    return &kSchema;
}

std::string option_label(const std::string& option) {
    for (const char* shipped : kShippedOptions) {
        if (option == shipped) {
            return dyad::show::tr_in("form option", shipped);
        }
    }
    return option;
}

Poco::JSON::Object::Ptr parse_answers(const std::string& json) {
    try {
        Poco::JSON::Parser parser;
        Poco::Dynamic::Var parsed = parser.parse(json);
        if (parsed.type() == typeid(Poco::JSON::Object::Ptr)) {
            return parsed.extract<Poco::JSON::Object::Ptr>();
        }
    } catch (const Poco::Exception&) {
    }
    return nullptr;
}

std::string to_json(const Poco::JSON::Object::Ptr& answers) {
    std::ostringstream out;
    answers->stringify(out);
    return out.str();
}

std::string check_answers(const Form& form, const Poco::JSON::Object::Ptr& answers) {
    if (answers.isNull()) {
        return "the answers are not a JSON object";
    }
    std::vector<std::string> names;
    answers->getNames(names);
    for (const auto& name : names) {
        const Field* field = form.field(name);
        if (field == nullptr) {
            return name + ": the form " + form.id + " version " + std::to_string(form.version) +
                   " has no such field";
        }
        if (answers->isNull(name)) {
            continue;
        }
        if (std::string problem = check_value(*field, answers->get(name), name); !problem.empty()) {
            return problem;
        }
    }
    return {};
}

namespace {

// A computed field is "answered" when every field of this form its template reads ({key},
// {flagged:key}, {overlap:form.key:key}) has an answer: there is nothing in it to write.
bool sources_answered(const Form& form, const Field& computed,
                      const Poco::JSON::Object::Ptr& answers) {
    const std::string& text = computed.template_text;
    bool any = false;
    for (std::size_t open = text.find('{'); open != std::string::npos;
         open = text.find('{', open + 1)) {
        std::size_t close = text.find('}', open);
        if (close == std::string::npos) {
            break;
        }
        std::string key = text.substr(open + 1, close - open - 1);
        if (key.starts_with("flagged:")) {
            key = key.substr(8);
        } else if (key.starts_with("overlap:")) {
            key = key.substr(key.rfind(':') + 1);  // overlap:other-form.key:key (this form's).
        }
        const Field* source = form.field(key);
        if (source == nullptr || !has_answer(*source, answers)) {
            return false;
        }
        any = true;
    }
    return any;
}

}  // namespace

std::vector<bool> sections_complete(const Form& form, const Poco::JSON::Object::Ptr& answers) {
    std::vector<bool> complete;
    for (const auto& section : form.sections) {
        bool only_computed = !section.fields.empty() &&
                             std::all_of(section.fields.begin(), section.fields.end(),
                                         [](const Field& f) { return f.type == "computed"; });
        if (only_computed) {
            complete.push_back(
                std::all_of(section.fields.begin(), section.fields.end(),
                            [&](const Field& f) { return sources_answered(form, f, answers); }));
            continue;
        }
        bool any_required = false;
        bool all_required = true;
        bool any = false;
        for (const auto& field : section.fields) {
            bool answered = has_answer(field, answers);
            any = any || answered;
            if (field.required) {
                any_required = true;
                all_required = all_required && answered;
            }
        }
        complete.push_back(any_required ? all_required : any);
    }
    return complete;
}

std::string answer_text(const Field& field, const Poco::JSON::Object::Ptr& answers,
                        bool flagged_only) {
    if (answers.isNull() || !answers->has(field.key) || answers->isNull(field.key)) {
        return {};
    }
    Poco::Dynamic::Var value = answers->get(field.key);
    if (value.type() != typeid(Poco::JSON::Array::Ptr)) {
        std::string text = shown(value);
        if (field.type == "date" && !text.empty()) {
            return dyad::show::date(text, dyad::show::DateStyle::Compact);
        }
        return field.type == "choice" ? option_label(text) : text;
    }
    auto list = value.extract<Poco::JSON::Array::Ptr>();
    std::string text;
    for (unsigned i = 0; i < list->size(); ++i) {
        std::string item;
        if (field.type == "tags") {
            Poco::JSON::Object::Ptr tag = list->getObject(i);
            if (tag.isNull() || (flagged_only && !tag->optValue<bool>("flagged", false))) {
                continue;
            }
            item = tag->optValue<std::string>("text", "");
        } else if (field.type == "group") {
            Poco::JSON::Object::Ptr row = list->getObject(i);
            for (const auto& sub : field.fields) {
                std::string cell = row.isNull() ? "" : answer_text(sub, row);
                if (!cell.empty()) {
                    item += (item.empty() ? "" : " / ") + cell;
                }
            }
        } else {
            item = field.type == "choice" ? option_label(shown(list->get(i))) : shown(list->get(i));
        }
        if (!item.empty()) {
            text += (text.empty() ? "" : field.type == "group" ? "; " : ", ") + item;
        }
    }
    return text;
}

std::vector<std::string> answer_words(const Poco::JSON::Object::Ptr& answers,
                                      const std::string& key) {
    std::vector<std::string> words;
    if (answers.isNull() || !answers->has(key) || answers->isNull(key)) {
        return words;
    }
    Poco::JSON::Array::Ptr list = answers->getArray(key);
    for (unsigned i = 0; !list.isNull() && i < list->size(); ++i) {
        std::string word = list->getObject(i).isNull()
                               ? shown(list->get(i))
                               : list->getObject(i)->optValue<std::string>("text", "");
        std::transform(word.begin(), word.end(), word.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (!word.empty()) {
            words.push_back(word);
        }
    }
    return words;
}

std::string fill_template(const Form& form, const std::string& text,
                          const Poco::JSON::Object::Ptr& answers, const AnswersOf& other) {
    std::string filled;
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t open = text.find('{', at);
        std::size_t close = open == std::string::npos ? open : text.find('}', open);
        if (open == std::string::npos || close == std::string::npos) {
            filled += text.substr(at);
            break;
        }
        filled += text.substr(at, open - at);
        std::string name = text.substr(open + 1, close - open - 1);
        std::string value;
        if (name.rfind("overlap:", 0) == 0) {
            // overlap:other-form.key:key
            std::string spec = name.substr(8);
            std::size_t dot = spec.find('.');
            std::size_t colon = spec.find(':', dot == std::string::npos ? 0 : dot);
            if (dot != std::string::npos && colon != std::string::npos && other) {
                std::vector<std::string> theirs;
                for (const auto& word : answer_words(other(spec.substr(0, dot)),
                                                     spec.substr(dot + 1, colon - dot - 1))) {
                    theirs.push_back(overlap_key(word));
                }
                for (const auto& word : answer_words(answers, spec.substr(colon + 1))) {
                    if (std::find(theirs.begin(), theirs.end(), overlap_key(word)) !=
                        theirs.end()) {
                        value += (value.empty() ? "" : ", ") + word;
                    }
                }
            }
        } else {
            bool flagged = name.rfind("flagged:", 0) == 0;
            const Field* field = form.field(flagged ? name.substr(8) : name);
            value = field != nullptr ? answer_text(*field, answers, flagged) : "";
        }
        filled += value.empty() ? "..." : value;
        at = close + 1;
    }
    return filled;
}

std::expected<void, std::string> ResponseStore::save(std::int64_t unit_id, std::int64_t client_id,
                                                     const Form& form,
                                                     const Poco::JSON::Object::Ptr& answers,
                                                     const std::string& saved_at) {
    if (std::string problem = check_answers(form, answers); !problem.empty()) {
        return std::unexpected(problem);
    }
    auto member =
        m_db.prepare("SELECT 1 FROM core_unit_member WHERE unit_id = ? AND client_id = ?");
    member.bind(1, unit_id).bind(2, client_id);
    if (!member.ok() || member.step() != DYAD_ROW) {
        return std::unexpected(member.ok() ? "That partner is not a member of this unit."
                                           : member.error());
    }
    auto upsert = m_db.prepare(
        "INSERT INTO workup_response (unit_id, client_id, form_id, form_version, answers, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (unit_id, client_id, form_id, "
        "form_version) DO UPDATE SET answers = excluded.answers, updated_at = "
        "excluded.updated_at");
    upsert.bind(1, unit_id)
        .bind(2, client_id)
        .bind(3, form.id)
        .bind(4, form.version)
        .bind(5, to_json(answers))
        .bind(6, saved_at.empty() ? now_utc() : saved_at);
    if (!upsert.ok() || upsert.step() != DYAD_DONE) {
        return std::unexpected(upsert.ok() ? m_db.last_error() : upsert.error());
    }
    return {};
}

std::expected<Response, std::string> ResponseStore::load(std::int64_t unit_id,
                                                         std::int64_t client_id,
                                                         const std::string& form_id, int version) {
    auto select = m_db.prepare(
        "SELECT form_version, answers, updated_at FROM workup_response WHERE unit_id = ? AND "
        "client_id = ? AND form_id = ? AND (?4 = 0 OR form_version = ?4) ORDER BY form_version "
        "DESC LIMIT 1");
    select.bind(1, unit_id).bind(2, client_id).bind(3, form_id).bind(4, version);
    if (!select.ok()) {
        return std::unexpected(select.error());
    }
    Response response;
    if (select.step() != DYAD_ROW) {
        response.answers = new Poco::JSON::Object;
        return response;
    }
    response.form_version = static_cast<int>(select.int64(0));
    response.answers = parse_answers(select.text(1));
    response.updated_at = select.text(2);
    if (response.answers.isNull()) {
        return std::unexpected(dyad::show::tr("The stored answers could not be read."));
    }
    return response;
}

std::expected<std::vector<int>, std::string> ResponseStore::versions(std::int64_t unit_id,
                                                                     std::int64_t client_id,
                                                                     const std::string& form_id) {
    auto select = m_db.prepare(
        "SELECT form_version FROM workup_response WHERE unit_id = ? AND client_id = ? AND "
        "form_id = ? ORDER BY form_version");
    select.bind(1, unit_id).bind(2, client_id).bind(3, form_id);
    if (!select.ok()) {
        return std::unexpected(select.error());
    }
    std::vector<int> found;
    while (select.step() == DYAD_ROW) {
        found.push_back(static_cast<int>(select.int64(0)));
    }
    return found;
}

}  // namespace dyad::workup
