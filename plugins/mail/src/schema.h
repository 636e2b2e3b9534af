// The tables of dyad.mail (prefix "mail"), migrated by the host under confinement.
#pragma once

#include <dyad/schema.h>

namespace dyad::mail {

const dyad_schema_v1* mail_schema();

}  // namespace dyad::mail
