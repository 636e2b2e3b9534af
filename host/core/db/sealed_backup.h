// The encrypted backup container (docs/encryption.md, "Backups", version 2): copies of the
// practice's passphrase and recovery slots, then the database image (pages already encrypted)
// in a libsodium secretstream, so truncation, reordering, changed chunks and a changed header
// are all detected before anything is restored.
// Thread: any. Errors are values with messages for a person.
#pragma once

#include <string>
#include <string_view>

#include "crypto/key_file.h"
#include "crypto/practice_keys.h"
#include "util/error.h"

namespace dyad::db {

enum class BackupKind { Plain = 1, Checksummed, Sealed };

// What kind of backup file `path` is, by its first bytes (Plain: a bare SQLite file).
Result<BackupKind> backup_kind(const std::string& path);

// Writes `image` (an encrypted database file of key's practice) as a sealed backup at target,
// carrying `slots`: "target.partial", fsync, rename, folder fsync; no target on failure.
Status write_sealed_backup(const std::string& image, const std::string& target,
                           const crypto::PracticeKey& key, const crypto::KeyFile& slots);

// The slots a sealed backup carries (strictly parsed).
Result<crypto::KeyFile> sealed_backup_slots(const std::string& source);

// The backup's key: the current practice's when the backup is of the same database (same
// salt), otherwise from its slots with the passphrase it had then or the recovery key
// (recovery text tried when it parses as one). Refused "wrong passphrase".
Result<crypto::PracticeKey> unlock_sealed_backup(const std::string& source,
                                                 const crypto::PracticeKey* current,
                                                 std::string_view passphrase_or_recovery);

// Verifies every chunk and writes the image to out (removed again on any failure).
Status read_sealed_backup(const std::string& source, const std::string& out,
                          const crypto::PracticeKey& key);

}  // namespace dyad::db
