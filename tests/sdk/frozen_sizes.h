// The size of every SDK 1.0 struct as a 1.0 plugin was compiled (frozen_sizes.cpp is built
// against tests/sdk/sdk-1.0 only). The layout test compares them with the current headers:
// a 1.x struct is the 1.0 struct with fields appended, never reordered or resized.
#pragma once

#include <cstddef>

// Every struct of SDK 1.0, by name.
// clang-format off
#define DYAD_FROZEN_1_0_STRUCTS(X)                                                     \
    X(dyad_version) X(dyad_host) X(dyad_plugin) X(dyad_plugin_entry) X(dyad_migration) \
    X(dyad_schema_v1) X(dyad_db_v1) X(dyad_unit_info) X(dyad_client_info)              \
    X(dyad_member_info) X(dyad_new_client) X(dyad_appointment_info)                    \
    X(dyad_new_appointment) X(dyad_core_v1) X(dyad_panel_desc) X(dyad_command_desc)    \
    X(dyad_settings_page_desc) X(dyad_ui_v1) X(dyad_cli_io) X(dyad_cli_command_desc)   \
    X(dyad_cli_v1) X(dyad_event) X(dyad_events_v1) X(dyad_settings_v1) X(dyad_log_v1)  \
    X(dyad_paths_v1)
// clang-format on

namespace dyad::test {

// sizeof(name) in SDK 1.0; 0 for a name that is not a 1.0 struct.
std::size_t frozen_1_0_size(const char* name);

}  // namespace dyad::test
