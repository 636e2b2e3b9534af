// Reading the audit trail for the audit viewer (issue 15): entries filtered by client unit
// (the unit, its members, its appointments), user, action and date range, newest first; and the
// same entries as CSV. Entries hold no client data, so neither does the export.
// Thread: the connection's.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "db/connection.h"
#include "records/records.h"
#include "util/error.h"

namespace dyad::records {

struct AuditFilter {
    std::int64_t unit_id = 0;  // 0: every unit.
    std::string actor;         // "" or a user's name (also matches "NAME via PLUGIN").
    std::string action;        // "" or one action ("view" answers "who has seen this chart").
    // "" or a local date "YYYY-MM-DD" (the computer's time zone, as the entries are shown),
    // each inclusive: from its midnight, to the midnight after `to`.
    std::string from;
    std::string to;
    std::int64_t limit = 1000;
};

// The entries the filter matches, newest first, at most filter.limit. Invalid for a from or to
// that is not a real date.
Result<std::vector<AuditEntry>> query_audit(db::Connection& connection, const AuditFilter& filter);

// The accounting of disclosures for one client (HIPAA 164.528): every export, share or
// disclosure entry for the client or a unit they belong to, oldest first.
Result<std::vector<AuditEntry>> disclosures_of_client(db::Connection& connection,
                                                      std::int64_t client_id);

// RFC 4180 CSV with a header row: at, actor, action, entity, entity_id, detail.
std::string audit_csv(const std::vector<AuditEntry>& entries);

}  // namespace dyad::records
