// CSV import (plugins/records/src/csv_import.h): parse_csv on any bytes. Property: a parsed
// file written back with every field quoted parses to the same rows.
#include <csv_import.h>

#include "fuzz_input.h"

namespace {

std::string quoted(const std::vector<std::vector<std::string>>& rows) {
    std::string text;
    for (const auto& row : rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            text += i == 0 ? "\"" : ",\"";
            for (char c : row[i]) {
                text += c == '"' ? std::string("\"\"") : std::string(1, c);
            }
            text += '"';
        }
        text += "\r\n";
    }
    return text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto rows = dyad::records_plugin::parse_csv(dyad::fuzz::text_of(data, size));
    if (!rows) {
        return 0;
    }
    auto again = dyad::records_plugin::parse_csv(quoted(*rows));
    if (!again || *again != *rows) {
        dyad::fuzz::fail("the rows written back with quotes parse differently");
    }
    return 0;
}
