// Small helpers the records plugin's logic shares. No wx here.
#pragma once

#include <Poco/JSON/Object.h>
#include <data_files.h>
#include <json_root.h>
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

using dyad::datafile::parse_json_object;  // json_root.h

using dyad::datafile::for_each_data_file;

}  // namespace dyad::records_plugin
