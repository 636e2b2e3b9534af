#include "crypto/key_file.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "dyad/show.hpp"

namespace dyad::crypto {
namespace {

constexpr unsigned char kKeyMagic[8] = {'D', 'y', 'a', 'd', 'K', 'e', 'y', '1'};
constexpr std::uint32_t kKeyVersion = 1;
constexpr std::size_t kSealedOffset = 72;
constexpr std::size_t kAdSlotBytes = 48;

void put_u32(unsigned char* out, std::uint32_t value) {
    for (int i = 0; i < 4; ++i) {
        out[i] = static_cast<unsigned char>(value >> (8 * i));
    }
}
void put_u64(unsigned char* out, std::uint64_t value) {
    for (int i = 0; i < 8; ++i) {
        out[i] = static_cast<unsigned char>(value >> (8 * i));
    }
}
std::uint32_t get_u32(const unsigned char* in) {
    std::uint32_t value = 0;
    for (int i = 3; i >= 0; --i) {
        value = (value << 8) | in[i];
    }
    return value;
}
std::uint64_t get_u64(const unsigned char* in) {
    std::uint64_t value = 0;
    for (int i = 7; i >= 0; --i) {
        value = (value << 8) | in[i];
    }
    return value;
}

void encode_slot(const KeySlot& slot, unsigned char* out) {
    std::memset(out, 0, kSlotBytes);
    out[0] = static_cast<unsigned char>(slot.kind);
    std::memcpy(out + 8, slot.database_salt.data(), kSaltBytes);
    put_u64(out + 16, slot.limits.opslimit);
    put_u64(out + 24, slot.limits.memlimit);
    std::memcpy(out + 32, slot.id.data(), slot.id.size());
    std::memcpy(out + 48, slot.nonce.data(), slot.nonce.size());
    std::memcpy(out + kSealedOffset, slot.sealed.data(), slot.sealed.size());
}

// Magic ‖ slot bytes 0-47.
std::array<unsigned char, 8 + kAdSlotBytes> slot_ad(const KeySlot& slot) {
    unsigned char encoded[kSlotBytes];
    encode_slot(slot, encoded);
    std::array<unsigned char, 8 + kAdSlotBytes> ad{};
    std::memcpy(ad.data(), kKeyMagic, 8);
    std::memcpy(ad.data() + 8, encoded, kAdSlotBytes);
    return ad;
}

bool within(const Argon2Limits& limits) {
    return limits.opslimit >= kArgon2Floor.opslimit && limits.memlimit >= kArgon2Floor.memlimit &&
           limits.opslimit <= kArgon2Ceiling.opslimit && limits.memlimit <= kArgon2Ceiling.memlimit;
}

Status seal(KeySlot& slot, const SecretKey& data_key, const SecretKey& kek,
            const SlotRandomness* fixed) {
    if (fixed != nullptr) {
        slot.nonce = fixed->nonce;
    } else {
        randombytes_buf(slot.nonce.data(), slot.nonce.size());
    }
    auto ad = slot_ad(slot);
    unsigned long long length = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(slot.sealed.data(), &length, data_key.data(),
                                               SecretKey::kSize, ad.data(), ad.size(), nullptr,
                                               slot.nonce.data(), kek.data());
    return ok();
}

Result<SecretKey> unseal(const KeySlot& slot, const SecretKey& kek, std::string_view refusal) {
    auto key = SecretKey::allocate();
    if (!key) {
        return key;
    }
    auto ad = slot_ad(slot);
    unsigned long long length = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            key->data(), &length, nullptr, slot.sealed.data(), slot.sealed.size(), ad.data(),
            ad.size(), slot.nonce.data(), kek.data()) != 0 ||
        length != SecretKey::kSize) {
        return fail(ErrorCode::Refused, std::string(refusal));
    }
    return key;
}

Result<SecretKey> passphrase_kek(std::string_view passphrase,
                                 const std::array<unsigned char, 16>& salt,
                                 const Argon2Limits& limits) {
    if (!within(limits)) {
        return fail(ErrorCode::Corrupt,
                    "the key file asks for passphrase hashing outside Dyad's limits (at least "
                    "64 MiB and 2 passes, at most 4 GiB and 64 passes); it was altered or is "
                    "not Dyad's");
    }
    auto kek = SecretKey::allocate();
    if (!kek) {
        return kek;
    }
    static_assert(crypto_pwhash_SALTBYTES == 16);
    if (crypto_pwhash(kek->data(), SecretKey::kSize, passphrase.data(), passphrase.size(),
                      salt.data(), limits.opslimit, static_cast<std::size_t>(limits.memlimit),
                      crypto_pwhash_ALG_ARGON2ID13) != 0) {
        return fail(ErrorCode::Io, "not enough memory to check the passphrase (" +
                                       std::to_string(limits.memlimit >> 20) + " MiB needed)");
    }
    return kek;
}

