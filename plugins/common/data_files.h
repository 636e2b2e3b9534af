// Data files a clinic can add without rebuilding (templates, forms, scripts, adapters): every
// "<folder>/<subfolder>/*<extension>", folders in the given order (most specific first: the
// user's, the clinic's, the installed ones), files by name. No wx here.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace dyad::datafile {

// The largest data file read (a form or a diagnosis list is a few hundred KiB at most).
inline constexpr std::size_t kMaxDataFileBytes = 4 * 1024 * 1024;

// Files over kMaxDataFileBytes, or that are not regular files, are skipped; when problems is
// given, each skip is added to it in words.
void for_each_data_file(
    const std::vector<std::string>& folders, const std::string& subfolder,
    const std::function<void(const std::string& path, const std::string& content)>& read,
    const std::string& extension = ".json", std::vector<std::string>* problems = nullptr);

// Reads a file a person chose (an import, a profile) of at most max_bytes; the error says what
// is wrong in words (missing, a folder or pipe, too large with the limit, unreadable).
std::string read_user_file(const std::string& path, std::size_t max_bytes, std::string& error);

// One named data file (not a folder of them): its text, or nullopt when it is not there or
// cannot be used (then problems says why, in words; a missing file is no problem).
std::optional<std::string> read_data_file(const std::string& path,
                                          std::vector<std::string>& problems);

// Writes text to path through "<path>.partial", fsync and a rename, so a failure (a full disk,
// a folder that is gone) never leaves half a file or a 0-byte one; "" when written, else what
// went wrong in words.
std::string write_file_atomically(const std::string& path, const std::string& text);

}  // namespace dyad::datafile
