// dyadctl's answers under --json: built with Poco::JSON (its writer escapes), keys in the order
// they are set, one compact line each.
#pragma once

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>

#include <ostream>

namespace dyad::cli {

// An object whose keys are written in the order they are set.
inline Poco::JSON::Object::Ptr json_object() {
    return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

// Writes value (an Object::Ptr or Array::Ptr) and a newline.
template <typename Value>
void print_json(std::ostream& out, const Value& value) {
    Poco::JSON::Stringifier::stringify(value, out);
    out << "\n";
}

}  // namespace dyad::cli
