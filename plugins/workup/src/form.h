// Form definitions: versioned JSON data files ("<resources>/forms/*.json", the user's and the
// clinic's folders first) with sections of typed fields, rendered by the GUI without a
// hand-written panel per form. The validator reports every problem with its JSON path and
// line; a broken form is refused whole. The rules are published as a JSON Schema in
// resources/forms/form.schema.json. No wx here.
//
// Field types: short_text, long_text, tags (a list of words, with a suggestion vocabulary and
// an optional flag such as "affected me most"), group (repeating rows of sub-fields), choice
// (single or multiple), rating (1-5), date, computed (a template filled from other fields).
#pragma once

#include <expected>
#include <string>
#include <vector>

namespace dyad::workup {

struct Field {
    std::string key;
    std::string type;
    std::string label;
    std::string help;
    bool required = false;
    std::vector<std::string> vocabulary;  // tags: suggestions; choice: the options.
    std::string flag;                     // tags: the flag's label, "" when none.
    bool multiple = false;                // choice: several options may be chosen.
    std::vector<Field> fields;            // group: the columns of a row.
    std::string template_text;            // computed: "{key}" and "{flagged:key}" filled in.
};

struct Section {
    std::string key;
    std::string title;
    std::string help;
    std::vector<Field> fields;
};

struct Form {
    std::string id;
    int version = 0;
    std::string title;
    std::string description;
    std::vector<Section> sections;

    const Field* field(const std::string& key) const;  // Top-level fields of any section.
};

struct FormCheck {
    std::vector<std::string> problems;  // "SOURCE:LINE: PATH: what is wrong"
    Form form;
    bool ok() const { return problems.empty(); }
};
FormCheck check_form(const std::string& json, const std::string& source);

struct FormLibrary {
    std::vector<Form> forms;            // By title.
    std::vector<std::string> problems;  // From refused files.
    const Form* find(const std::string& id) const;
};
FormLibrary load_forms(const std::vector<std::string>& folders);

}  // namespace dyad::workup
