// The key file of docs/encryption.md ("Key file"): the practice's data key wrapped in slots
// (passphrase with Argon2id, desktop keyring, recovery key), parsed strictly and written
// atomically; and the recovery key's text form.
// Thread: any. Errors are values; messages never contain a key or a passphrase.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/page_cipher.h"
#include "crypto/secret.h"
#include "util/error.h"

namespace dyad::crypto {

inline constexpr std::size_t kKeyFileHeader = 16;
inline constexpr std::size_t kSlotBytes = 128;
inline constexpr std::size_t kMaxSlots = 8;

enum class SlotKind : unsigned char { Passphrase = 1, Keyring = 2, Recovery = 3 };

struct Argon2Limits {
    std::uint64_t opslimit = 0;
    std::uint64_t memlimit = 0;  // Bytes.
};
// Refused below (memory 64 MiB, opslimit 2) and above (4 GiB, 64).
inline constexpr Argon2Limits kArgon2Floor{2, 64ull << 20};
inline constexpr Argon2Limits kArgon2Ceiling{64, 4ull << 30};

struct KeySlot {
    SlotKind kind = SlotKind::Passphrase;
    Salt database_salt{};
    Argon2Limits limits;                 // Passphrase slots only.
    std::array<unsigned char, 16> id{};  // Argon2id salt, or the keyring secret's id.
    std::array<unsigned char, 24> nonce{};
    std::array<unsigned char, 48> sealed{};  // The data key and its tag.
};

struct KeyFile {
    std::vector<KeySlot> slots;
    // The slots of `kind` for the database with `salt`.
    std::vector<const KeySlot*> find(SlotKind kind, const Salt& salt) const;
};

// Strict: magic, version, count, size, kinds, zero padding, Argon2 limits within bounds.
Result<KeyFile> parse_key_file(std::span<const unsigned char> bytes);
std::vector<unsigned char> serialize_key_file(const KeyFile& file);
Result<KeyFile> read_key_file(const std::string& path);
// Temporary file, fsync, rename, folder fsync.
Status write_key_file(const std::string& path, const KeyFile& file);

// Fixed randomness for the known-answer tests; production passes nullptr.
struct SlotRandomness {
    std::array<unsigned char, 16> id{};
    std::array<unsigned char, 24> nonce{};
};

// Argon2id KEK from the passphrase, then the data key sealed under it.
Result<KeySlot> seal_with_passphrase(const SecretKey& data_key, const Salt& database_salt,
                                     std::string_view passphrase, Argon2Limits limits,
                                     const SlotRandomness* fixed = nullptr);
// The data key sealed under a random key-encryption key (keyring or recovery slot).
Result<KeySlot> seal_with_key(SlotKind kind, const SecretKey& data_key, const Salt& database_salt,
                              const SecretKey& kek, const SlotRandomness* fixed = nullptr);
// The data key, or Refused "wrong passphrase" / "wrong key" (the slot did not authenticate).
Result<SecretKey> open_with_passphrase(const KeySlot& slot, std::string_view passphrase);
Result<SecretKey> open_with_key(const KeySlot& slot, const SecretKey& kek);

// Limits that take about `target` on this computer, memory at least 64 MiB.
Argon2Limits calibrate_argon2(std::chrono::milliseconds target);

// "ABCDE-FGHIJ-..." (55 characters in 11 groups): base32 of the key and 2 check bytes.
std::string recovery_key_text(const SecretKey& key);
// Ignores case, spaces and dashes; Invalid "that is not a recovery key..." on a typo.
Result<SecretKey> parse_recovery_key(std::string_view text);

}  // namespace dyad::crypto
