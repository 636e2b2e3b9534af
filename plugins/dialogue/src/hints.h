// Offline language hints for the therapist on the typed words of a dialogue: blame and
// absolutes, criticism and contempt, "I feel that..." (a thought, not a feeling), no
// I-statement; how much of the sender's message a mirror kept and what it added; whether an
// empathy guess names a feeling (from an editable list). Hints, not scores: the GUI labels
// them so and shows them only to the therapist. Nothing leaves the machine. No wx here.
#pragma once

#include <cstddef>
#include <expected>
#include <regex>
#include <string>
#include <vector>

namespace dyad::dialogue {

struct Hint {
    std::string kind;     // "absolute", "blame", "criticism", "thought", "no-i-statement".
    std::string phrase;   // The words that raised it, as written.
    std::size_t at = 0;   // Byte offset of phrase in the text.
    std::string message;  // For the therapist.
};

struct HintRule {
    std::string kind;
    std::regex pattern;
    std::string message;
};

// The hint rules of "<folder>/dialogue-language/language-hints.json" (most specific folder first; a
// broken file is skipped with its problem, "file:LINE: hints[2].pattern: ...").
struct HintRules {
    std::vector<HintRule> rules;
    static std::expected<HintRules, std::string> parse(const std::string& json,
                                                       const std::string& source);
};
HintRules load_hint_rules(const std::vector<std::string>& folders,
                          std::vector<std::string>& problems);

// In text order: the rules' hints and the built-in "no I-statement".
std::vector<Hint> sender_hints(const std::string& text, const HintRules& rules);

struct MirrorScore {
    double kept = 0;                   // Share of the sender's content words in the mirror.
    std::vector<std::string> missing;  // Sender's content words the mirror left out.
    std::vector<std::string> added;    // Content words the sender did not say.
};
MirrorScore mirror_score(const std::string& sent, const std::string& mirrored);

// Lower-case content words, in order, each once (stop words and mirroring phrases left out).
std::vector<std::string> content_words(const std::string& text);

// One word or phrase per line, # comments; "<folder>/dialogue-language/feelings.txt", first found.
std::vector<std::string> load_feelings(const std::vector<std::string>& folders);
// The first feeling word in text ("" when none).
std::string named_feeling(const std::string& text, const std::vector<std::string>& feelings);

}  // namespace dyad::dialogue
