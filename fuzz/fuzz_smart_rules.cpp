// SMART rules of Behavior Change Requests (plugins/bcr/src/smart_check.h):
// SmartChecker::parse on a clinic's "bcr/smart-rules.json", then check() on a request a
// partner wrote. Input: the rules, a line "#request", the request; without that line, all of
// it is the rules and a sample request is checked.
#include <smart_check.h>

#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto [json, request] =
        dyad::fuzz::split_at(dyad::fuzz::text_of(data, size), "\n#request\n",
                             "Every Sunday evening for the next month, ask me about my week.");
    auto checker = dyad::bcr::SmartChecker::parse(json, "fuzz.json");
    if (!checker) {
        return 0;
    }
    for (const auto& finding : checker->check(request)) {
        (void)dyad::bcr::criterion_label(finding.criterion);
    }
    return 0;
}
