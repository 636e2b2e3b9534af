// Turning a plain practice into an encrypted one, rotating the data key, and cleaning up what a
// killed run of either left behind (docs/encryption.md, "Changing things, and what a kill -9
// leaves"). Every step is ordered so that a kill at any point leaves one database and a key
// file that opens it.
// Thread: any, with the practice closed everywhere (each takes the exclusive PracticeLock).
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "crypto/practice_keys.h"
#include "db/maintenance.h"
#include "util/error.h"

namespace dyad::crypto {

// Called between the steps with the step's name; tests end the process there to prove every
// crash point safe. Empty in production.
using StepHook = std::function<void(std::string_view step)>;

// Removes the leftovers of an interrupted conversion or rotation and finishes removing a plain
// original; returns what was done, in words ("" when nothing). Does nothing while another
// process has the practice open.
std::string tidy_leftovers(const std::string& database_path);

// Overwrites the file with zeros, syncs it and removes it. What this can and cannot promise
// (SSDs, copy-on-write filesystems, snapshots) is in docs/encryption.md.
Status remove_securely(const std::string& path);

struct Conversion {
    std::string recovery_text;  // Shown once.
    std::string note;  // What was removed and how, in words (English; marked "encryption").
};

// Converts the plain practice at database_path under a new key sealed with the passphrase:
// copy through the VFS, `db check` of the copy, key file, then the copy replaces the plain
// file, which is removed securely. The plain file is untouched until the copy passed.
Result<Conversion> convert_to_encrypted(const std::string& database_path,
                                        std::string_view passphrase, Argon2Limits limits,
                                        const db::Progress& progress = {},
                                        const StepHook& hook = {});

// A new data key, salt and recovery key for the encrypted practice opened by `key`; the
// passphrase stays (or becomes new_passphrase). Returns the new recovery key's text.
Result<std::string> rotate_key(const std::string& database_path, const PracticeKey& key,
                               std::string_view new_passphrase, Argon2Limits limits,
                               const db::Progress& progress = {}, const StepHook& hook = {});

// "file:PATH?vfs=NAME" with PATH escaped for SQLite's URI parser.
std::string vfs_uri(const std::string& path, const std::string& vfs);

}  // namespace dyad::crypto
