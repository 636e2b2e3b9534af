// The page format of docs/encryption.md ("Pages"): one 4096-byte page image encrypted with
// XChaCha20-Poly1305, nonce and tag in the page's 40 reserved bytes, associated data = kind,
// file salt and offset. Pure functions, no I/O: the VFS and the known-answer tests call them.
// Thread: any.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "crypto/secret.h"

namespace dyad::crypto {

inline constexpr std::size_t kPageSize = 4096;
inline constexpr std::size_t kReservedBytes = 40;
inline constexpr std::size_t kUsableBytes = kPageSize - kReservedBytes;  // 4056
inline constexpr std::size_t kNonceBytes = 24;
inline constexpr std::size_t kTagBytes = 16;
inline constexpr std::size_t kSaltBytes = 8;
// Page 1 on disk starts with this instead of "SQLite format 3\0" (bytes 0-7), then the salt.
inline constexpr unsigned char kPageMagic[8] = {'D', 'y', 'a', 'd', 'E', 'n', 'c', '1'};
inline constexpr unsigned char kSqliteMagic[16] = {'S', 'Q', 'L', 'i', 't', 'e', ' ', 'f',
                                                   'o', 'r', 'm', 'a', 't', ' ', '3', 0};

enum class FileKind : unsigned char { Database = 1, Wal = 2, Journal = 3 };
using Salt = std::array<unsigned char, kSaltBytes>;

enum class PageProblem {
    None = 0,
    NotAPageOne,      // Page 1 plaintext without the SQLite magic, page size 4096 or reserve 40.
    ReservedNotZero,  // SQLite's reserved bytes 4056-4095 of the plaintext are not zero.
    Unauthentic,      // Decryption failed: wrong key, or a changed, moved or foreign page.
    WrongMagic,       // Page 1 on disk does not start with kPageMagic.
};

// Encrypts the 4096-byte plaintext image `plain` at `offset` of a file of `kind` into `out`
// (4096 bytes; may not overlap plain). Page 1 is kind Database at offset 0. `nonce` is 24
// random bytes when null; tests pass a fixed one for the known answers. Writes nothing to out
// unless it returns PageProblem::None.
PageProblem encrypt_page(const SecretKey& page_key, FileKind kind, const Salt& salt,
                         std::uint64_t offset, const unsigned char* plain, unsigned char* out,
                         const unsigned char* nonce = nullptr);

// Authenticates and decrypts the 4096-byte on-disk image `disk` into `plain` (4096 bytes,
// reserved bytes zero). On failure `plain` is zero-filled: never plaintext garbage.
PageProblem decrypt_page(const SecretKey& page_key, FileKind kind, const Salt& salt,
                         std::uint64_t offset, const unsigned char* disk, unsigned char* plain);

// The salt on page 1 of an encrypted database image (bytes 8-15), or nullopt-like false when
// the image does not start with kPageMagic.
bool read_page_one_salt(const unsigned char* disk, Salt& salt);

}  // namespace dyad::crypto
