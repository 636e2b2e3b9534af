// The root of every JSON data file (plugins/common/json_root.h): parse_json_root and its two
// wrappers on any text; for a file that parses, the line finder and the checker the
// validators use (JsonChecker), on every top-level key.
#include <json_root.h>

#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string json = dyad::fuzz::text_of(data, size);
    auto root = dyad::datafile::parse_json_root(json);
    auto object = dyad::datafile::parse_json_object(json, "fuzz.json");
    auto file_root = dyad::datafile::parse_data_file_root(json, "fuzz.json");
    if (root.has_value() != object.has_value() || root.has_value() != file_root.has_value()) {
        dyad::fuzz::fail("the three root readers disagree");
    }
    if (!root) {
        return 0;
    }
    if (root->isNull()) {
        dyad::fuzz::fail("a null root");
    }
    dyad::datafile::JsonChecker check(json, "fuzz.json");
    std::vector<std::string> names;
    (*root)->getNames(names);
    for (const auto& name : names) {
        (void)check.text(*root, name, "", true);
        (void)check.texts(*root, name, "", true);
        check.problem(name + "[0].x", "fuzz");
    }
    return 0;
}
