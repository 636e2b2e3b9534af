// Workup form definitions (plugins/workup/src/form.h): check_form on any text, as
// load_forms() reads a clinic's "forms/*.json" (nothing there catches an exception).
#include <form.h>

#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    dyad::workup::FormCheck checked =
        dyad::workup::check_form(dyad::fuzz::text_of(data, size), "fuzz.json");
    if (!checked.ok()) {
        return 0;
    }
    for (const auto& section : checked.form.sections) {
        for (const auto& field : section.fields) {
            if (checked.form.field(field.key) == nullptr) {
                dyad::fuzz::fail("a checked form does not find its field " + field.key);
            }
        }
    }
    return 0;
}
