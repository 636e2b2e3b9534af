// The check every shipped plugin's dyadctl command makes before it reads or changes clinical
// records (issue 15): the signed-in user's role (dyad.people/1) and, for a unit, their
// caseload. Header-only; the GUI hides clinical tabs by the panels' declared record kind.
#pragma once

#include <cstdint>
#include <dyad/plugin.hpp>
#include <string>

namespace dyad::access {

// "" when the signed-in user may read (write = false) or change the clinical records of
// unit_id (0: no particular unit); otherwise the refusal in words.
inline std::string clinical_refusal(const dyad::sdk::Host& host, std::int64_t unit_id, bool write) {
    if (!host.may(DYAD_RECORDS_CLINICAL, write)) {
        return std::string("the signed-in user's role may not ") + (write ? "change" : "read") +
               " clinical records";
    }
    if (unit_id != 0 && !host.may_see_unit(unit_id)) {
        return "client unit " + std::to_string(unit_id) +
               " is not on the signed-in user's caseload";
    }
    return {};
}

}  // namespace dyad::access
