// The billing service catalogue (plugins/billing/src/catalogue.h): parse_catalogue on a
// practice's "billing/services.json", then the time rule and add-on pairing over what it
// accepted, and parse_cents on an amount typed in a dialog. Input: the catalogue, a line
// "#amount", an amount; without that line, all of it is the catalogue.
#include <catalogue.h>
#include <money.h>

#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto [json, amount] =
        dyad::fuzz::split_at(dyad::fuzz::text_of(data, size), "\n#amount\n", "$1,240.50");
    if (auto cents = dyad::billing::parse_cents(amount, "the amount")) {
        (void)dyad::billing::format_cents(*cents);
        (void)dyad::billing::split_cents(*cents, {60, 40});
    }
    auto catalogue = dyad::billing::parse_catalogue(json, "fuzz.json");
    if (!catalogue) {
        return 0;
    }
    for (const char* kind : {"psychotherapy", "family", "crisis", "evaluation", "no_show"}) {
        for (int minutes : {0, 15, 16, 26, 53, 75, 1440}) {
            (void)catalogue->suggest(kind, minutes);
        }
    }
    for (const auto& addon : catalogue->services) {
        for (const auto& primary : catalogue->services) {
            (void)catalogue->check_pairing(addon.code, primary.code);
        }
    }
    return 0;
}
