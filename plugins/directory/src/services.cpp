#include "services.h"

#include <time_text.h>

#include <random>

namespace dyad::directory {

std::vector<Connection> DirectoryServices::connections() {
    auto found = sync.connections();
    if (!found) {
        host.log(DYAD_LOG_WARNING, "directory connections unreadable: " + found.error());
        return {};
    }
    return *found;
}

std::vector<Target> DirectoryServices::targets() {
    std::vector<std::string> problems;
    auto found = list_targets(adapters, connections(), &problems);
    for (const auto& problem : problems) {
        host.log(DYAD_LOG_WARNING, "directory connection left out: " + problem);
    }
    return found;
}

std::expected<DirectoryServices::RemoteRead, std::string> DirectoryServices::remote_read(
    const Target& target) {
    auto latest = profiles.latest();
    if (!latest) {
        return std::unexpected(latest.error());
    }
    if (latest->profile.npi.empty()) {
        return std::unexpected("the profile has no NPI, which the directory lists you under");
    }
    return [connection = *target.connection, token = credentials.lookup(target.id),
            npi = latest->profile.npi,
            timeout = timeout_seconds] { return read_remote(connection, token, npi, timeout); };
}

double DirectoryServices::rate_wait(const Connection& connection) {
    double now =
        std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
    auto bucket = buckets.try_emplace(connection.id, connection.per_minute,
                                      std::max(1.0, connection.per_minute / 6.0));
    return bucket.first->second.take(now);
}

PushOptions DirectoryServices::push_options() {
    PushOptions options;
    options.timeout_seconds = timeout_seconds;
    auto random = std::make_shared<std::mt19937>(std::random_device{}());
    options.jitter = [random] { return std::uniform_real_distribution<double>(0, 1)(*random); };
    options.token = [this](const std::string& id) { return credentials.lookup(id); };
    options.rate_wait = [this](const Connection& connection) { return rate_wait(connection); };
    options.audit = [this](const OutboxItem& item, const std::string& state) {
        // Target, result and field names only: the profile is public, but the log stays lean.
        std::string entity = "push:" + item.target + ":" + state + ":" + item.fields;
        (void)host.core()->audit(host.raw(), "export", entity.c_str(), item.profile_version);
    };
    return options;
}

PushReport DirectoryServices::push_queued(const PushOptions& options) {
    PushReport report = push_due(outbox, sync, connections(), dyad::datafile::now_utc(), options);
    if (report.failed + report.conflicts + report.retrying > 0) {
        for (const auto& message : report.messages) {
            host.log(DYAD_LOG_WARNING, "directory push: " + message);
        }
    }
    return report;
}

}  // namespace dyad::directory
