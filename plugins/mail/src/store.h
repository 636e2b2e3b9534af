// What dyad.mail keeps: each client's consent and address, the outbox of reminders and
// notices, and what the planner last saw of each appointment. Every write is one transaction
// and audited (consent by client, sends by recipient address and kind: never the words).
// Thread: main (database). No wx here.
#pragma once

#include <dyad/db.hpp>
#include <dyad/plugin.hpp>

#include <cstdint>
#include <expected>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace dyad::mail {

struct Consent {
    std::int64_t client_id = 0;
    bool reminders = false;
    std::string address;      // Where messages go now: own_address, else the record's e-mail.
    std::string own_address;  // The address given for e-mail ("": the client record's).
    bool joint = false;       // Agrees to reminders naming the partner(s) who come too.
    bool documents = false;   // Agrees to documents (invoices, superbills) by e-mail.
    std::string decided_at;
    std::string decided_by;
};

struct Message {
    std::int64_t id = 0;
    std::string kind;  // "reminder", "cancellation", "reschedule", "test", "document".
    std::int64_t appointment_id = 0;
    std::int64_t client_id = 0;
    std::string address;
    std::string about_starts_at;     // The appointment time the message is about (UTC).
    std::string previous_starts_at;  // reschedule: the time it had before.
    // "queued", "sending", "sent", "retry" (a temporary failure: tried again at next_try),
    // "failed" (permanent: result says why), "unknown" (interrupted while the server may have
    // taken it: never sent again by itself), "withdrawn" (no longer wanted: result says why),
    // "dismissed" (the therapist settled a failed or unknown one).
    std::string state;
    int attempts = 0;
    std::string next_try;  // UTC.
    std::string claimed_by;
    std::string claimed_at;
    std::string result;
    std::string queued_at;
    std::string sent_at;
    std::int64_t unit_id = 0;  // The appointment's unit (0 for a test message).
};

// What one planning pass did.
struct PlanReport {
    int reminders = 0;  // Newly queued.
    int notices = 0;    // Cancellation and reschedule notices queued.
    int withdrawn = 0;  // Queued messages no longer wanted.
};

class MailStore {
  public:
    explicit MailStore(dyad::sdk::Host host) : m_host(host), m_db(host) {}

    // Consent: reminders yes/no; address (nullopt keeps the stored one; "" means the e-mail on
    // the client's record, followed when it changes); joint and documents (nullopt keeps them).
    // Refused for an unknown or archived client, and for reminders or documents without a
    // plausible address. Withdrawing consent withdraws the client's queued messages (and drops
    // their documents) in the same transaction.
    std::expected<Consent, std::string> set_consent(std::int64_t client_id, bool reminders,
                                                    const std::optional<std::string>& address,
                                                    std::optional<bool> joint,
                                                    std::optional<bool> documents = std::nullopt);
    std::expected<std::optional<Consent>, std::string> consent(std::int64_t client_id);

    // Queues what is wanted as of now_utc (one transaction): for each scheduled appointment
    // from now to horizon_days ahead, a reminder per consenting member due hours_before its
    // start (now when that has passed); a cancellation notice when an appointment seen
    // scheduled is now cancelled, a reschedule notice when it has a new time (both only for
    // sessions still ahead); queued reminders withdrawn for sessions that no longer happen at
    // that time or for clients without consent. A reminder goes once per appointment, client
    // and time (a unique index: two planners at once queue it once).
    std::expected<PlanReport, std::string> plan(const std::string& now_utc, int hours_before,
                                                int horizon_days = 14);

    // A document the therapist chose to send to a client (a PDF: "%PDF-" at most 10 MiB, with its
    // title and file name), queued to go now to the client's consent address. Refused without
    // the client's consent to e-mail. The PDF is kept until the message is sent or dismissed.
    std::expected<std::int64_t, std::string> queue_document(std::int64_t client_id,
                                                            const std::string& title,
                                                            const std::string& file_name,
                                                            const std::vector<std::uint8_t>& pdf,
                                                            const std::string& now_utc);
    struct Attachment {
        std::string title;
        std::string file_name;
        std::vector<std::uint8_t> content;
    };
    std::expected<std::optional<Attachment>, std::string> attachment(std::int64_t message_id);
    // Where a document for the client would go: their address when they agreed to documents by
    // e-mail, else "" (why in *reason).
    std::string document_address(std::int64_t client_id, std::string* reason);

    // A test message to address, queued to go now.
    std::expected<std::int64_t, std::string> queue_test(const std::string& address,
                                                        const std::string& now_utc);

    // Messages, newest first: all (unit_id 0) or of one unit; states filters ("" for all).
    std::expected<std::vector<Message>, std::string> messages(std::int64_t unit_id = 0,
                                                              const std::string& state = "",
                                                              int limit = 500);
    std::expected<std::vector<Message>, std::string> of_appointment(std::int64_t appointment_id);
    std::expected<std::optional<Message>, std::string> message(std::int64_t id);

    // Marks "sending" rows whose claimer is gone (a process on this computer that no longer
    // runs, or a claim older than 15 minutes) "unknown": the message may have been sent.
    std::expected<int, std::string> recover_interrupted(const std::string& now_utc);
    // Due messages (queued or retry, next_try <= now), oldest first.
    std::expected<std::vector<Message>, std::string> due(const std::string& now_utc);
    // Takes a due message for this process ("sending", attempts + 1, committed before anything
    // goes out); false when another process took it first or it is no longer due.
    std::expected<bool, std::string> claim(std::int64_t id, const std::string& now_utc);
    // Records how a claimed send ended and audits it ("export", "mail:<kind>:<address>:<state>",
    // the appointment id or, for a test, the message id).
    std::expected<void, std::string> finish(const Message& message, const std::string& state,
                                            const std::string& result, const std::string& next_try,
                                            const std::string& now_utc);
    // Sets a queued/retry message aside before sending (the appointment changed, no consent).
    std::expected<void, std::string> withdraw(std::int64_t id, const std::string& reason);
    // The therapist's decision on a failed or "may have been sent" message: send it again now
    // ("retry", attempts counted afresh) or settle it ("dismiss", also a withdrawn one; a
    // document's PDF is then dropped). Audited.
    std::expected<void, std::string> retry(std::int64_t id, const std::string& now_utc);
    std::expected<void, std::string> dismiss(std::int64_t id);

    // The appointment's messages summed up for the schedule: "may have been sent", "failed",
    // "retrying", "queued" or "sent" (the first that applies to any of them), "" for none.
    std::expected<std::string, std::string> appointment_state(std::int64_t appointment_id);
    // How many messages are in each state (for the Home card).
    std::expected<std::map<std::string, int>, std::string> counts();

    // "host:pid" of this process, as written in claimed_by.
    static std::string claimer();

    const dyad::sdk::Host& host() const { return m_host; }
    dyad::sdk::Database& db() { return m_db; }

  private:
    std::expected<void, std::string> set_state(std::int64_t id, const char* from_states,
                                               const std::string& state, const std::string& result,
                                               const std::string& next_try);
    void audit(const char* action, const std::string& entity, std::int64_t record_id);
    // Deletes the PDFs of documents that were sent, withdrawn or dismissed; "" or the error.
    std::string drop_settled_documents();

    dyad::sdk::Host m_host;
    dyad::sdk::Database m_db;
};

}  // namespace dyad::mail
