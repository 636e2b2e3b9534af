#include "json_root.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include "json_lines.h"

namespace dyad::datafile {
namespace {

bool blank(const std::string& text) {
    return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

}  // namespace

std::expected<Poco::JSON::Object::Ptr, JsonRootError> parse_json_root(const std::string& json) {
    try {
        Poco::JSON::Parser parser;
        Poco::Dynamic::Var parsed = parser.parse(json);
        if (parsed.type() != typeid(Poco::JSON::Object::Ptr)) {
            return std::unexpected(JsonRootError{false, ""});
        }
        return parsed.extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception& error) {
        return std::unexpected(JsonRootError{true, error.displayText()});
    }
}

std::expected<Poco::JSON::Object::Ptr, std::string> parse_json_object(const std::string& json,
                                                                      const std::string& source) {
    auto root = parse_json_root(json);
    if (!root) {
        return std::unexpected(root.error().not_json
                                   ? source + " is not valid JSON (" + root.error().detail + ")"
                                   : source + " must hold one JSON object");
    }
    return *root;
}

std::expected<Poco::JSON::Object::Ptr, std::string> parse_data_file_root(
    const std::string& json, const std::string& source) {
    auto root = parse_json_root(json);
    if (!root) {
        return std::unexpected(root.error().not_json
                                   ? source + ": not valid JSON: " + root.error().detail
                                   : source + ":1: (file): must hold one JSON object");
    }
    return *root;
}

std::optional<int> int_value(const Poco::JSON::Object::Ptr& object, const std::string& key) {
    if (object.isNull() || !object->has(key)) {
        return std::nullopt;
    }
    Poco::Dynamic::Var value = object->get(key);
    if (!value.isInteger() || value.isBoolean()) {
        return std::nullopt;
    }
    try {
        return value.convert<int>();
    } catch (const Poco::Exception&) {
        return std::nullopt;  // Out of int's range.
    }
}

JsonChecker::JsonChecker(const std::string& json, const std::string& source)
    : m_source(source), m_lines(json_value_lines(json)) {}

void JsonChecker::problem(const std::string& path, const std::string& what) {
    m_problems.push_back(m_source + ":" + std::to_string(line_of(m_lines, path)) + ": " +
                         (path.empty() ? std::string("(file)") : path) + ": " + what);
}

std::string JsonChecker::text(const Poco::JSON::Object::Ptr& object, const std::string& key,
                              const std::string& path, bool required) {
    if (!object->has(key)) {
        if (required) {
            problem(path, "\"" + key + "\" is missing");
        }
        return {};
    }
    std::string where = path.empty() ? key : path + "." + key;
    if (!object->get(key).isString()) {
        problem(where, "must be text");
        return {};
    }
    std::string value = object->getValue<std::string>(key);
    if (required && blank(value)) {
        problem(where, "is empty");
    }
    return value;
}

std::vector<std::string> JsonChecker::texts(const Poco::JSON::Object::Ptr& object,
                                            const std::string& key, const std::string& path,
                                            bool required) {
    std::vector<std::string> values;
    if (!object->has(key)) {
        if (required) {
            problem(path, "\"" + key + "\" is missing");
        }
        return values;
    }
    std::string where = path + "." + key;
    Poco::JSON::Array::Ptr array = object->getArray(key);
    if (array.isNull()) {
        problem(where, "must be a list of texts");
        return values;
    }
    if (required && array->size() == 0) {
        problem(where, "needs at least one entry");
    }
    for (unsigned i = 0; i < array->size(); ++i) {
        if (!array->get(i).isString() || blank(array->getElement<std::string>(i))) {
            problem(where + "[" + std::to_string(i) + "]", "must be non-empty text");
            continue;
        }
        values.push_back(array->getElement<std::string>(i));
    }
    return values;
}

}  // namespace dyad::datafile
