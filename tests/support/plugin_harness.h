// A plugin's view of a real practice, without loading a plugin library: a temporary practice
// with the core schema and the demo data, the plugin's migrations applied under confinement,
// and a dyad_host whose services (db confined to the plugin's prefix, core, events, settings,
// paths) are the host's own. Lets a plugin's src/ logic be unit tested over real SQLite files.
#pragma once

#include <memory>
#include <string>

#include "crypto/practice_keys.h"
#include "dyad/sdk.h"
#include "practice.h"
#include "test_support.h"

namespace dyad::test {

class PluginHarness {
  public:
    PluginHarness(const std::string& plugin_id, const dyad_schema_v1* schema);
    // Over the practice in data_dir (created with the demo data when missing), kept after the
    // harness: for benchmarks that reuse a large generated practice between runs.
    PluginHarness(const std::string& plugin_id, const dyad_schema_v1* schema,
                  const std::string& data_dir);
    ~PluginHarness();

    const dyad_host* host() const;
    Practice& practice() { return *m_practice; }
    // The first unit of the demo practice with the given display name.
    std::int64_t unit(const std::string& display_name);

  private:
    TempDir m_dir;
    std::shared_ptr<crypto::PracticeKey> m_key;  // An encrypted practice made elsewhere.
    std::unique_ptr<Practice> m_practice;
    struct Context;
    std::unique_ptr<Context> m_context;
};

}  // namespace dyad::test
