// A directory listing as a directory API answers it and as the sync state stores it
// (plugins/directory/src/sync.h): listing_from_json on any text. Property: a read listing
// written with listing_json reads back the same.
#include <sync.h>

#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto listing = dyad::directory::listing_from_json(dyad::fuzz::text_of(data, size));
    if (!listing) {
        return 0;
    }
    auto again = dyad::directory::listing_from_json(dyad::directory::listing_json(*listing));
    if (!again || *again != *listing) {
        dyad::fuzz::fail("a listing written back reads back differently");
    }
    return 0;
}
