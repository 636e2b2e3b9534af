// The backup container's format, frozen by a known answer (docs/backup-format.md).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "db/backup_file.h"
#include "test_support.h"

using namespace dyad;

namespace {

std::string hex(const unsigned char* data, std::size_t size) {
    static const char* digits = "0123456789abcdef";
    std::string text;
    for (std::size_t i = 0; i < size; ++i) {
        text += digits[data[i] >> 4];
        text += digits[data[i] & 15];
    }
    return text;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST(BackupFile, TheHeaderOfTheTestVectorIsFrozen) {
    test::TempDir dir;
    std::ofstream(dir.file("payload"), std::ios::binary) << "Dyad backup test vector\n";
    ASSERT_TRUE(db::write_backup_file(dir.file("payload"), dir.file("backup")));
    std::string bytes = read_file(dir.file("backup"));
    ASSERT_EQ(bytes.size(), 64u + 24u);
    EXPECT_EQ(hex(reinterpret_cast<const unsigned char*>(bytes.data()), 64),
              "44594144424b5031"
              "01000000"
              "00000000"
              "1800000000000000"
              "480fd90fea2488ce7e7accbfcc07e262f618e0170cd79ab683a6876011ec9a71"
              "0000000000000000");
    EXPECT_EQ(bytes.substr(64), "Dyad backup test vector\n");
    EXPECT_FALSE(std::filesystem::exists(dir.file("backup.partial")));

    bool verified = false;
    ASSERT_TRUE(db::read_backup_file(dir.file("backup"), dir.file("out"), &verified));
    EXPECT_TRUE(verified);
    EXPECT_EQ(read_file(dir.file("out")), "Dyad backup test vector\n");
}

TEST(BackupFile, EveryDamagedHeaderIsRefusedInWords) {
    test::TempDir dir;
    std::ofstream(dir.file("payload"), std::ios::binary) << "Dyad backup test vector\n";
    ASSERT_TRUE(db::write_backup_file(dir.file("payload"), dir.file("backup")));
    std::string good = read_file(dir.file("backup"));
    struct Case {
        std::size_t offset;
        const char* words;
    };
    for (Case c : {Case{0, "not a Dyad practice backup"}, Case{8, "newer Dyad"},
                   Case{12, "newer Dyad"}, Case{16, "bytes"}, Case{30, "altered"},
                   Case{60, "header is damaged"}, Case{70, "altered"}}) {
        std::string bad = good;
        bad[c.offset] = static_cast<char>(bad[c.offset] ^ 0x40);
        std::ofstream(dir.file("bad"), std::ios::binary | std::ios::trunc) << bad;
        bool verified = true;
        auto read = db::read_backup_file(dir.file("bad"), dir.file("out"), &verified);
        ASSERT_FALSE(read) << "offset " << c.offset;
        EXPECT_NE(read.error().message.find(c.words), std::string::npos)
            << "offset " << c.offset << ": " << read.error().message;
        EXPECT_FALSE(verified);
    }
    bool unused = false;
    auto missing = db::read_backup_file(dir.file("none"), dir.file("out"), &unused);
    EXPECT_FALSE(missing);
}
