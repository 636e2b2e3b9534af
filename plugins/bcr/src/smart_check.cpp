#include "smart_check.h"

#include <bounded_regex.h>
#include <data_files.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <json_root.h>

#include <dyad/show.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace dyad::bcr {
namespace {

const std::vector<std::string> kCriteria = {"specific", "measurable", "attainable", "time_limited",
                                            "positive"};

bool blank(const std::string& text) {
    return std::all_of(text.begin(), text.end(),
                       [](unsigned char c) { return std::isspace(c) != 0; });
}

}  // namespace

std::string criterion_label(const std::string& criterion) {
    using dyad::show::tr_in;
    if (criterion == "specific") {
        return tr_in("SMART criterion", "Specific");
    }
    if (criterion == "measurable") {
        return tr_in("SMART criterion", "Measurable");
    }
    if (criterion == "attainable") {
        return tr_in("SMART criterion", "Attainable");
    }
    if (criterion == "time_limited") {
        return tr_in("SMART criterion", "Time-limited");
    }
    if (criterion == "positive") {
        return tr_in("SMART criterion", "Positive");
    }
    std::string label = criterion;
    if (!label.empty()) {
        label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
    }
    return label;
}

std::expected<SmartChecker, std::string> SmartChecker::parse(const std::string& json,
                                                             const std::string& source) {
    auto read = dyad::datafile::parse_json_object(json, source);
    if (!read) {
        return std::unexpected(read.error());
    }
    Poco::JSON::Object::Ptr root = *read;
    Poco::JSON::Array::Ptr rules = root->getArray("rules");
    if (rules.isNull() || rules->size() == 0) {
        return std::unexpected(source + ": \"rules\" must list at least one rule");
    }
    SmartChecker checker;
    for (unsigned i = 0; i < rules->size(); ++i) {
        std::string where = source + ": rules[" + std::to_string(i) + "]";
        Poco::JSON::Object::Ptr rule = rules->getObject(i);
        if (rule.isNull()) {
            return std::unexpected(where + " must be an object");
        }
        SmartRule parsed;
        for (auto [key, target] : {std::pair<const char*, std::string*>{"id", &parsed.id},
                                   {"criterion", &parsed.criterion},
                                   {"reason", &parsed.reason},
                                   {"hint", &parsed.hint}}) {
            if (!rule->has(key) || !rule->get(key).isString() ||
                blank(rule->getValue<std::string>(key))) {
                return std::unexpected(where + "." + key + " must be non-empty text");
            }
            *target = rule->getValue<std::string>(key);
        }
        if (std::find(kCriteria.begin(), kCriteria.end(), parsed.criterion) == kCriteria.end()) {
            return std::unexpected(where + ".criterion \"" + parsed.criterion +
                                   "\" is not one of specific, measurable, attainable, "
                                   "time_limited, positive");
        }
        std::string when = rule->optValue<std::string>("when", "present");
        if (when != "present" && when != "absent") {
            return std::unexpected(where + ".when must be \"present\" or \"absent\"");
        }
        parsed.when_present = when == "present";
        Poco::JSON::Array::Ptr patterns = rule->getArray("patterns");
        if (patterns.isNull() || patterns->size() == 0) {
            return std::unexpected(where + ".patterns must list at least one pattern");
        }
        for (unsigned j = 0; j < patterns->size(); ++j) {
            std::string pattern =
                patterns->get(j).isString() ? patterns->getElement<std::string>(j) : std::string();
            if (std::string problem = dyad::datafile::pattern_problem(pattern); !problem.empty()) {
                return std::unexpected(where + ".patterns[" + std::to_string(j) + "] is " +
                                       problem);
            }
            try {
                parsed.patterns.emplace_back(pattern, std::regex::ECMAScript | std::regex::icase);
            } catch (const std::regex_error&) {
                return std::unexpected(where + ".patterns[" + std::to_string(j) +
                                       "] is not a valid regular expression: " + pattern);
            }
            if (pattern.empty()) {
                return std::unexpected(where + ".patterns[" + std::to_string(j) + "] is empty");
            }
        }
        checker.m_rules.push_back(std::move(parsed));
    }
    return checker;
}

std::expected<SmartChecker, std::string> SmartChecker::load(const std::vector<std::string>& folders,
                                                            std::vector<std::string>& problems) {
    for (const auto& folder : folders) {
        // The rules of the language shown ("<folder>/es/bcr/..."), else (none there, or a
        // broken translation) the English ones.
        for (const auto& path : dyad::datafile::localized_paths(folder, "bcr/smart-rules.json")) {
            auto content = dyad::datafile::read_data_file(path, problems);
            if (!content) {
                continue;
            }
            auto checker = parse(*content, path);
            if (checker) {
                return checker;
            }
            problems.push_back(checker.error());
        }
    }
    return std::unexpected(problems.empty() ? std::string("no bcr/smart-rules.json found")
                                            : problems.back());
}

std::vector<SmartFinding> SmartChecker::check(const std::string& request) const {
    if (blank(request)) {
        return {{"empty", "specific", dyad::show::tr("no text"),
                 dyad::show::tr("Write the request: what would your partner do?")}};
    }
    std::vector<SmartFinding> findings;
    // The rules are a clinic's: their matching is bounded (bounded_regex.h).
    dyad::datafile::BoundedMatcher matcher;
    for (const auto& rule : m_rules) {
        bool any =
            std::any_of(rule.patterns.begin(), rule.patterns.end(),
                        [&](const std::regex& pattern) { return matcher.found(request, pattern); });
        if (any == rule.when_present) {
            findings.push_back({rule.id, rule.criterion, rule.reason, rule.hint});
        }
    }
    return findings;
}

}  // namespace dyad::bcr