constexpr char kBase32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr std::size_t kRecoveryBytes = SecretKey::kSize + 2;

}  // namespace

std::vector<const KeySlot*> KeyFile::find(SlotKind kind, const Salt& salt) const {
    std::vector<const KeySlot*> found;
    for (const auto& slot : slots) {
        if (slot.kind == kind && slot.database_salt == salt) {
            found.push_back(&slot);
        }
    }
    return found;
}

Result<KeyFile> parse_key_file(std::span<const unsigned char> bytes) {
    const std::string damaged = "the key file is damaged or is not a Dyad key file: ";
    if (bytes.size() < kKeyFileHeader || std::memcmp(bytes.data(), kKeyMagic, 8) != 0) {
        return fail(ErrorCode::Corrupt, damaged + "it does not start with DyadKey1");
    }
    if (get_u32(bytes.data() + 8) != kKeyVersion) {
        return fail(ErrorCode::Corrupt, "the key file is version " +
                                            std::to_string(get_u32(bytes.data() + 8)) +
                                            "; this Dyad reads version 1");
    }
    std::uint32_t count = get_u32(bytes.data() + 12);
    if (count == 0 || count > kMaxSlots) {
        return fail(ErrorCode::Corrupt, damaged + "it declares " + std::to_string(count) +
                                            " key slots (1 to 8 allowed)");
    }
    if (bytes.size() != kKeyFileHeader + count * kSlotBytes) {
        return fail(ErrorCode::Corrupt, damaged + "it is " + std::to_string(bytes.size()) +
                                            " bytes, not the " +
                                            std::to_string(kKeyFileHeader + count * kSlotBytes) +
                                            " its " + std::to_string(count) + " slots take");
    }
    KeyFile file;
    for (std::uint32_t i = 0; i < count; ++i) {
        const unsigned char* in = bytes.data() + kKeyFileHeader + i * kSlotBytes;
        std::string where = "slot " + std::to_string(i + 1) + " ";
        if (in[0] < 1 || in[0] > 3) {
            return fail(ErrorCode::Corrupt,
                        damaged + where + "has an unknown kind " + std::to_string(in[0]));
        }
        bool padding_zero = std::all_of(in + 1, in + 8, [](unsigned char b) { return b == 0; }) &&
                            std::all_of(in + 120, in + 128, [](unsigned char b) { return b == 0; });
        if (!padding_zero) {
            return fail(ErrorCode::Corrupt, damaged + where + "has bytes where zeros belong");
        }
        KeySlot slot;
        slot.kind = static_cast<SlotKind>(in[0]);
        std::memcpy(slot.database_salt.data(), in + 8, kSaltBytes);
        slot.limits = {get_u64(in + 16), get_u64(in + 24)};
        std::memcpy(slot.id.data(), in + 32, slot.id.size());
        std::memcpy(slot.nonce.data(), in + 48, slot.nonce.size());
        std::memcpy(slot.sealed.data(), in + kSealedOffset, slot.sealed.size());
        if (slot.kind == SlotKind::Passphrase && !within(slot.limits)) {
            return fail(ErrorCode::Corrupt,
                        damaged + where +
                            "asks for passphrase hashing outside Dyad's limits (at least 64 MiB "
                            "and 2 passes, at most 4 GiB and 64 passes)");
        }
        if (slot.kind != SlotKind::Passphrase &&
            (slot.limits.opslimit != 0 || slot.limits.memlimit != 0)) {
            return fail(ErrorCode::Corrupt, damaged + where + "has hashing limits it cannot use");
        }
        file.slots.push_back(slot);
    }
    return file;
}

std::vector<unsigned char> serialize_key_file(const KeyFile& file) {
    std::vector<unsigned char> bytes(kKeyFileHeader + file.slots.size() * kSlotBytes, 0);
    std::memcpy(bytes.data(), kKeyMagic, 8);
    put_u32(bytes.data() + 8, kKeyVersion);
    put_u32(bytes.data() + 12, static_cast<std::uint32_t>(file.slots.size()));
    for (std::size_t i = 0; i < file.slots.size(); ++i) {
        encode_slot(file.slots[i], bytes.data() + kKeyFileHeader + i * kSlotBytes);
    }
    return bytes;
}

