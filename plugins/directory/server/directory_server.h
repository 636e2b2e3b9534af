// The reference directory server: the open directory API Dyad's directory adapter speaks, so a
// therapists' network can host one and the tests can run one on 127.0.0.1. Listings live in
// its own SQLite file; every write bumps the listing's version, given as its ETag; updates need
// If-Match (412 when it is stale, 428 when it is missing), so nothing is overwritten silently;
// an Idempotency-Key makes a repeated request a no-op; with a token set, requests need it as a
// bearer token (401 otherwise). A fault mode (delay, 500, 429 with
// Retry-After, drop) lets tests see the client's retries. The API is documented in
// openapi.yaml next to this file. Thread: the server answers on Poco's pool threads.
#pragma once

#include <Poco/JSON/Object.h>

#include <cstddef>
#include <expected>
#include <memory>
#include <string>

namespace dyad::directory {

// The largest PUT body the server accepts (1 MiB); a larger one is answered 413, not kept.
constexpr std::size_t kMaxBodyBytes = std::size_t{1} << 20;

// Why a PUT body is refused: the HTTP status to answer (400 or 413) and the message for the
// client.
struct BodyRefusal {
    int status = 400;
    std::string message;
};

// A PUT body checked before anything is stored: the listing as one JSON object, or why it is
// refused (413 when longer than kMaxBodyBytes, 400 when not one JSON object). Thread: a pure
// function, safe on any thread. Never throws.
std::expected<Poco::JSON::Object::Ptr, BodyRefusal> check_listing_body(const std::string& body);

struct Fault {
    std::string mode;     // "", "delay", "500", "429" or "drop".
    int count = -1;       // Requests it affects; -1: all until changed.
    int delay_ms = 3000;  // For "delay".
    int retry_after = 1;  // Seconds, for "429".
};

class DirectoryServer {
  public:
    // Opens (creates) the database and listens on host:port (port 0: any free port).
    static std::expected<std::unique_ptr<DirectoryServer>, std::string> start(
        const std::string& database_path, int port, const std::string& host = "127.0.0.1");
    ~DirectoryServer();  // Stops, waits for every connection thread, closes the database.

    int port() const;
    // PUT requests that reached the server so far (before any fault's delay): lets a test
    // kill a client once its PUT is in, not merely once it meant to send one.
    int puts_received() const;
    void set_fault(const Fault& fault);
    // Every request must then carry "Authorization: Bearer <token>" (401 otherwise).
    void set_token(const std::string& token);

    struct State;

  private:
    explicit DirectoryServer(std::unique_ptr<State> state);
    std::unique_ptr<State> m_state;
};

}  // namespace dyad::directory
