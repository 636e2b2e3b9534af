#include "script.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <data_files.h>
#include <json_root.h>

#include <algorithm>
#include <optional>
#include <set>

namespace dyad::dialogue {
namespace {

constexpr std::size_t kLongestStem = 200;  // Stems are short: the words are the couple's.

}  // namespace

int Script::step_index(const std::string& step_id) const {
    for (std::size_t i = 0; i < steps.size(); ++i) {
        if (steps[i].id == step_id) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

ScriptCheck check_script(const std::string& json, const std::string& source) {
    ScriptCheck result;
    auto parsed = dyad::datafile::parse_data_file_root(json, source);
    if (!parsed) {
        result.problems.push_back(parsed.error());
        return result;
    }
    Poco::JSON::Object::Ptr root = *parsed;
    dyad::datafile::JsonChecker check(json, source);
    Script& script = result.script;
    script.id = check.text(root, "id", "", true);
    if (!script.id.empty() && !std::all_of(script.id.begin(), script.id.end(), [](unsigned char c) {
            return std::islower(c) || std::isdigit(c) || c == '-';
        })) {
        check.problem("id", "use lower-case letters, digits and '-' only");
    }
    std::optional<int> version = dyad::datafile::int_value(root, "version");
    if (!version || *version < 1) {
        check.problem(root->has("version") ? "version" : "",
                      "\"version\" must be a whole number "
                      "from 1");
    } else {
        script.version = *version;
    }
    script.title = check.text(root, "title", "", true);
    script.description = check.text(root, "description", "", false);
    Poco::JSON::Array::Ptr steps = root->getArray("steps");
    if (steps.isNull() || steps->size() < 2) {
        check.problem(root->has("steps") ? "steps" : "",
                      "\"steps\" must list the dialogue's steps (at least two)");
        result.problems = std::move(check).take();
        return result;
    }
    std::set<std::string> seen;
    std::vector<std::pair<std::string, std::string>> loops;  // (path, target id)
    for (unsigned i = 0; i < steps->size(); ++i) {
        std::string path = "steps[" + std::to_string(i) + "]";
        Poco::JSON::Object::Ptr object = steps->getObject(i);
        if (object.isNull()) {
            check.problem(path, "must be an object");
            continue;
        }
        Step step;
        step.id = check.text(object, "id", path, true);
        if (!step.id.empty() && !seen.insert(step.id).second) {
            check.problem(path + ".id", "\"" + step.id + "\" is used by an earlier step");
        }
        step.title = check.text(object, "title", path, true);
        step.speaker = check.text(object, "speaker", path, true);
        if (!step.speaker.empty() && step.speaker != "sender" && step.speaker != "receiver" &&
            step.speaker != "both" && step.speaker != "observer") {
            check.problem(path + ".speaker",
                          "\"" + step.speaker + "\" is not sender, receiver, both or observer");
        }
        step.stems = check.texts(object, "stems", path, true);
        for (std::size_t s = 0; s < step.stems.size(); ++s) {
            if (step.stems[s].size() > kLongestStem) {
                check.problem(path + ".stems[" + std::to_string(s) + "]",
                              "longer than " + std::to_string(kLongestStem) +
                                  " characters; a stem starts a sentence, the couple ends it");
            }
        }
        step.dos = check.texts(object, "do", path, false);
        step.avoid = check.texts(object, "avoid", path, false);
        if (object->has("loop_to")) {
            loops.emplace_back(path + ".loop_to", check.text(object, "loop_to", path, false));
        }
        if (object->has("switch")) {
            if (!object->get("switch").isBoolean()) {
                check.problem(path + ".switch", "must be true or false");
            } else {
                step.switch_roles = object->getValue<bool>("switch");
            }
        }
        script.steps.push_back(std::move(step));
    }
    for (const auto& [path, target] : loops) {
        std::size_t index = static_cast<std::size_t>(std::stoul(path.substr(6)));
        int found = script.step_index(target);
        if (found < 0 || static_cast<std::size_t>(found) >= index) {
            check.problem(path, "\"" + target + "\" is not an earlier step");
        } else if (index < script.steps.size()) {
            script.steps[index].loop_to = found;
        }
    }
    int switches = static_cast<int>(std::count_if(script.steps.begin(), script.steps.end(),
                                                  [](const Step& s) { return s.switch_roles; }));
    if (switches != 1 || !script.steps.back().switch_roles) {
        check.problem("steps", "the last step, and only it, must switch roles (\"switch\": true)");
    }
    result.problems = std::move(check).take();
    return result;
}

const Script* ScriptLibrary::find(const std::string& id) const {
    for (const auto& script : scripts) {
        if (script.id == id) {
            return &script;
        }
    }
    return nullptr;
}

ScriptLibrary load_scripts(const std::vector<std::string>& folders) {
    ScriptLibrary library;
    std::set<std::string> ids;
    dyad::datafile::for_each_data_file(
        folders, "dialogues", [&](const std::string& path, const std::string& content) {
            ScriptCheck checked = check_script(content, path);
            if (!checked.ok()) {
                library.problems.insert(library.problems.end(), checked.problems.begin(),
                                        checked.problems.end());
                return false;
            }
            if (ids.insert(checked.script.id).second) {
                library.scripts.push_back(std::move(checked.script));
            }
            return true;
        });
    std::sort(library.scripts.begin(), library.scripts.end(),
              [](const Script& a, const Script& b) { return a.title < b.title; });
    return library;
}

}  // namespace dyad::dialogue
