#include "vision.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <time_text.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <set>
#include <sstream>

namespace dyad::workup {

using dyad::datafile::now_utc;
namespace {

const std::set<std::string> kStopWords = {"we",   "our", "us", "the",  "a",     "an",   "and",
                                          "to",   "of",  "in", "each", "other", "is",   "are",
                                          "with", "for", "at", "on",   "it",    "that", "be"};
// The same for Spanish statements ("Resolvemos nuestras diferencias en paz").
const std::set<std::string> kSpanishStopWords = {
    "nosotros", "nosotras", "nuestro", "nuestra", "nuestros", "nuestras", "nos", "el",  "la",
    "los",      "las",      "un",      "una",     "y",        "e",        "de",  "del", "al",
    "en",       "con",      "por",     "para",    "que",      "es",       "se",  "lo",  "le",
    "cada",     "otro",     "otra",    "uno",     "somos",    "estamos"};

std::set<std::string> content_words(const std::string& text) {
    std::set<std::string> words;
    std::string word;
    for (char c : text + " ") {
        // Bytes of UTF-8 letters ("á", "ñ") belong to the word, as in "también".
        if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) {
            word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else if (!word.empty()) {
            if (kStopWords.count(word) == 0 && kSpanishStopWords.count(word) == 0) {
                words.insert(word);
            }
            word.clear();
        }
    }
    return words;
}

// The same wish in other words: most content words shared (Jaccard 0.6 or more).
bool same_wish(const std::string& a, const std::string& b) {
    auto x = content_words(a);
    auto y = content_words(b);
    if (x.empty() || y.empty()) {
        return false;
    }
    std::size_t shared = 0;
    for (const auto& word : x) {
        shared += y.count(word);
    }
    return static_cast<double>(shared) / static_cast<double>(x.size() + y.size() - shared) >= 0.6;
}

}  // namespace

std::vector<VisionItem> merge_visions(const std::vector<PartnerVision>& partners) {
    std::vector<VisionItem> items;
    for (const auto& partner : partners) {
        if (partner.answers.isNull() || !partner.answers->has("statements")) {
            continue;
        }
        Poco::JSON::Array::Ptr rows = partner.answers->getArray("statements");
        for (unsigned i = 0; !rows.isNull() && i < rows->size(); ++i) {
            Poco::JSON::Object::Ptr row = rows->getObject(i);
            if (row.isNull()) {
                continue;
            }
            std::string text = row->optValue<std::string>("statement", "");
            if (text.find_first_not_of(" \t") == std::string::npos) {
                continue;
            }
            int importance = row->has("importance") && row->get("importance").isInteger()
                                 ? row->getValue<int>("importance")
                                 : 0;
            bool hard = row->optValue<std::string>("hard", "") == "yes";
            auto match = std::find_if(items.begin(), items.end(), [&](const VisionItem& item) {
                return std::find(item.authors.begin(), item.authors.end(), partner.name) ==
                           item.authors.end() &&
                       same_wish(item.text, text);
            });
            if (match != items.end()) {
                match->in_common = true;
                match->importance += importance;
                match->hard = match->hard || hard;
                match->authors.push_back(partner.name);
            } else {
                items.push_back({text, false, importance, hard, {partner.name}});
            }
        }
    }
    std::stable_sort(items.begin(), items.end(), [](const VisionItem& a, const VisionItem& b) {
        if (a.in_common != b.in_common) {
            return a.in_common;
        }
        return a.importance > b.importance;
    });
    return items;
}

std::expected<int, std::string> VisionStore::keep(std::int64_t unit_id,
                                                  const std::vector<VisionItem>& items,
                                                  const std::string& kept_at) {
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (const auto& item : items) {
        Poco::JSON::Object::Ptr object = new Poco::JSON::Object;
        object->set("text", item.text);
        object->set("in_common", item.in_common);
        object->set("importance", item.importance);
        object->set("hard", item.hard);
        Poco::JSON::Array::Ptr authors = new Poco::JSON::Array;
        for (const auto& author : item.authors) {
            authors->add(author);
        }
        object->set("authors", authors);
        list->add(object);
    }
    std::ostringstream json;
    list->stringify(json);
    auto insert = m_db.prepare(
        "INSERT INTO workup_vision (unit_id, version, created_at, items) VALUES (?1, "
        "(SELECT coalesce(max(version), 0) + 1 FROM workup_vision WHERE unit_id = ?1), ?2, ?3) "
        "RETURNING version");
    insert.bind(1, unit_id).bind(2, kept_at.empty() ? now_utc() : kept_at).bind(3, json.str());
    if (!insert.ok() || insert.step() != DYAD_ROW) {
        return std::unexpected(insert.ok() ? m_db.last_error() : insert.error());
    }
    return static_cast<int>(insert.int64(0));
}

std::expected<std::vector<SharedVision>, std::string> VisionStore::versions(std::int64_t unit_id) {
    auto select = m_db.prepare(
        "SELECT version, created_at, items FROM workup_vision WHERE unit_id = ? ORDER BY "
        "version");
    select.bind(1, unit_id);
    if (!select.ok()) {
        return std::unexpected(select.error());
    }
    std::vector<SharedVision> found;
    while (select.step() == DYAD_ROW) {
        SharedVision vision{static_cast<int>(select.int64(0)), select.text(1), {}};
        try {
            Poco::JSON::Parser parser;
            auto list = parser.parse(select.text(2)).extract<Poco::JSON::Array::Ptr>();
            for (unsigned i = 0; i < list->size(); ++i) {
                auto object = list->getObject(i);
                VisionItem item{object->getValue<std::string>("text"),
                                object->getValue<bool>("in_common"),
                                object->getValue<int>("importance"),
                                object->getValue<bool>("hard"),
                                {}};
                auto authors = object->getArray("authors");
                for (unsigned a = 0; !authors.isNull() && a < authors->size(); ++a) {
                    item.authors.push_back(authors->getElement<std::string>(a));
                }
                vision.items.push_back(std::move(item));
            }
        } catch (const Poco::Exception& error) {
            return std::unexpected("a kept vision could not be read: " + error.displayText());
        }
        found.push_back(std::move(vision));
    }
    return found;
}

}  // namespace dyad::workup
