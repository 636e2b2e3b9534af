#include "crypto/practice_keys.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <utility>
#include <vector>

#include "crypto/conversion.h"
#include "crypto/keyring.h"
#include "db/maintenance.h"
#include "dyad/show.hpp"

namespace dyad::crypto {
namespace {

// The database's first 16 bytes, or fewer when it is shorter.
std::string first_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::string bytes(16, '\0');
    in.read(bytes.data(), 16);
    bytes.resize(static_cast<std::size_t>(in.gcount()));
    return bytes;
}

bool salt_of(const std::string& path, Salt& salt) {
    std::string bytes = first_bytes(path);
    return bytes.size() == 16 &&
           read_page_one_salt(reinterpret_cast<const unsigned char*>(bytes.data()), salt);
}

Result<Salt> encrypted_salt(const std::string& database_path) {
    Salt salt{};
    if (!salt_of(database_path, salt)) {
        return fail(ErrorCode::Refused,
                    error_reason(show::marked("error", "{path} is not an encrypted practice"))
                        .with("path", database_path));
    }
    return salt;
}

Result<KeyFile> key_file_for(const std::string& database_path, const Salt& salt) {
    auto file = read_key_file(key_file_path(database_path));
    if (!file) {
        return file;
    }
    bool any = false;
    for (const auto& slot : file->slots) {
        any = any || slot.database_salt == salt;
    }
    if (!any) {
        return fail(ErrorCode::Refused,
                    error_reason(show::marked("error",
                                              "the key file {path} belongs to another "
                                              "practice (none of its keys is for this "
                                              "database)"))
                        .with("path", key_file_path(database_path)));
    }
    return file;
}

// The encrypted database's salt and the key file with slots for it: what every unlock reads.
Result<std::pair<Salt, KeyFile>> database_slots(const std::string& database_path) {
    auto salt = encrypted_salt(database_path);
    if (!salt) {
        return std::unexpected(salt.error());
    }
    auto file = key_file_for(database_path, *salt);
    if (!file) {
        return std::unexpected(file.error());
    }
    return std::make_pair(*salt, std::move(*file));
}

Result<PracticeKey> unlocked(Result<SecretKey> key, const Salt& salt) {
    if (!key) {
        return std::unexpected(key.error());
    }
    return PracticeKey{std::move(*key), salt};
}

}  // namespace

std::string key_file_path(const std::string& database_path) {
    return database_path + ".keys";
}

Result<PracticeFiles> inspect_practice(const std::string& database_path) {
    PracticeFiles files;
    files.tidied = tidy_leftovers(database_path);
    std::error_code error;
    auto status = std::filesystem::symlink_status(database_path, error);
    files.key_file = std::filesystem::exists(key_file_path(database_path), error);
    if (!std::filesystem::exists(status)) {
        files.protection = Protection::Missing;
        return files;
    }
    if (!std::filesystem::is_regular_file(std::filesystem::status(database_path, error))) {
        files.protection = Protection::Plain;  // Connection::open refuses it in words.
        return files;
    }
    std::string bytes = first_bytes(database_path);
    const auto* raw = reinterpret_cast<const unsigned char*>(bytes.data());
    if (bytes.size() == 16 && read_page_one_salt(raw, files.salt)) {
        files.protection = Protection::Encrypted;
        if (!files.key_file) {
            return fail(ErrorCode::Refused,
                        error_reason(show::marked("error",
                                                  "{path} is encrypted but its key file {keys} is "
                                                  "missing; put the key file back (from where you "
                                                  "keep a copy), or restore a backup with its "
                                                  "passphrase or recovery key"))
                            .with("path", database_path)
                            .with("keys", key_file_path(database_path)));
        }
        return files;
    }
    files.protection = Protection::Plain;
    if (files.key_file && (bytes.empty() || std::memcmp(raw, kSqliteMagic, 16) == 0)) {
        return fail(ErrorCode::Refused,
                    error_reason(show::marked("error",
                                              "{path} is a plain (unencrypted) database, but this "
                                              "practice is encrypted (its key file {keys} is "
                                              "there): the database file was replaced. Dyad will "
                                              "not open it as plain; restore a backup"))
                        .with("path", database_path)
                        .with("keys", key_file_path(database_path)));
    }
    return files;
}

