// Known-answer tests that freeze the on-disk formats of docs/encryption.md. A failure here
// means the format changed: that is a new format version, never an edit of these vectors.
#include <gtest/gtest.h>
#include <sodium.h>

#include <array>
#include <cstring>
#include <string>
#include <vector>

#include "crypto/key_file.h"
#include "crypto/page_cipher.h"
#include "crypto/secret.h"

using namespace dyad::crypto;

namespace {

// The frozen answers. The subkeys, the page images and the recovery text were computed
// independently of libsodium by scripts/encryption-reference.py (Python's hashlib and
// cryptography packages); the key file's hash by this code, Argon2id being libsodium's.
const std::string kPageSubkeyHex =
    "0608f73d34c1571a9339d99748f41f60c01d76acd07319090562e260a5945ebd";
const std::string kBackupSubkeyHex =
    "bbb338c8f6e1f83bdef2feeb70c2d8ad6db78080aada77f972744642f01fdfba";
const std::string kPageOneTagHex = "a9c1385d11466009bf21d2ed4c583687";
const std::string kPageOneImageHex =
    "0fc00f3a3fb18770b4f2a3b1219e0f68a0058d1361d38ae560bada4e9bde2eb6";
const std::string kWalPageImageHex =
    "2914f56b67fb1f86a2474e4d7f5d9607dffe9b9d125570244f9b900abc60500b";
const std::string kKeyFileHex = "f8b6e2d35331dc37e12af98085935d260aa0a56d43cefa09b51463ca4eedbd39";
const std::string kRecoveryText =
    "QCAYF-A4EQW-DIPCE-JRKFY-ZDMOR-6IJDE-UTSSK-ZNF4Y-TGNJX-HE5T2-P3WDQ";

SecretKey counting_key(unsigned char first) {
    std::array<unsigned char, 32> bytes{};
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        bytes[i] = static_cast<unsigned char>(first + i);
    }
    return std::move(*SecretKey::from_bytes(bytes));
}

std::string hex(const unsigned char* bytes, std::size_t length) {
    static const char digits[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < length; ++i) {
        out += digits[bytes[i] >> 4];
        out += digits[bytes[i] & 15];
    }
    return out;
}

std::string blake2b_hex(const unsigned char* bytes, std::size_t length) {
    unsigned char hash[32];
    crypto_generichash(hash, sizeof hash, bytes, length, nullptr, 0);
    return hex(hash, sizeof hash);
}

// A page-1 plaintext: the SQLite header of a 4096-byte page with 40 reserved bytes, then a
// pattern; reserved bytes zero.
std::vector<unsigned char> page_one_plaintext() {
    std::vector<unsigned char> page(kPageSize, 0);
    std::memcpy(page.data(), kSqliteMagic, sizeof kSqliteMagic);
    page[16] = 0x10;
    page[17] = 0x00;
    page[18] = 2;
    page[19] = 2;
    page[20] = 40;
    for (std::size_t i = 100; i < kUsableBytes; ++i) {
        page[i] = static_cast<unsigned char>(i * 7);
    }
    return page;
}

const Salt kSalt = {0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7};

std::array<unsigned char, 24> counting_nonce() {
    std::array<unsigned char, 24> nonce{};
    for (std::size_t i = 0; i < nonce.size(); ++i) {
        nonce[i] = static_cast<unsigned char>(0x40 + i);
    }
    return nonce;
}

}  // namespace

TEST(EncryptionFormat, SubkeysAreFrozen) {
    SecretKey data_key = counting_key(0);
    auto page_key = data_key.derive(1, "DyadPage");
    auto backup_key = data_key.derive(2, "DyadBkup");
    ASSERT_TRUE(page_key && backup_key);
    EXPECT_EQ(hex(page_key->data(), 32), kPageSubkeyHex);
    EXPECT_EQ(hex(backup_key->data(), 32), kBackupSubkeyHex);
}

TEST(EncryptionFormat, PageOneKnownAnswer) {
    SecretKey page_key = counting_key(0x20);
    auto plain = page_one_plaintext();
    auto nonce = counting_nonce();
    std::vector<unsigned char> disk(kPageSize);
    ASSERT_EQ(encrypt_page(page_key, FileKind::Database, kSalt, 0, plain.data(), disk.data(),
                           nonce.data()),
              PageProblem::None);
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(disk.data()), 8), "DyadEnc1");
    EXPECT_EQ(0, std::memcmp(disk.data() + 8, kSalt.data(), 8));
    EXPECT_EQ(0, std::memcmp(disk.data() + kUsableBytes, nonce.data(), 24));
    EXPECT_EQ(hex(disk.data() + 4080, 16), kPageOneTagHex);
    EXPECT_EQ(blake2b_hex(disk.data(), disk.size()), kPageOneImageHex);

    std::vector<unsigned char> back(kPageSize);
    ASSERT_EQ(decrypt_page(page_key, FileKind::Database, kSalt, 0, disk.data(), back.data()),
              PageProblem::None);
    EXPECT_EQ(back, plain);
}

