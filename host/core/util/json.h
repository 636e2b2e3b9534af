// JSON output for dyadctl: the SDK's helper, so host and plugins escape alike.
#pragma once

#include <dyad/json.hpp>

namespace dyad {
using sdk::json_string;
}  // namespace dyad
