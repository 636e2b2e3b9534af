#include "form.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <data_files.h>
#include <json_root.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace dyad::workup {
namespace {

const std::vector<std::string> kTypes = {"short_text", "long_text", "tags", "group",
                                         "choice",     "rating",    "date", "computed"};

bool is_key(const std::string& key) {
    return !key.empty() && std::all_of(key.begin(), key.end(), [](unsigned char c) {
        return std::islower(c) || std::isdigit(c) || c == '_' || c == '-';
    });
}

// The shared checker, plus the form's own rules: its fields, and the templates' references.
class Checker : public dyad::datafile::JsonChecker {
  public:
    using JsonChecker::JsonChecker;

    std::vector<Field> fields(const Poco::JSON::Object::Ptr& owner, const std::string& path,
                              bool inside_group) {
        std::vector<Field> parsed;
        Poco::JSON::Array::Ptr list = owner->getArray("fields");
        if (list.isNull() || list->size() == 0) {
            problem(owner->has("fields") ? path + ".fields" : path,
                    "\"fields\" must list at least one field");
            return parsed;
        }
        std::set<std::string> keys;
        for (unsigned i = 0; i < list->size(); ++i) {
            std::string where = path + ".fields[" + std::to_string(i) + "]";
            Poco::JSON::Object::Ptr object = list->getObject(i);
            if (object.isNull()) {
                problem(where, "must be an object");
                continue;
            }
            Field field;
            field.key = text(object, "key", where, true);
            if (!field.key.empty() && !is_key(field.key)) {
                problem(where + ".key", "use lower-case letters, digits, '_' and '-' only");
            } else if (!field.key.empty() && !keys.insert(field.key).second) {
                problem(where + ".key", "\"" + field.key + "\" is used twice");
            }
            field.type = text(object, "type", where, true);
            field.label = text(object, "label", where, true);
            field.help = text(object, "help", where, false);
            if (object->has("required")) {
                if (!object->get("required").isBoolean()) {
                    problem(where + ".required", "must be true or false");
                } else {
                    field.required = object->getValue<bool>("required");
                }
            }
            if (!field.type.empty() &&
                std::find(kTypes.begin(), kTypes.end(), field.type) == kTypes.end()) {
                problem(where + ".type", "\"" + field.type +
                                             "\" is not a field type (short_text, long_text, "
                                             "tags, group, choice, rating, date, computed)");
            }
            field.vocabulary =
                texts(object, field.type == "choice" ? "options" : "vocabulary", where);
            field.flag = text(object, "flag", where, false);
            if (field.type == "choice") {
                if (field.vocabulary.size() < 2) {
                    problem(where + ".options", "a choice needs at least two options");
                }
                field.multiple = object->has("multiple") && object->get("multiple").isBoolean() &&
                                 object->getValue<bool>("multiple");
            }
            if (field.type == "group") {
                if (inside_group) {
                    problem(where, "a group cannot hold another group");
                } else {
                    field.fields = fields(object, where, true);
                }
            }
            if (field.type == "computed") {
                field.template_text = text(object, "template", where, true);
                m_templates.emplace_back(where + ".template", field.template_text);
            }
            parsed.push_back(std::move(field));
        }
        return parsed;
    }
    // Each "{key}" or "{flagged:key}" in a template must name a field of the form.
    void check_templates(const Form& form) {
        for (const auto& [path, text] : m_templates) {
            for (std::size_t open = text.find('{'); open != std::string::npos;
                 open = text.find('{', open + 1)) {
                std::size_t close = text.find('}', open);
                if (close == std::string::npos) {
                    problem(path, "a '{' is never closed");
                    break;
                }
                std::string name = text.substr(open + 1, close - open - 1);
                if (name.rfind("flagged:", 0) == 0) {
                    name = name.substr(8);
                } else if (name.rfind("overlap:", 0) == 0) {
                    // overlap:other-form.key:key - this form's field is the last part.
                    std::size_t colon = name.rfind(':');
                    if (colon <= 8 || name.find('.') == std::string::npos) {
                        problem(path, "{" + name + "} should read {overlap:form.field:field}");
                        continue;
                    }
                    name = name.substr(colon + 1);
                }
                if (form.field(name) == nullptr) {
                    problem(path, "{" + text.substr(open + 1, close - open - 1) +
                                      "} names no field of this form");
                }
            }
        }
    }

