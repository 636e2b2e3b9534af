// Data files a clinic can add without rebuilding (templates, forms, scripts, adapters): every
// "<folder>/<subfolder>/*<extension>", folders in the given order (most specific first: the
// user's, the clinic's, the installed ones), files by name. No wx here.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace dyad::datafile {

void for_each_data_file(
    const std::vector<std::string>& folders, const std::string& subfolder,
    const std::function<void(const std::string& path, const std::string& content)>& read,
    const std::string& extension = ".json");

// Writes text to path through "<path>.partial" and a rename, so a failure (a full disk, a
// folder that is gone) never leaves half a file; "" when written, else what went wrong.
std::string write_file_atomically(const std::string& path, const std::string& text);

}  // namespace dyad::datafile