Result<KeyFile> read_key_file(const std::string& path) {
    std::error_code error;
    auto size = std::filesystem::file_size(path, error);
    if (error) {
        if (error == std::errc::no_such_file_or_directory) {
            return fail(ErrorCode::NotFound, "the key file " + path + " is missing");
        }
        return fail(ErrorCode::Io, "cannot read the key file " + path + ": " + error.message());
    }
    if (size > kKeyFileHeader + kMaxSlots * kSlotBytes) {
        return fail(ErrorCode::Corrupt, "the key file " + path + " is too large to be Dyad's");
    }
    std::ifstream in(path, std::ios::binary);
    std::vector<unsigned char> bytes(static_cast<std::size_t>(size));
    if (!in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size))) {
        return fail(ErrorCode::Io, "cannot read the key file " + path);
    }
    auto parsed = parse_key_file(bytes);
    if (!parsed) {
        return fail(parsed.error().code, path + ": " + parsed.error().message);
    }
    return parsed;
}

Status write_key_file(const std::string& path, const KeyFile& file) {
    if (file.slots.empty() || file.slots.size() > kMaxSlots) {
        return fail(ErrorCode::Invalid, "a key file holds 1 to 8 slots");
    }
    auto bytes = serialize_key_file(file);
    std::string temporary = path + ".writing";
    int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        return fail(ErrorCode::Io,
                    "cannot write the key file " + path + ": " + std::strerror(errno));
    }
    std::size_t written = 0;
    while (written < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            int saved = errno;
            ::close(fd);
            ::unlink(temporary.c_str());
            return fail(ErrorCode::Io,
                        "cannot write the key file " + path + ": " + std::strerror(saved));
        }
        written += static_cast<std::size_t>(n);
    }
    bool synced = ::fsync(fd) == 0;
    int saved = errno;
    ::close(fd);
    if (!synced || ::rename(temporary.c_str(), path.c_str()) != 0) {
        if (synced) {
            saved = errno;
        }
        ::unlink(temporary.c_str());
        return fail(ErrorCode::Io,
                    "cannot write the key file " + path + ": " + std::strerror(saved));
    }
    std::string folder = std::filesystem::path(path).parent_path().string();
    int dir = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
    return ok();
}

Result<KeySlot> seal_with_passphrase(const SecretKey& data_key, const Salt& database_salt,
                                     std::string_view passphrase, Argon2Limits limits,
                                     const SlotRandomness* fixed) {
    if (!init_sodium()) {
        return fail(ErrorCode::Io, "the cryptography library could not start");
    }
    KeySlot slot;
    slot.kind = SlotKind::Passphrase;
    slot.database_salt = database_salt;
    slot.limits = limits;
    if (fixed != nullptr) {
        slot.id = fixed->id;
    } else {
        randombytes_buf(slot.id.data(), slot.id.size());
    }
    auto kek = passphrase_kek(passphrase, slot.id, limits);
    if (!kek) {
        return std::unexpected(kek.error());
    }
    DYAD_TRY(seal(slot, data_key, *kek, fixed));
    return slot;
}

Result<KeySlot> seal_with_key(SlotKind kind, const SecretKey& data_key, const Salt& database_salt,
                              const SecretKey& kek, const SlotRandomness* fixed) {
    if (!init_sodium()) {
        return fail(ErrorCode::Io, "the cryptography library could not start");
    }
    if (kind == SlotKind::Passphrase) {
        return fail(ErrorCode::Invalid, "a passphrase slot is sealed with the passphrase");
    }
    KeySlot slot;
    slot.kind = kind;
    slot.database_salt = database_salt;
    if (kind == SlotKind::Keyring) {
        if (fixed != nullptr) {
            slot.id = fixed->id;
        } else {
            randombytes_buf(slot.id.data(), slot.id.size());
        }
    }
    DYAD_TRY(seal(slot, data_key, kek, fixed));
    return slot;
}

Result<SecretKey> open_with_passphrase(const KeySlot& slot, std::string_view passphrase) {
    if (slot.kind != SlotKind::Passphrase) {
        return fail(ErrorCode::Invalid, "not a passphrase slot");
    }
    auto kek = passphrase_kek(passphrase, slot.id, slot.limits);
    if (!kek) {
        return std::unexpected(kek.error());
    }
    return unseal(slot, *kek, show::marked("error", "wrong passphrase"));
}

Result<SecretKey> open_with_key(const KeySlot& slot, const SecretKey& kek) {
    if (slot.kind == SlotKind::Passphrase) {
        return fail(ErrorCode::Invalid, "a passphrase slot needs the passphrase");
    }
    return unseal(slot, kek,
                  slot.kind == SlotKind::Recovery
                      ? show::marked("error", "this recovery key does not open this practice")
                      : show::marked("error",
                                     "the key remembered on this computer does not open "
                                     "this practice"));
}

