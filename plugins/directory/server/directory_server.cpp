#include "directory_server.h"

#include <atomic>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Thread.h>
#include <Poco/ThreadPool.h>
#include <sqlite3.h>
#include <time_text.h>

#include <atomic>
#include <mutex>
#include <sstream>

namespace dyad::directory {

struct DirectoryServer::State {
    sqlite3* db = nullptr;
    std::mutex lock;  // One request at a time in the database.
    Fault fault;
    std::string token;         // When set, every request needs "Authorization: Bearer <token>".
    std::atomic<int> puts{0};  // PUT requests that reached the handler.
    Poco::ThreadPool pool{2, 16};
    std::unique_ptr<Poco::Net::ServerSocket> socket;
    std::unique_ptr<Poco::Net::HTTPServer> server;

    ~State() {
        if (server) {
            server->stopAll(true);
        }
        pool.joinAll();
        if (db != nullptr) {
            sqlite3_close(db);
        }
    }

    // Takes one request's worth of the fault, if any applies.
    Fault take_fault() {
        std::lock_guard guard(lock);
        if (fault.mode.empty() || fault.count == 0) {
            return {};
        }
        if (fault.count > 0) {
            --fault.count;
        }
        return fault;
    }
};

namespace {

using dyad::datafile::now_utc;

struct Listing {
    bool found = false;
    int version = 0;
    std::string body;
};

Listing read_listing(sqlite3* db, const std::string& npi) {
    Listing listing;
    sqlite3_stmt* select = nullptr;
    sqlite3_prepare_v2(db, "SELECT version, body FROM listing WHERE npi = ?", -1, &select, nullptr);
    sqlite3_bind_text(select, 1, npi.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(select) == SQLITE_ROW) {
        listing.found = true;
        listing.version = sqlite3_column_int(select, 0);
        listing.body = reinterpret_cast<const char*>(sqlite3_column_text(select, 1));
    }
    sqlite3_finalize(select);
    return listing;
}

// The version an idempotency key already produced, or 0.
int applied_version(sqlite3* db, const std::string& key) {
    sqlite3_stmt* select = nullptr;
    sqlite3_prepare_v2(db, "SELECT version FROM applied WHERE key = ?", -1, &select, nullptr);
    sqlite3_bind_text(select, 1, key.c_str(), -1, SQLITE_TRANSIENT);
    int version = sqlite3_step(select) == SQLITE_ROW ? sqlite3_column_int(select, 0) : 0;
    sqlite3_finalize(select);
    return version;
}

bool write_listing(sqlite3* db, const std::string& npi, int version, const std::string& body,
                   const std::string& key) {
    sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    sqlite3_stmt* upsert = nullptr;
    sqlite3_prepare_v2(db,
                       "INSERT INTO listing (npi, version, body, updated_at) VALUES (?, ?, ?, ?) "
                       "ON CONFLICT (npi) DO UPDATE SET version = excluded.version, body = "
                       "excluded.body, updated_at = excluded.updated_at",
                       -1, &upsert, nullptr);
    sqlite3_bind_text(upsert, 1, npi.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(upsert, 2, version);
    sqlite3_bind_text(upsert, 3, body.c_str(), -1, SQLITE_TRANSIENT);
    std::string now = now_utc();
    sqlite3_bind_text(upsert, 4, now.c_str(), -1, SQLITE_TRANSIENT);
    bool ok = sqlite3_step(upsert) == SQLITE_DONE;
    sqlite3_finalize(upsert);
    if (ok && !key.empty()) {
        sqlite3_stmt* remember = nullptr;
        sqlite3_prepare_v2(db, "INSERT INTO applied (key, npi, version) VALUES (?, ?, ?)", -1,
                           &remember, nullptr);
        sqlite3_bind_text(remember, 1, key.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(remember, 2, npi.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(remember, 3, version);
        ok = sqlite3_step(remember) == SQLITE_DONE;
        sqlite3_finalize(remember);
    }
    sqlite3_exec(db, ok ? "COMMIT" : "ROLLBACK", nullptr, nullptr, nullptr);
    return ok;
}

void reply(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
           const std::string& body, int version = 0) {
    response.setStatus(status);
    response.setContentType("application/json");
    if (version > 0) {
        response.set("ETag", "\"" + std::to_string(version) + "\"");
    }
    response.send() << body;
}

std::string error_body(const std::string& message) {
    Poco::JSON::Object error;
    error.set("error", message);
    std::ostringstream out;
    error.stringify(out);
    return out.str();
}

std::string too_large_message() {
    return "the body is larger than " + std::to_string(kMaxBodyBytes >> 20) + " MiB (" +
           std::to_string(kMaxBodyBytes) + " bytes)";
}

// How much of a too-large body is read and dropped before the 413 (beyond it, the client may
// see a reset connection instead).
constexpr std::size_t kMaxDrainedBytes = std::size_t{16} << 20;

enum class Keep { Yes = 1, No };

// Reads the stream until its end or past limit bytes: with Keep::Yes, what was read (at most
// limit + 8 KiB, enough to know a body is too large without holding all of it); with Keep::No,
// nothing.
std::string read_at_most(std::istream& in, std::size_t limit, Keep keep = Keep::Yes) {
    std::string body;
    std::size_t total = 0;
    char buffer[8192];
    while (total <= limit) {
        in.read(buffer, sizeof buffer);
        std::streamsize got = in.gcount();
        if (got <= 0) {
            break;
        }
        total += static_cast<std::size_t>(got);
        if (keep == Keep::Yes) {
            body.append(buffer, static_cast<std::size_t>(got));
        }
    }
    return body;
}

class Handler : public Poco::Net::HTTPRequestHandler {
  public:
    explicit Handler(DirectoryServer::State& state) : m_state(state) {}

    bool token_accepted(const Poco::Net::HTTPServerRequest& request) {
        std::lock_guard guard(m_state.lock);
        return m_state.token.empty() ||
               request.get("Authorization", "") == "Bearer " + m_state.token;
    }

    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override {
        if (request.getMethod() == Poco::Net::HTTPRequest::HTTP_PUT) {
            ++m_state.puts;
        }
        Fault fault = m_state.take_fault();
        if (fault.mode == "delay") {
            Poco::Thread::sleep(fault.delay_ms);
        } else if (fault.mode == "500") {
            reply(response, Poco::Net::HTTPResponse::HTTP_INTERNAL_SERVER_ERROR,
                  error_body("fault mode: 500"));
            return;
        } else if (fault.mode == "429") {
            response.set("Retry-After", std::to_string(fault.retry_after));
            reply(response, Poco::Net::HTTPResponse::HTTP_TOO_MANY_REQUESTS,
                  error_body("fault mode: too many requests"));
            return;
        } else if (fault.mode == "drop") {
            auto& impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl&>(request);
            impl.socket().shutdown();  // The connection ends with no answer.
            return;
        }
        if (!token_accepted(request)) {
            reply(response, Poco::Net::HTTPResponse::HTTP_UNAUTHORIZED,
                  error_body("a valid access token is required"));
            return;
        }
        std::string path = request.getURI().substr(0, request.getURI().find('?'));
        const std::string prefix = "/listings/";
        if (path.rfind(prefix, 0) != 0 || path.size() == prefix.size()) {
            reply(response, Poco::Net::HTTPResponse::HTTP_NOT_FOUND, error_body("no such path"));
            return;
        }
        std::string npi = path.substr(prefix.size());
        std::lock_guard guard(m_state.lock);
        Listing current = read_listing(m_state.db, npi);
        if (request.getMethod() == Poco::Net::HTTPRequest::HTTP_GET) {
            if (!current.found) {
                reply(response, Poco::Net::HTTPResponse::HTTP_NOT_FOUND,
                      error_body("no listing for " + npi));
            } else {
                reply(response, Poco::Net::HTTPResponse::HTTP_OK, current.body, current.version);
            }
            return;
        }
        if (request.getMethod() != Poco::Net::HTTPRequest::HTTP_PUT) {
            reply(response, Poco::Net::HTTPResponse::HTTP_METHOD_NOT_ALLOWED,
                  error_body("GET or PUT"));
            return;
        }
        std::string body = read_at_most(request.stream(), kMaxBodyBytes);
        if (body.size() > kMaxBodyBytes) {
            // Read on (without keeping it) so the client is sending no more when the answer
            // comes: closing with unread data resets the connection and loses the 413.
            read_at_most(request.stream(), kMaxDrainedBytes, Keep::No);
        }
        if (auto checked = check_listing_body(body); !checked) {
            reply(response,
                  static_cast<Poco::Net::HTTPResponse::HTTPStatus>(checked.error().status),
                  error_body(checked.error().message));
            return;
        }
        std::string key = request.get("Idempotency-Key", "");
        if (!key.empty()) {
            if (int done = applied_version(m_state.db, key); done > 0) {
                reply(response, Poco::Net::HTTPResponse::HTTP_OK, current.body, done);
                return;  // Already applied: the repeat changes nothing.
            }
        }
        if (current.found) {
            std::string match = request.get("If-Match", "");
            if (match.empty()) {
                reply(response, Poco::Net::HTTPResponse::HTTP_PRECONDITION_REQUIRED,
                      error_body("If-Match is required to change a listing"), current.version);
                return;
            }
            if (match != "\"" + std::to_string(current.version) + "\"") {
                reply(response, Poco::Net::HTTPResponse::HTTP_PRECONDITION_FAILED,
                      error_body("the listing changed since you read it"), current.version);
                return;
            }
        }
        int version = current.version + 1;
        if (!write_listing(m_state.db, npi, version, body, key)) {
            reply(response, Poco::Net::HTTPResponse::HTTP_INTERNAL_SERVER_ERROR,
                  error_body(sqlite3_errmsg(m_state.db)));
            return;
        }
        reply(response,
              current.found ? Poco::Net::HTTPResponse::HTTP_OK
                            : Poco::Net::HTTPResponse::HTTP_CREATED,
              body, version);
    }

  private:
    DirectoryServer::State& m_state;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
  public:
    explicit Factory(DirectoryServer::State& state) : m_state(state) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest&) override {
        return new Handler(m_state);
    }

  private:
    DirectoryServer::State& m_state;
};

}  // namespace

std::expected<Poco::JSON::Object::Ptr, BodyRefusal> check_listing_body(const std::string& body) {
    if (body.size() > kMaxBodyBytes) {
        return std::unexpected(BodyRefusal{Poco::Net::HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE,
                                           too_large_message()});
    }
    try {
        Poco::JSON::Parser parser;
        Poco::Dynamic::Var parsed = parser.parse(body);
        if (parsed.type() == typeid(Poco::JSON::Object::Ptr)) {
            return parsed.extract<Poco::JSON::Object::Ptr>();
        }
    } catch (const Poco::Exception&) {
    }
    return std::unexpected(
        BodyRefusal{Poco::Net::HTTPResponse::HTTP_BAD_REQUEST, "the body must be one JSON object"});
}

DirectoryServer::DirectoryServer(std::unique_ptr<State> state) : m_state(std::move(state)) {}
DirectoryServer::~DirectoryServer() = default;

std::expected<std::unique_ptr<DirectoryServer>, std::string> DirectoryServer::start(
    const std::string& database_path, int port, const std::string& host) {
    auto state = std::make_unique<State>();
    if (sqlite3_open(database_path.c_str(), &state->db) != SQLITE_OK) {
        return std::unexpected("cannot open " + database_path);
    }
    const char* schema =
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
        "CREATE TABLE IF NOT EXISTS listing (npi TEXT PRIMARY KEY, version INTEGER NOT NULL, "
        "body TEXT NOT NULL, updated_at TEXT NOT NULL) STRICT;"
        "CREATE TABLE IF NOT EXISTS applied (key TEXT PRIMARY KEY, npi TEXT NOT NULL, "
        "version INTEGER NOT NULL) STRICT;";
    char* error = nullptr;
    if (sqlite3_exec(state->db, schema, nullptr, nullptr, &error) != SQLITE_OK) {
        std::string message = error != nullptr ? error : "unknown error";
        sqlite3_free(error);
        return std::unexpected(database_path + ": " + message);
    }
    try {
        // No address or port reuse: a second server on a port in use must fail, not share it.
        state->socket = std::make_unique<Poco::Net::ServerSocket>();
        state->socket->bind(Poco::Net::SocketAddress(host, static_cast<Poco::UInt16>(port)), false,
                            false);
        state->socket->listen();
        auto* params = new Poco::Net::HTTPServerParams;
        params->setKeepAlive(false);
        state->server = std::make_unique<Poco::Net::HTTPServer>(new Factory(*state), state->pool,
                                                                *state->socket, params);
        state->server->start();
    } catch (const Poco::Exception& failure) {
        return std::unexpected("cannot listen on " + host + ":" + std::to_string(port) + " (" +
                               failure.displayText() + ")");
    }
    return std::unique_ptr<DirectoryServer>(new DirectoryServer(std::move(state)));
}

int DirectoryServer::port() const {
    return m_state->socket->address().port();
}

int DirectoryServer::puts_received() const {
    return m_state->puts.load();
}

void DirectoryServer::set_token(const std::string& token) {
    std::lock_guard guard(m_state->lock);
    m_state->token = token;
}

void DirectoryServer::set_fault(const Fault& fault) {
    std::lock_guard guard(m_state->lock);
    m_state->fault = fault;
}

}  // namespace dyad::directory
