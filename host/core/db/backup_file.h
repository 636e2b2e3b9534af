// The backup container (docs/backup-format.md): a practice database with its length and
// BLAKE2b-256, verified before a restore replaces anything.
// Thread: any. Errors are values with messages for a person.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "util/error.h"

namespace dyad::db {

inline constexpr std::size_t kBackupHeaderSize = 64;

// The 64-byte header for a payload of the given length and hash.
std::array<unsigned char, kBackupHeaderSize> backup_header(std::uint64_t payload_length,
                                                           const unsigned char (&hash)[32]);

// Wraps the database file at database into a container at target: written to
// "target.partial", fsynced, renamed, folder synced. Leaves no target on failure.
Status write_backup_file(const std::string& database, const std::string& target);

// Verifies the backup at source (header, length, hash) and writes its database to out.
// A plain SQLite file (made before the container) is copied unverified; *verified says which.
Status read_backup_file(const std::string& source, const std::string& out, bool* verified);

// fsync of a file and of a folder; false when it failed.
bool sync_file(const std::string& path);
bool sync_folder(const std::string& folder);

}  // namespace dyad::db
