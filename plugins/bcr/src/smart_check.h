// The SMART + positive check of a Behavior Change Request: rules from a data file
// ("<resources>/bcr/smart-rules.json", the clinic's copy first), each tied to one criterion
// (specific, measurable, attainable, time_limited, positive), firing when one of its patterns
// is present or when none is. Findings carry the reason and a rewrite hint. In Spanish (issue
// 19) "<resources>/es/bcr/smart-rules.json" replaces a folder's English file: its patterns
// match Spanish requests and its reasons and hints are Spanish. No wx here.
#pragma once

#include <expected>
#include <regex>
#include <string>
#include <vector>

namespace dyad::bcr {

struct SmartRule {
    std::string id;
    std::string criterion;
    bool when_present = true;  // false: fires when no pattern matches.
    std::vector<std::regex> patterns;
    std::string reason;
    std::string hint;
};

struct SmartFinding {
    std::string rule_id;
    std::string criterion;
    std::string reason;
    std::string hint;
};

class SmartChecker {
  public:
    // Problems name the source and the JSON path ("rules[2].patterns[1]: ...").
    static std::expected<SmartChecker, std::string> parse(const std::string& json,
                                                          const std::string& source);
    // The first readable "<folder>/bcr/smart-rules.json" (or its translation into the language
    // shown, dyad::datafile::localized), most specific folder first; problems
    // collects the files refused on the way.
    static std::expected<SmartChecker, std::string> load(const std::vector<std::string>& folders,
                                                         std::vector<std::string>& problems);

    // Every finding for the request, in rule order; none means it passes. An empty request
    // gets the one finding "no text".
    std::vector<SmartFinding> check(const std::string& request) const;
    const std::vector<SmartRule>& rules() const { return m_rules; }

  private:
    std::vector<SmartRule> m_rules;
};

// "specific" -> "Specific", "time_limited" -> "Time-limited".
std::string criterion_label(const std::string& criterion);

}  // namespace dyad::bcr
