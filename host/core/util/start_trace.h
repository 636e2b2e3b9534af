// Start-up phase marks for bench/startup-phases.sh. With DYAD_START_TRACE set in the
// environment, start_mark(name) prints "start-mark <name> <ns>" (CLOCK_REALTIME) to stderr;
// without it, nothing (the environment is read once). Names of phases only, never data.
// Any thread; header-only, no wx.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace dyad {

inline void start_mark(const char* name) {
    static const bool tracing = std::getenv("DYAD_START_TRACE") != nullptr;
    if (!tracing) {
        return;
    }
    timespec now{};
    clock_gettime(CLOCK_REALTIME, &now);
    std::fprintf(stderr, "start-mark %s %lld\n", name,
                 static_cast<long long>(now.tv_sec) * 1000000000LL + now.tv_nsec);
}

}  // namespace dyad
