// Who may change a member's consent (records::Member::may_contact, may_share_with_partner).
// Whether the practice may contact someone is a demographic fact (EditDemographics: the front
// desk records it too); whether what one partner tells the therapist alone may reach the other
// governs clinical content, so it is the clinician's (EditClinical, and the unit within the
// user's reach). The host's every path (the Overview, dyadctl, dyad.core/1) asks here.
// Thread: the connection's.
#pragma once

#include <cstdint>

#include "people/users.h"
#include "records/core_records.h"

namespace dyad::people {

// Refused (in words) unless the session may make each change that differs from the member's
// current answers; NotFound when the client is not a member of the live unit.
Status may_change_consent(People& people, const Session& session, records::CoreRecords& records,
                          std::int64_t unit_id, std::int64_t client_id, bool may_contact,
                          bool may_share_with_partner);

}  // namespace dyad::people
