#include "adapters.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <data_files.h>
#include <json_root.h>
#include <text_lists.h>

#include <algorithm>
#include <set>

namespace dyad::directory {
namespace {

const std::set<std::string> kFields = {
    "name",         "bio_help",          "bio_approach", "bio_about", "specialties",
    "modalities",   "populations",       "languages",    "fees",      "insurance",
    "offices",      "telehealth_states", "phone",        "email",     "website",
    "booking_link", "credentials",       "npi",          "licences",  "accepting_new_clients"};

// The profile field as text, and its words when it is a list.
std::pair<std::string, std::vector<std::string>> value_of(const Profile& p,
                                                          const std::string& field) {
    if (field == "name")
        return {p.given_name + (p.family_name.empty() ? "" : " " + p.family_name), {}};
    for (const auto& text : text_fields()) {
        if (field == text.name)
            return {p.*text.member, {}};
    }
    for (const auto& list : list_fields()) {
        if (field == list.name)
            return {"", p.*list.member};
    }
    if (field == "accepting_new_clients") {
        return {p.accepting_new_clients ? "Accepting new clients" : "Not accepting new clients",
                {}};
    }
    if (field == "fees") {
        if (p.fee_min == 0)
            return {"", {}};
        std::string text = "$" + std::to_string(p.fee_min) +
                           (p.fee_max > p.fee_min ? "-$" + std::to_string(p.fee_max) : "") +
                           " per session";
        return {text + (p.sliding_scale ? "; sliding scale available" : ""), {}};
    }
    if (field == "offices") {
        std::vector<std::string> lines;
        for (const auto& o : p.offices) {
            lines.push_back(o.line + ", " + o.city + ", " + o.state + " " + o.postal_code);
        }
        return {"", lines};
    }
    if (field == "licences") {
        std::vector<std::string> lines;
        for (const auto& l : p.licences) {
            lines.push_back(l.kind + " " + l.number + " (" + l.state + ")");
        }
        return {"", lines};
    }
    return {"", {}};
}

}  // namespace

int characters(const std::string& text) {
    return static_cast<int>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

std::string cut_to(const std::string& text, int limit) {
    if (limit <= 0 || characters(text) <= limit) {
        return text;
    }
    if (limit <= 3) {  // No room for "...": the first characters only.
        std::size_t at = 0;
        for (int kept = 0; at < text.size() && kept < limit; ++kept) {
            ++at;
            while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) {
                ++at;
            }
        }
        return text.substr(0, at);
    }
    // Byte position after limit - 3 characters (room for "...").
    int kept = 0;
    std::size_t at = 0;
    while (at < text.size() && kept < limit - 3) {
        ++at;
        while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) {
            ++at;
        }
        ++kept;
    }
    std::size_t space = text.rfind(' ', at);
    std::size_t end = space != std::string::npos && space > at / 2 ? space : at;
    std::string cut = text.substr(0, end);
    while (!cut.empty() && (cut.back() == ' ' || cut.back() == ',' || cut.back() == ';')) {
        cut.pop_back();
    }
    return cut + "...";
}

