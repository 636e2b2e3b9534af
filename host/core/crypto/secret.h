// Secret keys in libsodium's guarded memory (sodium_malloc: locked, guard pages, wiped when
// freed), and libsodium's one-time initialisation.
// Thread: a SecretKey is a value owned by one thread at a time; init_sodium() is thread-safe.
#pragma once

#include <cstddef>
#include <span>

#include "util/error.h"

namespace dyad::crypto {

// sodium_init() once; false when libsodium cannot start (no entropy source).
bool init_sodium();

// 32 bytes (a data key, a subkey or a key-encryption key). Move-only; clone() copies into a
// new guarded allocation. An empty key (moved-from) has data() == nullptr.
class SecretKey {
  public:
    static constexpr std::size_t kSize = 32;

    // A key of zeros to be filled by the caller through data(); fails when locked memory
    // cannot be had.
    static Result<SecretKey> allocate();
    // 32 random bytes.
    static Result<SecretKey> random();
    // A copy of bytes (which must be kSize long).
    static Result<SecretKey> from_bytes(std::span<const unsigned char> bytes);

    SecretKey() = default;
    SecretKey(SecretKey&& other) noexcept;
    SecretKey& operator=(SecretKey&& other) noexcept;
    SecretKey(const SecretKey&) = delete;
    SecretKey& operator=(const SecretKey&) = delete;
    ~SecretKey();

    Result<SecretKey> clone() const;
    // crypto_kdf_derive_from_key: subkey `id` under the 8-character context.
    Result<SecretKey> derive(std::uint64_t id, const char (&context)[9]) const;

    unsigned char* data() { return m_bytes; }
    const unsigned char* data() const { return m_bytes; }
    bool empty() const { return m_bytes == nullptr; }
    // Constant time.
    bool equals(const SecretKey& other) const;

  private:
    unsigned char* m_bytes = nullptr;
};

}  // namespace dyad::crypto
