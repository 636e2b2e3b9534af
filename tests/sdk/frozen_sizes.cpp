// Built against the frozen SDK 1.0 headers only (see frozen_sizes.h).
#include "frozen_sizes.h"

#include <dyad/sdk.h>

#include <cstring>

namespace dyad::test {

std::size_t frozen_1_0_size(const char* name) {
    struct Entry {
        const char* name;
        std::size_t size;
    };
#define DYAD_FROZEN_ENTRY(type) {#type, sizeof(type)},
    static const Entry entries[] = {DYAD_FROZEN_1_0_STRUCTS(DYAD_FROZEN_ENTRY)};
#undef DYAD_FROZEN_ENTRY
    for (const auto& entry : entries) {
        if (std::strcmp(entry.name, name) == 0) {
            return entry.size;
        }
    }
    return 0;
}

}  // namespace dyad::test
