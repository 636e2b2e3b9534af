// Small helpers the records plugin's logic shares. No wx here.
#pragma once

#include <Poco/JSON/Object.h>
#include <data_files.h>

#include <ctime>
#include <expected>
#include <functional>
#include <string>
#include <vector>

namespace dyad::records_plugin {

// Now in UTC, "YYYY-MM-DDTHH:MM:SSZ".
inline std::string now_utc() {
    std::time_t now = std::time(nullptr);
    std::tm parts{};
    gmtime_r(&now, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return text;
}

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
