// The Requests tab's part of the demo practice (SDK 1.1 "dyad.demo/1", dyad/demo.h). No wx.
#pragma once

#include <dyad/plugin.hpp>

#include "store.h"

namespace dyad::bcr {

// Fills the Behavior Change Requests of the demo's couples, each taken through the process as
// the Requests tab would (BcrStore: frustration, desire, three requests, the gift granted on
// the session day, its check-ins; each step audited like the tab's), all in one transaction:
// request.unit_ids[0] (Ana & Ben Ortiz) four frustrations, both ways: three granted eight and
// nine weeks ago (at their Monday sessions; the therapist's dates of writing and granting
// kept) with check-ins on every due day since, before request.today, mostly done, some partly,
// not done or missed, improving over the weeks; the fourth written in the last two weeks, its
// three requests still being negotiated. [1] (Dee & Eli Moss) one request granted four weeks
// ago with its Sunday check-ins. Every request passes the shipped SMART rules. Reads the
// partners through dyad.core/1 ("core:units:read"). Does nothing when either couple already
// has a request (a demo filled before). Throws std::runtime_error with a sentence on failure,
// leaving nothing behind.
void fill_demo(dyad::sdk::Host host, BcrStore& store, const dyad::sdk::DemoRequest& request);

}  // namespace dyad::bcr