Argon2Limits calibrate_argon2(std::chrono::milliseconds target) {
    init_sodium();
    auto measure = [](Argon2Limits limits) {
        unsigned char out[32];
        unsigned char salt[crypto_pwhash_SALTBYTES] = {};
        auto start = std::chrono::steady_clock::now();
        int rc =
            crypto_pwhash(out, sizeof out, "calibration", 11, salt, limits.opslimit,
                          static_cast<std::size_t>(limits.memlimit), crypto_pwhash_ALG_ARGON2ID13);
        auto spent = std::chrono::steady_clock::now() - start;
        sodium_memzero(out, sizeof out);
        return rc == 0 ? std::chrono::duration<double, std::milli>(spent).count() : -1.0;
    };
    Argon2Limits limits = kArgon2Floor;
    double spent = measure(limits);
    if (spent <= 0) {
        return kArgon2Floor;
    }
    double wanted = static_cast<double>(target.count());
    // More memory first (up to 256 MiB), then more passes.
    while (spent * 2 <= wanted && limits.memlimit < (256ull << 20)) {
        Argon2Limits bigger{limits.opslimit, limits.memlimit * 2};
        double bigger_spent = measure(bigger);
        if (bigger_spent <= 0) {
            break;
        }
        limits = bigger;
        spent = bigger_spent;
    }
    double per_pass = spent / static_cast<double>(limits.opslimit);
    auto passes = static_cast<std::uint64_t>(wanted / per_pass);
    limits.opslimit = std::clamp<std::uint64_t>(passes, kArgon2Floor.opslimit, 16);
    return limits;
}

std::string recovery_key_text(const SecretKey& key) {
    unsigned char bytes[kRecoveryBytes];
    std::memcpy(bytes, key.data(), SecretKey::kSize);
    unsigned char hash[32];
    crypto_generichash(hash, sizeof hash, key.data(), SecretKey::kSize, nullptr, 0);
    bytes[32] = hash[0];
    bytes[33] = hash[1];
    std::string text;
    unsigned buffer = 0;
    int bits = 0;
    int produced = 0;
    auto emit = [&](unsigned value) {
        if (produced > 0 && produced % 5 == 0) {
            text += '-';
        }
        text += kBase32[value & 31];
        ++produced;
    };
    for (unsigned char byte : bytes) {
        buffer = (buffer << 8) | byte;
        bits += 8;
        while (bits >= 5) {
            emit(buffer >> (bits - 5));
            bits -= 5;
        }
    }
    if (bits > 0) {
        emit(buffer << (5 - bits));
    }
    sodium_memzero(bytes, sizeof bytes);
    buffer = 0;
    return text;
}

Result<SecretKey> parse_recovery_key(std::string_view text) {
    const std::string refusal =
        "that is not a recovery key: it is 55 letters and digits (A-Z, 2-7) in groups of "
        "five; check for a mistyped character";
    unsigned char bytes[kRecoveryBytes + 1] = {};
    std::size_t length = 0;
    unsigned buffer = 0;
    int bits = 0;
    for (char c : text) {
        if (c == '-' || c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            continue;
        }
        char upper = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
        const char* found = std::strchr(kBase32, upper);
        if (upper == '\0' || found == nullptr) {
            return fail(ErrorCode::Invalid, refusal);
        }
        buffer = (buffer << 5) | static_cast<unsigned>(found - kBase32);
        bits += 5;
        if (bits >= 8) {
            if (length == sizeof bytes) {
                return fail(ErrorCode::Invalid, refusal);
            }
            bytes[length++] = static_cast<unsigned char>(buffer >> (bits - 8));
            bits -= 8;
        }
    }
    if (length != kRecoveryBytes || (buffer & ((1u << bits) - 1)) != 0) {
        sodium_memzero(bytes, sizeof bytes);
        return fail(ErrorCode::Invalid, refusal);
    }
    unsigned char hash[32];
    crypto_generichash(hash, sizeof hash, bytes, SecretKey::kSize, nullptr, 0);
    bool checked = hash[0] == bytes[32] && hash[1] == bytes[33];
    auto key = SecretKey::from_bytes(std::span<const unsigned char>(bytes, SecretKey::kSize));
    sodium_memzero(bytes, sizeof bytes);
    if (!checked) {
        return fail(ErrorCode::Invalid, refusal);
    }
    return key;
}

}  // namespace dyad::crypto
