#include "crypto/page_cipher.h"

#include <sodium.h>

#include <cstring>

namespace dyad::crypto {
namespace {

constexpr std::size_t kAdBytes = 1 + kSaltBytes + 8;

void associated_data(FileKind kind, const Salt& salt, std::uint64_t offset,
                     unsigned char (&ad)[kAdBytes]) {
    ad[0] = static_cast<unsigned char>(kind);
    std::memcpy(ad + 1, salt.data(), kSaltBytes);
    for (std::size_t i = 0; i < 8; ++i) {
        ad[1 + kSaltBytes + i] = static_cast<unsigned char>(offset >> (8 * i));
    }
}

bool is_page_one(FileKind kind, std::uint64_t offset) {
    return kind == FileKind::Database && offset == 0;
}

bool all_zero(const unsigned char* bytes, std::size_t length) {
    unsigned char any = 0;
    for (std::size_t i = 0; i < length; ++i) {
        any |= bytes[i];
    }
    return any == 0;
}

}  // namespace

PageProblem encrypt_page(const SecretKey& page_key, FileKind kind, const Salt& salt,
                         std::uint64_t offset, const unsigned char* plain, unsigned char* out,
                         const unsigned char* nonce) {
    if (!all_zero(plain + kUsableBytes, kReservedBytes)) {
        return PageProblem::ReservedNotZero;
    }
    // Where the ciphertext starts: page 1 keeps 16 bytes for the magic and the salt.
    std::size_t start = 0;
    if (is_page_one(kind, offset)) {
        bool header_ok = std::memcmp(plain, kSqliteMagic, sizeof kSqliteMagic) == 0 &&
                         plain[16] == 0x10 && plain[17] == 0x00 && plain[20] == kReservedBytes;
        if (!header_ok) {
            return PageProblem::NotAPageOne;
        }
        start = 16;
    }
    unsigned char ad[kAdBytes];
    associated_data(kind, salt, offset, ad);
    unsigned char* nonce_out = out + kUsableBytes;
    if (nonce != nullptr) {
        std::memcpy(nonce_out, nonce, kNonceBytes);
    } else {
        randombytes_buf(nonce_out, kNonceBytes);
    }
    unsigned long long ignored = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt_detached(
        out + start, out + kUsableBytes + kNonceBytes, &ignored, plain + start,
        kUsableBytes - start, ad, sizeof ad, nullptr, nonce_out, page_key.data());
    if (start != 0) {
        std::memcpy(out, kPageMagic, sizeof kPageMagic);
        std::memcpy(out + sizeof kPageMagic, salt.data(), kSaltBytes);
    }
    return PageProblem::None;
}

PageProblem decrypt_page(const SecretKey& page_key, FileKind kind, const Salt& salt,
                         std::uint64_t offset, const unsigned char* disk, unsigned char* plain) {
    std::size_t start = 0;
    if (is_page_one(kind, offset)) {
        if (std::memcmp(disk, kPageMagic, sizeof kPageMagic) != 0) {
            std::memset(plain, 0, kPageSize);
            return PageProblem::WrongMagic;
        }
        start = 16;
    }
    unsigned char ad[kAdBytes];
    associated_data(kind, salt, offset, ad);
    const unsigned char* nonce = disk + kUsableBytes;
    const unsigned char* tag = disk + kUsableBytes + kNonceBytes;
    int result = crypto_aead_xchacha20poly1305_ietf_decrypt_detached(
        plain + start, nullptr, disk + start, kUsableBytes - start, tag, ad, sizeof ad, nonce,
        page_key.data());
    if (result != 0) {
        std::memset(plain, 0, kPageSize);
        return PageProblem::Unauthentic;
    }
    if (start != 0) {
        std::memcpy(plain, kSqliteMagic, sizeof kSqliteMagic);
    }
    std::memset(plain + kUsableBytes, 0, kReservedBytes);
    return PageProblem::None;
}

bool read_page_one_salt(const unsigned char* disk, Salt& salt) {
    if (std::memcmp(disk, kPageMagic, sizeof kPageMagic) != 0) {
        return false;
    }
    std::memcpy(salt.data(), disk + sizeof kPageMagic, kSaltBytes);
    return true;
}

}  // namespace dyad::crypto
