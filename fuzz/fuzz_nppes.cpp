// The NPPES NPI Registry's answer (plugins/directory/src/npi_check.h): compare_with_nppes on
// any body, for a full profile and an empty one. `dyadctl directory npi-check` calls it with
// no try/catch: every failure must come back as an error value.
#include <npi_check.h>

#include "fuzz_input.h"

namespace {

dyad::directory::Profile full_profile() {
    dyad::directory::Profile p;
    p.given_name = "Maya";
    p.family_name = "Lopez";
    p.npi = "1234567893";
    p.taxonomy_code = "106H00000X";
    p.licences = {{"LMFT 12345", "CA", "2027-01-31", "LMFT"}};
    p.offices = {{"100 Main St", "Oakland", "CA", "94612"}};
    return p;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const dyad::directory::Profile full = full_profile();
    static const dyad::directory::Profile empty;
    std::string body = dyad::fuzz::text_of(data, size);
    (void)dyad::directory::compare_with_nppes(full, body);
    (void)dyad::directory::compare_with_nppes(empty, body);
    return 0;
}
