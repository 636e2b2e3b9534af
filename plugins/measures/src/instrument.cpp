#include "instrument.h"

#include <Poco/DigestEngine.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/SHA2Engine.h>
#include <data_files.h>
#include <json_root.h>

#include <dyad/show.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

namespace dyad::measures {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

bool is_id(const std::string& key) {
    return !key.empty() && key.size() <= 40 &&
           std::all_of(key.begin(), key.end(), [](unsigned char c) {
               return std::islower(c) || std::isdigit(c) || c == '_' || c == '-';
           });
}

// The shared checker plus numbers, which the forms do not need.
class Checker : public dyad::datafile::JsonChecker {
  public:
    using JsonChecker::JsonChecker;

    // key's value when it is a finite number within [low, high]; a problem otherwise (and when
    // required and missing).
    std::optional<double> number(const Object::Ptr& object, const std::string& key,
                                 const std::string& path, bool required, double low, double high) {
        std::string where = path.empty() ? key : path + "." + key;
        if (!object->has(key)) {
            if (required) {
                problem(path, "\"" + key + "\" is required");
            }
            return std::nullopt;
        }
        const Poco::Dynamic::Var& value = object->get(key);
        if (!value.isNumeric() || value.isBoolean()) {
            problem(where, "must be a number");
            return std::nullopt;
        }
        double number = value.convert<double>();
        if (!std::isfinite(number) || number < low || number > high) {
            problem(where, "must be from " + number_text(low) + " to " + number_text(high));
            return std::nullopt;
        }
        return number;
    }
    bool flag(const Object::Ptr& object, const std::string& key, const std::string& path) {
        if (!object->has(key)) {
            return false;
        }
        if (!object->get(key).isBoolean()) {
            problem(path.empty() ? key : path + "." + key, "must be true or false");
            return false;
        }
        return object->getValue<bool>(key);
    }
    Array::Ptr list(const Object::Ptr& object, const std::string& key, const std::string& path,
                    bool required) {
        Array::Ptr found = object->getArray(key);
        if (found.isNull() && (required || object->has(key))) {
            problem(object->has(key) ? (path.empty() ? key : path + "." + key) : path,
                    "\"" + key + "\" must be a list");
        }
        return found;
    }
};

constexpr double kLargest = 1000000;

void read_answer_sets(Checker& check, const Object::Ptr& root, Instrument& instrument) {
    Array::Ptr sets = check.list(root, "answer_sets", "", true);
    for (unsigned i = 0; !sets.isNull() && i < sets->size(); ++i) {
        std::string path = "answer_sets[" + std::to_string(i) + "]";
        Object::Ptr object = sets->getObject(i);
        if (object.isNull()) {
            check.problem(path, "must be an object");
            continue;
        }
        AnswerSet set;
        set.key = check.text(object, "key", path, true);
        if (!set.key.empty() && instrument.answer_set(set.key) != nullptr) {
            check.problem(path + ".key", "\"" + set.key + "\" is used twice");
        }
        Array::Ptr anchors = check.list(object, "anchors", path, false);
        if (!anchors.isNull()) {
            std::set<double> values;
            for (unsigned a = 0; a < anchors->size(); ++a) {
                std::string where = path + ".anchors[" + std::to_string(a) + "]";
                Object::Ptr anchor = anchors->getObject(a);
                if (anchor.isNull()) {
                    check.problem(where, "must be an object");
                    continue;
                }
                auto value = check.number(anchor, "value", where, true, -kLargest, kLargest);
                std::string label = check.text(anchor, "label", where, true);
                if (value && !values.insert(*value).second) {
                    check.problem(where + ".value",
                                  "the value " + number_text(*value) + " is used twice");
                }
                if (value) {
                    set.anchors.push_back({*value, label});
                }
            }
            if (anchors->size() < 2) {
                check.problem(path + ".anchors", "an answer set needs at least two anchors");
            }
        } else {
            auto min = check.number(object, "min", path, true, -kLargest, kLargest);
            auto max = check.number(object, "max", path, true, -kLargest, kLargest);
            auto step = check.number(object, "step", path, true, 0.001, kLargest);
            set.min_label = check.text(object, "min_label", path, true);
            set.max_label = check.text(object, "max_label", path, true);
            if (min && max && *max <= *min) {
                check.problem(path + ".max", "must be above \"min\"");
            }
            if (min && max && step) {
                set.min = *min;
                set.max = *max;
                set.step = *step;
            }
        }
        instrument.answer_sets.push_back(std::move(set));
    }
}

void read_items(Checker& check, const Object::Ptr& root, Instrument& instrument) {
    Array::Ptr items = check.list(root, "items", "", true);
    if (!items.isNull() && items->size() == 0) {
        check.problem("items", "\"items\" must list at least one item");
    }
    for (unsigned i = 0; !items.isNull() && i < items->size(); ++i) {
        std::string path = "items[" + std::to_string(i) + "]";
        Object::Ptr object = items->getObject(i);
        if (object.isNull()) {
            check.problem(path, "must be an object");
            continue;
        }
        Item item;
        item.id = check.text(object, "id", path, true);
        if (!item.id.empty() && instrument.item(item.id) != nullptr) {
            check.problem(path + ".id", "\"" + item.id + "\" is used twice");
        }
        // A template's items carry no text until the practice types it in.
        item.text = check.text(object, "text", path, !instrument.bring_your_own);
        item.answers = check.text(object, "answers", path, true);
        if (!item.answers.empty() && instrument.answer_set(item.answers) == nullptr) {
            check.problem(path + ".answers", "\"" + item.answers + "\" names no answer set");
        }
        item.left_label = check.text(object, "left_label", path, false);
        item.right_label = check.text(object, "right_label", path, false);
        item.reverse = check.flag(object, "reverse", path);
        item.scored = !object->has("scored") || check.flag(object, "scored", path);
        if (object->has("risk")) {
            Object::Ptr risk = object->getObject("risk");
            if (risk.isNull()) {
                check.problem(path + ".risk", "must be an object with \"above\" and \"flag\"");
            } else {
                item.risk_above =
                    check.number(risk, "above", path + ".risk", true, -kLargest, kLargest);
                item.risk_flag = check.text(risk, "flag", path + ".risk", true);
            }
        }
        instrument.items.push_back(std::move(item));
    }
}

void read_scoring(Checker& check, const Object::Ptr& root, Instrument& instrument) {
    Object::Ptr scoring = root->getObject("scoring");
    if (scoring.isNull()) {
        check.problem(root->has("scoring") ? "scoring" : "", "\"scoring\" must be an object");
        return;
    }
    std::string method = check.text(scoring, "method", "scoring", true);
    if (!method.empty() && method != "sum") {
        check.problem("scoring.method", "\"" + method + "\" is not a scoring method (sum)");
    }
    auto version = dyad::datafile::int_value(scoring, "version");
    if (!version || *version < 1) {
        check.problem(scoring->has("version") ? "scoring.version" : "scoring",
                      "\"version\" must be a whole number from 1");
    } else {
        instrument.scoring_version = *version;
    }
    std::string missing = check.text(scoring, "missing", "scoring", true);
    if (missing == "prorate") {
        auto most = dyad::datafile::int_value(scoring, "max_missing");
        if (!most || *most < 1 || *most >= static_cast<int>(instrument.scored_items().size())) {
            check.problem("scoring",
                          "prorating needs \"max_missing\": 1 to one less than the "
                          "number of scored items");
        } else {
            instrument.max_missing = *most;
        }
    } else if (missing != "refuse" && !missing.empty()) {
        check.problem("scoring.missing", "\"" + missing + "\" is not a rule (refuse, prorate)");
    }
    Array::Ptr subscales = check.list(scoring, "subscales", "scoring", false);
    for (unsigned i = 0; !subscales.isNull() && i < subscales->size(); ++i) {
        std::string path = "scoring.subscales[" + std::to_string(i) + "]";
        Object::Ptr object = subscales->getObject(i);
        if (object.isNull()) {
            check.problem(path, "must be an object");
            continue;
        }
        Subscale subscale;
        subscale.key = check.text(object, "key", path, true);
        for (const auto& earlier : instrument.subscales) {
            if (!subscale.key.empty() && earlier.key == subscale.key) {
                check.problem(path + ".key", "\"" + subscale.key + "\" is used twice");
            }
        }
        subscale.label = check.text(object, "label", path, true);
        subscale.items = check.texts(object, "items", path, true);
        for (const auto& id : subscale.items) {
            const Item* item = instrument.item(id);
            if (item == nullptr || !item->scored) {
                check.problem(path + ".items", "\"" + id + "\" is not a scored item");
            }
        }
        instrument.subscales.push_back(std::move(subscale));
    }
}

// Bands must cover the whole range of totals, in order, without a gap or an overlap.
void read_bands(Checker& check, const Object::Ptr& root, Instrument& instrument) {
    Array::Ptr bands = check.list(root, "bands", "", false);
    for (unsigned i = 0; !bands.isNull() && i < bands->size(); ++i) {
        std::string path = "bands[" + std::to_string(i) + "]";
        Object::Ptr object = bands->getObject(i);
        if (object.isNull()) {
            check.problem(path, "must be an object");
            continue;
        }
        auto from = check.number(object, "from", path, true, -kLargest, kLargest);
        auto to = check.number(object, "to", path, true, -kLargest, kLargest);
        std::string label = check.text(object, "label", path, true);
        if (!from || !to) {
            continue;
        }
        if (*to < *from) {
            check.problem(path + ".to", "must not be below \"from\"");
        }
        // A band runs from "from" to just below the next whole number after "to" (a prorated
        // or line total may fall between), so the next band starts at to + 1.
        if (!instrument.bands.empty() && *from <= instrument.bands.back().to) {
            check.problem(path + ".from", "overlaps the band before");
        } else if (!instrument.bands.empty() && *from > instrument.bands.back().to + 1) {
            check.problem(path + ".from", "leaves a gap before (the band before ends at " +
                                              number_text(instrument.bands.back().to) + ")");
        }
        instrument.bands.push_back({*from, *to, label});
    }
    if (!instrument.bands.empty() && check.clean()) {
        if (instrument.bands.front().from > instrument.min_total() ||
            instrument.bands.back().to < instrument.max_total()) {
            check.problem("bands", "must cover every total from " +
                                       number_text(instrument.min_total()) + " to " +
                                       number_text(instrument.max_total()));
        }
    }
}

void read_change(Checker& check, const Object::Ptr& root, Instrument& instrument) {
    std::string direction = check.text(root, "direction", "", true);
    if (direction == "higher_is_better") {
        instrument.higher_is_better = true;
    } else if (direction != "lower_is_better" && !direction.empty()) {
        check.problem("direction", "must be \"higher_is_better\" or \"lower_is_better\"");
    }
    if (root->has("cutoff")) {
        Object::Ptr cutoff = root->getObject("cutoff");
        if (cutoff.isNull()) {
            check.problem("cutoff", "must be an object with \"score\" and \"label\"");
        } else {
            instrument.cutoff = check.number(cutoff, "score", "cutoff", true, -kLargest, kLargest);
            instrument.cutoff_inclusive = check.flag(cutoff, "inclusive", "cutoff");
            instrument.cutoff_label = check.text(cutoff, "label", "cutoff", true);
        }
    }
    if (root->has("reliable_change")) {
        Object::Ptr change = root->getObject("reliable_change");
        if (change.isNull()) {
            check.problem("reliable_change", "must be an object");
            return;
        }
        instrument.reliable_change_source = check.text(change, "source", "reliable_change", true);
        if (change->has("points")) {
            auto points = check.number(change, "points", "reliable_change", true, 0.001, kLargest);
            instrument.reliable_change = points.value_or(0);
        } else {
            // Jacobson & Truax: 1.96 * SD * sqrt(2 * (1 - reliability)).
            auto r = check.number(change, "reliability", "reliable_change", true, 0, 0.999);
            auto sd = check.number(change, "sd", "reliable_change", true, 0.001, kLargest);
            if (r && sd) {
                instrument.reliable_change = 1.96 * *sd * std::sqrt(2 * (1 - *r));
            }
        }
    }
}

std::string items_digest(const Instrument& instrument) {
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    auto add = [&](const std::string& text) {
        engine.update(text);
        engine.update("\x1f", 1);
    };
    for (const auto& set : instrument.answer_sets) {
        add("set");
        add(set.key);
        for (const auto& anchor : set.anchors) {
            add(number_text(anchor.value));
            add(anchor.label);
        }
        add(number_text(set.min) + " " + number_text(set.max) + " " + number_text(set.step));
        add(set.min_label);
        add(set.max_label);
    }
    for (const auto& item : instrument.items) {
        add("item");
        add(item.id);
        add(item.text);
        add(item.answers);
        add(item.left_label);
        add(item.right_label);
        add(item.reverse ? "reverse" : "");
        add(item.scored ? "scored" : "");
        add(item.risk_above ? number_text(*item.risk_above) + " " + item.risk_flag : "");
    }
    return Poco::DigestEngine::digestToHex(engine.digest());
}

}  // namespace

