// The host's own schema (owner "dyad.core" in the plugin_schema ledger): practitioners,
// clients, client units with members and roles, appointments, the append-only audit log, the
// plugin state tables, and the read-only core_* views plugins read.
#pragma once

#include <vector>

#include "db/migrations.h"

namespace dyad::records {

inline constexpr const char* kCoreOwner = "dyad.core";

const std::vector<db::Migration>& core_migrations();

// The newest core schema version this Dyad knows (a backup from a newer one is refused).
inline int core_schema_version() {
    return static_cast<int>(core_migrations().size());
}

// Applies pending core migrations.
Result<db::MigrationReport> migrate_core(db::Connection& connection,
                                         const db::BeforeUpgrade& before_upgrade = {});

}  // namespace dyad::records
