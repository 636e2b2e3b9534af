// An encrypted practice's keys (docs/encryption.md, "Key file" and "Changing things"): what
// state a practice's files are in, unlocking with the passphrase, the recovery key or the
// keyring, making the keys of a new practice, and changing the passphrase.
// Thread: any; unlocking takes about half a second (Argon2id), so the GUI runs it on a worker.
#pragma once

#include <string>
#include <string_view>

#include "crypto/key_file.h"
#include "crypto/secret.h"
#include "util/error.h"

namespace dyad::crypto {

// An unlocked practice: its data key and the salt of the database it opens.
struct PracticeKey {
    SecretKey data_key;
    Salt salt{};
    Result<PracticeKey> clone() const {
        auto copy = data_key.clone();
        if (!copy) {
            return std::unexpected(copy.error());
        }
        return PracticeKey{std::move(*copy), salt};
    }
};

// "<database>.keys".
std::string key_file_path(const std::string& database_path);

enum class Protection { Missing = 1, Plain, Encrypted };

struct PracticeFiles {
    Protection protection = Protection::Missing;
    Salt salt{};            // Encrypted only.
    bool key_file = false;  // The key file exists.
    std::string tidied;     // What an interrupted conversion or rotation left, now removed.
};

// Looks at the database's first bytes and its key file, after removing what an interrupted
// conversion or key rotation left behind. Refused: an encrypted database without its key file,
// a plain one beside a key file (never opened as plain). Corrupt: a header that is neither.
Result<PracticeFiles> inspect_practice(const std::string& database_path);

// Unlock with the passphrase slot of the database's salt. Refused "wrong passphrase"; nothing
// on disk changes either way.
Result<PracticeKey> unlock_with_passphrase(const std::string& database_path,
                                           std::string_view passphrase);
// With the recovery key's text (parse_recovery_key) or a keyring KEK for slot `slot_id`.
Result<PracticeKey> unlock_with_recovery_key(const std::string& database_path,
                                             std::string_view recovery_text);
Result<PracticeKey> unlock_with_kek(const std::string& database_path, SlotKind kind,
                                    const SecretKey& kek);

// Why a new passphrase is refused ("" when it is acceptable): at least 10 characters, valid
// UTF-8, not only spaces. English, marked show::marked("error", ...): the window shows
// show::tr_in("error", problem).
std::string passphrase_problem(std::string_view passphrase);

struct NewPracticeKeys {
    PracticeKey key;
    KeyFile file;               // Passphrase and recovery slots, not yet written.
    std::string recovery_text;  // Shown once.
};
// A new data key and salt, sealed under the passphrase (with `limits`) and a new recovery key.
Result<NewPracticeKeys> make_practice_keys(std::string_view passphrase, Argon2Limits limits);

// Replaces the passphrase slot of key's database, keeping the others; one atomic file write.
Status change_passphrase(const std::string& database_path, const PracticeKey& key,
                         std::string_view new_passphrase, Argon2Limits limits);

// "Remember on this computer": a keyring slot whose KEK lives in the desktop keyring
// (crypto/keyring.h). Fails (Io) without a keyring; the key file is only changed after the
// keyring took the key.
Status remember_on_this_computer(const std::string& database_path, const PracticeKey& key);
// Unlocks with a keyring slot this computer's keyring holds the KEK of; an error (never a
// prompt) when none does: the caller then asks for the passphrase.
Result<PracticeKey> unlock_with_keyring(const std::string& database_path);
// Removes this computer's keyring slots (and their keyring entries).
Status forget_on_this_computer(const std::string& database_path, const PracticeKey& key);

// The slots a backup carries: the passphrase and recovery slots of key's database.
Result<KeyFile> backup_slots(const std::string& database_path, const PracticeKey& key);

}  // namespace dyad::crypto
