#include "util.h"

#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

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

void for_each_data_file(
    const std::vector<std::string>& folders, const std::string& subfolder,
    const std::function<void(const std::string& path, const std::string& content)>& read,
    const std::string& extension) {
    for (const auto& folder : folders) {
        std::filesystem::path directory = std::filesystem::path(folder) / subfolder;
        std::error_code error;
        if (!std::filesystem::is_directory(directory, error)) {
            continue;
        }
        std::vector<std::filesystem::path> files;
        for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
            if (entry.path().extension() == extension) {
                files.push_back(entry.path());
            }
        }
        std::sort(files.begin(), files.end());
        for (const auto& file : files) {
            std::ifstream input(file);
            std::stringstream content;
            content << input.rdbuf();
            read(file.string(), content.str());
        }
    }
}

}  // namespace dyad::records_plugin
