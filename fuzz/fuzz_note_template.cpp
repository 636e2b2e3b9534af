// Note templates (plugins/records/src/note_templates.h): parse_note_template on any text, as
// load_note_templates() reads "note-templates/*.json" (nothing there catches an exception).
#include <note_templates.h>

#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto parsed =
        dyad::records_plugin::parse_note_template(dyad::fuzz::text_of(data, size), "fuzz.json");
    if (parsed) {
        for (const auto& section : parsed->sections) {
            if (parsed->section(section.key) == nullptr) {
                dyad::fuzz::fail("a parsed template does not find its section " + section.key);
            }
        }
    }
    return 0;
}
