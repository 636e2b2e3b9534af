// The navigator's work on a large caseload, timed: opening the caseload (count + first screen),
// scrolling to a random screen, and a name-prefix search. Prints p50 and p95 in milliseconds.
//   build/bench/caseload_bench [CLIENTS] [UNITS]     (default 100000 30000)
// The generated practice is kept in /tmp between runs (generating it takes a while).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "practice.h"
#include "records/generator.h"
#include "records/unit_list.h"
#include "timings.h"

namespace {

using dyad::bench::Clock;
using dyad::bench::Timings;

void report(const char* what, Timings& timings) {
    std::printf("%-34s p50 %7.2f ms   p95 %7.2f ms   (%zu runs)\n", what, timings.percentile(0.5),
                timings.percentile(0.95), timings.ms.size());
}

constexpr long kScreen = 30;  // Rows visible in the navigator.

}  // namespace

int main(int argc, char** argv) {
    std::int64_t clients = argc > 1 ? std::stoll(argv[1]) : 100'000;
    std::int64_t units = argc > 2 ? std::stoll(argv[2]) : 30'000;
    std::string folder =
        "/tmp/dyad-caseload-" + std::to_string(clients) + "-" + std::to_string(units);
    dyad::PracticeOptions options;
    options.data_dir = folder;
    options.load_plugins = false;
    bool fresh = !std::filesystem::exists(dyad::practice_database_path(folder));
    auto practice = dyad::Practice::open(options, dyad::CreatePractice::IfMissing);
    if (!practice) {
        std::fprintf(stderr, "%s\n", practice.error().message.c_str());
        return 1;
    }
    auto& records = (*practice)->records();
    if (fresh) {
        auto start = Clock::now();
        auto made =
            dyad::records::generate_caseload(records, (*practice)->connection(), {clients, units});
        if (!made) {
            std::fprintf(stderr, "%s\n", made.error().message.c_str());
            std::filesystem::remove_all(folder);
            return 1;
        }
        std::printf("generated %lld clients in %lld units in %.1f s\n",
                    static_cast<long long>(clients), static_cast<long long>(units),
                    std::chrono::duration<double>(Clock::now() - start).count());
    }
    std::mt19937_64 random(7);
    dyad::records::UnitList list(records);

    Timings open;
    for (int run = 0; run < 50; ++run) {
        auto start = Clock::now();
        auto count = list.set_query("active", "");
        for (long row = 0; row < kScreen && row < *count; ++row) {
            (void)list.at(row);
        }
        open.add(start);
    }
    report("open caseload (count + screen)", open);

    Timings scroll;
    auto total = *list.set_query("", "");
    for (int run = 0; run < 200; ++run) {
        long first = static_cast<long>(random() % static_cast<std::uint64_t>(total));
        auto start = Clock::now();
        for (long row = first; row < first + kScreen && row < total; ++row) {
            (void)list.at(row);
        }
        scroll.add(start);
    }
    report("scroll to a random screen", scroll);

    const char* prefixes[] = {"Or", "Mo", "Kh",  "Ana", "Be", "Ng", "Ro",  "Sm",
                              "Ta", "Zh", "Gar", "El",  "Qu", "Pa", "Ivy", "Ju"};
    Timings search;
    for (int run = 0; run < 200; ++run) {
        const char* prefix = prefixes[random() % std::size(prefixes)];
        auto start = Clock::now();
        auto count = list.set_query("", prefix);
        for (long row = 0; row < kScreen && row < *count; ++row) {
            (void)list.at(row);
        }
        search.add(start);
    }
    report("name-prefix search (count + screen)", search);
    return 0;
}
