// The directory sync's costs: the dry-run diff of a full profile against the open-directory
// adapter (pure computation, run on every Check Directory), and one approved change through
// the outbox to a reference server on 127.0.0.1 (enqueue, mark sending, PUT with If-Match and
// Idempotency-Key, record the sync state) — the local floor under the network's latency.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "adapters.h"
#include "directory_server.h"
#include "outbox.h"
#include "plugin_harness.h"
#include "profile.h"
#include "sample_profile.h"
#include "sync.h"

using namespace dyad::directory;

namespace {

// The tests' sample therapist, with every bio box over its limit (the longest diff).
Profile full_profile() {
    Profile p = samples::sample();
    p.bio_help = std::string(900, 'h');
    p.bio_approach = std::string(500, 'a');
    p.bio_about = std::string(500, 'b');
    return p;
}

const Adapter& open_directory() {
    static AdapterLibrary library = load_adapters({std::string(DYAD_SOURCE_RESOURCES)});
    return *library.find("open-directory");
}

void BM_DryRunDiff(benchmark::State& state) {
    Profile profile = full_profile();
    const Adapter& adapter = open_directory();
    SyncState last;
    last.base = listing_values(profile, adapter);
    last.published = last.base;
    Listing remote = last.published;
    remote["bio_about"] = "Edited on the site.";
    profile.bio_help += " More.";
    for (auto _ : state) {
        auto diff = three_way(adapter, listing_values(profile, adapter), last, remote);
        benchmark::DoNotOptimize(diff);
    }
}
BENCHMARK(BM_DryRunDiff)->Unit(benchmark::kMicrosecond);

void BM_PushOneChangeThroughTheOutbox(benchmark::State& state) {
    dyad::test::TempDir dir;
    auto server = DirectoryServer::start(dir.file("server.db"), 0);
    dyad::test::PluginHarness harness{"dyad.directory", directory_schema()};
    Outbox outbox{dyad::sdk::Database(dyad::sdk::Host(harness.host()))};
    SyncStore sync{dyad::sdk::Database(dyad::sdk::Host(harness.host()))};
    Connection reference{"reference", "open-directory", "Reference",
                         "http://127.0.0.1:" + std::to_string((*server)->port()), 600};
    PushOptions options;
    options.timeout_seconds = 5;
    options.jitter = [] { return 0.5; };
    Listing listing = listing_values(full_profile(), open_directory());
    std::string etag;
    int round = 0;
    for (auto _ : state) {
        listing["bio_about"] = "Version " + std::to_string(++round);
        OutboxItem item;
        item.target = "reference";
        item.npi = "1234567893";
        item.body = listing_json(listing);
        item.base_etag = etag;
        (void)outbox.enqueue(item);
        PushReport report = push_due(outbox, sync, {reference}, "2026-11-26T12:00:00Z", options);
        if (report.sent != 1) {
            state.SkipWithError("the push was not sent");
            break;
        }
        etag = sync.state("reference")->etag;
    }
}
BENCHMARK(BM_PushOneChangeThroughTheOutbox)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
