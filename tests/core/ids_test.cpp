#include <gtest/gtest.h>

#include <set>

#include "util/ids.h"

TEST(Ids, RecordIdsArePositiveAndDistinct) {
    std::set<std::int64_t> seen;
    for (int i = 0; i < 10000; ++i) {
        std::int64_t id = dyad::new_record_id();
        EXPECT_GT(id, 0);
        EXPECT_TRUE(seen.insert(id).second);
    }
}

TEST(Ids, UuidsAreVersion4) {
    std::string uuid = dyad::new_uuid();
    ASSERT_EQ(uuid.size(), 36u);
    EXPECT_EQ(uuid[14], '4');
    EXPECT_NE(std::string("89ab").find(uuid[19]), std::string::npos);
    EXPECT_NE(uuid, dyad::new_uuid());
}

TEST(Ids, DatesAndTimesAreValidated) {
    struct {
        const char* text;
        bool date;
    } dates[] = {{"2024-02-29", true}, {"2023-02-29", false}, {"2026-13-01", false},
                 {"1990-1-01", false}, {"", false},           {"1799-12-31", false}};
    for (const auto& c : dates) {
        EXPECT_EQ(dyad::is_iso_date(c.text), c.date) << c.text;
    }
    EXPECT_TRUE(dyad::is_iso_utc_time("2026-11-26T09:40:00Z"));
    EXPECT_FALSE(dyad::is_iso_utc_time("2026-11-26T24:00:00Z"));
    EXPECT_FALSE(dyad::is_iso_utc_time("2026-11-26 09:40:00"));
    EXPECT_TRUE(dyad::is_iso_utc_time(dyad::now_utc_iso()));
}
