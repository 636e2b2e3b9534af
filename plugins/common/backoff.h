// How long an outbox waits before trying a send again after a temporary failure (the directory
// push, mail). Header-only; any thread.
#pragma once

#include <algorithm>
#include <cmath>

namespace dyad::datafile {

// Seconds to wait before attempt (1-based) after a retryable failure: base * 2^(attempt-1),
// at most 300, jittered by +-25 % (jitter in [0, 1)); a server's Retry-After wins when larger.
inline double backoff_seconds(int attempt, double jitter, int retry_after = 0, double base = 2.0) {
    double wait = std::min(300.0, base * std::pow(2.0, std::max(0, attempt - 1)));
    double jittered = wait * (0.75 + 0.5 * jitter);
    return std::max(jittered, static_cast<double>(retry_after));
}

}  // namespace dyad::datafile
