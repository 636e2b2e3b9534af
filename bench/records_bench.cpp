// The records plugin's searches on a large practice, timed through the plugin's own code over
// its confined connection: note search (top 20, newest first) for a very common word, a common
// word, a rare word and two words; and the client picker's name-prefix search. Prints p50 and
// p95 in milliseconds.
//   build/bench/records_bench [CLIENTS] [UNITS] [NOTES]     (default 100000 30000 1000000)
// With DYAD_TEST_ENCRYPTED=1 the same practice, encrypted (docs/encryption.md).
// The generated practice is kept in /tmp between runs (generating 1M notes takes minutes),
// marked complete once generated so a killed run's half-made practice is never reused.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <dyad/text.hpp>

#include "note_generator.h"
#include "notes.h"
#include "plugin_harness.h"
#include "practice.h"
#include "records/generator.h"
#include "schema.h"
#include "units.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Timings {
    std::vector<double> ms;
    double percentile(double p) {
        std::sort(ms.begin(), ms.end());
        return ms[static_cast<std::size_t>(p * static_cast<double>(ms.size() - 1))];
    }
};

template <class Work>
void measure(const char* what, int runs, Work work) {
    Timings timings;
    std::size_t found = 0;
    for (int run = 0; run < runs; ++run) {
        auto start = Clock::now();
        found = work(run);
        timings.ms.push_back(
            std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    std::printf("%-38s p50 %7.2f ms   p95 %7.2f ms   (%d runs, %zu results)\n", what,
                timings.percentile(0.5), timings.percentile(0.95), runs, found);
}

}  // namespace

int main(int argc, char** argv) {
    std::int64_t clients = argc > 1 ? std::stoll(argv[1]) : 100'000;
    std::int64_t units = argc > 2 ? std::stoll(argv[2]) : 30'000;
    std::int64_t notes = argc > 3 ? std::stoll(argv[3]) : 1'000'000;
    std::string folder = "/tmp/dyad-records-" + std::to_string(clients) + "-" +
                         std::to_string(units) + "-" + std::to_string(notes);
    if (const char* encrypted = std::getenv("DYAD_TEST_ENCRYPTED");
        encrypted != nullptr && std::string(encrypted) == "1") {
        folder += "-encrypted";  // The harness encrypts the practice (issue 14's comparison).
    }
    // A practice is reused only when its generation finished (a killed run leaves no marker:
    // its half-generated practice is made again, not timed as if complete).
    const std::string complete = folder + "/generated-complete";
    bool fresh = !std::filesystem::exists(complete);
    if (fresh) {
        std::filesystem::remove_all(folder);
    }
    try {
        dyad::test::PluginHarness harness("dyad.records", dyad::records_plugin::records_schema(),
                                          folder);
        dyad::sdk::Host host(harness.host());
        dyad::sdk::Database db(host);
        if (fresh) {
            auto start = Clock::now();
            auto made = dyad::records::generate_caseload(
                harness.practice().records(), harness.practice().connection(), {clients, units});
            auto written = made ? dyad::records_plugin::generate_notes(
                                      db, notes, 7, "2026-11-26",
                                      [](std::int64_t done, std::int64_t total) {
                                          std::fprintf(stderr, "\r%lld of %lld notes",
                                                       static_cast<long long>(done),
                                                       static_cast<long long>(total));
                                          return true;
                                      })
                                : std::expected<std::int64_t, std::string>(
                                      std::unexpected(made.error().message));
            if (!written) {
                std::fprintf(stderr, "\n%s\n", written.error().c_str());
                std::filesystem::remove_all(folder);
                return 1;
            }
            std::ofstream(complete) << clients << " " << units << " " << *written << "\n";
            std::printf("\ngenerated %lld clients, %lld units, %lld notes in %.0f s\n",
                        static_cast<long long>(clients), static_cast<long long>(units),
                        static_cast<long long>(*written),
                        std::chrono::duration<double>(Clock::now() - start).count());
        }
        dyad::records_plugin::NoteStore store(db);
        using dyad::records_plugin::Include;
        // Whole words, very common to rare; prefixes as typed; a word in no note.
        for (const char* words :
             {"partner", "dialogue", "grief", "partner trust", "partn", "gri", "p", "zebra"}) {
            std::string label = std::string("note search top 20: \"") + words + "\"";
            measure(label.c_str(), 100, [&](int) {
                auto hits = store.search(words, Include::ProgressOnly, 20);
                if (!hits) {
                    throw std::runtime_error(hits.error());
                }
                return hits->size();
            });
        }
        measure("note search incl. psychotherapy: grief", 100, [&](int) {
            auto hits = store.search("grief", Include::WithPsychotherapy, 20);
            return hits ? hits->size() : 0;
        });
        const char* prefixes[] = {"Or", "Mo", "Kh",  "Ana", "Be", "Ng", "Ro",  "Sm",
                                  "Ta", "Zh", "Gar", "El",  "Qu", "Pa", "Ivy", "Ju"};
        std::mt19937 random(7);
        measure("client picker name prefix (50)", 200, [&](int) {
            auto found = dyad::records_plugin::find_clients(
                db, prefixes[random() % std::size(prefixes)], 50);
            return found ? found->size() : 0;
        });
        // The picker's query before this round (one OR over both names, every match sorted),
        // timed in the same run for the ratio (over today's indexes).
        random.seed(7);
        measure("client picker, the old OR query", 200, [&](int) {
            auto select = db.prepare(
                "SELECT id, family_name || ', ' || given_name, coalesce(date_of_birth, '') FROM "
                "core_client WHERE given_name LIKE ?1 ESCAPE '\\' OR family_name LIKE ?1 ESCAPE "
                "'\\' ORDER BY family_name COLLATE NOCASE, given_name COLLATE NOCASE LIMIT 50");
            select.bind(1, dyad::sdk::like_prefix(prefixes[random() % std::size(prefixes)]));
            std::size_t rows = 0;
            while (select.step() == DYAD_ROW) {
                ++rows;
            }
            return rows;
        });
    } catch (const std::exception& error) {
        std::fprintf(stderr, "%s\n", error.what());
        return 1;
    }
    return 0;
}