bool AnswerSet::accepts(double value) const {
    if (!std::isfinite(value)) {
        return false;
    }
    if (!line()) {
        return anchor(value) != nullptr;
    }
    if (value < min - 1e-9 || value > max + 1e-9) {
        return false;
    }
    double steps = (value - min) / step;
    return std::fabs(steps - std::round(steps)) < 1e-6;
}

const Anchor* AnswerSet::anchor(double value) const {
    for (const auto& a : anchors) {
        if (a.value == value) {
            return &a;
        }
    }
    return nullptr;
}

const AnswerSet* Instrument::answer_set(const std::string& key) const {
    for (const auto& set : answer_sets) {
        if (set.key == key) {
            return &set;
        }
    }
    return nullptr;
}

const Item* Instrument::item(const std::string& item_id) const {
    for (const auto& i : items) {
        if (i.id == item_id) {
            return &i;
        }
    }
    return nullptr;
}

std::vector<const Item*> Instrument::scored_items() const {
    std::vector<const Item*> scored;
    for (const auto& i : items) {
        if (i.scored) {
            scored.push_back(&i);
        }
    }
    return scored;
}

namespace {
std::pair<double, double> set_range(const AnswerSet& set) {
    if (set.line()) {
        return {set.min, set.max};
    }
    auto [low, high] =
        std::minmax_element(set.anchors.begin(), set.anchors.end(),
                            [](const Anchor& a, const Anchor& b) { return a.value < b.value; });
    return {low->value, high->value};
}
double total_bound(const Instrument& instrument, bool high) {
    double total = 0;
    for (const Item* item : instrument.scored_items()) {
        if (const AnswerSet* set = instrument.answer_set(item->answers)) {
            auto range = set_range(*set);
            total += high ? range.second : range.first;
        }
    }
    return total;
}
}  // namespace

