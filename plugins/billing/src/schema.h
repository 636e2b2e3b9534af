// dyad.billing's tables (prefix "billing"). Money is integer cents; financial rows (charges,
// their shares, payments, allocations, documents) are append-only, enforced by triggers: a
// correction is a reversal plus a new row. Setup rows (a unit's billing kind and split) are
// settings and may change.
#pragma once

#include <dyad/schema.h>

namespace dyad::billing {

const dyad_schema_v1* billing_schema();

}  // namespace dyad::billing
