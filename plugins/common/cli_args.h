// The `dyadctl <plugin> ...` command lines of the shipped plugins, split one way: positional
// words, "--name value" options, and flags (options without a value). Header-only; any thread.
#pragma once

#include <dyad/text.hpp>

#include <cstdint>
#include <functional>
#include <iostream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "data_files.h"

namespace dyad::datafile {

struct CliArgs {
    std::vector<std::string> words;
    std::map<std::string, std::string> options;  // "--unit" -> "42"; a flag -> "".
    bool flag(const std::string& name) const { return options.count(name) > 0; }
    std::string option(const std::string& name, const std::string& otherwise = "") const {
        auto found = options.find(name);
        return found == options.end() ? otherwise : found->second;
    }
};

// args[0] is the command's name and is skipped. An argument starting with "--" is a flag when
// is_flag says so, else it takes the next argument as its value (none at the end).
inline CliArgs parse_cli_args(const std::vector<std::string>& args,
                              const std::function<bool(const std::string&)>& is_flag) {
    CliArgs parsed;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg.rfind("--", 0) != 0) {
            parsed.words.push_back(arg);
        } else if (is_flag(arg)) {
            parsed.options[arg] = "";
        } else {
            parsed.options[arg] = i + 1 < args.size() ? args[++i] : "";
        }
    }
    return parsed;
}

// "--json" is the only flag (most plugins' rule).
inline CliArgs parse_cli_args(const std::vector<std::string>& args) {
    return parse_cli_args(args, [](const std::string& arg) { return arg == "--json"; });
}

// The most text one argument, standard input or --file may carry (a long note is ~20 KB).
inline constexpr std::size_t kMaxClientText = 1024 * 1024;

// Client text (a note, an amendment, a frustration) need not be on the command line, where
// /proc/PID/cmdline and the shell's history keep it: a text word "-" is read from standard input
// (one per command), and when the command is one word short and got "--file F", F's text is its
// last word. Every text word from first_text on must be UTF-8 without NUL bytes. Returns "" or
// what is wrong. `in` is standard input unless a test gives another stream.
inline std::string resolve_text_words(CliArgs& args, std::size_t first_text, std::size_t words,
                                      std::istream& in = std::cin) {
    if (args.words.size() + 1 == words && !args.option("--file").empty()) {
        std::string error;
        std::string text = read_user_file(args.option("--file"), kMaxClientText, error);
        if (!error.empty()) {
            return error;
        }
        args.words.push_back(std::move(text));
    }
    if (args.words.size() != words) {
        return {};  // Not this command's shape; its usage message follows.
    }
    bool stdin_used = false;
    for (std::size_t i = first_text; i < args.words.size(); ++i) {
        if (args.words[i] == "-") {
            if (stdin_used) {
                return "only one text can come from standard input; give the other with --file "
                       "or as a word";
            }
            stdin_used = true;
            std::string text;
            char buffer[65536];
            while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
                text.append(buffer, static_cast<std::size_t>(in.gcount()));
                if (text.size() > kMaxClientText) {
                    return "the text on standard input is longer than 1 MiB, the limit";
                }
            }
            while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) {
                text.pop_back();  // The newline a shell's here-document or echo adds.
            }
            args.words[i] = std::move(text);
        }
        if (std::string problem = dyad::sdk::text_problem(args.words[i], "the text");
            !problem.empty()) {
            return problem;
        }
    }
    return {};
}

// A whole-number option in [minimum, maximum], or fallback when it was not given; error says
// what is wrong ("--minutes must be a whole number from 1 to 1440 (not '4294967346')").
inline int int_option(const CliArgs& args, const std::string& name, int fallback, int minimum,
                      int maximum, std::string& error) {
    if (!args.flag(name)) {
        return fallback;
    }
    auto value = dyad::sdk::parse_integer(args.option(name), name, minimum, maximum);
    if (!value) {
        error = value.error();
        return fallback;
    }
    return static_cast<int>(*value);
}

// A record id given on the command line; 0 when text is not a whole number.
inline std::int64_t to_id(const std::string& text) {
    try {
        std::size_t used = 0;
        long long value = std::stoll(text, &used);
        return used == text.size() ? static_cast<std::int64_t>(value) : 0;
    } catch (...) {
        return 0;
    }
}

}  // namespace dyad::datafile