double Instrument::min_total() const {
    return total_bound(*this, false);
}

double Instrument::max_total() const {
    return total_bound(*this, true);
}

bool Instrument::items_complete() const {
    return std::all_of(items.begin(), items.end(),
                       [](const Item& i) { return !i.text.empty() || !i.left_label.empty(); });
}

InstrumentCheck check_instrument(const std::string& json, const std::string& source) {
    InstrumentCheck result;
    auto parsed = dyad::datafile::parse_data_file_root(json, source);
    if (!parsed) {
        result.problems.push_back(parsed.error());
        return result;
    }
    Object::Ptr root = *parsed;
    Checker check(json, source);
    Instrument& instrument = result.instrument;
    instrument.id = check.text(root, "id", "", true);
    if (!instrument.id.empty() && !is_id(instrument.id)) {
        check.problem("id", "use up to 40 lower-case letters, digits, '_' and '-'");
    }
    auto version = dyad::datafile::int_value(root, "version");
    if (!version || *version < 1) {
        check.problem(root->has("version") ? "version" : "",
                      "\"version\" must be a whole number from 1");
    } else {
        instrument.version = *version;
    }
    instrument.title = check.text(root, "title", "", true);
    instrument.short_title = check.text(root, "short_title", "", true);
    instrument.stem = check.text(root, "stem", "", false);
    instrument.source = check.text(root, "source", "", true);
    instrument.licence = check.text(root, "licence", "", true);
    instrument.respondent_note = check.text(root, "respondent", "", false);
    std::string licence_class = check.text(root, "licence_class", "", true);
    if (licence_class == "bring_your_own") {
        instrument.bring_your_own = true;
        instrument.attestation = check.text(root, "attestation", "", true);
    } else if (licence_class != "bundled" && !licence_class.empty()) {
        check.problem("licence_class", "must be \"bundled\" or \"bring_your_own\"");
    }
    read_answer_sets(check, root, instrument);
    read_items(check, root, instrument);
    if (!instrument.items.empty() && instrument.scored_items().empty()) {
        check.problem("items", "at least one item must be scored");
    }
    for (std::size_t i = 0; i < instrument.items.size(); ++i) {
        const Item& item = instrument.items[i];
        const AnswerSet* set = instrument.answer_set(item.answers);
        if (item.risk_above && set != nullptr && !set->line() &&
            std::none_of(set->anchors.begin(), set->anchors.end(),
                         [&](const Anchor& a) { return a.value > *item.risk_above; })) {
            check.problem("items[" + std::to_string(i) + "].risk.above",
                          "no answer of this item is above it: the flag could never be raised");
        }
    }
    read_scoring(check, root, instrument);
    read_change(check, root, instrument);
    if (check.clean()) {
        read_bands(check, root, instrument);  // Needs the items' ranges.
    }
    if (instrument.cutoff && check.clean() &&
        (*instrument.cutoff < instrument.min_total() ||
         *instrument.cutoff > instrument.max_total())) {
        check.problem("cutoff.score", "must lie within the totals " +
                                          number_text(instrument.min_total()) + " to " +
                                          number_text(instrument.max_total()));
    }
    instrument.items_sha256 = items_digest(instrument);
    result.problems = std::move(check).take();
    return result;
}

