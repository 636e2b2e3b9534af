// Appointment times (plugins/records/src/schedule.h): local_to_utc on what a therapist types
// or a file holds, in a zone with daylight saving; also utc_to_local, week_start and
// expand_series on the same text. Property: an accepted local time is exactly
// "YYYY-MM-DD HH:MM" (digits where digits belong) and gives a UTC "YYYY-MM-DDTHH:MM:SSZ".
#include <schedule.h>

#include <cctype>
#include <cstdlib>
#include <ctime>

#include "fuzz_input.h"

namespace {

bool shaped_like(const std::string& text, const std::string& shape) {
    if (text.size() != shape.size()) {
        return false;
    }
    for (std::size_t i = 0; i < shape.size(); ++i) {
        bool digit = std::isdigit(static_cast<unsigned char>(text[i])) != 0;
        if (shape[i] == '9' ? !digit : text[i] != shape[i]) {
            return false;
        }
    }
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    setenv("TZ", "America/New_York", 1);
    tzset();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace dyad::records_plugin;
    std::string text = dyad::fuzz::text_of(data, size);
    if (auto utc = local_to_utc(text)) {
        if (!shaped_like(text, "9999-99-99 99:99")) {
            dyad::fuzz::fail("accepted a local time not shaped YYYY-MM-DD HH:MM: " + text);
        }
        if (!shaped_like(*utc, "9999-99-99T99:99:99Z")) {
            dyad::fuzz::fail("gave a UTC time not shaped YYYY-MM-DDTHH:MM:SSZ: " + *utc);
        }
        (void)utc_to_local(*utc);
    }
    (void)utc_to_local(text);
    int offset = size > 0 ? static_cast<int>(data[0]) - 128 : 0;  // About five years each way.
    (void)week_start(text.substr(0, 10), offset);
    (void)expand_series(text, 50, Repeat::Weekly, 3);
    return 0;
}
