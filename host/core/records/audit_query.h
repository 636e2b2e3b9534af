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
    std::string from;          // "" or "YYYY-MM-DD" (UTC, inclusive).
    std::string to;            // "" or "YYYY-MM-DD" (UTC, inclusive).
    std::int64_t limit = 1000;
};

Result<std::vector<AuditEntry>> query_audit(db::Connection& connection, const AuditFilter& filter);

// The accounting of disclosures for one client (HIPAA 164.528): every export, share or
// disclosure entry for the client or a unit they belong to, oldest first.
Result<std::vector<AuditEntry>> disclosures_of_client(db::Connection& connection,
                                                      std::int64_t client_id);

// RFC 4180 CSV with a header row: at, actor, action, entity, entity_id, detail.
std::string audit_csv(const std::vector<AuditEntry>& entries);

}  // namespace dyad::records
