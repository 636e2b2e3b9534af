#include "data_files.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace dyad::datafile {

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

}  // namespace dyad::datafile
