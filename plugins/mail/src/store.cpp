#include "store.h"
#include <dyad/show.hpp>

#include <signal.h>
#include <unistd.h>

#include <time_text.h>
#include <algorithm>
#include <cerrno>
#include <map>

#include "account.h"

namespace dyad::mail {
namespace {

using dyad::datafile::parse_utc;
using dyad::datafile::utc_after;

constexpr const char* kMessageColumns =
    "m.id, m.kind, ifnull(m.appointment_id, 0), ifnull(m.client_id, 0), m.address, "
    "m.about_starts_at, m.previous_starts_at, m.state, m.attempts, m.next_try, m.claimed_by, "
    "m.claimed_at, m.result, m.queued_at, m.sent_at, ifnull(a.unit_id, 0)";

Message read_message(const dyad::sdk::Statement& row) {
    Message m;
    m.id = row.int64(0);
    m.kind = row.text(1);
    m.appointment_id = row.int64(2);
    m.client_id = row.int64(3);
    m.address = row.text(4);
    m.about_starts_at = row.text(5);
    m.previous_starts_at = row.text(6);
    m.state = row.text(7);
    m.attempts = static_cast<int>(row.int64(8));
    m.next_try = row.text(9);
    m.claimed_by = row.text(10);
    m.claimed_at = row.text(11);
    m.result = row.text(12);
    m.queued_at = row.text(13);
    m.sent_at = row.text(14);
    m.unit_id = row.int64(15);
    return m;
}

std::string failed(const dyad::sdk::Statement& statement, const dyad::sdk::Database& db) {
    return statement.ok() ? db.last_error() : statement.error();
}

// Runs a statement to its end; "" when done, else the error.
std::string run(dyad::sdk::Statement& statement, const dyad::sdk::Database& db) {
    return statement.ok() && statement.step() == DYAD_DONE ? std::string() : failed(statement, db);
}

struct Appointment {
    std::int64_t id = 0;
    std::int64_t unit_id = 0;
    std::string starts_at;
    std::string status;
    bool watched = false;
    std::string watched_starts_at;
    std::string watched_status;
};

// Whether the process named by claimed_by ("host:pid") has gone: it ran on this computer
// and no longer does.
bool claimer_gone(const std::string& claimed_by) {
    auto colon = claimed_by.rfind(':');
    if (colon == std::string::npos) {
        return true;
    }
    char name[256] = {};
    gethostname(name, sizeof name - 1);
    if (claimed_by.substr(0, colon) != name) {
        return false;
    }
    long pid = std::strtol(claimed_by.c_str() + colon + 1, nullptr, 10);
    return pid <= 0 || (kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH);
}

}  // namespace

std::string MailStore::claimer() {
    char name[256] = {};
    gethostname(name, sizeof name - 1);
    return std::string(name) + ":" + std::to_string(getpid());
}

void MailStore::audit(const char* action, const std::string& entity, std::int64_t record_id) {
    if (const auto* core = m_host.core()) {
        (void)core->audit(m_host.raw(), action, entity.c_str(), record_id);
    }
}

std::expected<Consent, std::string> MailStore::set_consent(
    std::int64_t client_id, bool reminders, const std::optional<std::string>& address,
    std::optional<bool> joint, std::optional<bool> documents) {
    auto client = m_db.prepare("SELECT ifnull(email, '') FROM core_client WHERE id = ?");
    client.bind(1, client_id);
    if (!client.ok()) {
        return std::unexpected(client.error());
    }
    if (client.step() != DYAD_ROW) {
        return std::unexpected("there is no client " + std::to_string(client_id) +
                               " (or the client is archived)");
    }
    std::string record_email = client.text(0);
    auto before = consent(client_id);
    if (!before) {
        return std::unexpected(before.error());
    }
    Consent next;
    next.client_id = client_id;
    next.reminders = reminders;
    next.own_address = address ? *address : (*before ? (*before)->own_address : std::string());
    next.address = next.own_address.empty() ? record_email : next.own_address;
    next.joint = joint ? *joint : (*before && (*before)->joint);
    next.documents = documents ? *documents : (*before && (*before)->documents);
    next.decided_at = dyad::datafile::now_utc();
    next.decided_by = m_host.signed_in().name;
    if (!next.own_address.empty() && !plausible_address(next.own_address)) {
        return std::unexpected(dyad::show::fill(
            dyad::show::tr("\"{address}\" is not an e-mail address"), "address", next.own_address));
    }
    if ((reminders || next.documents) && !plausible_address(next.address)) {
        return std::unexpected(dyad::show::tr(
            "e-mail needs an address: give one (the client's record has none that can be used)"));
    }
    dyad::sdk::Transaction transaction(m_db);
    if (!transaction.error().empty()) {
        return std::unexpected(transaction.error());
    }
    auto write = m_db.prepare(
        "INSERT INTO mail_consent (client_id, reminders, address, joint, documents, decided_at, "
        "decided_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (client_id) DO UPDATE SET "
        "reminders = ?2, address = ?3, joint = ?4, documents = ?5, decided_at = ?6, "
        "decided_by = ?7");
    write.bind(1, client_id)
        .bind(2, reminders ? 1 : 0)
        .bind(3, next.own_address)
        .bind(4, next.joint ? 1 : 0)
        .bind(5, next.documents ? 1 : 0)
        .bind(6, next.decided_at)
        .bind(7, next.decided_by);
    if (auto error = run(write, m_db); !error.empty()) {
        return std::unexpected(error);
    }
    // What is no longer allowed is withdrawn now: reminders and notices, documents.
    auto withdraw = m_db.prepare(
        "UPDATE mail_message SET state = 'withdrawn', result = 'the client withdrew consent' "
        "WHERE client_id = ?1 AND state IN ('queued', 'retry') AND ((kind = 'document' AND ?2 = "
        "0) OR (kind <> 'document' AND ?3 = 0))");
    withdraw.bind(1, client_id).bind(2, next.documents ? 1 : 0).bind(3, reminders ? 1 : 0);
    if (auto error = run(withdraw, m_db); !error.empty()) {
        return std::unexpected(error);
    }
    if (auto error = drop_settled_documents(); !error.empty()) {
        return std::unexpected(error);
    }
    audit("update",
          std::string("consent:") + (reminders ? "yes" : "no") + ":documents-" +
              (next.documents ? "yes" : "no"),
          client_id);
    if (auto error = transaction.commit(); !error.empty()) {
        return std::unexpected(error);
    }
    return next;
}

std::string MailStore::drop_settled_documents() {
    auto drop = m_db.prepare(
        "DELETE FROM mail_attachment WHERE message_id IN (SELECT id FROM mail_message WHERE "
        "state IN ('sent', 'withdrawn', 'dismissed'))");
    return run(drop, m_db);
}

std::expected<std::optional<Consent>, std::string> MailStore::consent(std::int64_t client_id) {
    auto read = m_db.prepare(
        "SELECT c.reminders, c.address, c.joint, c.documents, c.decided_at, c.decided_by, "
        "ifnull(k.email, '') FROM mail_consent c LEFT JOIN core_client k ON k.id = c.client_id "
        "WHERE c.client_id = ?");
    read.bind(1, client_id);
    if (!read.ok()) {
        return std::unexpected(read.error());
    }
    if (read.step() != DYAD_ROW) {
        return std::optional<Consent>();
    }
    Consent found;
    found.client_id = client_id;
    found.reminders = read.int64(0) != 0;
    found.own_address = read.text(1);
    found.address = found.own_address.empty() ? read.text(6) : found.own_address;
    found.joint = read.int64(2) != 0;
    found.documents = read.int64(3) != 0;
    found.decided_at = read.text(4);
    found.decided_by = read.text(5);
    return found;
}

std::expected<PlanReport, std::string> MailStore::plan(const std::string& now_utc, int hours_before,
                                                       int horizon_days) {
    std::string horizon = utc_after(now_utc, static_cast<long long>(horizon_days) * 86400);
    if (horizon.empty()) {
        return std::unexpected("\"" + now_utc + "\" is not a UTC time");
    }
    dyad::sdk::Transaction transaction(m_db);
    if (!transaction.error().empty()) {
        return std::unexpected(transaction.error());
    }
    // The sessions ahead, and every watched one still ahead by the time it had (it may have
    // moved out of the horizon or been cancelled).
    auto select = m_db.prepare(
        "SELECT a.id, a.unit_id, a.starts_at, a.status, w.appointment_id IS NOT NULL, "
        "ifnull(w.starts_at, ''), ifnull(w.status, '') FROM core_appointment a "
        "LEFT JOIN mail_watch w ON w.appointment_id = a.id "
        "WHERE (a.starts_at > ?1 AND a.starts_at < ?2) OR w.starts_at > ?1 ORDER BY a.starts_at");
    select.bind(1, now_utc).bind(2, horizon);
    if (!select.ok()) {
        return std::unexpected(select.error());
    }
    std::vector<Appointment> appointments;
    while (select.step() == DYAD_ROW) {
        appointments.push_back({select.int64(0), select.int64(1), select.text(2), select.text(3),
                                select.int64(4) != 0, select.text(5), select.text(6)});
    }
    auto recipients = m_db.prepare(
        "SELECT c.client_id FROM mail_consent c JOIN core_unit_member m ON m.client_id = "
        "c.client_id JOIN core_client k ON k.id = c.client_id WHERE m.unit_id = ? AND "
        "c.reminders = 1 AND ifnull(nullif(c.address, ''), ifnull(k.email, '')) <> '' "
        "ORDER BY c.client_id");
    // Once per appointment, client, kind and time: a row that was withdrawn (the session came
    // back, consent was given again) is queued again; a notice is queued again for each change
    // the planner sees (a session cancelled, restored and cancelled again), never a reminder
    // that went.
    auto enqueue = m_db.prepare(
        "INSERT INTO mail_message (id, kind, appointment_id, client_id, address, "
        "about_starts_at, previous_starts_at, state, next_try, queued_at) SELECT ?1, ?2, ?3, ?4, "
        "ifnull(nullif(c.address, ''), k.email), ?5, ?6, 'queued', ?7, ?8 FROM mail_consent c "
        "JOIN core_client k ON k.id = c.client_id WHERE c.client_id = ?4 "
        "ON CONFLICT (appointment_id, client_id, kind, about_starts_at) WHERE appointment_id IS "
        "NOT NULL DO UPDATE SET state = 'queued', attempts = 0, result = '', claimed_by = '', "
        "claimed_at = '', sent_at = '', next_try = excluded.next_try, previous_starts_at = "
        "excluded.previous_starts_at, queued_at = excluded.queued_at, address = excluded.address "
        "WHERE mail_message.state = 'withdrawn' OR (mail_message.kind <> 'reminder' AND "
        "mail_message.state IN ('sent', 'failed', 'dismissed'))");
    auto retime = m_db.prepare(
        "UPDATE mail_message SET next_try = ?3 WHERE appointment_id = ?1 AND kind = 'reminder' "
        "AND about_starts_at = ?2 AND state = 'queued' AND next_try <> ?3");
    auto withdraw_other = m_db.prepare(
        "UPDATE mail_message SET state = 'withdrawn', result = ?3 WHERE appointment_id = ?1 AND "
        "kind = 'reminder' AND about_starts_at <> ?2 AND state IN ('queued', 'retry')");
    auto watch = m_db.prepare(
        "INSERT INTO mail_watch (appointment_id, starts_at, status) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (appointment_id) DO UPDATE SET starts_at = ?2, status = ?3");
    PlanReport report;
    auto queue = [&](const Appointment& a, const char* kind, const std::string& previous,
                     const std::string& due) -> std::string {
        recipients.reset();
        recipients.bind(1, a.unit_id);
        std::vector<std::int64_t> clients;
        while (recipients.step() == DYAD_ROW) {
            clients.push_back(recipients.int64(0));
        }
        if (!recipients.ok()) {
            return recipients.error();
        }
        for (std::int64_t client : clients) {
            enqueue.reset();
            enqueue.bind(1, m_db.new_id())
                .bind(2, kind)
                .bind(3, a.id)
                .bind(4, client)
                .bind(5, a.starts_at)
                .bind(6, previous)
                .bind(7, due)
                .bind(8, now_utc);
            if (auto error = run(enqueue, m_db); !error.empty()) {
                return error;
            }
            if (m_db.changes() > 0) {
                ++(std::string(kind) == "reminder" ? report.reminders : report.notices);
            }
        }
        return {};
    };
    for (const auto& a : appointments) {
        bool ahead = a.starts_at > now_utc;
        bool was_scheduled = a.watched && a.watched_status == "scheduled";
        std::string error;
        if (was_scheduled && a.status == "cancelled" && ahead) {
            error = queue(a, "cancellation", "", now_utc);
        } else if (was_scheduled && a.status == "scheduled" && a.watched_starts_at != a.starts_at &&
                   ahead) {
            error = queue(a, "reschedule", a.watched_starts_at, now_utc);
        }
        if (error.empty()) {
            // Reminders queued for another time, or for a session that no longer happens.
            withdraw_other.reset();
            withdraw_other.bind(1, a.id)
                .bind(2, a.status == "scheduled" ? a.starts_at : std::string())
                .bind(3, a.status == "scheduled" ? std::string("the session has a new time")
                                                 : "the session is " + a.status);
            error = run(withdraw_other, m_db);
            report.withdrawn += static_cast<int>(error.empty() ? m_db.changes() : 0);
        }
        if (error.empty() && a.status == "scheduled" && ahead) {
            std::string due = std::max(now_utc, utc_after(a.starts_at, -3600LL * hours_before));
            error = queue(a, "reminder", "", due);
            if (error.empty()) {
                retime.reset();
                retime.bind(1, a.id).bind(2, a.starts_at).bind(3, due);
                error = run(retime, m_db);
            }
        }
        if (error.empty()) {
            watch.reset();
            watch.bind(1, a.id).bind(2, a.starts_at).bind(3, a.status);
            error = run(watch, m_db);
        }
        if (!error.empty()) {
            return std::unexpected(error);
        }
    }
    auto no_consent = m_db.prepare(
        "UPDATE mail_message SET state = 'withdrawn', result = 'no consent to e-mail' WHERE "
        "state IN ('queued', 'retry') AND kind NOT IN ('test', 'document') AND client_id NOT IN "
        "(SELECT client_id FROM mail_consent WHERE reminders = 1)");
    if (auto error = run(no_consent, m_db); !error.empty()) {
        return std::unexpected(error);
    }
    report.withdrawn += static_cast<int>(m_db.changes());
    if (auto error = transaction.commit(); !error.empty()) {
        return std::unexpected(error);
    }
    return report;
}

std::string MailStore::document_address(std::int64_t client_id, std::string* reason) {
    auto found = consent(client_id);
    if (!found) {
        *reason = found.error();
        return {};
    }
    if (!*found || !(*found)->documents || (*found)->address.empty()) {
        *reason =
            "the client has not agreed to documents by e-mail (their Reminders tab, or dyadctl "
            "mail consent CLIENT yes|no --documents yes)";
        return {};
    }
    return (*found)->address;
}

std::expected<std::int64_t, std::string> MailStore::queue_document(
    std::int64_t client_id, const std::string& title, const std::string& file_name,
    const std::vector<std::uint8_t>& pdf, const std::string& now_utc) {
    constexpr std::size_t kMaxPdf = 10 * 1024 * 1024;
    static const std::string kMagic = "%PDF-";
    if (pdf.size() < kMagic.size() || !std::equal(kMagic.begin(), kMagic.end(), pdf.begin())) {
        return std::unexpected("the document is not a PDF");
    }
    if (pdf.size() > kMaxPdf) {
        return std::unexpected("the document is over 10 MiB: too large to e-mail");
    }
    if (title.empty() || title.size() > 120 || title.find_first_of("\r\n") != std::string::npos) {
        return std::unexpected("the document's title must be one line of at most 120 bytes");
    }
    if (file_name.size() < 5 || file_name.size() > 100 ||
        file_name.substr(file_name.size() - 4) != ".pdf" ||
        file_name.find_first_of("/\\\"\r\n") != std::string::npos) {
        return std::unexpected("the document's file name must end in .pdf, without folders");
    }
    std::string reason;
    std::string address = document_address(client_id, &reason);
    if (address.empty()) {
        return std::unexpected(reason);
    }
    dyad::sdk::Transaction transaction(m_db);
    if (!transaction.error().empty()) {
        return std::unexpected(transaction.error());
    }
    std::int64_t id = m_db.new_id();
    auto insert = m_db.prepare(
        "INSERT INTO mail_message (id, kind, client_id, address, state, next_try, queued_at) "
        "VALUES (?1, 'document', ?2, ?3, 'queued', ?4, ?4)");
    insert.bind(1, id).bind(2, client_id).bind(3, address).bind(4, now_utc);
    if (auto error = run(insert, m_db); !error.empty()) {
        return std::unexpected(error);
    }
    auto keep = m_db.prepare(
        "INSERT INTO mail_attachment (message_id, title, file_name, content) VALUES (?, ?, ?, ?)");
    keep.bind(1, id).bind(2, title).bind(3, file_name).bind_blob(4, pdf.data(), pdf.size());
    if (auto error = run(keep, m_db); !error.empty()) {
        return std::unexpected(error);
    }
    audit("create", "document:" + address, id);
    if (auto error = transaction.commit(); !error.empty()) {
        return std::unexpected(error);
    }
    return id;
}

std::expected<std::optional<MailStore::Attachment>, std::string> MailStore::attachment(
    std::int64_t message_id) {
    auto select =
        m_db.prepare("SELECT title, file_name, content FROM mail_attachment WHERE message_id = ?");
    select.bind(1, message_id);
    if (!select.ok()) {
        return std::unexpected(select.error());
    }
    if (select.step() != DYAD_ROW) {
        return std::optional<Attachment>();
    }
    return Attachment{select.text(0), select.text(1), select.blob(2)};
}

std::expected<std::int64_t, std::string> MailStore::queue_test(const std::string& address,
                                                               const std::string& now_utc) {
    if (!plausible_address(address)) {
        return std::unexpected("\"" + address + "\" is not an e-mail address");
    }
    std::int64_t id = m_db.new_id();
    auto insert = m_db.prepare(
        "INSERT INTO mail_message (id, kind, address, state, next_try, queued_at) VALUES (?1, "
        "'test', ?2, 'queued', ?3, ?3)");
    insert.bind(1, id).bind(2, address).bind(3, now_utc);
    if (auto error = run(insert, m_db); !error.empty()) {
        return std::unexpected(error);
    }
    return id;
}

std::expected<std::vector<Message>, std::string> MailStore::messages(std::int64_t unit_id,
                                                                     const std::string& state,
                                                                     int limit) {
    auto select = m_db.prepare(
        (std::string("SELECT ") + kMessageColumns +
         " FROM mail_message m LEFT JOIN core_appointment a ON a.id = m.appointment_id WHERE "
         "(?1 = 0 OR a.unit_id = ?1 OR (m.kind = 'document' AND m.client_id IN (SELECT "
         "client_id FROM core_unit_member WHERE unit_id = ?1))) AND (?2 = '' OR m.state = ?2) "
         "ORDER BY m.queued_at DESC, "
         "m.about_starts_at DESC, m.id LIMIT ?3")
            .c_str());
    select.bind(1, unit_id).bind(2, state).bind(3, limit);
    if (!select.ok()) {
        return std::unexpected(select.error());
    }
    std::vector<Message> found;
    while (select.step() == DYAD_ROW) {
        found.push_back(read_message(select));
    }
    return found;
}

std::expected<std::vector<Message>, std::string> MailStore::of_appointment(
    std::int64_t appointment_id) {
    auto select = m_db.prepare((std::string("SELECT ") + kMessageColumns +
                                " FROM mail_message m LEFT JOIN core_appointment a ON a.id = "
                                "m.appointment_id WHERE m.appointment_id = ? ORDER BY m.queued_at")
                                   .c_str());
    select.bind(1, appointment_id);
    if (!select.ok()) {
        return std::unexpected(select.error());
    }
    std::vector<Message> found;
    while (select.step() == DYAD_ROW) {
        found.push_back(read_message(select));
    }
    return found;
}

std::expected<std::optional<Message>, std::string> MailStore::message(std::int64_t id) {
    auto select = m_db.prepare((std::string("SELECT ") + kMessageColumns +
                                " FROM mail_message m LEFT JOIN core_appointment a ON a.id = "
                                "m.appointment_id WHERE m.id = ?")
                                   .c_str());
    select.bind(1, id);
    if (!select.ok()) {
        return std::unexpected(select.error());
    }
    if (select.step() != DYAD_ROW) {
        return std::optional<Message>();
    }
    return read_message(select);
}

std::expected<int, std::string> MailStore::recover_interrupted(const std::string& now_utc) {
    auto sending = messages(0, "sending");
    if (!sending) {
        return std::unexpected(sending.error());
    }
    std::string stale = utc_after(now_utc, -15 * 60);
    int recovered = 0;
    for (const auto& m : *sending) {
        if (m.claimed_by == claimer() || (!claimer_gone(m.claimed_by) && m.claimed_at > stale)) {
            continue;
        }
        auto done = set_state(m.id, "('sending')", "unknown",
                              "the send was interrupted after the message went to the mail "
                              "server: it may have been sent",
                              "");
        if (!done) {
            return std::unexpected(done.error());
        }
        audit("export", m.kind + ":" + m.address + ":unknown",
              m.appointment_id != 0 ? m.appointment_id : m.id);
        ++recovered;
    }
    return recovered;
}

std::expected<std::vector<Message>, std::string> MailStore::due(const std::string& now_utc) {
    auto select = m_db.prepare((std::string("SELECT ") + kMessageColumns +
                                " FROM mail_message m LEFT JOIN core_appointment a ON a.id = "
                                "m.appointment_id WHERE m.state IN ('queued', 'retry') AND "
                                "m.next_try <= ? ORDER BY m.next_try, m.queued_at, m.id")
                                   .c_str());
    select.bind(1, now_utc);
    if (!select.ok()) {
        return std::unexpected(select.error());
    }
    std::vector<Message> found;
    while (select.step() == DYAD_ROW) {
        found.push_back(read_message(select));
    }
    return found;
}

std::expected<bool, std::string> MailStore::claim(std::int64_t id, const std::string& now_utc) {
    auto update = m_db.prepare(
        "UPDATE mail_message SET state = 'sending', attempts = attempts + 1, claimed_by = ?2, "
        "claimed_at = ?3 WHERE id = ?1 AND state IN ('queued', 'retry') AND next_try <= ?3");
    update.bind(1, id).bind(2, claimer()).bind(3, now_utc);
    if (auto error = run(update, m_db); !error.empty()) {
        return std::unexpected(error);
    }
    return m_db.changes() == 1;
}

std::expected<void, std::string> MailStore::set_state(std::int64_t id, const char* from_states,
                                                      const std::string& state,
                                                      const std::string& result,
                                                      const std::string& next_try) {
    auto update = m_db.prepare(
        (std::string("UPDATE mail_message SET state = ?2, result = ?3, next_try = "
                     "CASE WHEN ?4 = '' THEN next_try ELSE ?4 END WHERE id = ?1 AND state IN ") +
         from_states)
            .c_str());
    update.bind(1, id).bind(2, state).bind(3, result).bind(4, next_try);
    if (auto error = run(update, m_db); !error.empty()) {
        return std::unexpected(error);
    }
    if (m_db.changes() != 1) {
        return std::unexpected("message " + std::to_string(id) + " is not in a state for that");
    }
    return {};
}

std::expected<void, std::string> MailStore::finish(const Message& message, const std::string& state,
                                                   const std::string& result,
                                                   const std::string& next_try,
                                                   const std::string& now_utc) {
    dyad::sdk::Transaction transaction(m_db);
    if (!transaction.error().empty()) {
        return std::unexpected(transaction.error());
    }
    if (auto done = set_state(message.id, "('sending')", state, result, next_try); !done) {
        return done;
    }
    auto address = m_db.prepare("UPDATE mail_message SET address = ? WHERE id = ?");
    address.bind(1, message.address).bind(2, message.id);
    if (auto error = run(address, m_db); !error.empty()) {
        return std::unexpected(error);
    }
    if (state == "sent") {
        auto stamp = m_db.prepare("UPDATE mail_message SET sent_at = ? WHERE id = ?");
        stamp.bind(1, now_utc).bind(2, message.id);
        auto drop = m_db.prepare("DELETE FROM mail_attachment WHERE message_id = ?");
        drop.bind(1, message.id);
        for (auto* statement : {&stamp, &drop}) {
            if (auto error = run(*statement, m_db); !error.empty()) {
                return std::unexpected(error);
            }
        }
    }
    audit("export", message.kind + ":" + message.address + ":" + state,
          message.appointment_id != 0 ? message.appointment_id : message.id);
    if (auto error = transaction.commit(); !error.empty()) {
        return std::unexpected(error);
    }
    return {};
}

std::expected<void, std::string> MailStore::withdraw(std::int64_t id, const std::string& reason) {
    if (auto done = set_state(id, "('queued', 'retry')", "withdrawn", reason, ""); !done) {
        return done;
    }
    if (auto error = drop_settled_documents(); !error.empty()) {
        return std::unexpected(error);
    }
    return {};
}

std::expected<void, std::string> MailStore::retry(std::int64_t id, const std::string& now_utc) {
    auto found = message(id);
    if (!found || !*found) {
        return std::unexpected(found ? "there is no message " + std::to_string(id) : found.error());
    }
    if (!(*found)->about_starts_at.empty() && (*found)->about_starts_at <= now_utc) {
        return std::unexpected("the session of message " + std::to_string(id) +
                               " has already begun");
    }
    if (auto done = set_state(id, "('failed', 'unknown')", "queued",
                              "sent again at the therapist's request", now_utc);
        !done) {
        return done;
    }
    auto fresh = m_db.prepare("UPDATE mail_message SET attempts = 0 WHERE id = ?");
    fresh.bind(1, id);
    if (auto error = run(fresh, m_db); !error.empty()) {
        return std::unexpected(error);
    }
    audit("update", (*found)->kind + ":" + (*found)->address + ":retry",
          (*found)->appointment_id != 0 ? (*found)->appointment_id : id);
    return {};
}

std::expected<void, std::string> MailStore::dismiss(std::int64_t id) {
    auto found = message(id);
    if (!found || !*found) {
        return std::unexpected(found ? "there is no message " + std::to_string(id) : found.error());
    }
    if (auto done =
            set_state(id, "('failed', 'unknown', 'withdrawn')", "dismissed", (*found)->result, "");
        !done) {
        return done;
    }
    audit("update", (*found)->kind + ":" + (*found)->address + ":dismissed",
          (*found)->appointment_id != 0 ? (*found)->appointment_id : id);
    return {};
}

std::expected<std::string, std::string> MailStore::appointment_state(std::int64_t appointment_id) {
    auto found = of_appointment(appointment_id);
    if (!found) {
        return std::unexpected(found.error());
    }
    const std::pair<const char*, const char*> order[] = {{"unknown", "may have been sent"},
                                                         {"failed", "failed"},
                                                         {"sending", "sending"},
                                                         {"retry", "retrying"},
                                                         {"queued", "queued"},
                                                         {"sent", "sent"}};
    for (const auto& [state, words] : order) {
        for (const auto& m : *found) {
            if (m.state == state) {
                return std::string(words);
            }
        }
    }
    return std::string();
}

std::expected<std::map<std::string, int>, std::string> MailStore::counts() {
    auto select = m_db.prepare("SELECT state, count(*) FROM mail_message GROUP BY state");
    if (!select.ok()) {
        return std::unexpected(select.error());
    }
    std::map<std::string, int> found;
    while (select.step() == DYAD_ROW) {
        found[select.text(0)] = static_cast<int>(select.int64(1));
    }
    return found;
}

}  // namespace dyad::mail
