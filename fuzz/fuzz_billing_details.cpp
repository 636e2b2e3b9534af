// What dyadctl reads from a practice's files for claims and superbills
// (plugins/billing/src/details.h): details_from_json and coverage_from_json, then the checks
// over what they parsed, parse_address on the raw text, and x12_text (the 837P's character
// set) on every string. Input: a details object, a line "#coverage", a coverage object;
// without that line, all of it is tried as both.
#include <details.h>
#include <x837.h>

#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text = dyad::fuzz::text_of(data, size);
    auto [details_json, coverage_json] = dyad::fuzz::split_at(text, "\n#coverage\n", text);
    (void)dyad::billing::parse_address(text);
    (void)dyad::billing::x12_text(text);
    if (auto details = dyad::billing::details_from_json(details_json, 1)) {
        (void)dyad::billing::check_details(*details);
        (void)dyad::billing::x12_text(details->address.street);
    }
    if (auto coverage = dyad::billing::coverage_from_json(coverage_json, 1)) {
        (void)dyad::billing::check_coverage(*coverage);
        (void)dyad::billing::x12_text(coverage->subscriber_family);
    }
    return 0;
}
