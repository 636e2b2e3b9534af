/* Plugin extension "dyad.schema/1": the plugin's tables and their migrations.
 *
 * Every table, index, view, trigger and virtual table the plugin creates must be named
 * "<table_prefix>_..."; the host refuses anything else. Migrations are numbered 1..N without
 * gaps and are never edited once shipped (the host stores a checksum of each applied one and
 * refuses a plugin whose applied migration changed). The host applies all pending migrations in
 * one transaction and records them in its plugin_schema ledger; if one fails, none is applied
 * and the plugin is refused with the failing migration's number and SQLite's message.
 *
 * A plugin may reference core records with foreign keys, e.g.
 *   unit_id INTEGER NOT NULL REFERENCES dyad_unit(id) ON DELETE CASCADE
 * and reads core data through the read-only views core_unit, core_client, core_unit_member,
 * core_practitioner and core_appointment. Writes to core records go through "dyad.core/1". */
#ifndef DYAD_SCHEMA_H
#define DYAD_SCHEMA_H

#include "plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DYAD_SCHEMA_EXTENSION "dyad.schema/1"

typedef struct dyad_migration {
    int32_t version; /* 1, 2, 3, ... */
    const char* sql; /* One or more statements. */
} dyad_migration;

typedef struct dyad_schema_v1 {
    uint32_t struct_size;
    /* Lowercase letters, digits and '_', starting with a letter; not "dyad", "core", "host",
     * "sqlite" or "plugin"; unique among loaded plugins. */
    const char* table_prefix;
    const dyad_migration* migrations;
    size_t migration_count;
} dyad_schema_v1;

#ifdef __cplusplus
}
#endif

#endif
