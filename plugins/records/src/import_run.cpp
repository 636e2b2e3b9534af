// Writing an import plan, resumably (see run_import in csv_import.h).
#include <set>

#include "csv_import.h"
#include "units.h"
#include "util.h"

namespace dyad::records_plugin {
namespace {

using Db = dyad::sdk::Database;

std::string step_error(const Db& db, dyad::sdk::Statement& statement) {
    return statement.ok() ? db.last_error() : statement.error();
}

// The unfinished import of this file, or a new one. A file imported completely before is not
// imported again unless asked (a run killed just after it finished looks unfinished to the
// person, who runs it again).
std::expected<std::int64_t, std::string> open_import(const Db& db, const ImportPlan& plan,
                                                     bool again, bool& resumed) {
    auto done = db.prepare(
        "SELECT finished_at FROM records_import WHERE digest = ? AND outcome = 'done' "
        "ORDER BY finished_at DESC LIMIT 1");
    done.bind(1, plan.digest);
    if (!again && done.step() == DYAD_ROW) {
        return std::unexpected(
            "this file was already imported completely (" + done.text(0) +
            "); nothing was written. To import the same rows a second time, add --again");
    }
    auto find = db.prepare(
        "SELECT id FROM records_import WHERE digest = ? AND finished_at IS NULL "
        "ORDER BY started_at DESC LIMIT 1");
    find.bind(1, plan.digest);
    if (find.step() == DYAD_ROW) {
        resumed = true;
        return find.int64(0);
    }
    resumed = false;
    std::int64_t id = db.new_id();
    auto insert =
        db.prepare("INSERT INTO records_import (id, digest, rows, started_at) VALUES (?, ?, ?, ?)");
    insert.bind(1, id)
        .bind(2, plan.digest)
        .bind(3, static_cast<std::int64_t>(plan.clients.size()))
        .bind(4, now_utc());
    if (insert.step() != DYAD_DONE) {
        return std::unexpected(step_error(db, insert));
    }
    return id;
}

// What an earlier run recorded for key (a client's row or a unit's position): the written id,
// 0 when it was marked but the run ended before the host's answer was recorded, -1 when not
// reached.
std::int64_t recorded(const Db& db, const char* table, std::int64_t import_id, std::int64_t key) {
    std::string sql = std::string("SELECT coalesce(written_id, 0) FROM ") + table +
                      " WHERE import_id = ? AND key = ?";
    auto select = db.prepare(sql.c_str());
    select.bind(1, import_id).bind(2, key);
    return select.step() == DYAD_ROW ? select.int64(0) : -1;
}

std::string record(const Db& db, const char* table, std::int64_t import_id, std::int64_t key,
                   std::int64_t written_id) {
    std::string sql = std::string("INSERT INTO ") + table +
                      " (import_id, key, written_id) VALUES (?1, ?2, nullif(?3, 0)) "
                      "ON CONFLICT (import_id, key) DO UPDATE SET written_id = excluded.written_id";
    auto upsert = db.prepare(sql.c_str());
    upsert.bind(1, import_id).bind(2, key).bind(3, written_id);
    return upsert.step() == DYAD_DONE ? std::string() : step_error(db, upsert);
}

// The one client exactly like this row that no import has claimed (written by a run that was
// killed before recording it); 0 when there is none or more than one.
std::int64_t orphan_client(const Db& db, const ImportClient& client) {
    auto select = db.prepare(
        "SELECT id FROM core_client WHERE given_name = ? AND family_name = ? AND "
        "coalesce(date_of_birth, '') = ? AND coalesce(email, '') = ? AND id NOT IN "
        "(SELECT written_id FROM records_import_client WHERE written_id IS NOT NULL) LIMIT 2");
    select.bind(1, trimmed(client.given_name))
        .bind(2, trimmed(client.family_name))
        .bind(3, client.date_of_birth)
        .bind(4, trimmed(client.email));
    std::int64_t found = 0;
    int count = 0;
    while (select.step() == DYAD_ROW) {
        found = select.int64(0);
        ++count;
    }
    return count == 1 ? found : 0;
}

// The unit whose members are exactly these clients, not claimed by an import; 0 if none.
std::int64_t orphan_unit(const Db& db, const std::vector<std::int64_t>& members) {
    auto candidates = db.prepare(
        "SELECT unit_id FROM core_unit_member WHERE client_id = ? AND unit_id NOT IN "
        "(SELECT written_id FROM records_import_unit WHERE written_id IS NOT NULL)");
    candidates.bind(1, members.front());
    std::set<std::int64_t> wanted(members.begin(), members.end());
    while (candidates.step() == DYAD_ROW) {
        std::int64_t unit = candidates.int64(0);
        auto listed = db.prepare("SELECT client_id FROM core_unit_member WHERE unit_id = ?");
        listed.bind(1, unit);
        std::set<std::int64_t> has;
        while (listed.step() == DYAD_ROW) {
            has.insert(listed.int64(0));
        }
        if (has == wanted) {
            return unit;
        }
    }
    return 0;
}

}  // namespace

std::expected<ImportResult, std::string> run_import(const ImportPlan& plan,
                                                    const dyad::sdk::Host& host,
                                                    const ImportProgress& progress, bool again) {
    std::size_t total = plan.clients.size() + plan.units.size();
    if (!plan.can_import()) {
        return std::unexpected("the file has problems; nothing was imported:\n" + plan.report());
    }
    Db db(host);
    bool resumed = false;
    auto import_id = open_import(db, plan, again, resumed);
    if (!import_id) {
        return std::unexpected(import_id.error().find("nothing was written") != std::string::npos
                                   ? import_id.error()
                                   : "the import could not start, nothing was written: " +
                                         import_id.error());
    }
    ImportResult result;
    std::vector<std::int64_t> created_now;  // By this run: archived on cancel.
    auto stopped = [&](std::string error) -> std::expected<ImportResult, std::string> {
        if (!error.empty() && error.back() == '.') {
            error.pop_back();
        }
        return std::unexpected(
            error + ". The import stopped after " + std::to_string(result.clients.size()) + " of " +
            std::to_string(plan.clients.size()) + " clients and " +
            std::to_string(result.units.size()) + " of " + std::to_string(plan.units.size()) +
            " units; run the same import again to finish it (nothing is imported twice)");
    };
    auto cancelled = [&]() -> std::expected<ImportResult, std::string> {
        std::size_t archived = 0;
        for (std::int64_t id : created_now) {
            archived += host.core()->archive_client(host.raw(), id) == DYAD_OK;
        }
        auto end = db.prepare(
            "UPDATE records_import SET finished_at = ?, outcome = 'cancelled' WHERE id = ?");
        end.bind(1, now_utc()).bind(2, *import_id);
        (void)end.step();
        std::string message = "cancelled; " + std::to_string(archived) + " of the " +
                              std::to_string(created_now.size()) +
                              " client(s) this run imported were archived again";
        if (archived < created_now.size()) {
            message +=
                " (the others could not be: " + std::string(host.core()->last_error(host.raw())) +
                ")";
        }
        return std::unexpected(message);
    };

    for (const auto& client : plan.clients) {
        std::int64_t id = recorded(db, "records_import_client", *import_id, client.row);
        if (id == 0) {
            id = orphan_client(db, client);  // Written just before an earlier run was killed.
        }
        if (id > 0) {
            ++result.resumed;
        } else {
            if (std::string error = record(db, "records_import_client", *import_id, client.row, 0);
                !error.empty()) {
                return stopped("row " + std::to_string(client.row) + ": " + error);
            }
            dyad_new_client fields{sizeof(dyad_new_client),    client.given_name.c_str(),
                                   client.family_name.c_str(), client.preferred_name.c_str(),
                                   client.pronouns.c_str(),    client.date_of_birth.c_str(),
                                   client.email.c_str(),       client.phone.c_str(),
                                   client.status.c_str()};
            if (host.core()->create_client(host.raw(), &fields, &id) != DYAD_OK) {
                return stopped("row " + std::to_string(client.row) + ": " +
                               host.core()->last_error(host.raw()));
            }
            created_now.push_back(id);
        }
        if (std::string error = record(db, "records_import_client", *import_id, client.row, id);
            !error.empty()) {
            return stopped("row " + std::to_string(client.row) + ": " + error);
        }
        result.clients.push_back(id);
        if (progress && !progress(result.clients.size(), total)) {
            return cancelled();
        }
    }
    for (std::size_t position = 0; position < plan.units.size(); ++position) {
        const auto& unit = plan.units[position];
        std::vector<std::int64_t> members;
        for (std::size_t index : unit.members) {
            members.push_back(result.clients[index]);
        }
        auto key = static_cast<std::int64_t>(position);
        std::int64_t id = recorded(db, "records_import_unit", *import_id, key);
        if (id == 0) {
            id = orphan_unit(db, members);
        }
        int row = plan.clients[unit.members.front()].row;
        if (id > 0) {
            ++result.resumed;
        } else {
            if (std::string error = record(db, "records_import_unit", *import_id, key, 0);
                !error.empty()) {
                return stopped("row " + std::to_string(row) + ": " + error);
            }
            std::vector<std::string> roles = unit.kind == "individual"
                                                 ? std::vector<std::string>{"self"}
                                                 : default_roles(unit.kind, members.size());
            auto created = create_unit_from_clients(host, unit.kind, members, roles);
            if (!created) {
                return stopped("row " + std::to_string(row) + ": " + created.error());
            }
            id = *created;
        }
        if (std::string error = record(db, "records_import_unit", *import_id, key, id);
            !error.empty()) {
            return stopped("row " + std::to_string(row) + ": " + error);
        }
        result.units.push_back(id);
        if (progress && !progress(result.clients.size() + result.units.size(), total)) {
            return cancelled();
        }
    }
    auto done =
        db.prepare("UPDATE records_import SET finished_at = ?, outcome = 'done' WHERE id = ?");
    done.bind(1, now_utc()).bind(2, *import_id);
    if (done.step() != DYAD_DONE) {
        return stopped("the import could not be marked finished: " + step_error(db, done));
    }
    return result;
}

}  // namespace dyad::records_plugin
