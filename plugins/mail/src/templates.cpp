#include "templates.h"

#include <data_files.h>
#include <json_root.h>

#include <algorithm>

namespace dyad::mail {
namespace {

const char* const kKinds[] = {"reminder", "cancellation", "reschedule", "test", "document"};

// "" when every brace opens a known placeholder, else what is wrong.
std::string placeholder_problem(const std::string& text) {
    for (std::size_t at = 0; at < text.size(); ++at) {
        if (text[at] == '}') {
            return "a '}' closes no placeholder";
        }
        if (text[at] != '{') {
            continue;
        }
        auto end = text.find('}', at);
        if (end == std::string::npos) {
            return "a '{' is not closed";
        }
        std::string name = text.substr(at + 1, end - at - 1);
        const auto& known = placeholders();
        if (std::find(known.begin(), known.end(), name) == known.end()) {
            return "{" + name + "} is not a placeholder (known: name, date, time, end_time, " +
                   "previous_date, previous_time, therapist, place, with, practice, document)";
        }
        at = end;
    }
    return {};
}

}  // namespace

const std::vector<std::string>& placeholders() {
    static const std::vector<std::string> kNames = {
        "name",      "date",  "time", "end_time", "previous_date", "previous_time",
        "therapist", "place", "with", "practice", "document"};
    return kNames;
}

std::expected<TemplateSet, std::vector<std::string>> parse_templates(const std::string& json,
                                                                     const std::string& source) {
    auto root = dyad::datafile::parse_data_file_root(json, source);
    if (!root) {
        return std::unexpected(std::vector<std::string>{root.error()});
    }
    dyad::datafile::JsonChecker check(json, source);
    TemplateSet set;
    set.language = check.text(*root, "language", "language", true);
    if (dyad::datafile::int_value(*root, "format") != 1) {
        check.problem("format", "must be 1");
    }
    for (const char* kind : kKinds) {
        Poco::JSON::Object::Ptr entry = (*root)->has(kind) ? (*root)->getObject(kind) : nullptr;
        if (entry.isNull()) {
            check.problem(kind, "is missing (an object with subject and body)");
            continue;
        }
        Template text;
        text.subject = check.text(entry, "subject", std::string(kind) + ".subject", true);
        text.body = check.text(entry, "body", std::string(kind) + ".body", true);
        if (text.subject.find_first_of("\r\n") != std::string::npos) {
            check.problem(std::string(kind) + ".subject", "must be one line");
        }
        for (const auto& [field, value] :
             {std::pair{"subject", &text.subject}, std::pair{"body", &text.body}}) {
            if (auto problem = placeholder_problem(*value); !problem.empty()) {
                check.problem(std::string(kind) + "." + field, problem);
            }
        }
        set.kinds[kind] = text;
    }
    if (!check.clean()) {
        return std::unexpected(std::move(check).take());
    }
    return set;
}

std::expected<TemplateSet, std::string> load_templates(const std::vector<std::string>& folders,
                                                       const std::string& language,
                                                       std::vector<std::string>& problems) {
    std::string name = "templates-" + language + ".json";
    for (const auto& folder : folders) {
        std::string path = folder + "/mail/" + name;
        auto text = dyad::datafile::read_data_file(path, problems);
        if (!text) {
            continue;
        }
        auto set = parse_templates(*text, path);
        if (set) {
            return *set;
        }
        problems.insert(problems.end(), set.error().begin(), set.error().end());
    }
    return std::unexpected("no usable mail/" + name + " was found");
}

Template render(const Template& text, const std::map<std::string, std::string>& values) {
    auto fill = [&values](const std::string& in) {
        std::string out;
        for (std::size_t at = 0; at < in.size(); ++at) {
            auto end = in[at] == '{' ? in.find('}', at) : std::string::npos;
            if (end == std::string::npos) {
                out += in[at];
                continue;
            }
            auto found = values.find(in.substr(at + 1, end - at - 1));
            out += found != values.end() ? found->second : "";
            at = end;
        }
        return out;
    };
    return {fill(text.subject), fill(text.body)};
}

}  // namespace dyad::mail
