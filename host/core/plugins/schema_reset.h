// A plugin author's way back while developing (issue 22): on a practice marked as a
// development one (made by `dyadctl demo`, or `dyadctl init --development`), a plugin's tables
// can be dropped and its migration history forgotten, so a changed migration 1 applies afresh
// at the next start. Never on any other practice: a real practice's records are never dropped
// by a command. No wx. Thread: main.
#pragma once

#include <string>
#include <vector>

#include "db/connection.h"
#include "records/core_records.h"
#include "util/error.h"

namespace dyad::plugins {

// Whether the practice was marked as a development one.
Result<bool> is_development_practice(db::Connection& connection);
// Marks it (a host setting, audited as "update" of "practice:development").
Status mark_development_practice(db::Connection& connection, records::CoreRecords& records,
                                 const std::string& actor);

struct SchemaReset {
    std::string prefix;
    std::vector<std::string> dropped;  // Tables, views, triggers and indexes, in drop order.
};

// What reset_plugin_schema would drop (nothing changed): refused ("not a development
// practice", "no tables of plugin X") the same way.
Result<SchemaReset> plan_schema_reset(db::Connection& connection, const std::string& plugin_id);
// In one transaction: drops every object named <prefix>_... of the plugin (virtual tables,
// views and triggers first, then tables newest first), forgets its applied migrations (its
// prefix stays its own) and audits it ("delete" of "plugin-schema:<id>"). The plugin's
// settings stay. Refused unless the practice is a development one.
Result<SchemaReset> reset_plugin_schema(db::Connection& connection, records::CoreRecords& records,
                                        const std::string& plugin_id, const std::string& actor);

}  // namespace dyad::plugins
