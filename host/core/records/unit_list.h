// The navigator's data: a filtered, sorted list of client units read a page at a time, so a
// virtual list control stays instant with 100,000 units (only visible rows are fetched).
// Thread: [main-thread]. The CoreRecords must outlive the list.
#pragma once

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "records/core_records.h"

namespace dyad::records {

class UnitList {
  public:
    explicit UnitList(CoreRecords& records, std::int64_t page_size = 200);

    // Sets the filter and forgets cached pages. Returns the new row count.
    Result<std::int64_t> set_query(const std::string& status, const std::string& search);
    // Re-reads after data changed, keeping the filter.
    Result<std::int64_t> refresh();

    std::int64_t count() const { return m_count; }
    // The unit at row (0-based), or nullopt when out of range or unreadable.
    std::optional<Unit> at(std::int64_t row);
    // The row of unit id among the loaded pages, or -1.
    std::int64_t row_of(std::int64_t unit_id) const;

  private:
    CoreRecords& m_records;
    std::int64_t m_page_size;
    UnitQuery m_query;
    std::int64_t m_count = 0;
    std::unordered_map<std::int64_t, std::vector<Unit>> m_pages;  // Page number -> rows.
};

// Creates two clients and their couple unit in one transaction (all or nothing).
Result<Unit> create_couple(CoreRecords& records, db::Connection& connection,
                           const ClientFields& first, const ClientFields& second,
                           const std::string& actor);

// Creates a client and the individual unit that holds them, in one transaction.
Result<Unit> create_individual(CoreRecords& records, db::Connection& connection,
                               const ClientFields& client, const std::string& actor);

}  // namespace dyad::records
