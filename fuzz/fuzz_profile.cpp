// The directory profile (plugins/directory/src/profile.h): a profile file read the way
// `dyadctl directory profile set FILE` and ProfileStore::latest() read one (Poco's parser,
// its exceptions caught there), then profile_from_json and check_profile. Property: a read
// profile written back with to_json reads back the same.
#include <Poco/JSON/Parser.h>
#include <profile.h>

#include <sstream>

#include "fuzz_input.h"

namespace {

std::string json_text(const dyad::directory::Profile& profile) {
    std::ostringstream out;
    dyad::directory::to_json(profile)->stringify(out);
    return out.str();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    Poco::JSON::Object::Ptr json;
    try {
        Poco::JSON::Parser parser;
        json = parser.parse(dyad::fuzz::text_of(data, size)).extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception&) {
        return 0;  // The callers catch these: "not a JSON object".
    }
    auto profile = dyad::directory::profile_from_json(json);
    if (!profile) {
        return 0;
    }
    (void)dyad::directory::check_profile(*profile);
    std::string written = json_text(*profile);
    Poco::JSON::Object::Ptr again;
    try {
        Poco::JSON::Parser parser;
        again = parser.parse(written).extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception& error) {
        dyad::fuzz::fail("to_json wrote what the parser refuses: " + error.displayText());
    }
    auto reread = dyad::directory::profile_from_json(again);
    if (!reread || json_text(*reread) != written) {
        dyad::fuzz::fail("a profile written back reads back differently");
    }
    return 0;
}
