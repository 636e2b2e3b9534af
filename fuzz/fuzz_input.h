// What the fuzz targets share: the input as text, an input split into two parts at a marker
// line, the failure of a property (an abort, so libFuzzer keeps the input as a crash), and an
// exception nobody caught described before the abort.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <typeinfo>
#include <utility>

namespace dyad::fuzz {

// An exception escaping the code under test ends the run (std::terminate) the way it would end
// Dyad: say which one, then abort so libFuzzer reports the input.
[[noreturn]] inline void describe_uncaught_exception() {
    if (std::exception_ptr current = std::current_exception()) {
        try {
            std::rethrow_exception(current);
        } catch (const std::exception& error) {
            std::fprintf(stderr, "uncaught exception %s: %s\n", typeid(error).name(), error.what());
        } catch (...) {
            std::fprintf(stderr, "uncaught exception of a type not derived from std::exception\n");
        }
    }
    std::abort();
}
inline const std::terminate_handler kPreviousTerminate =
    std::set_terminate(&describe_uncaught_exception);

inline std::string text_of(const std::uint8_t* data, std::size_t size) {
    return std::string(reinterpret_cast<const char*>(data), size);
}

// The text before and after the first marker line ("\n#text\n", say); without the marker, all
// of it and fallback.
inline std::pair<std::string, std::string> split_at(const std::string& text,
                                                    const std::string& marker,
                                                    const std::string& fallback) {
    std::size_t at = text.find(marker);
    if (at == std::string::npos) {
        return {text, fallback};
    }
    return {text.substr(0, at), text.substr(at + marker.size())};
}

// A property the code promises does not hold: print it and abort.
[[noreturn]] inline void fail(const std::string& what) {
    std::fprintf(stderr, "fuzz property failed: %s\n", what.c_str());
    std::abort();
}

}  // namespace dyad::fuzz
