#include "crypto/secret.h"

#include <sodium.h>

#include <cstring>
#include <utility>

namespace dyad::crypto {

bool init_sodium() {
    static const bool started = sodium_init() >= 0;
    return started;
}

Result<SecretKey> SecretKey::allocate() {
    if (!init_sodium()) {
        return fail(ErrorCode::Io, "the cryptography library could not start");
    }
    SecretKey key;
    key.m_bytes = static_cast<unsigned char*>(sodium_malloc(kSize));
    if (key.m_bytes == nullptr) {
        return fail(ErrorCode::Io, "no locked memory is left for a key");
    }
    sodium_memzero(key.m_bytes, kSize);
    return key;
}

Result<SecretKey> SecretKey::random() {
    auto key = allocate();
    if (key) {
        randombytes_buf(key->m_bytes, kSize);
    }
    return key;
}

Result<SecretKey> SecretKey::from_bytes(std::span<const unsigned char> bytes) {
    if (bytes.size() != kSize) {
        return fail(ErrorCode::Invalid, "a key is 32 bytes");
    }
    auto key = allocate();
    if (key) {
        std::memcpy(key->m_bytes, bytes.data(), kSize);
    }
    return key;
}

SecretKey::SecretKey(SecretKey&& other) noexcept : m_bytes(std::exchange(other.m_bytes, nullptr)) {}

SecretKey& SecretKey::operator=(SecretKey&& other) noexcept {
    if (this != &other) {
        sodium_free(m_bytes);
        m_bytes = std::exchange(other.m_bytes, nullptr);
    }
    return *this;
}

SecretKey::~SecretKey() {
    sodium_free(m_bytes);  // Wipes before freeing; accepts nullptr.
}

Result<SecretKey> SecretKey::clone() const {
    if (m_bytes == nullptr) {
        return fail(ErrorCode::Invalid, "no key");
    }
    return from_bytes(std::span<const unsigned char>(m_bytes, kSize));
}

Result<SecretKey> SecretKey::derive(std::uint64_t id, const char (&context)[9]) const {
    if (m_bytes == nullptr) {
        return fail(ErrorCode::Invalid, "no key");
    }
    auto subkey = allocate();
    if (!subkey) {
        return subkey;
    }
    if (crypto_kdf_derive_from_key(subkey->m_bytes, kSize, id, context, m_bytes) != 0) {
        return fail(ErrorCode::Io, "a subkey could not be derived");
    }
    return subkey;
}

bool SecretKey::equals(const SecretKey& other) const {
    if (m_bytes == nullptr || other.m_bytes == nullptr) {
        return false;
    }
    return sodium_memcmp(m_bytes, other.m_bytes, kSize) == 0;
}

}  // namespace dyad::crypto
