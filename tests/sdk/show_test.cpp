// dyad::show (SDK 1.1): the one helper for dates, times and numbers people read. Known answers
// in English, and in Spanish through a catalog given as a table (the words a translator wrote).
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <dyad/show.hpp>
#include <map>
#include <string>
#include <utility>

#include "test_support.h"

namespace {

using dyad::show::DateStyle;

// Part of po/es/dyad.po, keyed by (context, msgid).
const std::map<std::pair<std::string, std::string>, std::string>& spanish() {
    static const std::map<std::pair<std::string, std::string>, std::string> words = {
        {{"date format", "{mon} {day}"}, "{day} {mon}"},
        {{"date format", "{mon} {day}, {year}"}, "{day} {mon} {year}"},
        {{"date format", "{wd}, {mon} {day}, {year}"}, "{wd}, {day} {mon} {year}"},
        {{"date format", "{weekday}, {month} {day}, {year}"},
         "{weekday}, {day} de {month} de {year}"},
        {{"date format", "{month} {year}"}, "{month} de {year}"},
        {{"time format", "{hour12}:{minute} {ampm}"}, "{hour}:{minute}"},
        {{"month abbreviation", "Dec"}, "dic"},
        {{"month", "December"}, "diciembre"},
        {{"weekday abbreviation", "Wed"}, "mié"},
        {{"weekday", "Wednesday"}, "miércoles"},
        {{"thousands separator", ","}, "."},
        {{"decimal separator", "."}, ","},
        {{"money", "{sign}${amount}"}, "{sign}{amount} $"},
        {{"percent", "{value}%"}, "{value} %"},
        {{"date and time", "{date}, {time}"}, "{date}, {time}"},
        {{"", "{n} session"}, "{n} sesión"},
        {{"", "{n} sessions"}, "{n} sesiones"},
    };
    return words;
}

std::string translate(const char* context, const char* english, const char* many, long long n) {
    const char* key = many != nullptr && n != 1 ? many : english;
    auto found = spanish().find({context != nullptr ? context : "", key});
    return found != spanish().end() ? found->second : std::string(key);
}

struct InSpanish {
    InSpanish() { dyad::show::set_language("es", &translate); }
    ~InSpanish() { dyad::show::set_language("en", nullptr); }
};

TEST(Show, DatesTimesAndNumbersInEnglish) {
    EXPECT_EQ(dyad::show::language(), "en");
    struct Case {
        DateStyle style;
        const char* expected;
    };
    for (const auto& c : {Case{DateStyle::Short, "Dec 2"}, Case{DateStyle::Compact, "Dec 2, 2026"},
                          Case{DateStyle::Medium, "Wed, Dec 2, 2026"},
                          Case{DateStyle::Long, "Wednesday, December 2, 2026"},
                          Case{DateStyle::MonthYear, "December 2026"}}) {
        EXPECT_EQ(dyad::show::date("2026-12-02", c.style), c.expected);
    }
    EXPECT_EQ(dyad::show::date("2026-12-02T10:00:00Z", DateStyle::Short), "Dec 2");
    EXPECT_EQ(dyad::show::date("02/12/2026", DateStyle::Short), "02/12/2026");  // As given.
    EXPECT_EQ(dyad::show::date("2026-13-02", DateStyle::Short), "2026-13-02");
    EXPECT_EQ(dyad::show::date("", DateStyle::Short), "");
    EXPECT_EQ(dyad::show::time_of_day(0, 5), "12:05 AM");
    EXPECT_EQ(dyad::show::time_of_day(12, 0), "12:00 PM");
    EXPECT_EQ(dyad::show::time_of_day(14, 30), "2:30 PM");
    EXPECT_EQ(dyad::show::number(0), "0");
    EXPECT_EQ(dyad::show::number(-1234567), "-1,234,567");
    EXPECT_EQ(dyad::show::number(-9223372036854775807LL - 1), "-9,223,372,036,854,775,808");
    EXPECT_EQ(dyad::show::decimal(1234.5, 1), "1,234.5");
    EXPECT_EQ(dyad::show::decimal(-0.004, 2), "0.00");   // No "-0.00".
    EXPECT_EQ(dyad::show::decimal(2.5, 9), "2.500000");  // At most six places.
    EXPECT_EQ(dyad::show::money(123456), "$1,234.56");
    EXPECT_EQ(dyad::show::money(-5), "-$0.05");
    EXPECT_EQ(dyad::show::percent(72), "72%");
    EXPECT_EQ(dyad::show::tr_n("{n} session", "{n} sessions", 1), "1 session");
    EXPECT_EQ(dyad::show::tr_n("{n} session", "{n} sessions", 1200), "1,200 sessions");
    dyad::test::ScopedEnv zone("TZ", "America/Los_Angeles");
    EXPECT_EQ(dyad::show::local_date_time("2026-12-03T01:30:00Z", DateStyle::Compact),
              "Dec 2, 2026, 5:30 PM");
    EXPECT_EQ(dyad::show::local_date("2026-12-03T01:30:00Z", DateStyle::Short), "Dec 2");
    EXPECT_EQ(dyad::show::local_date_time("yesterday", DateStyle::Short), "yesterday");
}

TEST(Show, TheSameInSpanishFromItsCatalog) {
    InSpanish spanish_words;
    EXPECT_EQ(dyad::show::language(), "es");
    EXPECT_EQ(dyad::show::date("2026-12-02", DateStyle::Short), "2 dic");
    EXPECT_EQ(dyad::show::date("2026-12-02", DateStyle::Compact), "2 dic 2026");
    EXPECT_EQ(dyad::show::date("2026-12-02", DateStyle::Medium), "mié, 2 dic 2026");
    EXPECT_EQ(dyad::show::date("2026-12-02", DateStyle::Long), "miércoles, 2 de diciembre de 2026");
    EXPECT_EQ(dyad::show::date("2026-12-02", DateStyle::MonthYear), "diciembre de 2026");
    EXPECT_EQ(dyad::show::time_of_day(14, 30), "14:30");
    EXPECT_EQ(dyad::show::time_of_day(9, 5), "9:05");
    EXPECT_EQ(dyad::show::number(-1234567), "-1.234.567");
    EXPECT_EQ(dyad::show::decimal(1234.5, 2), "1.234,50");
    EXPECT_EQ(dyad::show::money(123456), "1.234,56 $");
    EXPECT_EQ(dyad::show::money(-5), "-0,05 $");
    EXPECT_EQ(dyad::show::percent(72), "72 %");
    EXPECT_EQ(dyad::show::tr_n("{n} session", "{n} sessions", 1), "1 sesión");
    EXPECT_EQ(dyad::show::tr_n("{n} session", "{n} sessions", 3), "3 sesiones");
    // A word the catalog lacks stays English rather than disappearing.
    EXPECT_EQ(dyad::show::tr("Untranslated"), "Untranslated");
    dyad::test::ScopedEnv zone("TZ", "America/Los_Angeles");
    EXPECT_EQ(dyad::show::local_date_time("2026-12-03T01:30:00Z", DateStyle::Medium),
              "mié, 2 dic 2026, 17:30");
}

TEST(Show, FillReplacesEverySlotAndLeavesOthers) {
    EXPECT_EQ(dyad::show::fill("{a} and {a}, not {b}", "a", "x{a}"), "x{a} and x{a}, not {b}");
    EXPECT_EQ(dyad::show::fill("none", "a", "x"), "none");
}

}  // namespace
