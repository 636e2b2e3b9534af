// Errors as values for core code: Result<T> is std::expected<T, Error>, Status is
// Result<void>. Error messages are written for the person who will read them (a therapist in
// the GUI, an IT person in dyadctl) and never contain client data.
//
// The message is English (the log, dyadctl, --json). The window shows an error in its own
// language (app::error_text) when the message is a whole sentence marked
// show::marked("error", ...) where it is written, or when the error was made from a Reason
// whose pattern was so marked (its values, a path or SQLite's words, stay as they are).
#pragma once

#include <expected>
#include <string>
#include <utility>

#include "util/reason.h"

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
    std::string message;  // English.
    Reason shown{};       // When not empty: message is shown.english(), shown as shown.shown().
};

template <class T>
using Result = std::expected<T, Error>;
using Status = std::expected<void, Error>;

inline std::unexpected<Error> fail(ErrorCode code, std::string message) {
    return std::unexpected(Error{code, std::move(message)});
}

// An error whose words are a Reason (error_reason(show::marked("error", ...)).with(...)).
inline Error error_of(ErrorCode code, Reason reason) {
    std::string english = reason.english();
    return Error{code, std::move(english), std::move(reason)};
}

inline std::unexpected<Error> fail(ErrorCode code, Reason reason) {
    return std::unexpected(error_of(code, std::move(reason)));
}

// The error's words in the window's language (app::error_text shows them): its Reason's, or
// its message's translation when that is a sentence marked show::marked("error", ...), else
// its English message. For one error inside another's words: Reason::with_both.
inline std::string shown_message(const Error& error) {
    return error.shown.empty() ? show::tr_in(kErrorContext, error.message.c_str())
                               : error.shown.shown();
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
