// One outbox row made into the message that goes out: the recipient's words from the templates
// (date, time, place, therapist, their own name, and the partner's only with everyone's joint
// consent) and the calendar attachment. Read from the database on the main thread; what it
// returns is plain data that any thread may send. No wx here.
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <vector>

#include "account.h"
#include "store.h"
#include "templates.h"

namespace dyad::mail {

struct Outgoing {
    Message message;
    std::string to;
    std::string subject;
    std::string body;
    std::string calendar;  // "" for a test message or a document.
    // A document's PDF (empty otherwise) and its file name.
    std::vector<std::uint8_t> attachment;
    std::string attachment_name;
    std::string message_id;  // "<uuid@dyad>"
};

// Why a message is no longer wanted (withdrawn with this reason), or the reason it cannot be
// made (a broken template: failed).
struct NotWanted {
    bool withdraw = true;
    std::string reason;
};

// The message for an outbox row as of now_utc. Withdrawn (NotWanted) when the client no longer
// consents, the session no longer happens at that time (reminder, reschedule), or it has begun.
std::expected<Outgoing, NotWanted> compose(MailStore& store, const Message& message,
                                           const MailAccount& account, const TemplateSet& templates,
                                           const std::string& now_utc);

// "Tuesday 8 December 2026" / "martes 8 de diciembre de 2026" and "14:00", local time.
std::string date_words(const std::string& utc, const std::string& language);
std::string time_words(const std::string& utc);

}  // namespace dyad::mail
