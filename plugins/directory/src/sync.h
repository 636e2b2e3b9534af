// Keeping a directory in step with the profile, the way domain.md c4 asks: a dry-run diff first
// (each field: this profile, what the directory last got from us, what it shows now), nothing
// sent until the therapist approves it, a field the directory changed since the last sync never
// overwritten silently (a conflict until the therapist picks a side), and the approved listing
// queued in the outbox (outbox.h) so that it survives a crash. Directories without an API are
// "marked as updated" by the therapist, so the drift view stays true for them too. No wx here.
#pragma once

#include <dyad/db.hpp>

#include <cstdint>
#include <expected>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "adapters.h"
#include "http_client.h"
#include "outbox.h"
#include "profile.h"

namespace dyad::directory {

// A listing as a directory API gets it: adapter field -> text (cut and mapped as listing() does).
using Listing = std::map<std::string, std::string>;
Listing listing_values(const Profile& profile, const Adapter& adapter);
std::string listing_json(const Listing& listing);
// "" and "{}" give an empty listing; anything but one JSON object of strings is an error.
std::expected<Listing, std::string> listing_from_json(const std::string& json);

// A directory the therapist connected: an API adapter at an address. The credential is in the
// keyring (credentials.h) under the connection's id, never in the database.
struct Connection {
    std::string id;  // Letters, digits, '-' (e.g. "imago-network").
    std::string adapter;
    std::string name;
    std::string base_url;
    int per_minute = 30;  // Requests Dyad allows itself to send it a minute.
};

// What a target last got: `base` is the listing made from the profile at the last sync (what
// "changed here" is measured against), `published` what the directory was given (differs from
// base where the therapist kept the directory's own text), `etag` the directory's version.
struct SyncState {
    std::string target;
    Listing base;
    Listing published;
    std::string etag;
    int profile_version = 0;
    std::string synced_at;  // UTC; "" when never synced.
    std::string how;        // "pushed" or "marked".
};

class SyncStore {
  public:
    explicit SyncStore(dyad::sdk::Database database) : m_db(database) {}

    std::expected<std::vector<Connection>, std::string> connections();
    // Adds or replaces; refuses a bad id, an address that is not https:// (or http:// to this
    // computer) and a rate below 1.
    std::expected<void, std::string> save_connection(const Connection& connection);
    std::expected<void, std::string> remove_connection(const std::string& id);

    // The target's state; an empty one (synced_at "") when it was never synced.
    std::expected<SyncState, std::string> state(const std::string& target);
    std::expected<void, std::string> save_state(const SyncState& state);

  private:
    dyad::sdk::Database m_db;
};

enum class Change {
    kSame,      // Nothing to do.
    kOurs,      // Changed in the profile: will be sent.
    kTheirs,    // Changed on the directory only: kept unless the therapist chooses ours.
    kConflict,  // Changed on both sides, differently: the therapist chooses.
};
const char* change_name(Change change);  // "same", "ours", "theirs", "conflict".

struct FieldDiff {
    std::string field;
    std::string label;
    std::string local;      // From the profile now.
    std::string published;  // What the directory last got from Dyad.
    std::string remote;     // What it shows now (== published when unknown).
    Change change = Change::kSame;
};

// Every adapter field, three-way: local against base, remote against published. Without a
// remote (assisted targets) nothing is "theirs".
std::vector<FieldDiff> three_way(const Adapter& adapter, const Listing& local,
                                 const SyncState& state, const std::optional<Listing>& remote);

enum class Choice { kOurs, kTheirs };
struct Approved {
    Listing body;                          // What to send.
    Listing local_base;                    // The next base (the profile's listing now).
    std::vector<std::string> fields_sent;  // Fields whose value changes on the directory.
};
// The listing to send once the therapist has chosen: ours where changed here, theirs where only
// the directory changed; a conflict needs a choice. The error lists the undecided fields.
std::expected<Approved, std::vector<std::string>> approve(
    const std::vector<FieldDiff>& diff, const std::map<std::string, Choice>& choices);

// Reads the directory's listing of npi: nullopt when it has none (404), else the values and the
// ETag. Failures in words a therapist understands.
struct Remote {
    std::optional<Listing> listing;
    std::string etag;
};
std::expected<Remote, std::string> read_remote(const Connection& connection,
                                               const std::string& token, const std::string& npi,
                                               int timeout_seconds);

// Client-side rate limit per target: `per_minute` requests a minute, in bursts of at most
// `burst`. Thread: one owner.
class TokenBucket {
  public:
    TokenBucket(double per_minute, double burst);
    // 0 and one token taken when a request may go now; else the seconds until one may.
    double take(double now_seconds);

  private:
    double m_rate;  // Tokens a second.
    double m_burst;
    double m_tokens;
    double m_last = -1;
};

}  // namespace dyad::directory
