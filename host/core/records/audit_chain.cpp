// Read with docs/audit-chain.md beside it.
#include "records/audit_chain.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <utility>

#include "util/ids.h"

namespace dyad::records {
namespace {

constexpr char kMagic[] = "DyadAudit1";
constexpr unsigned char kHeadMagic[8] = {'D', 'y', 'a', 'd', 'A', 'H', 'd', '1'};
constexpr std::size_t kHeadSize = 112;

void add_field(crypto_generichash_state& state, const std::optional<std::string>& value) {
    unsigned char length[4];
    std::uint32_t n = value ? static_cast<std::uint32_t>(value->size()) : 0xFFFFFFFFu;
    for (int i = 0; i < 4; ++i) {
        length[i] = static_cast<unsigned char>(n >> (8 * i));
    }
    crypto_generichash_update(&state, length, 4);
    if (value) {
        crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(value->data()),
                                  value->size());
    }
}

std::optional<std::string> decimal(const std::optional<std::int64_t>& value) {
    return value ? std::optional<std::string>(std::to_string(*value)) : std::nullopt;
}

struct StoredRow {
    AuditRow row;
    bool has_seq = false;
    std::optional<std::string> hash;
};

AuditRow read_row(db::Statement& statement, int first) {
    AuditRow row;
    row.uuid = statement.text(first);
    row.at = statement.text(first + 1);
    row.actor = statement.text(first + 2);
    row.action = statement.text(first + 3);
    row.entity = statement.text(first + 4);
    row.entity_id = statement.optional_int64(first + 5);
    row.detail = statement.optional_text(first + 6);
    return row;
}

constexpr const char* kColumns = "uuid, at, actor, action, entity, entity_id, detail";

bool from_hex(const std::string& text, AuditHash& hash) {
    std::size_t length = 0;
    return text.size() == 64 &&
           sodium_hex2bin(hash.data(), hash.size(), text.data(), text.size(), nullptr, &length,
                          nullptr) == 0 &&
           length == hash.size();
}

std::string describe(const AuditRow& row) {
    return "entry #" + std::to_string(row.seq) + " (" + row.at + ", " + row.action + " " +
           row.entity + " by " + row.actor + ")";
}

// Bytes 0-79 of the head, and its MAC.
std::array<unsigned char, kHeadSize> head_bytes(std::int64_t seq, const AuditHash& hash,
                                                const crypto::PracticeKey* key) {
    std::array<unsigned char, kHeadSize> bytes{};
    std::memcpy(bytes.data(), kHeadMagic, 8);
    for (int i = 0; i < 8; ++i) {
        bytes[8 + static_cast<std::size_t>(i)] =
            static_cast<unsigned char>(static_cast<std::uint64_t>(seq) >> (8 * i));
    }
    std::memcpy(bytes.data() + 16, hash.data(), 32);
    if (key != nullptr) {
        std::memcpy(bytes.data() + 48, key->salt.data(), key->salt.size());
        auto mac_key = key->data_key.derive(3, "DyadAudt");
        if (mac_key) {
            crypto_generichash(bytes.data() + 80, 32, bytes.data(), 80, mac_key->data(), 32);
        }
    } else {
        crypto_generichash(bytes.data() + 80, 32, bytes.data(), 80, nullptr, 0);
    }
    return bytes;
}

// The head entry's seq and hash from a head file's bytes (kHeadSize of them).
std::pair<std::int64_t, AuditHash> head_fields(const std::string& bytes) {
    std::uint64_t seq = 0;
    for (int i = 7; i >= 0; --i) {
        seq = (seq << 8) | static_cast<unsigned char>(bytes[8 + static_cast<std::size_t>(i)]);
    }
    AuditHash hash{};
    std::memcpy(hash.data(), bytes.data() + 16, hash.size());
    return {static_cast<std::int64_t>(seq), hash};
}

}  // namespace

