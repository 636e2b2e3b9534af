#include "sync.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <cctype>
#include <sstream>

namespace dyad::directory {
namespace {

bool valid_connection_id(const std::string& id) {
    return !id.empty() && id.size() <= 40 && std::all_of(id.begin(), id.end(), [](unsigned char c) {
        return std::islower(c) || std::isdigit(c) || c == '-';
    });
}

std::string text_of(const Listing& listing, const std::string& field) {
    auto found = listing.find(field);
    return found == listing.end() ? std::string() : found->second;
}

}  // namespace

Listing listing_values(const Profile& profile, const Adapter& adapter) {
    Listing values;
    for (const auto& field : listing(profile, adapter)) {
        values[field.field] = field.text;
    }
    return values;
}

std::string listing_json(const Listing& listing) {
    Poco::JSON::Object object;
    for (const auto& [field, text] : listing) {
        object.set(field, text);
    }
    std::ostringstream out;
    object.stringify(out);
    return out.str();
}

std::expected<Listing, std::string> listing_from_json(const std::string& json) {
    Listing listing;
    if (json.empty()) {
        return listing;
    }
    try {
        Poco::JSON::Parser parser;
        auto object = parser.parse(json).extract<Poco::JSON::Object::Ptr>();
        for (const auto& [field, value] : *object) {
            if (!value.isString()) {
                return std::unexpected("the listing's \"" + field + "\" is not text");
            }
            listing[field] = value.extract<std::string>();
        }
    } catch (const Poco::Exception&) {
        return std::unexpected("the listing is not one JSON object");
    }
    return listing;
}

std::expected<std::vector<Connection>, std::string> SyncStore::connections() {
    auto select = m_db.prepare(
        "SELECT id, adapter, name, base_url, per_minute FROM directory_connection ORDER BY id");
    if (!select.ok()) {
        return std::unexpected(select.error());
    }
    std::vector<Connection> found;
    while (select.step() == DYAD_ROW) {
        found.push_back({select.text(0), select.text(1), select.text(2), select.text(3),
                         static_cast<int>(select.int64(4))});
    }
    return found;
}

std::expected<void, std::string> SyncStore::save_connection(const Connection& connection) {
    if (!valid_connection_id(connection.id)) {
        return std::unexpected("the id is lowercase letters, digits and '-' (e.g. imago-network)");
    }
    bool local = connection.base_url.rfind("http://127.0.0.1", 0) == 0 ||
                 connection.base_url.rfind("http://localhost", 0) == 0;
    if (connection.base_url.rfind("https://", 0) != 0 && !local) {
        return std::unexpected(
            "the address must start with https:// (plain http only to this computer)");
    }
    if (connection.per_minute < 1) {
        return std::unexpected("the rate limit is at least 1 request a minute");
    }
    auto upsert = m_db.prepare(
        "INSERT INTO directory_connection (id, adapter, name, base_url, per_minute) VALUES "
        "(?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET adapter = excluded.adapter, name = "
        "excluded.name, base_url = excluded.base_url, per_minute = excluded.per_minute");
    std::string base = connection.base_url;
    while (!base.empty() && base.back() == '/') {
        base.pop_back();
    }
    upsert.bind(1, connection.id)
        .bind(2, connection.adapter)
        .bind(3, connection.name.empty() ? connection.id : connection.name)
        .bind(4, base)
        .bind(5, static_cast<std::int64_t>(connection.per_minute));
    if (!upsert.ok() || upsert.step() != DYAD_DONE) {
        return std::unexpected(upsert.ok() ? m_db.last_error() : upsert.error());
    }
    return {};
}

std::expected<void, std::string> SyncStore::remove_connection(const std::string& id) {
    auto remove = m_db.prepare("DELETE FROM directory_connection WHERE id = ?");
    remove.bind(1, id);
    if (!remove.ok() || remove.step() != DYAD_DONE) {
        return std::unexpected(remove.ok() ? m_db.last_error() : remove.error());
    }
    if (m_db.changes() == 0) {
        return std::unexpected("no directory is connected as \"" + id + "\"");
    }
    return {};
}

std::expected<SyncState, std::string> SyncStore::state(const std::string& target) {
    auto select = m_db.prepare(
        "SELECT base, published, etag, profile_version, synced_at, how FROM "
        "directory_sync_state WHERE target = ?");
    select.bind(1, target);
    if (!select.ok()) {
        return std::unexpected(select.error());
    }
    SyncState state;
    state.target = target;
    if (select.step() == DYAD_ROW) {
        auto base = listing_from_json(select.text(0));
        auto published = listing_from_json(select.text(1));
        if (!base || !published) {
            return std::unexpected("the last sync of " + target + " could not be read");
        }
        state.base = *base;
        state.published = *published;
        state.etag = select.text(2);
        state.profile_version = static_cast<int>(select.int64(3));
        state.synced_at = select.text(4);
        state.how = select.text(5);
    }
    return state;
}

std::expected<void, std::string> SyncStore::save_state(const SyncState& state) {
    auto upsert = m_db.prepare(
        "INSERT OR REPLACE INTO directory_sync_state (target, base, published, etag, "
        "profile_version, synced_at, how) VALUES (?, ?, ?, ?, ?, ?, ?)");
    upsert.bind(1, state.target)
        .bind(2, listing_json(state.base))
        .bind(3, listing_json(state.published))
        .bind(4, state.etag)
        .bind(5, static_cast<std::int64_t>(state.profile_version))
        .bind(6, state.synced_at)
        .bind(7, state.how);
    if (!upsert.ok() || upsert.step() != DYAD_DONE) {
        return std::unexpected(upsert.ok() ? m_db.last_error() : upsert.error());
    }
    return {};
}

const char* change_name(Change change) {
    switch (change) {
        case Change::kSame:
            return "same";
        case Change::kOurs:
            return "ours";
        case Change::kTheirs:
            return "theirs";
        case Change::kConflict:
            return "conflict";
    }
    return "same";
}

std::vector<FieldDiff> three_way(const Adapter& adapter, const Listing& local,
                                 const SyncState& state, const std::optional<Listing>& remote) {
    std::vector<FieldDiff> diff;
    for (const auto& field : adapter.fields) {
        FieldDiff row;
        row.field = field.field;
        row.label = field.label;
        row.local = text_of(local, field.field);
        row.published = text_of(state.published, field.field);
        row.remote = remote ? text_of(*remote, field.field) : row.published;
        bool ours = row.local != text_of(state.base, field.field);
        bool theirs = row.remote != row.published;
        if (ours && theirs) {
            row.change = row.local == row.remote ? Change::kSame : Change::kConflict;
        } else if (ours) {
            row.change = row.local == row.remote ? Change::kSame : Change::kOurs;
        } else if (theirs) {
            row.change = Change::kTheirs;
        }
        diff.push_back(std::move(row));
    }
    return diff;
}

std::expected<Approved, std::vector<std::string>> approve(
    const std::vector<FieldDiff>& diff, const std::map<std::string, Choice>& choices) {
    Approved approved;
    std::vector<std::string> undecided;
    for (const auto& row : diff) {
        auto chosen = choices.find(row.field);
        // Unchanged fields keep what the directory shows (it may be text the therapist kept).
        bool take_ours = row.change == Change::kOurs;
        if (chosen != choices.end()) {
            take_ours = chosen->second == Choice::kOurs;
        } else if (row.change == Change::kConflict) {
            undecided.push_back(row.label);
            continue;
        }
        std::string value = take_ours ? row.local : row.remote;
        approved.body[row.field] = value;
        approved.local_base[row.field] = row.local;
        if (value != row.remote) {
            approved.fields_sent.push_back(row.field);
        }
    }
    if (!undecided.empty()) {
        return std::unexpected(undecided);
    }
    return approved;
}

std::expected<Remote, std::string> read_remote(const Connection& connection,
                                               const std::string& token, const std::string& npi,
                                               int timeout_seconds) {
    HttpRequest request{"GET", connection.base_url + "/listings/" + npi, "", {}, timeout_seconds};
    if (!token.empty()) {
        request.headers.emplace_back("Authorization", "Bearer " + token);
    }
    auto answer = http_exchange(request);
    if (!answer) {
        return std::unexpected(connection.name + " " + answer.error().text +
                               "; nothing was sent, try again later");
    }
    if (answer->status == 404) {
        return Remote{std::nullopt, ""};
    }
    if (answer->status == 401 || answer->status == 403) {
        return std::unexpected(connection.name +
                               " refused the access token; connect it again with a valid token");
    }
    if (answer->status != 200) {
        return std::unexpected(connection.name + " answered " + std::to_string(answer->status) +
                               "; nothing was sent, try again later");
    }
    auto listing = listing_from_json(answer->body);
    if (!listing) {
        return std::unexpected(connection.name + " sent a listing Dyad cannot read (" +
                               listing.error() + ")");
    }
    return Remote{*listing, answer->etag};
}

TokenBucket::TokenBucket(double per_minute, double burst)
    : m_rate(per_minute / 60.0), m_burst(std::max(1.0, burst)), m_tokens(m_burst) {}

double TokenBucket::take(double now_seconds) {
    if (m_last >= 0) {
        m_tokens = std::min(m_burst, m_tokens + (now_seconds - m_last) * m_rate);
    }
    m_last = now_seconds;
    if (m_tokens >= 1.0) {
        m_tokens -= 1.0;
        return 0;
    }
    return (1.0 - m_tokens) / m_rate;
}

}  // namespace dyad::directory
