#include "people/consent_rules.h"

namespace dyad::people {

Status may_change_consent(People& people, const Session& session, records::CoreRecords& records,
                          std::int64_t unit_id, std::int64_t client_id, bool may_contact,
                          bool may_share_with_partner) {
    auto members = records.members(unit_id);
    if (!members) {
        return std::unexpected(members.error());
    }
    const records::Member* member = nullptr;
    for (const auto& candidate : *members) {
        if (candidate.client_id == client_id) {
            member = &candidate;
        }
    }
    if (member == nullptr || !records.unit(unit_id)) {
        return std::unexpected(records::not_a_member(client_id, unit_id));
    }
    if (member->may_contact != may_contact && !session.may(Permission::EditDemographics)) {
        return fail(ErrorCode::Refused,
                    show::marked("error",
                                 "Your role may not change whether a client may be "
                                 "contacted."));
    }
    if (member->may_share_with_partner != may_share_with_partner) {
        auto reach = people.may_see_unit(session, unit_id);
        if (!session.may(Permission::EditClinical) || !reach || !*reach) {
            return fail(
                ErrorCode::Refused,
                show::marked("error",
                             "Only the unit's clinician may change whether what one partner says "
                             "alone may be shared with the other."));
        }
    }
    return ok();
}

}  // namespace dyad::people
