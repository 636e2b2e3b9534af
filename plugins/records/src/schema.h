// The records plugin's tables (prefix "records"). Signed notes are locked by triggers as well
// as by the code: a correction after signing is an amendment, never an edit.
#pragma once

#include <dyad/schema.h>

namespace dyad::records_plugin {

const dyad_schema_v1* records_schema();

}  // namespace dyad::records_plugin
