// The places the profile goes, as the therapist sees them: every assisted directory (an adapter
// without an API) and every connected API directory. What each one needs now (its drift), the
// dry-run diff, the approval that queues a push, and "mark as updated" for assisted ones, shared
// by `dyadctl directory` and the Directory Sync view. Thread: main (database), except where
// noted. No wx here.
#pragma once

#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "adapters.h"
#include "outbox.h"
#include "profile.h"
#include "sync.h"

namespace dyad::directory {

struct Target {
    std::string id;  // The adapter id (assisted) or the connection id (API).
    std::string name;
    const Adapter* adapter = nullptr;      // Owned by the AdapterLibrary.
    std::optional<Connection> connection;  // API targets only.
    bool api() const { return connection.has_value(); }
};

// Assisted adapters first, then connections (a connection whose adapter is missing is left out
// and named in problems).
std::vector<Target> list_targets(const AdapterLibrary& adapters,
                                 const std::vector<Connection>& connections,
                                 std::vector<std::string>* problems = nullptr);
const Target* find_target(const std::vector<Target>& targets, const std::string& id);

// A dry run: the diff and what it was made from, to approve as it was shown.
struct DiffPlan {
    std::string target;
    std::string npi;
    int profile_version = 0;
    std::string remote_etag;
    bool remote_read = false;  // False for assisted targets.
    std::vector<FieldDiff> fields;
    int changes(Change kind) const;
};
// The local side and the last sync (main thread); `remote` is read_remote()'s answer, made on
// any thread, or nullopt for an assisted target.
std::expected<DiffPlan, std::string> make_plan(ProfileStore& profiles, SyncStore& sync,
                                               const Target& target,
                                               const std::optional<Remote>& remote);

// Queues the approved plan (replacing anything of the target not yet sent); the outbox id.
// Refused while a conflict is undecided, or when there is nothing to send.
std::expected<std::int64_t, std::string> queue_plan(Outbox& outbox, const DiffPlan& plan,
                                                    const std::map<std::string, Choice>& choices);

// The therapist updated an assisted directory by hand with the current listing.
std::expected<void, std::string> mark_updated(ProfileStore& profiles, SyncStore& sync,
                                              const Target& target, const std::string& now_utc);

struct Drift {
    std::string target;
    std::string name;
    std::string transport;           // "assisted" or "api".
    std::string synced_at;           // "" when never.
    std::vector<std::string> stale;  // Labels of fields the profile changed since then.
    int queued = 0;                  // Outbox items not yet sent.
    int conflicts = 0;               // Outbox items waiting for the therapist.
    // "in step", "needs update (3 fields)", "never synced", ... in the language shown.
    std::string status() const;
};
std::expected<std::vector<Drift>, std::string> drift(ProfileStore& profiles, SyncStore& sync,
                                                     Outbox& outbox,
                                                     const std::vector<Target>& targets);

}  // namespace dyad::directory
