// Directory adapters (plugins/directory/src/adapters.h): parse_adapter on any text, as
// load_adapters() reads "directories/*.json" (nothing there catches an exception); a parsed
// adapter then lists a sample profile, as the sync panel does.
#include <adapters.h>

#include "fuzz_input.h"

namespace {

dyad::directory::Profile sample_profile() {
    dyad::directory::Profile p;
    p.given_name = "Maya";
    p.family_name = "López";
    p.credentials = "LMFT, Certified Imago Therapist";
    p.npi = "1234567893";
    p.licences = {{"LMFT 12345", "CA", "2027-01-31", "LMFT"}};
    p.specialties = {"couples", "infidelity", "communication"};
    p.modalities = {"imago", "gottman", "eft"};
    p.languages = {"en", "es"};
    p.fee_min = 150;
    p.fee_max = 220;
    p.sliding_scale = true;
    p.offices = {{"100 Main St", "Oakland", "CA", "94612"}};
    p.bio_help = std::string(600, 'w') + " words, words; and more words ünïcödé";
    return p;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto adapter = dyad::directory::parse_adapter(dyad::fuzz::text_of(data, size), "fuzz.json");
    if (!adapter) {
        return 0;
    }
    static const dyad::directory::Profile profile = sample_profile();
    for (const auto& field : dyad::directory::listing(profile, *adapter)) {
        if (field.limit > 0 && dyad::directory::characters(field.text) > field.limit) {
            dyad::fuzz::fail("a listing field is longer than its limit");
        }
    }
    dyad::directory::AdapterLibrary library;
    library.adapters.push_back(*adapter);
    (void)dyad::directory::destinations(library, "fee_min");
    return 0;
}
