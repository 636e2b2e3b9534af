// Temperature readings of couples: the logic and the table, no wx. Written from the SDK guide
// (sdk/README.md) alone, as a clinic's developer would: every SDK 1.1 addition is used here or
// in plugin.cpp (see README.md beside this folder).
#pragma once

#include <dyad/db.hpp>
#include <dyad/plugin.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace temperature {

struct Reading {
    std::int64_t id = 0;
    std::int64_t unit_id = 0;
    std::int64_t client_id = 0;
    std::string day;
    std::string appreciation;
    std::string puzzle;
    bool has_sketch = false;
};

class ReadingStore {
  public:
    explicit ReadingStore(dyad::sdk::Host host) : m_host(host), m_db(host) {}

    // Saves one partner's reading, audited ("create" of "reading"). Refused, with the reason in
    // error and nothing written: a writer who is not a member of the unit, a paused unit, both
    // texts empty, a text over 2,000 bytes or not UTF-8, a sketch over 1 MiB. Returns the id.
    std::int64_t add(std::int64_t unit_id, std::int64_t client_id, const std::string& day,
                     const std::string& appreciation, const std::string& puzzle,
                     const std::vector<std::uint8_t>& sketch, std::string& error);
    // The unit's readings, newest first. viewer_client != 0: as that partner sees them, so
    // another partner's texts are replaced by "(private)" unless that partner may share with
    // their partner (member consent).
    std::vector<Reading> list(std::int64_t unit_id, std::int64_t viewer_client = 0);
    std::vector<std::uint8_t> sketch(std::int64_t reading_id);
    // The unit a reading belongs to, 0 when there is no such reading.
    std::int64_t unit_of(std::int64_t reading_id);
    // Readings whose texts contain the words (as typed; LIKE with escapes), newest first.
    std::vector<Reading> find(const std::string& words, int limit);
    int count_since(const std::string& first_day);
    // A discharged unit pauses; active again resumes.
    void set_paused(std::int64_t unit_id, bool paused);
    bool paused(std::int64_t unit_id);
    // Members of the unit who may be contacted (for the weekly nudge).
    std::vector<dyad::sdk::Host::Member> reachable_members(std::int64_t unit_id) const;

  private:
    dyad::sdk::Host m_host;
    dyad::sdk::Database m_db;
};

// "YYYY-MM-DD", today in local time, days_ago days back.
std::string local_day(int days_ago = 0);

}  // namespace temperature
