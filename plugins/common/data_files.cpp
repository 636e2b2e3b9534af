#include "data_files.h"

#include <algorithm>
#include <cstdio>
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

std::string write_file_atomically(const std::string& path, const std::string& text) {
    std::string partial = path + ".partial";
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        out << text;
        if (!out.flush()) {
            std::remove(partial.c_str());
            return "cannot write " + path;
        }
    }
    if (std::rename(partial.c_str(), path.c_str()) != 0) {
        std::remove(partial.c_str());
        return "cannot write " + path;
    }
    return {};
}

}  // namespace dyad::datafile