Result<PracticeKey> unlock_with_passphrase(const std::string& database_path,
                                           std::string_view passphrase) {
    auto found = database_slots(database_path);
    if (!found) {
        return std::unexpected(found.error());
    }
    const auto& [salt, file] = *found;
    auto slots = file.find(SlotKind::Passphrase, salt);
    if (slots.empty()) {
        return fail(ErrorCode::NotFound,
                    show::marked("error", "this practice has no passphrase; use its recovery key"));
    }
    return unlocked(open_with_passphrase(*slots.front(), passphrase), salt);
}

Result<PracticeKey> unlock_with_recovery_key(const std::string& database_path,
                                             std::string_view recovery_text) {
    auto kek = parse_recovery_key(recovery_text);
    if (!kek) {
        return std::unexpected(kek.error());
    }
    return unlock_with_kek(database_path, SlotKind::Recovery, *kek);
}

Result<PracticeKey> unlock_with_kek(const std::string& database_path, SlotKind kind,
                                    const SecretKey& kek) {
    auto found = database_slots(database_path);
    if (!found) {
        return std::unexpected(found.error());
    }
    const auto& [salt, file] = *found;
    Error last{ErrorCode::NotFound, kind == SlotKind::Recovery
                                        ? "this practice has no recovery key slot"
                                        : "this practice is not remembered on this computer"};
    for (const KeySlot* slot : file.find(kind, salt)) {
        auto key = open_with_key(*slot, kek);
        if (key) {
            return PracticeKey{std::move(*key), salt};
        }
        last = key.error();
    }
    return std::unexpected(last);
}

std::string passphrase_problem(std::string_view passphrase) {
    std::size_t characters = 0;
    bool only_spaces = true;
    for (std::size_t i = 0; i < passphrase.size(); ++i) {
        auto byte = static_cast<unsigned char>(passphrase[i]);
        characters += (byte & 0xC0) != 0x80 ? 1 : 0;
        only_spaces = only_spaces && byte == ' ';
    }
    if (sodium_init() < 0) {
        return "the cryptography library could not start";
    }
    // Valid UTF-8: what a keyboard types, stored so another computer derives the same key.
    std::size_t i = 0;
    while (i < passphrase.size()) {
        auto byte = static_cast<unsigned char>(passphrase[i]);
        std::size_t length = byte < 0x80         ? 1
                             : (byte >> 5) == 6  ? 2
                             : (byte >> 4) == 14 ? 3
                             : (byte >> 3) == 30 ? 4
                                                 : 0;
        if (length == 0 || i + length > passphrase.size()) {
            return show::marked("error", "the passphrase is not valid text (UTF-8)");
        }
        for (std::size_t k = 1; k < length; ++k) {
            if ((static_cast<unsigned char>(passphrase[i + k]) & 0xC0) != 0x80) {
                return show::marked("error", "the passphrase is not valid text (UTF-8)");
            }
        }
        i += length;
    }
    if (characters < 10 || only_spaces) {
        return show::marked("error",
                            "a passphrase needs at least 10 characters (several words are easy to "
                            "remember and hard to guess)");
    }
    if (passphrase.size() > 1024) {
        return show::marked("error", "a passphrase may be at most 1024 bytes");
    }
    return "";
}

Result<NewPracticeKeys> make_practice_keys(std::string_view passphrase, Argon2Limits limits) {
    if (std::string problem = passphrase_problem(passphrase); !problem.empty()) {
        return fail(ErrorCode::Invalid, problem);
    }
    auto data_key = SecretKey::random();
    auto recovery = SecretKey::random();
    if (!data_key || !recovery) {
        return std::unexpected(!data_key ? data_key.error() : recovery.error());
    }
    Salt salt{};
    randombytes_buf(salt.data(), salt.size());
    auto passphrase_slot = seal_with_passphrase(*data_key, salt, passphrase, limits);
    if (!passphrase_slot) {
        return std::unexpected(passphrase_slot.error());
    }
    auto recovery_slot = seal_with_key(SlotKind::Recovery, *data_key, salt, *recovery);
    if (!recovery_slot) {
        return std::unexpected(recovery_slot.error());
    }
    NewPracticeKeys keys;
    keys.key = PracticeKey{std::move(*data_key), salt};
    keys.file.slots = {*passphrase_slot, *recovery_slot};
    keys.recovery_text = recovery_key_text(*recovery);
    return keys;
}

