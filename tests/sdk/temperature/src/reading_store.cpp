#include "reading_store.h"

#include <dyad/text.hpp>

#include <ctime>
#include <stdexcept>

namespace temperature {
namespace {

constexpr std::size_t kMaxText = 2000;
constexpr std::size_t kMaxSketch = 1 << 20;

// A pattern for "x LIKE ? ESCAPE '\'" that finds the words anywhere, '%' and '_' literal.
std::string like_anywhere(const std::string& words) {
    std::string pattern = "%";
    for (char c : words) {
        if (c == '%' || c == '_' || c == '\\') {
            pattern += '\\';
        }
        pattern += c;
    }
    return pattern + "%";
}

}  // namespace

std::int64_t ReadingStore::add(std::int64_t unit_id, std::int64_t client_id, const std::string& day,
                               const std::string& appreciation, const std::string& puzzle,
                               const std::vector<std::uint8_t>& sketch, std::string& error) {
    bool member = false;
    for (const auto& m : m_host.members(unit_id)) {
        member = member || m.client_id == client_id;
    }
    if (!member) {
        error = "the writer is not a member of this couple";
        return 0;
    }
    if (paused(unit_id)) {
        error = "this couple's readings are paused (discharged)";
        return 0;
    }
    if (appreciation.find_first_not_of(" \t\r\n") == std::string::npos &&
        puzzle.find_first_not_of(" \t\r\n") == std::string::npos) {
        error = "write an appreciation or a puzzle";
        return 0;
    }
    for (const auto* text : {&appreciation, &puzzle}) {
        if (text->size() > kMaxText) {
            error = "a part is longer than 2000 characters";
            return 0;
        }
        if (std::string problem = dyad::sdk::text_problem(*text, "the text"); !problem.empty()) {
            error = problem;
            return 0;
        }
    }
    if (sketch.size() > kMaxSketch) {
        error = "the sketch is larger than 1 MiB";
        return 0;
    }
    dyad::sdk::Transaction tx(m_db);
    if (!tx.error().empty()) {
        error = tx.error();
        return 0;
    }
    std::int64_t id = m_db.new_id();
    auto insert = m_db.prepare(
        "INSERT INTO thermo_reading (id, unit_id, client_id, day, appreciation, puzzle, "
        "sketch) VALUES (?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, id).bind(2, unit_id).bind(3, client_id).bind(4, day).bind(5, appreciation);
    insert.bind(6, puzzle);
    if (sketch.empty()) {
        insert.bind_null(7);
    } else {
        insert.bind_blob(7, sketch.data(), sketch.size());
    }
    if (!insert.ok() || insert.step() != DYAD_DONE) {
        error = insert.ok() ? m_db.last_error() : insert.error();
        return 0;
    }
    // Audited inside the transaction: the entry lands only with the reading.
    if (m_host.core()->audit(m_host.raw(), "create", "reading", id) != DYAD_OK) {
        error = m_host.core()->last_error(m_host.raw());
        return 0;
    }
    if (std::string failed = tx.commit(); !failed.empty()) {
        error = failed;
        return 0;
    }
    return id;
}

std::vector<Reading> ReadingStore::list(std::int64_t unit_id, std::int64_t viewer_client) {
    std::vector<dyad::sdk::Host::Member> members = m_host.members(unit_id);
    auto shares = [&](std::int64_t writer) {
        for (const auto& m : members) {
            if (m.client_id == writer) {
                return m.may_share_with_partner;
            }
        }
        return false;
    };
    auto select = m_db.prepare(
        "SELECT id, client_id, day, appreciation, puzzle, sketch IS NOT NULL "
        "FROM thermo_reading WHERE unit_id = ? ORDER BY day DESC, created_at DESC, id DESC");
    select.bind(1, unit_id);
    std::vector<Reading> readings;
    while (select.ok() && select.step() == DYAD_ROW) {
        Reading r{select.int64(0), unit_id,        select.int64(1),     select.text(2),
                  select.text(3),  select.text(4), select.int64(5) != 0};
        if (viewer_client != 0 && r.client_id != viewer_client && !shares(r.client_id)) {
            r.appreciation = "(private)";
            r.puzzle = "(private)";
        }
        readings.push_back(std::move(r));
    }
    return readings;
}

std::vector<std::uint8_t> ReadingStore::sketch(std::int64_t reading_id) {
    auto select = m_db.prepare("SELECT sketch FROM thermo_reading WHERE id = ?");
    select.bind(1, reading_id);
    if (select.ok() && select.step() == DYAD_ROW) {
        return select.blob(0);
    }
    return {};
}

std::int64_t ReadingStore::unit_of(std::int64_t reading_id) {
    auto select = m_db.prepare("SELECT unit_id FROM thermo_reading WHERE id = ?");
    select.bind(1, reading_id);
    return select.ok() && select.step() == DYAD_ROW ? select.int64(0) : 0;
}

std::vector<Reading> ReadingStore::find(const std::string& words, int limit) {
    auto select = m_db.prepare(
        "SELECT id, unit_id, client_id, day, appreciation, puzzle FROM thermo_reading "
        "WHERE appreciation LIKE ?1 ESCAPE '\\' OR puzzle LIKE ?1 ESCAPE '\\' "
        "ORDER BY day DESC, id DESC LIMIT ?2");
    select.bind(1, like_anywhere(words)).bind(2, static_cast<std::int64_t>(limit));
    std::vector<Reading> found;
    while (select.ok() && select.step() == DYAD_ROW) {
        found.push_back({select.int64(0), select.int64(1), select.int64(2), select.text(3),
                         select.text(4), select.text(5), false});
    }
    if (!select.ok()) {
        throw std::runtime_error(select.error());
    }
    return found;
}

int ReadingStore::count_since(const std::string& first_day) {
    auto select = m_db.prepare("SELECT count(*) FROM thermo_reading WHERE day >= ?");
    select.bind(1, first_day);
    return select.ok() && select.step() == DYAD_ROW ? static_cast<int>(select.int64(0)) : 0;
}

void ReadingStore::set_paused(std::int64_t unit_id, bool paused) {
    auto change = m_db.prepare(paused ? "INSERT OR IGNORE INTO thermo_paused (unit_id) "
                                        "VALUES (?)"
                                      : "DELETE FROM thermo_paused WHERE unit_id = ?");
    change.bind(1, unit_id);
    if (change.ok()) {
        (void)change.step();
    }
}

bool ReadingStore::paused(std::int64_t unit_id) {
    auto select = m_db.prepare("SELECT 1 FROM thermo_paused WHERE unit_id = ?");
    select.bind(1, unit_id);
    return select.ok() && select.step() == DYAD_ROW;
}

std::vector<dyad::sdk::Host::Member> ReadingStore::reachable_members(std::int64_t unit_id) const {
    std::vector<dyad::sdk::Host::Member> reachable;
    for (const auto& m : m_host.members(unit_id)) {
        if (m.may_contact) {
            reachable.push_back(m);
        }
    }
    return reachable;
}

std::string local_day(int days_ago) {
    std::time_t now = std::time(nullptr) - static_cast<std::time_t>(days_ago) * 24 * 3600;
    std::tm parts{};
    localtime_r(&now, &parts);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &parts);
    return text;
}

}  // namespace temperature
