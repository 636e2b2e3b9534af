#include "targets.h"

#include <algorithm>
#include <dyad/show.hpp>

namespace dyad::directory {

std::vector<Target> list_targets(const AdapterLibrary& adapters,
                                 const std::vector<Connection>& connections,
                                 std::vector<std::string>* problems) {
    std::vector<Target> targets;
    for (const auto& adapter : adapters.adapters) {
        if (adapter.transport == "assisted") {
            targets.push_back({adapter.id, adapter.name, &adapter, std::nullopt});
        }
    }
    for (const auto& connection : connections) {
        const Adapter* adapter = adapters.find(connection.adapter);
        if (adapter == nullptr || adapter->transport != "api") {
            if (problems != nullptr) {
                problems->push_back(connection.id + ": the adapter \"" + connection.adapter +
                                    "\" is not an installed API adapter");
            }
            continue;
        }
        targets.push_back({connection.id, connection.name, adapter, connection});
    }
    return targets;
}

const Target* find_target(const std::vector<Target>& targets, const std::string& id) {
    auto found = std::find_if(targets.begin(), targets.end(),
                              [&](const Target& target) { return target.id == id; });
    return found == targets.end() ? nullptr : &*found;
}

int DiffPlan::changes(Change kind) const {
    return static_cast<int>(std::count_if(
        fields.begin(), fields.end(), [&](const FieldDiff& row) { return row.change == kind; }));
}

std::expected<DiffPlan, std::string> make_plan(ProfileStore& profiles, SyncStore& sync,
                                               const Target& target,
                                               const std::optional<Remote>& remote) {
    auto latest = profiles.latest();
    if (!latest) {
        return std::unexpected(latest.error());
    }
    if (latest->version == 0) {
        return std::unexpected("there is no profile yet; fill in and save the profile first");
    }
    auto state = sync.state(target.id);
    if (!state) {
        return std::unexpected(state.error());
    }
    DiffPlan plan;
    plan.target = target.id;
    plan.npi = latest->profile.npi;
    plan.profile_version = latest->version;
    std::optional<Listing> remote_listing;
    if (remote) {
        plan.remote_read = true;
        plan.remote_etag = remote->etag;
        remote_listing = remote->listing.value_or(Listing{});
        if (!remote->listing) {
            // No listing on the directory (new, or removed there): all of ours is new to it.
            state->published.clear();
            state->base.clear();
        }
    }
    plan.fields = three_way(*target.adapter, listing_values(latest->profile, *target.adapter),
                            *state, remote_listing);
    return plan;
}

std::expected<std::int64_t, std::string> queue_plan(Outbox& outbox, const DiffPlan& plan,
                                                    const std::map<std::string, Choice>& choices) {
    if (!plan.remote_read) {
        return std::unexpected("this directory has no API; update it by hand and mark it updated");
    }
    if (plan.npi.empty()) {
        return std::unexpected("the profile has no NPI, which the directory lists you under");
    }
    auto approved = approve(plan.fields, choices);
    if (!approved) {
        std::string fields;
        for (const auto& label : approved.error()) {
            fields += (fields.empty() ? "" : ", ") + label;
        }
        return std::unexpected("choose yours or the directory's text first for: " + fields);
    }
    if (approved->fields_sent.empty() && !plan.remote_etag.empty()) {
        return std::unexpected("nothing to send: the directory already shows this listing");
    }
    if (auto withdrawn = outbox.withdraw(plan.target); !withdrawn) {
        return std::unexpected(withdrawn.error());
    }
    OutboxItem item;
    item.target = plan.target;
    item.npi = plan.npi;
    item.body = listing_json(approved->body);
    item.base_etag = plan.remote_etag;
    item.local_base = listing_json(approved->local_base);
    for (const auto& field : approved->fields_sent) {
        item.fields += (item.fields.empty() ? "" : ",") + field;
    }
    item.profile_version = plan.profile_version;
    return outbox.enqueue(item);
}

std::expected<void, std::string> mark_updated(ProfileStore& profiles, SyncStore& sync,
                                              const Target& target, const std::string& now_utc) {
    if (target.api()) {
        return std::unexpected("an API directory is updated by pushing, not by hand");
    }
    auto latest = profiles.latest();
    if (!latest) {
        return std::unexpected(latest.error());
    }
    SyncState state;
    state.target = target.id;
    state.base = listing_values(latest->profile, *target.adapter);
    state.published = state.base;
    state.profile_version = latest->version;
    state.synced_at = now_utc;
    state.how = "marked";
    return sync.save_state(state);
}

std::string Drift::status() const {
    using dyad::show::tr;
    using dyad::show::tr_n;
    if (conflicts > 0) {
        return tr("conflict: choose yours or the directory's text");
    }
    if (queued > 0) {
        return tr_n("{n} change queued", "{n} changes queued", queued);
    }
    if (synced_at.empty()) {
        return tr("never synced");
    }
    if (!stale.empty()) {
        return tr_n("needs update ({n} field)", "needs update ({n} fields)",
                    static_cast<long long>(stale.size()));
    }
    return tr("in step");
}

std::expected<std::vector<Drift>, std::string> drift(ProfileStore& profiles, SyncStore& sync,
                                                     Outbox& outbox,
                                                     const std::vector<Target>& targets) {
    auto latest = profiles.latest();
    auto items = outbox.all();
    if (!latest || !items) {
        return std::unexpected(!latest ? latest.error() : items.error());
    }
    std::vector<Drift> found;
    for (const auto& target : targets) {
        auto state = sync.state(target.id);
        if (!state) {
            return std::unexpected(state.error());
        }
        Drift row;
        row.target = target.id;
        row.name = target.name;
        row.transport = target.api() ? "api" : "assisted";
        row.synced_at = state->synced_at;
        Listing now = listing_values(latest->profile, *target.adapter);
        for (const auto& field : target.adapter->fields) {
            auto was = state->base.find(field.field);
            std::string before = was == state->base.end() ? std::string() : was->second;
            if (!state->synced_at.empty() && now[field.field] != before) {
                row.stale.push_back(field.label);
            }
        }
        for (const auto& item : *items) {
            if (item.target == target.id) {
                row.queued += item.state == "pending" || item.state == "sending";
                row.conflicts += item.state == "conflict";
            }
        }
        found.push_back(std::move(row));
    }
    return found;
}

}  // namespace dyad::directory
