// The tables of dyad.measures (prefix "measures"), migrated by the host under confinement.
#pragma once

#include <dyad/schema.h>

namespace dyad::measures {

const dyad_schema_v1* measures_schema();

}  // namespace dyad::measures
