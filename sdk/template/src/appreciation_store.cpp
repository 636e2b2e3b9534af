#include "appreciation_store.h"

#include <ctime>

namespace appreciation {

std::int64_t Store::add(std::int64_t unit_id, const std::string& day, const std::string& giver,
                        const std::string& text, std::string& error) {
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
        error = "write what was appreciated";
        return 0;
    }
    auto insert = m_db.prepare(
        "INSERT INTO appreciation_entry (id, unit_id, day, giver, text) VALUES (?, ?, ?, ?, ?)");
    std::int64_t id = m_db.new_id();
    insert.bind(1, id).bind(2, unit_id).bind(3, day).bind(4, giver).bind(5, text);
    if (!insert.ok() || insert.step() != DYAD_DONE) {
        error = insert.ok() ? m_db.last_error() : insert.error();
        return 0;
    }
    return id;
}

std::vector<Entry> Store::list(std::int64_t unit_id) {
    auto select = m_db.prepare(
        "SELECT id, day, giver, text FROM appreciation_entry WHERE unit_id = ? "
        "ORDER BY day DESC, created_at DESC, id DESC");
    select.bind(1, unit_id);
    std::vector<Entry> entries;
    while (select.ok() && select.step() == DYAD_ROW) {
        entries.push_back({select.int64(0), select.text(1), select.text(2), select.text(3)});
    }
    return entries;
}

int Store::days_with_entries(std::int64_t unit_id, const std::string& first_day,
                             const std::string& last_day) {
    auto select = m_db.prepare(
        "SELECT count(DISTINCT day) FROM appreciation_entry WHERE unit_id = ? AND day BETWEEN ? "
        "AND ?");
    select.bind(1, unit_id).bind(2, first_day).bind(3, last_day);
    return select.ok() && select.step() == DYAD_ROW ? static_cast<int>(select.int64(0)) : 0;
}

int Store::units_on(const std::string& day) {
    auto select =
        m_db.prepare("SELECT count(DISTINCT unit_id) FROM appreciation_entry WHERE day = ?");
    select.bind(1, day);
    return select.ok() && select.step() == DYAD_ROW ? static_cast<int>(select.int64(0)) : 0;
}

std::string local_day(int days_ago) {
    std::time_t now = std::time(nullptr) - static_cast<std::time_t>(days_ago) * 24 * 3600;
    std::tm parts{};
    localtime_r(&now, &parts);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &parts);
    return text;
}

}  // namespace appreciation