Status change_passphrase(const std::string& database_path, const PracticeKey& key,
                         std::string_view new_passphrase, Argon2Limits limits) {
    if (std::string problem = passphrase_problem(new_passphrase); !problem.empty()) {
        return fail(ErrorCode::Invalid, problem);
    }
    auto file = key_file_for(database_path, key.salt);
    if (!file) {
        return std::unexpected(file.error());
    }
    auto slot = seal_with_passphrase(key.data_key, key.salt, new_passphrase, limits);
    if (!slot) {
        return std::unexpected(slot.error());
    }
    KeyFile changed;
    changed.slots.push_back(*slot);
    for (const auto& existing : file->slots) {
        if (!(existing.kind == SlotKind::Passphrase && existing.database_salt == key.salt)) {
            changed.slots.push_back(existing);
        }
    }
    return write_key_file(key_file_path(database_path), changed);
}

Status remember_on_this_computer(const std::string& database_path, const PracticeKey& key) {
    auto file = key_file_for(database_path, key.salt);
    if (!file) {
        return std::unexpected(file.error());
    }
    if (file->slots.size() >= kMaxSlots) {
        return fail(ErrorCode::Conflict,
                    show::marked("error",
                                 "the key file is full (8 keys); forget this practice on "
                                 "a computer you no longer use first"));
    }
    auto kek = SecretKey::random();
    if (!kek) {
        return std::unexpected(kek.error());
    }
    auto slot = seal_with_key(SlotKind::Keyring, key.data_key, key.salt, *kek);
    if (!slot) {
        return std::unexpected(slot.error());
    }
    DYAD_TRY(keyring_store(
        slot->id, *kek,
        "Dyad practice key (" + std::filesystem::path(database_path).parent_path().string() + ")"));
    file->slots.push_back(*slot);
    Status written = write_key_file(key_file_path(database_path), *file);
    if (!written) {
        (void)keyring_forget(slot->id);
    }
    return written;
}

Result<PracticeKey> unlock_with_keyring(const std::string& database_path) {
    auto found = database_slots(database_path);
    if (!found) {
        return std::unexpected(found.error());
    }
    const auto& [salt, file] = *found;
    Error last{ErrorCode::NotFound, "this practice is not remembered on this computer"};
    for (const KeySlot* slot : file.find(SlotKind::Keyring, salt)) {
        auto kek = keyring_lookup(slot->id);
        if (!kek) {
            last = kek.error();
            if (kek.error().code == ErrorCode::Io) {
                break;  // No keyring: do not ask again for each slot.
            }
            continue;
        }
        auto key = open_with_key(*slot, *kek);
        if (key) {
            return PracticeKey{std::move(*key), salt};
        }
        last = key.error();
    }
    return std::unexpected(last);
}

Status forget_on_this_computer(const std::string& database_path, const PracticeKey& key) {
    auto file = key_file_for(database_path, key.salt);
    if (!file) {
        return std::unexpected(file.error());
    }
    KeyFile kept;
    bool forgot = false;
    for (const auto& slot : file->slots) {
        if (slot.kind == SlotKind::Keyring && slot.database_salt == key.salt &&
            keyring_lookup(slot.id)) {
            DYAD_TRY(keyring_forget(slot.id));
            forgot = true;
            continue;
        }
        kept.slots.push_back(slot);
    }
    if (!forgot) {
        return fail(ErrorCode::NotFound,
                    show::marked("error", "this practice is not remembered on this computer"));
    }
    return write_key_file(key_file_path(database_path), kept);
}

Result<KeyFile> backup_slots(const std::string& database_path, const PracticeKey& key) {
    auto file = key_file_for(database_path, key.salt);
    if (!file) {
        return file;
    }
    KeyFile carried;
    for (const auto& slot : file->slots) {
        if (slot.database_salt == key.salt && slot.kind != SlotKind::Keyring) {
            carried.slots.push_back(slot);
        }
    }
    if (carried.slots.empty()) {
        return fail(ErrorCode::NotFound,
                    show::marked("error",
                                 "the practice has neither a passphrase nor a recovery "
                                 "key to protect a backup with"));
    }
    return carried;
}

}  // namespace dyad::crypto
