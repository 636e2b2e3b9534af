// The mail plugin's part of the demo practice (dyad.demo/1): each member's recorded consent to
// e-mail reminders, so the Reminders tab shows who agreed and where reminders would go. It
// configures no mail account and queues no message: the demo sends nothing (the background
// sender plans only once an account is set up). No wx here.
#pragma once

#include <dyad/plugin.hpp>

#include "store.h"

namespace dyad::mail {

// Records consent through store (audited as the Reminders tab's "Save consent"), in one
// transaction, for the request's units (demo.h order): [0] Ana & Ben Ortiz, both reminders
// naming each other, Ana also documents by e-mail; [1] Dee & Eli Moss, Dee at her record's
// address, Eli at an address given for e-mail (their record has none), not naming Dee;
// [2] Carla Diaz, reminders and documents; [3] the Nguyens, Lan for the family. The waitlisted
// and the discharged units get none. Does nothing when any of these members has a consent
// recorded already. Throws std::runtime_error with a sentence on failure (nothing is then
// left behind).
void fill_demo(dyad::sdk::Host host, MailStore& store, const dyad::sdk::DemoRequest& request);

}  // namespace dyad::mail
