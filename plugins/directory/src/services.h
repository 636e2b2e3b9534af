// Everything the directory plugin works with, owned by the plugin object and shared by its CLI
// and its views, so both push the same way (same audit entries, same rate limits, same
// credentials). Thread: main. Lifetime: the plugin's. No wx here.
#pragma once

#include <dyad/plugin.hpp>

#include <chrono>
#include <expected>
#include <functional>
#include <map>
#include <string>

#include "adapters.h"
#include "credentials.h"
#include "outbox.h"
#include "profile.h"
#include "sync.h"
#include "targets.h"

namespace dyad::directory {

struct DirectoryServices {
    explicit DirectoryServices(dyad::sdk::Host plugin_host)
        : host(plugin_host),
          profiles(dyad::sdk::Database(plugin_host)),
          sync(dyad::sdk::Database(plugin_host)),
          outbox(dyad::sdk::Database(plugin_host)) {}

    dyad::sdk::Host host;
    ProfileStore profiles;
    SyncStore sync;
    Outbox outbox;
    Credentials credentials;
    AdapterLibrary adapters;
    std::map<std::string, TokenBucket> buckets;  // Per connection id, for this run.
    int timeout_seconds = 20;

    // The targets now (connections read from the database); problems go to the log.
    std::vector<Target> targets();
    std::vector<Connection> connections();
    // The read of target's listing on its directory, ready to run on any thread (it holds
    // copies of what it needs): refused when the profile has no NPI to look it up by.
    using RemoteRead = std::function<std::expected<Remote, std::string>()>;
    std::expected<RemoteRead, std::string> remote_read(const Target& target);
    // Seconds until the connection's rate limit lets a request go; 0 takes one now.
    double rate_wait(const Connection& connection);
    // The options every push uses: token from the credentials, rate limits, the audit entry
    // ("export" of "push:<target>:<state>:<fields>", the profile version), jitter.
    PushOptions push_options();
    // Sends what is queued now (push_due to the current connections with options, usually
    // push_options() with the caller's send, progress or cancel) and logs the reasons of what
    // did not go through (public profile data only).
    PushReport push_queued(const PushOptions& options);
};

}  // namespace dyad::directory
