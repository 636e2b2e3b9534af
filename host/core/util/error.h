// Errors as values for core code: Result<T> is std::expected<T, Error>, Status is
// Result<void>. Error messages are written for the person who will read them (a therapist in
// the GUI, an IT person in dyadctl) and never contain client data.
#pragma once

#include <expected>
#include <string>
#include <utility>

namespace dyad {

enum class ErrorCode {
    Invalid = 1,  // Input rejected by validation.
    NotFound,     // The record, file or key does not exist.
    Conflict,     // Would break a uniqueness or state rule.
    Database,     // SQLite reported an error.
    Io,           // A file could not be read or written.
    Refused,      // Not allowed (confinement, version negotiation).
    Corrupt,      // Damaged data.
};

struct Error {
    ErrorCode code = ErrorCode::Invalid;
    std::string message;
};

template <class T>
using Result = std::expected<T, Error>;
using Status = std::expected<void, Error>;

inline std::unexpected<Error> fail(ErrorCode code, std::string message) {
    return std::unexpected(Error{code, std::move(message)});
}

// Status success value, for `return ok();`.
inline Status ok() {
    return {};
}

}  // namespace dyad

// Returns the error of a Result-returning expression from the enclosing function.
#define DYAD_TRY(expression)                                             \
    do {                                                                 \
        auto dyad_try_result_ = (expression);                            \
        if (!dyad_try_result_) {                                         \
            return std::unexpected(std::move(dyad_try_result_.error())); \
        }                                                                \
    } while (false)
