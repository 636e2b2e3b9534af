// One HTTP exchange with a directory or the NPI Registry, the way every directory request is
// made: HTTPS with the certificate verified against the system's authorities; plain HTTP only
// to this computer (127.0.0.1, for the tests and a reference server on the same machine); a
// timeout on every request. Failures come back as values, in words a therapist understands;
// the caller decides what they mean (retry, conflict, refusal). Thread: any; no shared state.
// No wx here.
#pragma once

#include <expected>
#include <string>
#include <utility>
#include <vector>

namespace dyad::directory {

struct HttpAnswer {
    int status = 0;
    std::string body;
    std::string etag;
    int retry_after = 0;  // Seconds from Retry-After (0 when absent or not a number).
};

struct HttpFailure {
    enum Kind { kRefusedAddress, kTimeout, kUnreachable } kind = kUnreachable;
    std::string text;  // "did not answer within 20 s", "could not be reached (...)".
};

struct HttpRequest {
    std::string method = "GET";
    std::string url;
    std::string body;  // Sent as application/json when not empty.
    std::vector<std::pair<std::string, std::string>> headers;
    int timeout_seconds = 20;
};

std::expected<HttpAnswer, HttpFailure> http_exchange(const HttpRequest& request);

}  // namespace dyad::directory
