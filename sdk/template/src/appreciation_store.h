// The exercise's records: appreciations a partner gave the other, by day. No wx here, so the
// logic can be tested and used from dyadctl. Thread: main (the plugin's database connection).
#pragma once

#include <dyad/db.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace appreciation {

struct Entry {
    std::int64_t id = 0;
    std::string day;  // "YYYY-MM-DD", local.
    std::string giver;
    std::string text;
};

class Store {
  public:
    explicit Store(dyad::sdk::Database database) : m_db(database) {}

    // The new entry's id; an error (in words) when the text is empty or the unit unknown.
    std::int64_t add(std::int64_t unit_id, const std::string& day, const std::string& giver,
                     const std::string& text, std::string& error);
    // Newest first.
    std::vector<Entry> list(std::int64_t unit_id);
    // Days in [first_day, last_day] with at least one appreciation.
    int days_with_entries(std::int64_t unit_id, const std::string& first_day,
                          const std::string& last_day);
    // Client units with an appreciation on day.
    int units_on(const std::string& day);

  private:
    dyad::sdk::Database m_db;
};

// Today in local time, "YYYY-MM-DD"; and the day `days` before it.
std::string local_day(int days_ago = 0);

}  // namespace appreciation
