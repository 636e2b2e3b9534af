// The shipped plugins' JSON answers (dyadctl <plugin> ... --json): Poco::JSON values (its
// writer escapes), objects keeping their keys in the order set, written on one line.
// Header-only; any thread.
#pragma once

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>

#include <sstream>
#include <string>

namespace dyad::datafile {

// An object whose keys are written in the order they are set.
inline Poco::JSON::Object::Ptr json_object() {
    return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

inline Poco::JSON::Array::Ptr json_array() {
    return new Poco::JSON::Array;
}

// value (an Object::Ptr, an Array::Ptr) compactly on one line, with a newline.
inline std::string json_text(const Poco::Dynamic::Var& value) {
    std::ostringstream out;
    Poco::JSON::Stringifier::stringify(value, out);
    return out.str() + "\n";
}

}  // namespace dyad::datafile
