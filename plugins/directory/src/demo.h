// The directory plugin's part of the demo practice (dyad.demo/1): the public profile of the
// demo therapist, Maya Lin, so that the Directory Profile, the exports and the listings work at
// once. Made up throughout (example.org addresses, 555-01xx phone, the NPI standard's example
// number); it never configures a directory connection and never syncs. No wx here.
#pragma once

#include <dyad/plugin.hpp>

#include "profile.h"

namespace dyad::directory {

// The demo therapist's complete profile: check_profile finds nothing, the FHIR, JSON-LD and
// vCard exports validate, and every shipped directory's listing has its required fields, no
// field over its limit and no modality outside its vocabulary. today: "YYYY-MM-DD" (the
// licence expires two years on).
Profile demo_profile(const std::string& today);

// Saves demo_profile(request.today) as the first version through store, audited as the editor
// audits a save ("update" of "profile"), in one transaction. Does nothing when a profile was
// saved before (a demo filled earlier, or the therapist's own). The units of the request are
// not used: the profile holds no client data. Throws std::runtime_error with a sentence when
// the profile cannot be saved (nothing is then left behind).
void fill_demo(dyad::sdk::Host host, ProfileStore& store, const dyad::sdk::DemoRequest& request);

}  // namespace dyad::directory
