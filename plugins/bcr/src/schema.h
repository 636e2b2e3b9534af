// The tables of dyad.bcr (prefix "bcr"), migrated by the host under confinement.
#pragma once

#include <dyad/schema.h>

namespace dyad::bcr {

const dyad_schema_v1* bcr_schema();

}  // namespace dyad::bcr
