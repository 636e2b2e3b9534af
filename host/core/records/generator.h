// A generated caseload for benchmarks and load tests: `dyadctl demo --clients N --units K`.
// Names are drawn from fixed lists with a seeded generator, so two runs give the same practice.
#pragma once

#include <cstdint>

#include "db/connection.h"
#include "records/core_records.h"

namespace dyad::records {

struct CaseloadSize {
    std::int64_t clients = 0;  // Individual client records in all.
    std::int64_t units = 0;    // Units among them: two thirds couples, the rest individuals.
};

// Adds the clients and units in one transaction (all or nothing), every write audited.
Status generate_caseload(CoreRecords& records, db::Connection& connection, CaseloadSize size,
                         std::uint64_t seed = 42);

}  // namespace dyad::records
