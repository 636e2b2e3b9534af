// Wall-clock samples of one measured step in a benchmark, and their percentiles. Header-only.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <vector>

namespace dyad::bench {

using Clock = std::chrono::steady_clock;

struct Timings {
    std::vector<double> ms;
    void add(Clock::time_point start) {
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    double percentile(double p) {
        std::sort(ms.begin(), ms.end());
        return ms[static_cast<std::size_t>(p * static_cast<double>(ms.size() - 1))];
    }
};

}  // namespace dyad::bench
