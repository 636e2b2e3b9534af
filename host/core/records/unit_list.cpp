#include "records/unit_list.h"

namespace dyad::records {

UnitList::UnitList(CoreRecords& records, std::int64_t page_size)
    : m_records(records), m_page_size(page_size) {}

Result<std::int64_t> UnitList::set_query(const std::string& status, const std::string& search) {
    m_query.status = status;
    m_query.search = search;
    return refresh();
}

Result<std::int64_t> UnitList::refresh() {
    m_pages.clear();
    UnitQuery first_page = m_query;
    first_page.limit = m_page_size;
    first_page.offset = 0;
    auto page = m_records.units_with_count(first_page);
    if (!page) {
        m_count = 0;
        return std::unexpected(page.error());
    }
    m_count = page->first;
    m_pages.emplace(0, std::move(page->second));
    return m_count;
}

std::optional<Unit> UnitList::at(std::int64_t row) {
    if (row < 0 || row >= m_count) {
        return std::nullopt;
    }
    std::int64_t page = row / m_page_size;
    auto found = m_pages.find(page);
    if (found == m_pages.end()) {
        UnitQuery query = m_query;
        query.limit = m_page_size;
        query.offset = page * m_page_size;
        auto rows = m_records.units(query);
        if (!rows) {
            return std::nullopt;
        }
        if (m_pages.size() > 64) {
            m_pages.clear();  // Bound memory while scrolling through a huge caseload.
        }
        found = m_pages.emplace(page, std::move(*rows)).first;
    }
    auto index = static_cast<std::size_t>(row - page * m_page_size);
    if (index >= found->second.size()) {
        return std::nullopt;
    }
    return found->second[index];
}

std::int64_t UnitList::row_of(std::int64_t unit_id) const {
    for (const auto& [page, rows] : m_pages) {
        for (std::size_t i = 0; i < rows.size(); ++i) {
            if (rows[i].id == unit_id) {
                return page * m_page_size + static_cast<std::int64_t>(i);
            }
        }
    }
    return -1;
}

Result<Unit> create_couple(CoreRecords& records, db::Connection& connection,
                           const ClientFields& first, const ClientFields& second,
                           const std::string& actor) {
    auto transaction = db::Transaction::begin(connection);
    if (!transaction) {
        return std::unexpected(transaction.error());
    }
    auto a = records.create_client(first, actor);
    if (!a) {
        return fail(a.error().code,
                    error_reason(show::marked("error", "Partner 1: {why}"))
                        .with_both("why", a.error().message, shown_message(a.error())));
    }
    auto b = records.create_client(second, actor);
    if (!b) {
        return fail(b.error().code,
                    error_reason(show::marked("error", "Partner 2: {why}"))
                        .with_both("why", b.error().message, shown_message(b.error())));
    }
    auto unit = records.create_unit("couple", "", {{a->id, "partner"}, {b->id, "partner"}}, actor);
    if (!unit) {
        return unit;
    }
    DYAD_TRY(transaction->commit());
    return unit;
}

Result<Unit> create_individual(CoreRecords& records, db::Connection& connection,
                               const ClientFields& client, const std::string& actor) {
    auto transaction = db::Transaction::begin(connection);
    if (!transaction) {
        return std::unexpected(transaction.error());
    }
    auto person = records.create_client(client, actor);
    if (!person) {
        return std::unexpected(person.error());
    }
    auto unit = records.create_unit("individual", "", {{person->id, "self"}}, actor);
    if (!unit) {
        return unit;
    }
    DYAD_TRY(transaction->commit());
    return unit;
}

}  // namespace dyad::records
