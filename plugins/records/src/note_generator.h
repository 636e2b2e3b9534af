// Generated notes for demos and benchmarks: signed DAP notes spread over the practice's units
// and the five years before a reference date, worded from a fixed vocabulary in which a few
// words are very common (in about a third of the notes) and most are rare, as in real notes.
// Indexed for search like notes written by hand. No wx here.
#pragma once

#include <dyad/db.hpp>

#include <cstdint>
#include <expected>
#include <functional>
#include <string>

namespace dyad::records_plugin {

// Called every 10,000 notes with (done, total); returning false stops after that batch (the
// batches already written stay: each is complete and committed).
using GenerationProgress = std::function<bool(std::int64_t done, std::int64_t total)>;

// Returns the number of notes written. Refused when the practice has no client unit.
std::expected<std::int64_t, std::string> generate_notes(const dyad::sdk::Database& db,
                                                        std::int64_t count, std::uint32_t seed,
                                                        const std::string& until_date,
                                                        const GenerationProgress& progress = {});

}  // namespace dyad::records_plugin
