// Data files a clinic can add without rebuilding (templates, forms, scripts, adapters): every
// "<folder>/<subfolder>/*<extension>", folders in the given order (most specific first: the
// user's, the clinic's, the installed ones), files by name. No wx here.
//
// Translated data files (issue 19): when dyad::show::language() is not "en" (say "es"), a file
// "<folder>/es/<subfolder>/<name>" is read instead of "<folder>/<subfolder>/<name>", a file only
// in "<folder>/es/<subfolder>" is read too, and an English file without a translation is read
// as it is (English stays the fallback). The language folder belongs to the same folder: a
// clinic's English file still comes before an installed Spanish one. Single named files go
// through localized().
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace dyad::datafile {

// The largest data file read (a form or a diagnosis list is a few hundred KiB at most).
inline constexpr std::size_t kMaxDataFileBytes = 4 * 1024 * 1024;

// Files over kMaxDataFileBytes, or that are not regular files, are skipped; when problems is
// given, each skip is added to it in words. In each folder, the files of "<subfolder>" and of
// "<language>/<subfolder>" (see above) by name; path is the file read (the translated one when
// there is one). read returns whether it took the file: a translation it refuses (malformed),
// or one that cannot be read, leaves the English file of the same name to be read instead (a
// broken translation never hides the English file; read says what was wrong with it).
void for_each_data_file(
    const std::vector<std::string>& folders, const std::string& subfolder,
    const std::function<bool(const std::string& path, const std::string& content)>& read,
    const std::string& extension = ".json", std::vector<std::string>* problems = nullptr);

// "<folder>/<language>/<relative>" when dyad::show::language() is not "en" and that file
// exists, else "<folder>/<relative>" (which may not exist either): e.g.
// localized(folder, "dialogue-language/feelings.txt").
std::string localized(const std::string& folder, const std::string& relative);

// The paths to try for one named data file, in order: its translation when
// dyad::show::language() is not "en" and that file exists, then "<folder>/<relative>" (which
// may not exist). A reader that cannot use the first tries the next, so a broken translation
// never hides the English file.
std::vector<std::string> localized_paths(const std::string& folder, const std::string& relative);

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
