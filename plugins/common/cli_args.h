// The `dyadctl <plugin> ...` command lines of the shipped plugins, split one way: positional
// words, "--name value" options, and flags (options without a value). Header-only; any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

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
