#include "demo.h"

#include <optional>
#include <stdexcept>

namespace dyad::mail {
namespace {

struct DemoConsent {
    std::size_t unit;     // Index in the request's units.
    const char* given;    // The member's given name.
    std::string address;  // "": the client record's.
    bool joint = false;
    bool documents = false;
};

}  // namespace

void fill_demo(dyad::sdk::Host host, MailStore& store, const dyad::sdk::DemoRequest& request) {
    if (request.unit_ids.size() < 4) {
        throw std::runtime_error("The demo's units are not all there.");
    }
    const DemoConsent consents[] = {
        {0, "Ana", "", true, true},
        {0, "Ben", "", true, false},
        {1, "Dee", "", true, false},
        {1, "Eli", "eli.moss@example.com", false, false},  // No address on record.
        {2, "Carla", "", false, true},
        {3, "Lan", "", true, false},  // For the family.
    };
    // The unit's member of that given name (the host lists members in its own order).
    auto member_of = [&](const DemoConsent& wanted) {
        for (const auto& member : host.members(request.unit_ids[wanted.unit])) {
            if (member.given_name == wanted.given) {
                return member;
            }
        }
        throw std::runtime_error("The demo unit " + std::to_string(request.unit_ids[wanted.unit]) +
                                 " does not have its member " + wanted.given + ".");
    };
    for (const auto& wanted : consents) {
        auto before = store.consent(member_of(wanted).client_id);
        if (!before) {
            throw std::runtime_error("The e-mail consent could not be read: " + before.error());
        }
        if (*before) {
            return;  // Filled before.
        }
    }
    dyad::sdk::Transaction transaction(store.db());
    if (!transaction.error().empty()) {
        throw std::runtime_error("The e-mail consent could not be saved: " + transaction.error());
    }
    for (const auto& wanted : consents) {
        const auto member = member_of(wanted);
        auto saved = store.set_consent(member.client_id, true, wanted.address, wanted.joint,
                                       wanted.documents);
        if (!saved) {
            throw std::runtime_error("The demo's e-mail consent for " + member.full_name() +
                                     " was refused: " + saved.error());
        }
    }
    if (auto error = transaction.commit(); !error.empty()) {
        throw std::runtime_error("The e-mail consent could not be saved: " + error);
    }
}

}  // namespace dyad::mail
