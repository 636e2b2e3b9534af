// SDK 1.1 blobs in dyad.db/1: bytes in and out of a plugin's own table over the confined
// connection (the db.hpp helpers), empty and NULL told apart, the 64 MiB limit refusing the
// write instead of binding nothing.
#include <gtest/gtest.h>

#include <dyad/db.hpp>

#include "plugin_harness.h"

namespace {

const dyad_migration kMigrations[] = {
    {1, "CREATE TABLE blobs_file (id INTEGER PRIMARY KEY, data BLOB) STRICT;"}};
const dyad_schema_v1 kSchema = {sizeof(dyad_schema_v1), "blobs", kMigrations, 1};

}  // namespace

TEST(DbBlobs, BytesGoInAndComeBackWhole) {
    dyad::test::PluginHarness harness("test.blobs", &kSchema);
    dyad::sdk::Database db{dyad::sdk::Host(harness.host())};
    std::vector<std::uint8_t> bytes(70000);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        bytes[i] = static_cast<std::uint8_t>(i * 7);  // NUL bytes included.
    }
    auto insert = db.prepare("INSERT INTO blobs_file (id, data) VALUES (?, ?)");
    ASSERT_TRUE(insert.ok()) << insert.error();
    EXPECT_TRUE(insert.has_blobs());
    insert.bind(1, std::int64_t{1}).bind_blob(2, bytes.data(), bytes.size());
    ASSERT_EQ(insert.step(), DYAD_DONE) << db.last_error();
    insert.reset();
    insert.bind(1, std::int64_t{2}).bind_blob(2, nullptr, 0);
    ASSERT_EQ(insert.step(), DYAD_DONE);
    insert.reset();
    insert.bind(1, std::int64_t{3}).bind_null(2);
    ASSERT_EQ(insert.step(), DYAD_DONE);

    auto select = db.prepare("SELECT data, typeof(data) FROM blobs_file ORDER BY id");
    ASSERT_EQ(select.step(), DYAD_ROW);
    EXPECT_EQ(select.blob(0), bytes);
    ASSERT_EQ(select.step(), DYAD_ROW);
    EXPECT_TRUE(select.blob(0).empty());
    EXPECT_EQ(select.text(1), "blob") << "an empty blob, not NULL";
    ASSERT_EQ(select.step(), DYAD_ROW);
    EXPECT_TRUE(select.blob(0).empty());
    EXPECT_TRUE(select.is_null(0));
    select.reset();

    // Over the limit: the statement refuses to run rather than store a NULL.
    auto big = db.prepare("INSERT INTO blobs_file (id, data) VALUES (4, ?)");
    std::vector<std::uint8_t> huge(64 * 1024 * 1024 + 1);
    big.bind_blob(1, huge.data(), huge.size());
    EXPECT_EQ(big.step(), DYAD_INVALID);
    EXPECT_EQ(big.step(), DYAD_INVALID) << "still refused until reset and bound again";
    big.reset();
    big.bind_blob(1, bytes.data(), 3);
    EXPECT_EQ(big.step(), DYAD_DONE) << db.last_error();
    auto count = db.prepare("SELECT count(*) FROM blobs_file");
    ASSERT_EQ(count.step(), DYAD_ROW);
    EXPECT_EQ(count.int64(0), 4);
}
