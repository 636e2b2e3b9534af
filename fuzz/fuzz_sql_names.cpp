// SQL text a plugin supplies (host/core/db/sql_text.h): defined_names on any bytes, and the
// identifier helpers on each name found. Property: quote_identifier of a plain identifier is
// the name in double quotes.
#include <db/sql_text.h>

#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string sql = dyad::fuzz::text_of(data, size);
    for (const auto& name : dyad::db::defined_names(sql)) {
        if (dyad::db::is_plain_identifier(name) &&
            dyad::db::quote_identifier(name) != "\"" + name + "\"") {
            dyad::fuzz::fail("quote_identifier changed the plain name " + name);
        }
        (void)dyad::db::equals_nocase(name, sql);
        (void)dyad::db::starts_with_nocase(sql, name);
    }
    (void)dyad::db::is_plain_identifier(sql);
    return 0;
}
