// A practice with the records plugin's tables and the shipped plan templates.
#pragma once

#include "plans.h"
#include "plugin_harness.h"
#include "schema.h"

namespace dyad::records_plugin {

struct PlanFixture {
    dyad::test::PluginHarness harness{"dyad.records", records_schema()};
    PlanStore store{dyad::sdk::Database(dyad::sdk::Host(harness.host()))};
    std::vector<std::string> problems;
    std::vector<PlanTemplate> templates =
        load_plan_templates({dyad::test::source_dir() + "/resources"}, problems);
    std::int64_t couple = harness.unit("Ana & Ben Ortiz");

    const PlanTemplate* imago() const {
        for (const auto& t : templates) {
            if (t.id == "imago") {
                return &t;
            }
        }
        return nullptr;
    }
};

}  // namespace dyad::records_plugin
