#include "demo.h"

#include <time_text.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace dyad::measures {
namespace {

struct Range {
    double low = 0, high = 0;
};

Range range_of(const AnswerSet& set) {
    if (set.line()) {
        return {set.min, set.max};
    }
    Range range{set.anchors.front().value, set.anchors.front().value};
    for (const auto& anchor : set.anchors) {
        range.low = std::min(range.low, anchor.value);
        range.high = std::max(range.high, anchor.value);
    }
    return range;
}

struct Session {
    std::int64_t id = 0;
    std::string starts_at;
};

// The unit's attended sessions before today, oldest first.
std::vector<Session> attended_sessions(const dyad::sdk::Host& host, std::int64_t unit_id,
                                       const std::string& today) {
    auto midnight = dyad::datafile::local_midnight_utc(today);
    if (!midnight) {
        throw std::runtime_error("The demo's date \"" + today + "\" is not YYYY-MM-DD.");
    }
    struct Walk {
        std::int64_t unit_id;
        std::vector<Session> found;
    } walk{unit_id, {}};
    int code = host.core()->list_appointments(
        host.raw(), "0000-01-01T00:00:00Z", midnight->c_str(),
        [](void* user, const dyad_appointment_info* info) {
            auto* w = static_cast<Walk*>(user);
            if (info->unit_id == w->unit_id && std::string(info->status) == "attended") {
                w->found.push_back({info->id, info->starts_at});
            }
            return 0;
        },
        &walk);
    if (code != DYAD_OK) {
        throw std::runtime_error("The demo's appointments could not be read.");
    }
    return walk.found;
}

// Every n-th session from the first (sessions 1, 1 + n, ...: the cadence's).
std::vector<Session> every_nth(const std::vector<Session>& sessions, std::size_t n) {
    std::vector<Session> picked;
    for (std::size_t i = 0; i < sessions.size(); i += n) {
        picked.push_back(sessions[i]);
    }
    return picked;
}

// The first session, then each first session at least days after the last one picked.
std::vector<Session> every_days(const std::vector<Session>& sessions, int days) {
    std::vector<Session> picked;
    std::string next;
    for (const auto& session : sessions) {
        if (!picked.empty() && session.starts_at < next) {
            continue;
        }
        picked.push_back(session);
        auto after = dyad::datafile::local_midnight_utc(
            dyad::datafile::local_date_of(session.starts_at), days);
        next = after ? *after : "9999";
    }
    return picked;
}

struct Series {
    std::int64_t client_id = 0;
    std::string instrument_id;
    std::vector<double> totals;  // Baseline first; spread over the sessions given.
    std::string mode;
};

class Filler {
  public:
    Filler(MeasuresStore& store, const std::string& today) : m_store(store), m_today(today) {}

    void cadence(std::int64_t unit_id, const std::string& instrument_id, std::int64_t respondent_id,
                 int every_sessions, int every_days) {
        auto saved = m_store.set_cadence(
            {0, unit_id, instrument_id, respondent_id, every_sessions, every_days});
        if (!saved) {
            throw std::runtime_error("The demo's " + instrument_id +
                                     " cadence was refused: " + saved.error());
        }
    }

    // Gives the series at the sessions: as many as both have, from the baseline to the last
    // total, at the first sessions.
    void give(std::int64_t unit_id, const std::vector<Session>& sessions, const Series& series,
              int variant) {
        const Instrument* instrument = m_store.library().find(series.instrument_id);
        if (instrument == nullptr) {
            throw std::runtime_error("The instrument " + series.instrument_id +
                                     " the demo uses is not installed.");
        }
        std::size_t count = std::min(sessions.size(), series.totals.size());
        for (std::size_t i = 0; i < count; ++i) {
            std::size_t at = count == 1 ? 0 : i * (series.totals.size() - 1) / (count - 1);
            double total = series.totals[at];
            NewAdministration request;
            request.unit_id = unit_id;
            request.client_id = series.client_id;
            request.appointment_id = sessions[i].id;
            request.instrument_id = series.instrument_id;
            request.answers = demo_answers(*instrument, total, variant + static_cast<int>(i));
            request.mode = series.mode;
            request.date = dyad::datafile::local_date_of(sessions[i].starts_at);
            auto given = m_store.administer(request, m_today);
            if (!given) {
                throw std::runtime_error("The demo's " + instrument->short_title +
                                         " was refused: " + given.error());
            }
            if (given->score.total != total || !given->score.flags.empty()) {
                throw std::runtime_error("The demo's " + instrument->short_title +
                                         " did not score as planned.");
            }
        }
    }

  private:
    MeasuresStore& m_store;
    std::string m_today;
};

bool filled(MeasuresStore& store, std::int64_t unit_id) {
    auto history = store.history(unit_id, true);
    auto cadences = store.cadences(unit_id);
    if (!history || !cadences) {
        throw std::runtime_error("The measures could not be read: " +
                                 (!history ? history.error() : cadences.error()));
    }
    return !history->empty() || !cadences->empty();
}

}  // namespace