const Instrument* InstrumentLibrary::find(const std::string& id) const {
    for (const auto& instrument : instruments) {
        if (instrument.id == id) {
            return &instrument;
        }
    }
    return nullptr;
}

InstrumentLibrary load_instruments(const std::vector<std::string>& folders) {
    InstrumentLibrary library;
    std::set<std::string> ids;
    dyad::datafile::for_each_data_file(
        folders, "measures",
        [&](const std::string& path, const std::string& content) {
            InstrumentCheck checked = check_instrument(content, path);
            if (!checked.ok()) {
                library.problems.insert(library.problems.end(), checked.problems.begin(),
                                        checked.problems.end());
                return false;
            }
            if (ids.insert(checked.instrument.id).second) {
                library.instruments.push_back(std::move(checked.instrument));
            }
            return true;
        },
        ".json", &library.problems);
    std::sort(library.instruments.begin(), library.instruments.end(),
              [](const Instrument& a, const Instrument& b) { return a.id < b.id; });
    return library;
}

std::string number_text(double value) {
    double rounded = std::round(value * 10) / 10;
    char text[48];
    if (std::fabs(rounded - std::round(rounded)) < 1e-9) {
        std::snprintf(text, sizeof text, "%.0f", rounded);
    } else {
        std::snprintf(text, sizeof text, "%.1f", rounded);
    }
    return std::string(text) == "-0" ? "0" : text;
}

std::string shown_number(double value) {
    double rounded = std::round(value * 10) / 10;
    bool whole = std::fabs(rounded - std::round(rounded)) < 1e-9;
    return dyad::show::decimal(rounded, whole ? 0 : 1);
}

}  // namespace dyad::measures