  private:
    std::vector<std::pair<std::string, std::string>> m_templates;
};

}  // namespace

const Field* Form::field(const std::string& key) const {
    for (const auto& section : sections) {
        for (const auto& f : section.fields) {
            if (f.key == key) {
                return &f;
            }
        }
    }
    return nullptr;
}

FormCheck check_form(const std::string& json, const std::string& source) {
    FormCheck result;
    auto parsed = dyad::datafile::parse_data_file_root(json, source);
    if (!parsed) {
        result.problems.push_back(parsed.error());
        return result;
    }
    Poco::JSON::Object::Ptr root = *parsed;
    Checker check(json, source);
    Form& form = result.form;
    form.id = check.text(root, "id", "", true);
    if (!form.id.empty() && !is_key(form.id)) {
        check.problem("id", "use lower-case letters, digits, '_' and '-' only");
    }
    std::optional<int> version = dyad::datafile::int_value(root, "version");
    if (!version || *version < 1) {
        check.problem(root->has("version") ? "version" : "",
                      "\"version\" must be a whole number from 1");
    } else {
        form.version = *version;
    }
    form.title = check.text(root, "title", "", true);
    form.description = check.text(root, "description", "", false);
    Poco::JSON::Array::Ptr sections = root->getArray("sections");
    if (sections.isNull() || sections->size() == 0) {
        check.problem(root->has("sections") ? "sections" : "",
                      "\"sections\" must list at least one section");
        result.problems = std::move(check).take();
        return result;
    }
    std::set<std::string> keys;
    for (unsigned i = 0; i < sections->size(); ++i) {
        std::string path = "sections[" + std::to_string(i) + "]";
        Poco::JSON::Object::Ptr object = sections->getObject(i);
        if (object.isNull()) {
            check.problem(path, "must be an object");
            continue;
        }
        Section section;
        section.key = check.text(object, "key", path, true);
        section.title = check.text(object, "title", path, true);
        section.help = check.text(object, "help", path, false);
        section.fields = check.fields(object, path, false);
        std::set<std::string> here;  // Duplicates inside the section are reported already.
        for (const auto& f : section.fields) {
            if (!f.key.empty() && here.insert(f.key).second && keys.count(f.key) > 0) {
                check.problem(path, "field \"" + f.key + "\" is also in an earlier section");
            }
        }
        keys.insert(here.begin(), here.end());
        form.sections.push_back(std::move(section));
    }
    check.check_templates(form);
    result.problems = std::move(check).take();
    return result;
}

const Form* FormLibrary::find(const std::string& id) const {
    for (const auto& form : forms) {
        if (form.id == id) {
            return &form;
        }
    }
    return nullptr;
}

FormLibrary load_forms(const std::vector<std::string>& folders) {
    FormLibrary library;
    std::set<std::string> ids;
    dyad::datafile::for_each_data_file(
        folders, "forms", [&](const std::string& path, const std::string& content) {
            if (path.find(".schema.") != std::string::npos) {
                return true;  // The published JSON Schema, not a form.
            }
            FormCheck checked = check_form(content, path);
            if (!checked.ok()) {
                library.problems.insert(library.problems.end(), checked.problems.begin(),
                                        checked.problems.end());
                return false;
            }
            if (ids.insert(checked.form.id).second) {
                library.forms.push_back(std::move(checked.form));
            }
            return true;
        });
    std::sort(library.forms.begin(), library.forms.end(),
              [](const Form& a, const Form& b) { return a.title < b.title; });
    return library;
}

}  // namespace dyad::workup
