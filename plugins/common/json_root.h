// Reading a data file's root, and checking its values, the way every shipped plugin reports a
// broken file: the root must be one JSON object, and each problem names the file, the line
// and the path of the value ("forms/x.json:14: sections[1].fields: ..."). No wx here.
#pragma once

#include <Poco/JSON/Object.h>

#include <expected>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace dyad::datafile {

struct JsonRootError {
    bool not_json = false;  // Not JSON at all (detail: the parser's words); else not an object.
    std::string detail;
};
std::expected<Poco::JSON::Object::Ptr, JsonRootError> parse_json_root(const std::string& json);

// The root, or "SOURCE is not valid JSON (...)" / "SOURCE must hold one JSON object".
std::expected<Poco::JSON::Object::Ptr, std::string> parse_json_object(const std::string& json,
                                                                      const std::string& source);
// The root in the validators' "file:LINE: path: problem" style: "SOURCE: not valid JSON: ..."
// / "SOURCE:1: (file): must hold one JSON object".
std::expected<Poco::JSON::Object::Ptr, std::string> parse_data_file_root(const std::string& json,
                                                                         const std::string& source);

// key's value when it is a whole number that fits an int (not true or false); nothing when it
// is missing, another kind of value, or out of range (Poco's getValue<int> would throw).
std::optional<int> int_value(const Poco::JSON::Object::Ptr& object, const std::string& key);

// Collects a data file's problems as "SOURCE:LINE: path: what", the line found from the path
// (json_lines.h). Thread: one owner.
class JsonChecker {
  public:
    JsonChecker(const std::string& json, const std::string& source);

    void problem(const std::string& path, const std::string& what);
    // key's text in object; a problem when it is not text, or (required) missing or blank.
    std::string text(const Poco::JSON::Object::Ptr& object, const std::string& key,
                     const std::string& path, bool required);
    // key's list of non-blank texts; a problem for each other entry and (required) when the
    // list is missing or empty.
    std::vector<std::string> texts(const Poco::JSON::Object::Ptr& object, const std::string& key,
                                   const std::string& path, bool required = false);
    bool clean() const { return m_problems.empty(); }
    std::vector<std::string> take() && { return std::move(m_problems); }

  private:
    std::string m_source;
    std::map<std::string, int> m_lines;
    std::vector<std::string> m_problems;
};

}  // namespace dyad::datafile