AuditHash audit_entry_hash(const AuditHash& previous, const AuditRow& row) {
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, 32);
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(kMagic),
                              sizeof kMagic - 1);
    crypto_generichash_update(&state, previous.data(), previous.size());
    add_field(state, std::to_string(row.seq));
    add_field(state, row.uuid);
    add_field(state, row.at);
    add_field(state, row.actor);
    add_field(state, row.action);
    add_field(state, row.entity);
    add_field(state, decimal(row.entity_id));
    add_field(state, row.detail);
    AuditHash hash{};
    crypto_generichash_final(&state, hash.data(), hash.size());
    return hash;
}

std::string hex(const AuditHash& hash) {
    char text[65];
    sodium_bin2hex(text, sizeof text, hash.data(), hash.size());
    return text;
}

std::string audit_head_path(const std::string& database_path) {
    return database_path + ".audit-head";
}

Status append_audit_entry(db::Connection& connection, AuditRow row) {
    auto transaction = db::Transaction::begin(connection);
    if (!transaction) {
        return std::unexpected(transaction.error());
    }
    auto last = connection.cached(
        "SELECT seq, hash FROM dyad_audit WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1");
    if (!last) {
        return std::unexpected(last.error());
    }
    AuditHash previous{};
    row.seq = 1;
    auto found = last->step();
    if (!found) {
        return std::unexpected(found.error());
    }
    if (*found) {
        row.seq = last->int64(0) + 1;
        if (!from_hex(last->text(1), previous)) {
            return fail(ErrorCode::Corrupt,
                        "the audit trail's last entry has no valid hash; run "
                        "dyadctl audit verify");
        }
    }
    last->reset();
    auto insert = connection.cached(
        "INSERT INTO dyad_audit (id, uuid, at, actor, action, entity, entity_id, detail, seq, "
        "hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!insert) {
        return std::unexpected(insert.error());
    }
    insert->bind(1, new_record_id())
        .bind(2, row.uuid)
        .bind(3, row.at)
        .bind(4, row.actor)
        .bind(5, row.action)
        .bind(6, row.entity)
        .bind(7, row.entity_id)
        .bind(8, row.detail)
        .bind(9, row.seq)
        .bind(10, hex(audit_entry_hash(previous, row)));
    DYAD_TRY(insert->run());
    return transaction->commit();
}

Status chain_unchained_entries(db::Connection& connection) {
    // Two index lookups, not a scan of the trail: chaining is one transaction, so either every
    // numbered entry has its hash or the newest one lacks it too; entries without seq (from
    // before it existed) are found through the seq index.
    auto newest_unchained = connection.query_int64(
        "SELECT hash IS NULL FROM dyad_audit WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1");
    auto unnumbered_left = connection.query_int64(
        "SELECT count(*) FROM (SELECT 1 FROM dyad_audit WHERE seq IS "
        "NULL LIMIT 1)");
    if (!newest_unchained || !unnumbered_left) {
        return std::unexpected(!newest_unchained ? newest_unchained.error()
                                                 : unnumbered_left.error());
    }
    bool pending = (*newest_unchained && **newest_unchained == 1) ||
                   (*unnumbered_left && **unnumbered_left > 0);
    if (!pending) {
        return ok();
    }
    auto transaction = db::Transaction::begin(connection);
    if (!transaction) {
        return std::unexpected(transaction.error());
    }
    // Entries from before seq existed go first, by time and id, numbered down from the first.
    auto first = connection.query_int64("SELECT min(seq) FROM dyad_audit");
    std::int64_t next = first && *first ? **first : 1;
    auto unnumbered =
        connection.prepare("SELECT id FROM dyad_audit WHERE seq IS NULL ORDER BY at DESC, id DESC");
    if (!unnumbered) {
        return std::unexpected(unnumbered.error());
    }
    auto ids = db::collect_rows(*unnumbered, [](db::Statement& s) { return s.int64(0); });
    if (!ids) {
        return std::unexpected(ids.error());
    }
    for (std::int64_t id : *ids) {
        auto number = connection.cached("UPDATE dyad_audit SET seq = ? WHERE id = ?");
        DYAD_TRY(number->bind(1, --next).bind(2, id).run());
    }
    auto rows = connection.prepare(std::string("SELECT seq, hash, ") + kColumns +
                                   ", id FROM dyad_audit ORDER BY seq");
    if (!rows) {
        return std::unexpected(rows.error());
    }
    AuditHash previous{};
    while (true) {
        auto row = rows->step();
        if (!row) {
            return std::unexpected(row.error());
        }
        if (!*row) {
            break;
        }
        AuditRow entry = read_row(*rows, 2);
        entry.seq = rows->int64(0);
        if (!rows->is_null(1)) {
            if (!from_hex(rows->text(1), previous)) {
                return fail(ErrorCode::Corrupt,
                            "the audit trail has an invalid hash at " + describe(entry));
            }
            continue;
        }
        previous = audit_entry_hash(previous, entry);
        auto set = connection.cached("UPDATE dyad_audit SET hash = ? WHERE id = ?");
        DYAD_TRY(set->bind(1, hex(previous)).bind(2, rows->int64(9)).run());
    }
    return transaction->commit();
}

