// The audit trail's hash chain and its head (docs/audit-chain.md): the entry hash, chaining
// what was written before the chain existed, appending, verifying, and the head file.
// Thread: the connection's. Errors are values; reports never contain client data (entries
// hold none).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "crypto/practice_keys.h"
#include "db/connection.h"
#include "util/error.h"

namespace dyad::records {

using AuditHash = std::array<unsigned char, 32>;

struct AuditRow {
    std::int64_t seq = 0;
    std::string uuid;
    std::string at;
    std::string actor;
    std::string action;
    std::string entity;
    std::optional<std::int64_t> entity_id;
    std::optional<std::string> detail;
};

// BLAKE2b-256 of the encoding in docs/audit-chain.md ("Entry hash").
AuditHash audit_entry_hash(const AuditHash& previous, const AuditRow& row);
std::string hex(const AuditHash& hash);

// Inserts one entry chained onto the last (row.seq is set here), in a transaction of its own
// or a savepoint of the caller's.
Status append_audit_entry(db::Connection& connection, AuditRow row);

// Gives entries written before the chain existed their seq and hash (once; quick when none).
Status chain_unchained_entries(db::Connection& connection);

struct ChainReport {
    bool intact = true;
    std::int64_t entries = 0;
    std::string problem;             // The first one, in words; "" when intact.
    std::vector<std::string> notes;  // What could not be checked.
};

// Walks the chain and compares it with the head file (`key`: an encrypted practice's, which
// authenticates the head; null for a plain practice).
Result<ChainReport> verify_audit_chain(db::Connection& connection, const std::string& head_path,
                                       const crypto::PracticeKey* key);

// Writes the head (the last entry) to head_path, atomically.
Status write_audit_head(db::Connection& connection, const std::string& head_path,
                        const crypto::PracticeKey* key);

// Writes the head when it is missing or the chain still reaches it (behind or equal); leaves
// it alone when the chain no longer reaches it (evidence of a cut or an older copy) and
// returns why, in words ("" when written).
Result<std::string> advance_audit_head(db::Connection& connection, const std::string& head_path,
                                       const crypto::PracticeKey* key);

// "<database>.audit-head".
std::string audit_head_path(const std::string& database_path);

}  // namespace dyad::records
