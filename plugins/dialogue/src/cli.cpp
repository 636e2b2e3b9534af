#include "cli.h"

#include <clinical_access.h>
#include <data_files.h>

#include <json_out.h>
#include <text_lists.h>

#include <cstdio>
#include <fstream>
#include <iterator>

namespace dyad::dialogue {
namespace {

using dyad::datafile::json_array;
using dyad::datafile::json_object;
using dyad::datafile::json_text;
using dyad::sdk::CliOutput;

constexpr const char* kUsage =
    "dialogue scripts [--json]\n"
    "  dialogue validate FILE\n"
    "  dialogue hints \"WHAT THE SENDER SAID\"\n"
    "  dialogue mirror \"WHAT THE SENDER SAID\" \"THE MIRROR\"\n"
    "  dialogue feeling \"THE EMPATHY GUESS\"\n"
    "  dialogue history --unit ID [--json]";

int fail(const CliOutput& output, const std::string& message, int code = 1) {
    output.err("dialogue: " + message + "\n");
    return code;
}

std::string joined(const std::vector<std::string>& words) {
    std::string text = dyad::datafile::join_list(words, ", ");
    return text.empty() ? "-" : text;
}

}  // namespace

const char* dialogue_cli_usage() {
    return kUsage;
}

int run_dialogue_cli(dyad::sdk::Host host, DialogueStore& store, const ScriptLibrary& library,
                     const HintRules& hint_rules, const std::vector<std::string>& feelings,
                     const std::vector<std::string>& args, const CliOutput& output) {
    std::vector<std::string> words(args.begin() + (args.empty() ? 0 : 1), args.end());
    bool json = std::find(words.begin(), words.end(), "--json") != words.end();
    words.erase(std::remove(words.begin(), words.end(), "--json"), words.end());
    if (words.empty()) {
        return fail(output, std::string("usage: ") + kUsage, 2);
    }
    const std::string& command = words[0];
    if (command == "scripts" && words.size() == 1) {
        std::string text;
        auto rows = json_array();
        for (const auto& s : library.scripts) {
            auto row = json_object();
            row->set("id", s.id);
            row->set("title", s.title);
            row->set("version", s.version);
            row->set("steps", s.steps.size());
            rows->add(row);
            text += s.id + "\t" + s.title + "\t" + std::to_string(s.steps.size()) + " steps\n";
        }
        output.out(json ? json_text(rows) : text);
        for (const auto& problem : library.problems) {
            output.err("dialogue: refused: " + problem + "\n");
        }
        return 0;
    }
    if (command == "validate" && words.size() == 2) {
        std::string read_error;
        std::string text =
            dyad::datafile::read_user_file(words[1], dyad::datafile::kMaxDataFileBytes, read_error);
        if (!read_error.empty()) {
            return fail(output, read_error);
        }
        ScriptCheck checked = check_script(text, words[1]);
        if (checked.ok()) {
            output.out(words[1] + ": valid, " + std::to_string(checked.script.steps.size()) +
                       " steps\n");
            return 0;
        }
        for (const auto& problem : checked.problems) {
            output.out(problem + "\n");
        }
        return 1;
    }
    if (command == "hints" && words.size() == 2) {
        auto hints = sender_hints(words[1], hint_rules);
        std::string text;
        for (const auto& hint : hints) {
            text += hint.kind + "\t\"" + hint.phrase + "\"\t" + hint.message + "\n";
        }
        output.out(hints.empty() ? "no hints\n" : text);
        return 0;
    }
    if (command == "mirror" && words.size() == 3) {
        MirrorScore score = mirror_score(words[1], words[2]);
        char kept[16];
        std::snprintf(kept, sizeof kept, "%.0f%%", score.kept * 100);
        output.out(std::string("kept ") + kept + "\nmissing: " + joined(score.missing) +
                   "\nadded: " + joined(score.added) + "\n");
        return 0;
    }
    if (command == "feeling" && words.size() == 2) {
        std::string feeling = named_feeling(words[1], feelings);
        output.out(feeling.empty() ? "no feeling word named\n"
                                   : "names a feeling: " + feeling + "\n");
        return 0;
    }
    if (command == "history" && words.size() == 3 && words[1] == "--unit") {
        std::int64_t unit = 0;
        try {
            unit = std::stoll(words[2]);
        } catch (...) {
            return fail(output, "--unit needs a client unit id", 2);
        }
        if (std::string refusal = dyad::access::clinical_refusal(host, unit, false);
            !refusal.empty()) {
            return fail(output, refusal);
        }
        auto history = store.history(unit);
        if (!history) {
            return fail(output, history.error());
        }
        (void)host.core()->audit(host.raw(), "view", "dialogue", unit);
        if (json) {
            output.out(history_json(*history) + "\n");
            return 0;
        }
        std::string text;
        for (const auto& r : *history) {
            text += r.started_at + "\t" + r.script_id + "\t" + (r.finished ? "finished" : "ended") +
                    "\tfidelity " + std::to_string(r.fidelity.count()) + "/5\n";
        }
        output.out(text);
        return 0;
    }
    return fail(output, std::string("usage: ") + kUsage, 2);
}

}  // namespace dyad::dialogue