Status write_audit_head(db::Connection& connection, const std::string& head_path,
                        const crypto::PracticeKey* key) {
    auto last = connection.prepare(
        "SELECT seq, hash FROM dyad_audit WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1");
    if (!last) {
        return std::unexpected(last.error());
    }
    auto found = last->step();
    if (!found) {
        return std::unexpected(found.error());
    }
    std::int64_t seq = 0;
    AuditHash hash{};
    if (*found && (last->is_null(1) || !from_hex(last->text(1), hash))) {
        return fail(ErrorCode::Corrupt, "the audit trail's last entry has no valid hash");
    }
    if (*found) {
        seq = last->int64(0);
    }
    auto bytes = head_bytes(seq, hash, key);
    std::string temporary = head_path + ".writing";
    int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        return fail(ErrorCode::Io, "cannot write " + head_path);
    }
    bool written = ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()) &&
                   ::fsync(fd) == 0;
    ::close(fd);
    if (!written || ::rename(temporary.c_str(), head_path.c_str()) != 0) {
        ::unlink(temporary.c_str());
        return fail(ErrorCode::Io, "cannot write " + head_path + " (is the disk full?)");
    }
    return ok();
}

Result<ChainReport> verify_audit_chain(db::Connection& connection, const std::string& head_path,
                                       const crypto::PracticeKey* key) {
    auto rows = connection.prepare(std::string("SELECT seq, hash, ") + kColumns +
                                   " FROM dyad_audit ORDER BY seq IS NULL DESC, seq");
    if (!rows) {
        return std::unexpected(rows.error());
    }
    std::vector<StoredRow> stored;
    while (true) {
        auto row = rows->step();
        if (!row) {
            return std::unexpected(row.error());
        }
        if (!*row) {
            break;
        }
        StoredRow entry;
        entry.row = read_row(*rows, 2);
        entry.has_seq = !rows->is_null(0);
        entry.row.seq = entry.has_seq ? rows->int64(0) : 0;
        entry.hash = rows->optional_text(1);
        stored.push_back(std::move(entry));
    }
    ChainReport report;
    report.entries = static_cast<std::int64_t>(stored.size());
    auto broken = [&](std::string problem) {
        report.intact = false;
        report.problem = std::move(problem);
        return report;
    };
    std::vector<AuditHash> hashes(stored.size());
    for (std::size_t i = 0; i < stored.size(); ++i) {
        const auto& entry = stored[i];
        if (!entry.has_seq || !entry.hash || !from_hex(*entry.hash, hashes[i])) {
            return broken("an entry was inserted outside Dyad (it has no place in the chain): " +
                          entry.row.at + ", " + entry.row.action + " " + entry.row.entity + " by " +
                          entry.row.actor);
        }
    }
    // Whether `row`, put at position i (its seq and the stored hash before it), gives the hash
    // stored at i.
    auto fits_at = [&](AuditRow row, std::size_t i) {
        if (i >= stored.size()) {
            return false;
        }
        row.seq = stored[i].row.seq;
        AuditHash previous = i == 0 ? AuditHash{} : hashes[i - 1];
        return audit_entry_hash(previous, row) == hashes[i];
    };
    for (std::size_t i = 0; i < stored.size(); ++i) {
        const AuditRow& row = stored[i].row;
        if (i > 0 && row.seq != stored[i - 1].row.seq + 1) {
            std::int64_t from = stored[i - 1].row.seq + 1;
            std::int64_t to = row.seq - 1;
            return broken(from == to ? "entry #" + std::to_string(from) + " was deleted"
                                     : "entries #" + std::to_string(from) + " to #" +
                                           std::to_string(to) + " were deleted");
        }
        if (fits_at(row, i)) {
            continue;
        }
        // Its own stored hash is right for another position (another seq after another
        // stored hash): entries were reordered.
        std::size_t low = i > 20 ? i - 20 : 0;
        std::size_t high = std::min(stored.size(), i + 21);
        for (std::size_t j = low; j < high; ++j) {
            for (std::size_t k = low; j != i && k < high; ++k) {
                AuditRow moved = row;
                moved.seq = stored[j].row.seq;
                if (audit_entry_hash(hashes[k], moved) == hashes[i]) {
                    return broken(describe(row) + " was moved: it was written as #" +
                                  std::to_string(moved.seq) + " (entries were reordered)");
                }
            }
        }
        if (i + 1 < stored.size()) {
            // The next entry's content belongs here: this one was put in between.
            AuditRow next = stored[i + 1].row;
            next.seq = row.seq;
            AuditHash previous = i == 0 ? AuditHash{} : hashes[i - 1];
            if (audit_entry_hash(previous, next) == hashes[i + 1]) {
                return broken(describe(row) + " was inserted (it is not part of the chain)");
            }
        }
        return broken(describe(row) + " was edited after it was written");
    }
    // The head kept apart: the chain must reach it, with the same hash.
    std::ifstream in(head_path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), {});
    if (!in && bytes.empty()) {
        report.notes.push_back("no head file (" + head_path +
                               "): truncation could not be checked; it is written when the "
                               "practice closes");
        return report;
    }
    if (bytes.size() != kHeadSize || std::memcmp(bytes.data(), kHeadMagic, 8) != 0) {
        return broken("the audit head file " + head_path + " is damaged or not Dyad's");
    }
    auto [head_seq, head_hash] = head_fields(bytes);
    auto expected = head_bytes(head_seq, head_hash, key);
    if (sodium_memcmp(expected.data(), bytes.data(), kHeadSize) != 0) {
        return broken("the audit head file " + head_path +
                      " does not authenticate: it was altered, or belongs to another practice");
    }
    if (head_seq == 0 && head_hash == AuditHash{}) {
        return report;  // Recorded when the log was empty: anything since is after it.
    }
    for (std::size_t i = 0; i < stored.size(); ++i) {
        if (stored[i].row.seq == head_seq) {
            if (hashes[i] != head_hash) {
                return broken("entry #" + std::to_string(head_seq) +
                              " is not the one recorded as the last (the log was rewritten)");
            }
            return report;
        }
    }
    std::int64_t last = stored.empty() ? 0 : stored.back().row.seq;
    return broken("the log was cut short or an older copy put back: it ends at #" +
                  std::to_string(last) + " but reached #" + std::to_string(head_seq));
}

Result<std::string> advance_audit_head(db::Connection& connection, const std::string& head_path,
                                       const crypto::PracticeKey* key) {
    std::ifstream in(head_path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), {});
    if (bytes.size() == kHeadSize) {
        auto [seq, head_hash] = head_fields(bytes);
        auto at = connection.prepare("SELECT hash FROM dyad_audit WHERE seq = ?");
        if (!at) {
            return std::unexpected(at.error());
        }
        at->bind(1, seq);
        auto found = at->step();
        bool reaches = found && *found && !at->is_null(0) && at->text(0) == hex(head_hash);
        if (seq != 0 && !reaches) {
            return std::string("the audit trail no longer reaches its recorded last entry #") +
                   std::to_string(seq) + "; run dyadctl audit verify";
        }
    }
    DYAD_TRY(write_audit_head(connection, head_path, key));
    return std::string();
}

}  // namespace dyad::records
