#include "util.h"

#include <Poco/JSON/Parser.h>

namespace dyad::records_plugin {

std::expected<Poco::JSON::Object::Ptr, std::string> parse_json_object(const std::string& json,
                                                                      const std::string& source) {
    try {
        Poco::JSON::Parser parser;
        Poco::Dynamic::Var parsed = parser.parse(json);
        if (parsed.type() != typeid(Poco::JSON::Object::Ptr)) {
            return std::unexpected(source + " must hold one JSON object");
        }
        return parsed.extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception& error) {
        return std::unexpected(source + " is not valid JSON (" + error.displayText() + ")");
    }
}

}  // namespace dyad::records_plugin
