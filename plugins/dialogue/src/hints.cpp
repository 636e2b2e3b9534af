#include "hints.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

namespace dyad::dialogue {
namespace {

struct Pattern {
    const char* kind;
    const char* regex;
    const char* message;
};

// Markers from couples research and Imago teaching (absolutes, blame, criticism/contempt,
// feelings that are thoughts). Word boundaries keep "never" from matching "nevertheless".
const Pattern kPatterns[] = {
    {"absolute", R"(\b(always|never|every single time|every time|constantly|all the time)\b)",
     "An absolute: describe this time, not always or never."},
    {"blame", R"(\b(you make me|you made me|it'?s your fault|because of you|you ruin(ed)?)\b)",
     "Blame: say what you feel, not what your partner did to you."},
    {"criticism",
     R"(\byou(?:'re| are) (?:so |such an? |just |being )?(lazy|selfish|stupid|useless|pathetic|ridiculous|crazy|hopeless|impossible|immature|careless|cold|mean|irresponsible)\b)",
     "Criticism: a judgement of who your partner is, not of what happened."},
    {"criticism", R"(\b(what'?s wrong with you|grow up|whatever|disgusting|get a life)\b)",
     "Contempt: a marker the couple's safety does not survive."},
    {"thought", R"(\bi feel (that|like|as if|as though)\b)",
     "\"I feel that...\" states a thought; a feeling is one word: sad, scared, hurt..."},
};

const std::set<std::string> kStopWords = {
    "a",      "an",     "the",     "and",    "or",      "but",   "so",      "to",    "of",
    "in",     "on",     "at",      "for",    "with",    "about", "as",      "is",    "are",
    "was",    "were",   "be",      "been",   "am",      "it",    "its",     "it's",  "that",
    "this",   "these",  "those",   "i",      "i'm",     "i've",  "i'd",     "me",    "my",
    "mine",   "you",    "you're",  "your",   "yours",   "we",    "us",      "our",   "he",
    "she",    "they",   "them",    "their",  "do",      "does",  "did",     "have",  "has",
    "had",    "not",    "no",      "if",     "when",    "then",  "there",   "what",  "which",
    "who",    "how",    "just",    "really", "very",    "too",   "can",     "could", "would",
    "should", "will",   "from",    "by",     "up",      "out",   "all",     "some",  "got",
    "get",    "saying", "say",     "said",   "hear",    "heard", "hearing", "let",   "see",
    "like",   "feel",   "feeling", "that's", "there's", "more",  "is",      "don't", "didn't"};

std::vector<std::string> words_of(const std::string& text) {
    std::vector<std::string> words;
    std::string word;
    for (char c : text + " ") {
        auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) || c == '\'' || byte >= 0x80) {
            word += static_cast<char>(std::tolower(byte));
        } else if (!word.empty()) {
            words.push_back(word);
            word.clear();
        }
    }
    return words;
}

}  // namespace

std::vector<Hint> sender_hints(const std::string& text) {
    std::vector<Hint> hints;
    for (const auto& pattern : kPatterns) {
        std::regex regex(pattern.regex, std::regex::ECMAScript | std::regex::icase);
        for (auto it = std::sregex_iterator(text.begin(), text.end(), regex);
             it != std::sregex_iterator(); ++it) {
            hints.push_back({pattern.kind, it->str(), static_cast<std::size_t>(it->position()),
                             pattern.message});
        }
    }
    // No I-statement: "you" and no word about the speaker.
    std::vector<std::string> words = words_of(text);
    auto has = [&](std::initializer_list<const char*> wanted) {
        return std::any_of(words.begin(), words.end(), [&](const std::string& w) {
            return std::find_if(wanted.begin(), wanted.end(),
                                [&](const char* x) { return w == x; }) != wanted.end();
        });
    };
    if (has({"you", "you're", "your"}) && !has({"i", "i'm", "i've", "i'd", "me", "my", "myself"})) {
        std::regex you(R"(\byou)", std::regex::ECMAScript | std::regex::icase);
        std::smatch first;
        std::regex_search(text, first, you);
        hints.push_back(
            {"no-i-statement", first.str(), static_cast<std::size_t>(first.position()),
             "No I-statement: start from yourself (\"I feel...\", \"When..., I...\")."});
    }
    std::sort(hints.begin(), hints.end(), [](const Hint& a, const Hint& b) { return a.at < b.at; });
    return hints;
}

std::vector<std::string> content_words(const std::string& text) {
    std::vector<std::string> content;
    for (auto& word : words_of(text)) {
        if (kStopWords.count(word) == 0 &&
            std::find(content.begin(), content.end(), word) == content.end()) {
            content.push_back(word);
        }
    }
    return content;
}

MirrorScore mirror_score(const std::string& sent, const std::string& mirrored) {
    std::vector<std::string> said = content_words(sent);
    std::vector<std::string> echoed = content_words(mirrored);
    MirrorScore score;
    int kept = 0;
    for (const auto& word : said) {
        if (std::find(echoed.begin(), echoed.end(), word) != echoed.end()) {
            ++kept;
        } else {
            score.missing.push_back(word);
        }
    }
    for (const auto& word : echoed) {
        if (std::find(said.begin(), said.end(), word) == said.end()) {
            score.added.push_back(word);
        }
    }
    score.kept = said.empty() ? 0 : static_cast<double>(kept) / static_cast<double>(said.size());
    return score;
}

std::vector<std::string> load_feelings(const std::vector<std::string>& folders) {
    for (const auto& folder : folders) {
        std::ifstream in(std::filesystem::path(folder) / "dialogues" / "feelings.txt");
        if (!in) {
            continue;
        }
        std::vector<std::string> feelings;
        std::string line;
        while (std::getline(in, line)) {
            auto begin = line.find_first_not_of(" \t\r");
            if (begin == std::string::npos || line[begin] == '#') {
                continue;
            }
            std::string word = line.substr(begin, line.find_last_not_of(" \t\r") - begin + 1);
            std::transform(word.begin(), word.end(), word.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            feelings.push_back(word);
        }
        return feelings;
    }
    return {};
}

std::string named_feeling(const std::string& text, const std::vector<std::string>& feelings) {
    std::vector<std::string> words = words_of(text);
    std::string joined = " ";
    for (const auto& word : words) {
        joined += word + " ";
    }
    for (const auto& feeling : feelings) {
        if (joined.find(" " + feeling + " ") != std::string::npos) {
            return feeling;
        }
    }
    return {};
}

}  // namespace dyad::dialogue
