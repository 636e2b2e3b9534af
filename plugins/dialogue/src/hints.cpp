#include "hints.h"

#include <bounded_regex.h>
#include <data_files.h>
#include <dyad/show.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <json_root.h>
#include <set>

namespace dyad::dialogue {
namespace {

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

// The same for Spanish (the mirror's stems, "Lo que te escucho decir es..."); none is an English
// content word ("son", "sin", "era" and "dice" are left out for that reason).
const std::set<std::string> kSpanishStopWords = {
    "el",       "la",       "los",     "las",      "un",      "una",     "unos",    "unas",
    "y",        "e",        "o",       "u",        "pero",    "que",     "qué",     "de",
    "del",      "al",       "en",      "con",      "por",     "para",    "lo",      "le",
    "les",      "se",       "te",      "ti",       "mi",      "mí",      "mis",     "tu",
    "tú",       "tus",      "su",      "sus",      "yo",      "él",      "ella",    "nos",
    "nosotros", "nosotras", "ellos",   "ellas",    "usted",   "es",      "fue",     "está",
    "estás",    "estoy",    "soy",     "eres",     "ser",     "estar",   "hay",     "muy",
    "más",      "ya",       "sí",      "si",       "como",    "cuando",  "porque",  "eso",
    "esto",     "esa",      "ese",     "este",     "esta",    "también", "algo",    "decir",
    "dices",    "dijiste",  "escucho", "entiendo", "entendí", "bien",    "siento",  "sientes",
    "sentir",   "imagino",  "sentido", "tiene",    "tienes",  "tengo",   "ha",      "han",
    "he",       "has",      "me",      "a",        "no",      "contigo", "conmigo", "eh"};

// The length of the UTF-8 punctuation at text[i] that separates words like a space ("¿", "¡",
// "«", "»", curly double quotes, the dash), else 0.
std::size_t separator_at(const std::string& text, std::size_t i) {
    static const char* const marks[] = {"\u00bf", "\u00a1", "\u00ab", "\u00bb",
                                        "\u201c", "\u201d", "\u2014"};
    for (const char* mark : marks) {
        if (text.compare(i, std::char_traits<char>::length(mark), mark) == 0) {
            return std::char_traits<char>::length(mark);
        }
    }
    return 0;
}

std::vector<std::string> words_of(const std::string& text) {
    std::vector<std::string> words;
    std::string word;
    std::string padded = text + " ";
    for (std::size_t i = 0; i < padded.size(); ++i) {
        char c = padded[i];
        auto byte = static_cast<unsigned char>(c);
        if (std::size_t skip = byte >= 0x80 ? separator_at(padded, i) : 0; skip > 0) {
            i += skip - 1;
            c = ' ';
            byte = ' ';
        }
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

std::expected<HintRules, std::string> HintRules::parse(const std::string& json,
                                                       const std::string& source) {
    auto parsed = dyad::datafile::parse_data_file_root(json, source);
    if (!parsed) {
        return std::unexpected(parsed.error());
    }
    Poco::JSON::Object::Ptr root = *parsed;
    // The first problem ends the reading: one broken rule set is not half used.
    dyad::datafile::JsonChecker check(json, source);
    auto at = [&](const std::string& path, const std::string& what) {
        check.problem(path, what);
        return std::move(check).take().back();
    };
    Poco::JSON::Array::Ptr hints = root->getArray("hints");
    if (hints.isNull() || hints->size() == 0) {
        return std::unexpected(at("hints", "must list at least one hint"));
    }
    HintRules rules;
    for (unsigned i = 0; i < hints->size(); ++i) {
        std::string path = "hints[" + std::to_string(i) + "]";
        Poco::JSON::Object::Ptr hint = hints->getObject(i);
        if (hint.isNull()) {
            return std::unexpected(at(path, "must be an object"));
        }
        std::string fields[3];
        const char* keys[3] = {"kind", "pattern", "message"};
        for (int k = 0; k < 3; ++k) {
            if (!hint->has(keys[k]) || !hint->get(keys[k]).isString() ||
                hint->getValue<std::string>(keys[k]).empty()) {
                return std::unexpected(at(path + "." + keys[k], "must be non-empty text"));
            }
            fields[k] = hint->getValue<std::string>(keys[k]);
        }
        if (std::string problem = dyad::datafile::pattern_problem(fields[1]); !problem.empty()) {
            return std::unexpected(at(path + ".pattern", problem));
        }
        try {
            rules.rules.push_back(
                {fields[0], std::regex(fields[1], std::regex::ECMAScript | std::regex::icase),
                 fields[2]});
        } catch (const std::regex_error&) {
            return std::unexpected(at(path + ".pattern", "is not a valid regular expression"));
        }
    }
    return rules;
}

HintRules load_hint_rules(const std::vector<std::string>& folders,
                          std::vector<std::string>& problems) {
    for (const auto& folder : folders) {
        // The rules of the language words are shown in, when the folder has them (a broken
        // translation leaves the English rules of the folder).
        for (const auto& path :
             dyad::datafile::localized_paths(folder, "dialogue-language/language-hints.json")) {
            auto content = dyad::datafile::read_data_file(path, problems);
            if (!content) {
                continue;
            }
            auto rules = HintRules::parse(*content, path);
            if (rules) {
                return *rules;
            }
            problems.push_back(rules.error());
        }
    }
    if (problems.empty()) {
        problems.push_back(
            "no dialogue-language/language-hints.json found; only the I-statement hint "
            "is given");
    }
    return {};
}

std::vector<Hint> sender_hints(const std::string& text, const HintRules& rules) {
    std::vector<Hint> hints;
    // The rules are a clinic's: their matching is bounded (bounded_regex.h).
    dyad::datafile::BoundedMatcher matcher;
    for (const auto& rule : rules.rules) {
        for (const auto& match : matcher.find_all(text, rule.pattern)) {
            hints.push_back(
                {rule.kind, text.substr(match.at, match.length), match.at, rule.message});
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
             dyad::show::tr("No I-statement: start from yourself (\"I feel...\", \"When..., "
                            "I...\").")});
    }
    std::sort(hints.begin(), hints.end(), [](const Hint& a, const Hint& b) { return a.at < b.at; });
    return hints;
}

std::vector<std::string> content_words(const std::string& text) {
    std::vector<std::string> content;
    for (auto& word : words_of(text)) {
        if (kStopWords.count(word) == 0 && kSpanishStopWords.count(word) == 0 &&
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
        std::ifstream in;
        for (const auto& path :
             dyad::datafile::localized_paths(folder, "dialogue-language/feelings.txt")) {
            in = std::ifstream(path);
            if (in) {
                break;  // A translation that cannot be opened leaves the English list.
            }
        }
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
