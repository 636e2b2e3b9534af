// Treatment plan templates (plugins/records/src/plans.h): parse_plan_template on any text, as
// load_plan_templates() reads "plan-templates/*.json" (nothing there catches an exception).
#include <plans.h>

#include "fuzz_input.h"

namespace {

// Problems hold goals, goals hold objectives, objectives hold nothing.
void check_levels(const std::vector<dyad::records_plugin::PlanTemplateItem>& items,
                  const std::string& level) {
    for (const auto& item : items) {
        if (item.level != level) {
            dyad::fuzz::fail("a " + item.level + " where a " + level + " belongs");
        }
        if (level == "objective" && !item.children.empty()) {
            dyad::fuzz::fail("an objective with children");
        }
        check_levels(item.children, level == "problem" ? "goal" : "objective");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto parsed =
        dyad::records_plugin::parse_plan_template(dyad::fuzz::text_of(data, size), "fuzz.json");
    if (parsed) {
        check_levels(parsed->items, "problem");
    }
    return 0;
}
