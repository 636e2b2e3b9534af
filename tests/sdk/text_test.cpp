// The SDK's one UTF-8 check and one strict number parser (dyad/text.hpp), used at every
// boundary where text and numbers enter (issue 21, item 6).
#include <gtest/gtest.h>

#include <dyad/text.hpp>

using dyad::sdk::invalid_text_offset;
using dyad::sdk::like_prefix;
using dyad::sdk::parse_integer;

TEST(SdkText, OnlyValidUtf8WithoutNulIsCleanText) {
    EXPECT_TRUE(dyad::sdk::is_clean_text("Zoë & Ana — 心"));
    EXPECT_TRUE(dyad::sdk::is_clean_text("\xF0\x9F\x92\x9C"));  // U+1F49C.
    EXPECT_EQ(invalid_text_offset(std::string("ab\0c", 4)), 2u);
    EXPECT_EQ(invalid_text_offset("a\xFF"), 1u);
    EXPECT_EQ(invalid_text_offset("\xC0\xAF"), 0u);          // Overlong '/'.
    EXPECT_EQ(invalid_text_offset("\xED\xA0\x80"), 0u);      // A surrogate.
    EXPECT_EQ(invalid_text_offset("\xF4\x90\x80\x80"), 0u);  // Above U+10FFFF.
    EXPECT_EQ(invalid_text_offset("ok\xE2\x82"), 2u);        // Cut short.
    EXPECT_EQ(dyad::sdk::text_problem("a\xFF", "the note"),
              "the note is not valid UTF-8 text (at byte 2); save it as UTF-8 and try again");
}

TEST(SdkText, NumbersAreWholeAndInRangeOrRefusedInWords) {
    EXPECT_EQ(*parse_integer("50", "--minutes", 1, 1440), 50);
    EXPECT_EQ(*parse_integer("-7", "x", -10, 10), -7);
    EXPECT_EQ(*parse_integer("9223372036854775807", "x"), INT64_MAX);
    EXPECT_EQ(*parse_integer("-9223372036854775808", "x"), INT64_MIN);
    for (const char* bad : {"4294967346", "1e3", "12x", " 5", "", "-", "+5", "0x10",
                            "9223372036854775808", "-9223372036854775809", "3.0"}) {
        auto parsed = parse_integer(bad, "--minutes", 1, 1440);
        EXPECT_FALSE(parsed) << bad;
    }
    EXPECT_EQ(parse_integer("4294967346", "--minutes", 1, 1440).error(),
              "--minutes must be a whole number from 1 to 1440 (not '4294967346')");
}

TEST(SdkText, LikePrefixesMatchWildcardsLiterally) {
    EXPECT_EQ(like_prefix("%"), "\\%%");
    EXPECT_EQ(like_prefix("a_b\\"), "a\\_b\\\\%");
    EXPECT_EQ(like_prefix("Ana"), "Ana%");
}