Answers demo_answers(const Instrument& instrument, double total, int variant) {
    if (total < instrument.min_total() || total > instrument.max_total()) {
        throw std::runtime_error("A demo total of " + number_text(total) + " is outside the " +
                                 instrument.short_title + " range.");
    }
    struct Slot {
        std::size_t item;
        Range range;
        double value;
    };
    Answers answers(instrument.items.size());
    std::vector<Slot> slots;  // The scored items that carry the total.
    double fraction = (total - instrument.min_total()) /
                      std::max(1.0, instrument.max_total() - instrument.min_total());
    for (std::size_t i = 0; i < instrument.items.size(); ++i) {
        const Item& item = instrument.items[i];
        const AnswerSet* set = instrument.answer_set(item.answers);
        if (set == nullptr) {
            throw std::runtime_error("The " + instrument.short_title + " item " + item.id +
                                     " has no answers.");
        }
        Range range = range_of(*set);
        if (!item.scored) {
            answers[i] = range.low + std::round(fraction * (range.high - range.low));
        } else if (item.risk_above) {
            answers[i] = range.low;  // Scored at its lowest (never a reverse-keyed risk item).
        } else {
            slots.push_back({i, range, range.low});
        }
    }
    double rest = total - instrument.min_total();
    if (slots.empty()) {
        throw std::runtime_error("The " + instrument.short_title + " has no items to answer.");
    }
    // Evenly, then the remainder one point at a time from a place chosen by variant.
    double share = 0;
    for (const auto& slot : slots) {
        share += slot.range.high - slot.range.low;
    }
    for (auto& slot : slots) {
        double add = std::floor(rest * (slot.range.high - slot.range.low) / share);
        slot.value += add;
        rest -= add;
    }
    std::size_t n = slots.size();
    std::size_t stride = n % 3 == 0 ? 1 : 3;  // Every item once before any twice.
    for (std::size_t step = 0; rest > 0 && step < 8 * n; ++step) {
        Slot& slot = slots[(static_cast<std::size_t>(variant) * 5 + step * stride) % n];
        if (slot.value + 1 <= slot.range.high) {
            slot.value += 1;
            rest -= 1;
        }
    }
    // A little unevenness, total unchanged: one item a point up, another a point down.
    for (std::size_t pair = 0; pair < 2 && n > 2; ++pair) {
        Slot& up = slots[(static_cast<std::size_t>(variant) * 7 + pair * 4 + 1) % n];
        Slot& down = slots[(static_cast<std::size_t>(variant) * 3 + pair * 5 + 2) % n];
        if (&up != &down && up.value + 1 <= up.range.high && down.value - 1 >= down.range.low) {
            up.value += 1;
            down.value -= 1;
        }
    }
    for (const auto& slot : slots) {
        const Item& item = instrument.items[slot.item];
        answers[slot.item] =
            item.reverse ? slot.range.low + slot.range.high - slot.value : slot.value;
    }
    return answers;
}

void fill_demo(dyad::sdk::Host host, MeasuresStore& store, const dyad::sdk::DemoRequest& request) {
    if (request.unit_ids.size() < 3) {
        throw std::runtime_error("The demo's units are not all there.");
    }
    const std::int64_t ortiz = request.unit_ids[0], moss = request.unit_ids[1],
                       diaz = request.unit_ids[2];
    for (std::int64_t unit : {ortiz, moss, diaz}) {
        if (filled(store, unit)) {
            return;  // Filled before.
        }
    }
    auto members = [&host](std::int64_t unit, std::size_t count) {
        auto found = host.members(unit);
        if (found.size() < count) {
            throw std::runtime_error("The demo unit " + std::to_string(unit) +
                                     " does not have its members.");
        }
        return found;
    };
    auto couple_ortiz = members(ortiz, 2);
    auto couple_moss = members(moss, 2);
    auto carla = members(diaz, 1);

    dyad::sdk::Database db(host);
    dyad::sdk::Transaction transaction(db);
    if (!transaction.error().empty()) {
        throw std::runtime_error("The measures could not be written: " + transaction.error());
    }
    Filler fill(store, request.today);

    // The showcase: relationship satisfaction each third session, Ana's low mood monthly.
    auto sessions = attended_sessions(host, ortiz, request.today);
    // By name: the host lists members in its own order.
    auto named = [](const std::vector<dyad::sdk::Host::Member>& couple, const char* given) {
        for (const auto& member : couple) {
            if (member.given_name == given) {
                return member.client_id;
            }
        }
        throw std::runtime_error(std::string("The demo couple has no member ") + given + ".");
    };
    std::int64_t ana = named(couple_ortiz, "Ana"), ben = named(couple_ortiz, "Ben");
    fill.cadence(ortiz, "csi-16", 0, 3, 0);
    fill.cadence(ortiz, "phq-9", ana, 0, 28);
    fill.give(ortiz, every_nth(sessions, 3), {ana, "csi-16", {34, 39, 44, 50, 57}, "client_view"},
              1);
    fill.give(ortiz, every_nth(sessions, 3), {ben, "csi-16", {41, 40, 47, 53, 58}, "client_view"},
              4);
    fill.give(ortiz, every_days(sessions, 28), {ana, "phq-9", {12, 10, 7, 5}, "client_view"}, 2);

    // Lighter: the Mosses' satisfaction each fourth session.
    sessions = attended_sessions(host, moss, request.today);
    fill.cadence(moss, "csi-16", 0, 4, 0);
    fill.give(moss, every_nth(sessions, 4),
              {named(couple_moss, "Dee"), "csi-16", {44, 49, 55}, "client_view"}, 3);
    fill.give(moss, every_nth(sessions, 4),
              {named(couple_moss, "Eli"), "csi-16", {39, 46, 52}, "client_view"}, 6);

    // Carla: depression and anxiety every second session.
    sessions = attended_sessions(host, diaz, request.today);
    std::int64_t client = carla[0].client_id;
    fill.cadence(diaz, "phq-9", 0, 2, 0);
    fill.cadence(diaz, "gad-7", 0, 2, 0);
    fill.give(diaz, every_nth(sessions, 2), {client, "phq-9", {15, 13, 10, 8}, "entered"}, 5);
    fill.give(diaz, every_nth(sessions, 2), {client, "gad-7", {13, 11, 9, 7}, "entered"}, 8);

    if (auto error = transaction.commit(); !error.empty()) {
        throw std::runtime_error("The measures could not be written: " + error);
    }
}

}  // namespace dyad::measures
