// Dialogue scripts (plugins/dialogue/src/script.h): check_script on any text, as
// load_scripts() reads "dialogues/*.json" (nothing there catches an exception).
#include <script.h>

#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    dyad::dialogue::ScriptCheck checked =
        dyad::dialogue::check_script(dyad::fuzz::text_of(data, size), "fuzz.json");
    if (!checked.ok()) {
        return 0;
    }
    const auto& steps = checked.script.steps;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        if (steps[i].loop_to >= static_cast<int>(i)) {
            dyad::fuzz::fail("a step loops to itself or a later step");
        }
        if (checked.script.step_index(steps[i].id) != static_cast<int>(i)) {
            dyad::fuzz::fail("step_index does not find step " + steps[i].id);
        }
    }
    return 0;
}
