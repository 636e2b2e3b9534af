// Dialogue scripts: data files ("<resources>/dialogues/*.json", the clinic's and the user's
// first) that give each step of a guided dialogue its title, who speaks, sentence stems, what
// to do and what to avoid, an optional "Is there more?" loop back to an earlier step, and the
// closing role switch. The validator reports every problem with its JSON path and line. No wx.
#pragma once

#include <expected>
#include <string>
#include <vector>

namespace dyad::dialogue {

struct Step {
    std::string id;
    std::string title;
    std::string speaker;  // "sender", "receiver", "both" or "observer".
    std::vector<std::string> stems;
    std::vector<std::string> dos;
    std::vector<std::string> avoid;
    int loop_to = -1;           // Index of the step "there is more" returns to; -1 when none.
    bool switch_roles = false;  // The last step: roles swap and the dialogue starts again.
};

struct Script {
    std::string id;
    int version = 0;
    std::string title;
    std::string description;
    std::vector<Step> steps;

    int step_index(const std::string& step_id) const;
};

// Every problem, each as "SOURCE:LINE: PATH: what is wrong"; a script only when there is none.
struct ScriptCheck {
    std::vector<std::string> problems;
    Script script;
    bool ok() const { return problems.empty(); }
};
ScriptCheck check_script(const std::string& json, const std::string& source);

struct ScriptLibrary {
    std::vector<Script> scripts;        // By title.
    std::vector<std::string> problems;  // From refused files.
    const Script* find(const std::string& id) const;
};

// "<folder>/dialogues/*.json" in each folder, most specific first; the first script of an id
// wins. A broken file is refused whole and its problems listed.
ScriptLibrary load_scripts(const std::vector<std::string>& folders);

}  // namespace dyad::dialogue