std::expected<Adapter, std::vector<std::string>> parse_adapter(const std::string& json,
                                                               const std::string& source) {
    auto parsed = dyad::datafile::parse_data_file_root(json, source);
    if (!parsed) {
        return std::unexpected(std::vector<std::string>{parsed.error()});
    }
    Poco::JSON::Object::Ptr root = *parsed;
    dyad::datafile::JsonChecker check(json, source);
    Adapter adapter;
    adapter.id = root->optValue<std::string>("id", "");
    adapter.name = root->optValue<std::string>("name", "");
    adapter.transport = root->optValue<std::string>("transport", "assisted");
    adapter.profile_url = root->optValue<std::string>("profile_url", "");
    if (adapter.id.empty()) {
        check.problem("id", "is missing");
    }
    if (adapter.name.empty()) {
        check.problem("name", "is missing");
    }
    if (adapter.transport != "assisted" && adapter.transport != "api") {
        check.problem("transport", "must be \"assisted\" or \"api\"");
    }
    Poco::JSON::Array::Ptr fields = root->getArray("fields");
    if (fields.isNull() || fields->size() == 0) {
        check.problem("fields", "must list at least one field");
    }
    for (unsigned i = 0; !fields.isNull() && i < fields->size(); ++i) {
        std::string path = "fields[" + std::to_string(i) + "]";
        auto object = fields->getObject(i);
        if (object.isNull()) {
            check.problem(path, "must be an object");
            continue;
        }
        AdapterField field;
        field.field = object->optValue<std::string>("field", "");
        field.label = object->optValue<std::string>("label", field.field);
        field.limit = object->optValue<int>("limit", 0);
        field.required = object->optValue<bool>("required", false);
        if (kFields.count(field.field) == 0) {
            check.problem(path + ".field", "\"" + field.field + "\" is not a profile field");
        }
        if (field.limit < 0) {
            check.problem(path + ".limit", "must be a number of characters");
        }
        if (auto vocabulary = object->getObject("vocabulary"); !vocabulary.isNull()) {
            std::vector<std::string> ours;
            vocabulary->getNames(ours);
            for (const auto& word : ours) {
                if (!vocabulary->get(word).isString()) {
                    check.problem(path + ".vocabulary." + word, "must be text");
                    continue;
                }
                field.vocabulary[word] = vocabulary->getValue<std::string>(word);
            }
        }
        adapter.fields.push_back(std::move(field));
    }
    Poco::JSON::Array::Ptr checklist = root->getArray("checklist");
    for (unsigned i = 0; !checklist.isNull() && i < checklist->size(); ++i) {
        if (!checklist->get(i).isString()) {
            check.problem("checklist[" + std::to_string(i) + "]", "must be text");
            continue;
        }
        adapter.checklist.push_back(checklist->getElement<std::string>(i));
    }
    if (!check.clean()) {
        return std::unexpected(std::move(check).take());
    }
    return adapter;
}

const Adapter* AdapterLibrary::find(const std::string& id) const {
    for (const auto& adapter : adapters) {
        if (adapter.id == id) {
            return &adapter;
        }
    }
    return nullptr;
}

AdapterLibrary load_adapters(const std::vector<std::string>& folders) {
    AdapterLibrary library;
    std::set<std::string> ids;
    dyad::datafile::for_each_data_file(
        folders, "directories", [&](const std::string& path, const std::string& content) {
            auto adapter = parse_adapter(content, path);
            if (!adapter) {
                library.problems.insert(library.problems.end(), adapter.error().begin(),
                                        adapter.error().end());
                return false;
            }
            if (ids.insert(adapter->id).second) {
                library.adapters.push_back(std::move(*adapter));
            }
            return true;
        });
    return library;
}

std::vector<ListingField> listing(const Profile& profile, const Adapter& adapter) {
    std::vector<ListingField> fields;
    for (const auto& wanted : adapter.fields) {
        auto [text, words] = value_of(profile, wanted.field);
        ListingField field;
        field.field = wanted.field;
        field.label = wanted.label;
        field.limit = wanted.limit;
        if (!words.empty()) {
            std::vector<std::string> theirs;
            for (const auto& word : words) {
                if (wanted.vocabulary.empty()) {
                    theirs.push_back(word);
                } else if (auto found = wanted.vocabulary.find(word);
                           found != wanted.vocabulary.end()) {
                    theirs.push_back(found->second);
                } else {
                    field.unmapped.push_back(word);
                }
            }
            text = dyad::datafile::join_list(theirs, ", ");
        }
        field.length = characters(text);
        field.text = cut_to(text, wanted.limit);
        field.cut = field.text != text;
        field.missing = wanted.required && text.empty();
        fields.push_back(std::move(field));
    }
    return fields;
}

std::vector<std::string> destinations(const AdapterLibrary& library, const std::string& field) {
    std::string listed = field == "given_name" || field == "family_name" ? "name"
                         : field == "fee_min" || field == "fee_max"      ? "fees"
                         : field == "sliding_scale"                      ? "fees"
                                                                         : field;
    std::vector<std::string> places;
    for (const auto& adapter : library.adapters) {
        for (const auto& wanted : adapter.fields) {
            if (wanted.field == listed) {
                places.push_back(adapter.name + ": " + wanted.label);
            }
        }
    }
    return places;
}

}  // namespace dyad::directory
