#include "note_templates.h"

#include "util.h"

#include <algorithm>
#include <optional>
#include <regex>
#include <set>

namespace dyad::records_plugin {

const TemplateSection* NoteTemplate::section(const std::string& key) const {
    for (const auto& candidate : sections) {
        if (candidate.key == key) {
            return &candidate;
        }
    }
    return nullptr;
}

const NoteTemplate* TemplateLibrary::find(const std::string& id) const {
    for (const auto& candidate : templates) {
        if (candidate.id == id) {
            return &candidate;
        }
    }
    return nullptr;
}

namespace {

std::string text_field(const Poco::JSON::Object::Ptr& object, const std::string& name,
                       const std::string& where, std::string& error) {
    if (!object->has(name) || !object->get(name).isString()) {
        error = where + ": \"" + name + "\" must be text";
        return {};
    }
    return object->getValue<std::string>(name);
}

}  // namespace

std::expected<NoteTemplate, std::string> parse_note_template(const std::string& json,
                                                             const std::string& source) {
    auto parsed = parse_json_object(json, source);
    if (!parsed) {
        return std::unexpected(parsed.error());
    }
    Poco::JSON::Object::Ptr root = *parsed;
    std::string error;
    NoteTemplate result;
    result.source = source;
    result.id = text_field(root, "id", source, error);
    result.title = text_field(root, "title", source, error);
    result.kind = text_field(root, "kind", source, error);
    if (!error.empty()) {
        return std::unexpected(error);
    }
    if (!std::regex_match(result.id, std::regex("^[a-z0-9][a-z0-9-]{0,40}$"))) {
        return std::unexpected(source + ": \"id\" must be lowercase letters, digits and '-'");
    }
    if (result.kind != "progress" && result.kind != "psychotherapy") {
        return std::unexpected(source + ": \"kind\" must be \"progress\" or \"psychotherapy\"");
    }
    std::optional<int> version = dyad::datafile::int_value(root, "version");
    if (!version || *version < 1) {
        return std::unexpected(source + ": \"version\" must be a whole number from 1");
    }
    result.version = *version;
    Poco::JSON::Array::Ptr sections = root->getArray("sections");
    if (sections.isNull() || sections->size() == 0) {
        return std::unexpected(source + ": \"sections\" must be a list of at least one section");
    }
    std::set<std::string> keys;
    for (std::size_t i = 0; i < sections->size(); ++i) {
        std::string where = source + ": sections[" + std::to_string(i) + "]";
        Poco::JSON::Object::Ptr item = sections->getObject(static_cast<unsigned>(i));
        if (item.isNull()) {
            return std::unexpected(where + " must be an object");
        }
        TemplateSection section;
        section.key = text_field(item, "key", where, error);
        section.label = text_field(item, "label", where, error);
        if (!error.empty()) {
            return std::unexpected(error);
        }
        if (!std::regex_match(section.key, std::regex("^[a-z][a-z0-9_]{0,40}$"))) {
            return std::unexpected(where + ": \"key\" must be lowercase letters, digits and '_'");
        }
        if (!keys.insert(section.key).second) {
            return std::unexpected(where + ": the key \"" + section.key + "\" is used twice");
        }
        if (item->has("hint") && item->get("hint").isString()) {
            section.hint = item->getValue<std::string>("hint");
        }
        if (item->has("required")) {
            if (!item->get("required").isBoolean()) {
                return std::unexpected(where + ": \"required\" must be true or false");
            }
            section.required = item->getValue<bool>("required");
        }
        result.sections.push_back(std::move(section));
    }
    return result;
}

TemplateLibrary load_note_templates(const std::vector<std::string>& folders) {
    TemplateLibrary library;
    std::set<std::string> seen;
    for_each_data_file(folders, "note-templates",
                       [&](const std::string& path, const std::string& content) {
                           auto parsed = parse_note_template(content, path);
                           if (!parsed) {
                               library.problems.push_back(parsed.error());
                               return false;
                           }
                           if (seen.insert(parsed->id).second) {
                               library.templates.push_back(std::move(*parsed));
                           }
                           return true;
                       });
    std::sort(library.templates.begin(), library.templates.end(),
              [](const auto& a, const auto& b) { return a.title < b.title; });
    return library;
}

}  // namespace dyad::records_plugin
