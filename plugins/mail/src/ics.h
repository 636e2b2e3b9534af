// The calendar attachment of a reminder or notice (RFC 5545): one VEVENT in UTC, its UID the
// appointment's UUID so that a calendar updates or cancels the event it already holds. It
// carries the same facts as the message and nothing more (no session type, no note, no
// diagnosis). No wx here. Thread: any.
#pragma once

#include <string>

namespace dyad::mail {

struct CalendarEvent {
    std::string uid;         // "<appointment uuid>@dyad".
    std::string starts_utc;  // "YYYY-MM-DDTHH:MM:SSZ".
    std::string ends_utc;
    std::string stamp_utc;  // When the message was made.
    std::string summary;    // "Appointment with Dr. Maya Lind".
    std::string location;   // "" for none.
    std::string organizer_name;
    std::string organizer_address;
    int sequence = 0;        // Grows with each message about the event (RFC 5545 3.8.7.4).
    bool cancelled = false;  // METHOD:CANCEL, STATUS:CANCELLED.
};

// The VCALENDAR text with CRLF line ends, lines folded at 75 octets (never inside a UTF-8
// character), text values escaped (\\ \; \, \n).
std::string calendar_text(const CalendarEvent& event);

// "20261208T140000Z" from "2026-12-08T14:00:00Z"; "" when malformed.
std::string ics_time(const std::string& utc);

}  // namespace dyad::mail