TEST(EncryptionFormat, WalPageKnownAnswerAndItsAssociatedData) {
    SecretKey page_key = counting_key(0x20);
    std::vector<unsigned char> plain(kPageSize, 0);
    for (std::size_t i = 0; i < kUsableBytes; ++i) {
        plain[i] = static_cast<unsigned char>(i);
    }
    auto nonce = counting_nonce();
    std::vector<unsigned char> disk(kPageSize);
    const std::uint64_t offset = 32 + 24;  // The first frame's page image.
    ASSERT_EQ(encrypt_page(page_key, FileKind::Wal, kSalt, offset, plain.data(), disk.data(),
                           nonce.data()),
              PageProblem::None);
    EXPECT_EQ(blake2b_hex(disk.data(), disk.size()), kWalPageImageHex);

    // The same bytes at another offset, in another kind of file or another practice: refused.
    std::vector<unsigned char> back(kPageSize);
    Salt other = kSalt;
    other[7] ^= 1;
    EXPECT_EQ(decrypt_page(page_key, FileKind::Wal, kSalt, offset + 4120, disk.data(), back.data()),
              PageProblem::Unauthentic);
    EXPECT_EQ(decrypt_page(page_key, FileKind::Journal, kSalt, offset, disk.data(), back.data()),
              PageProblem::Unauthentic);
    EXPECT_EQ(decrypt_page(page_key, FileKind::Wal, other, offset, disk.data(), back.data()),
              PageProblem::Unauthentic);
    EXPECT_EQ(back, std::vector<unsigned char>(kPageSize, 0)) << "never plaintext garbage";
    ASSERT_EQ(decrypt_page(page_key, FileKind::Wal, kSalt, offset, disk.data(), back.data()),
              PageProblem::None);
    EXPECT_EQ(back, plain);
}

TEST(EncryptionFormat, PagesThatAreNotSqlitesAreRefused) {
    SecretKey page_key = counting_key(0x20);
    std::vector<unsigned char> disk(kPageSize);
    auto plain = page_one_plaintext();
    plain[4095] = 1;  // A reserved byte.
    EXPECT_EQ(encrypt_page(page_key, FileKind::Database, kSalt, 4096, plain.data(), disk.data()),
              PageProblem::ReservedNotZero);
    plain[4095] = 0;
    plain[20] = 0;  // Page 1 without 40 reserved bytes.
    EXPECT_EQ(encrypt_page(page_key, FileKind::Database, kSalt, 0, plain.data(), disk.data()),
              PageProblem::NotAPageOne);
}

TEST(EncryptionFormat, KeyFileKnownAnswer) {
    SecretKey data_key = counting_key(0);
    SecretKey recovery = counting_key(0x80);
    SlotRandomness fixed;
    for (std::size_t i = 0; i < fixed.id.size(); ++i) {
        fixed.id[i] = static_cast<unsigned char>(0x10 + i);
    }
    fixed.nonce = counting_nonce();
    auto passphrase =
        seal_with_passphrase(data_key, kSalt, "correct horse battery staple", kArgon2Floor, &fixed);
    auto recovery_slot = seal_with_key(SlotKind::Recovery, data_key, kSalt, recovery, &fixed);
    ASSERT_TRUE(passphrase && recovery_slot);
    KeyFile file;
    file.slots = {*passphrase, *recovery_slot};
    auto bytes = serialize_key_file(file);
    ASSERT_EQ(bytes.size(), 16u + 2 * 128);
    EXPECT_EQ(hex(bytes.data(), 16), "447961644b6579310100000002000000");
    EXPECT_EQ(hex(bytes.data() + 16, 48),
              "0100000000000000a0a1a2a3a4a5a6a70200000000000000000000040000000010111213141516"
              "1718191a1b1c1d1e1f");
    EXPECT_EQ(blake2b_hex(bytes.data(), bytes.size()), kKeyFileHex);

    auto parsed = parse_key_file(bytes);
    ASSERT_TRUE(parsed) << parsed.error().message;
    auto opened = open_with_passphrase(parsed->slots[0], "correct horse battery staple");
    ASSERT_TRUE(opened) << opened.error().message;
    EXPECT_TRUE(opened->equals(data_key));
    auto wrong = open_with_passphrase(parsed->slots[0], "correct horse battery stapler");
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().message, "wrong passphrase");
    auto by_recovery = open_with_key(parsed->slots[1], recovery);
    ASSERT_TRUE(by_recovery);
    EXPECT_TRUE(by_recovery->equals(data_key));
}

TEST(EncryptionFormat, RecoveryKeyTextKnownAnswer) {
    SecretKey key = counting_key(0x80);
    std::string text = recovery_key_text(key);
    EXPECT_EQ(text, kRecoveryText);
    EXPECT_EQ(text.size(), 55u + 10u);
    std::string sloppy;
    for (char c : text) {
        sloppy += c == '-' ? ' ' : static_cast<char>(std::tolower(c));
    }
    auto parsed = parse_recovery_key(sloppy);
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_TRUE(parsed->equals(key));
    std::string typo = text;
    typo[7] = typo[7] == 'A' ? 'B' : 'A';
    auto refused = parse_recovery_key(typo);
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("not a recovery key"), std::string::npos);
    EXPECT_FALSE(parse_recovery_key(text.substr(0, 60)));
    EXPECT_FALSE(parse_recovery_key(text + "A"));
}
