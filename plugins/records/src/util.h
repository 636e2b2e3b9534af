// Small helpers the records plugin's logic shares. No wx here.
#pragma once

#include <Poco/JSON/Object.h>
#include <data_files.h>
#include <time_text.h>

#include <ctime>
#include <expected>
#include <functional>
#include <string>
#include <vector>

namespace dyad::records_plugin {

using dyad::datafile::now_utc;

inline std::string trimmed(const std::string& text) {
    auto begin = text.find_first_not_of(" \t\r\n");
    if (begin == std::string::npos) {
        return {};
    }
    return text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1);
}

// The JSON text as one object; the error names source and says what is wrong.
std::expected<Poco::JSON::Object::Ptr, std::string> parse_json_object(const std::string& json,
                                                                      const std::string& source);

using dyad::datafile::for_each_data_file;

}  // namespace dyad::records_plugin
