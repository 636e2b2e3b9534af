// Small helpers the records plugin's logic shares. No wx here.
#pragma once

#include <Poco/JSON/Object.h>

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

// Calls read(path, content) for every "<folder>/<subfolder>/*<extension>", folders in the
// given order (most specific first), files by name.
void for_each_data_file(
    const std::vector<std::string>& folders, const std::string& subfolder,
    const std::function<void(const std::string& path, const std::string& content)>& read,
    const std::string& extension = ".json");

}  // namespace dyad::records_plugin
