// The reference directory server's PUT body (plugins/directory/server/directory_server.h):
// check_listing_body on any bytes. It must answer with a value, never throw, and accept only
// one JSON object of at most kMaxBodyBytes.
#include <directory_server.h>

#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string body = dyad::fuzz::text_of(data, size);
    auto checked = dyad::directory::check_listing_body(body);
    if (checked) {
        if (checked->isNull() || body.size() > dyad::directory::kMaxBodyBytes) {
            dyad::fuzz::fail("accepted a body it should refuse");
        }
    } else if (checked.error().status != 400 && checked.error().status != 413) {
        dyad::fuzz::fail("refused with status " + std::to_string(checked.error().status));
    }
    return 0;
}
