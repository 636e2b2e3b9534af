#include "ics.h"

namespace dyad::mail {
namespace {

std::string escaped(const std::string& text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '\\':
                out += "\\\\";
                break;
            case ';':
                out += "\\;";
                break;
            case ',':
                out += "\\,";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                break;
            default:
                out += c;
        }
    }
    return out;
}

// One content line, folded: at most 75 octets per physical line, a continuation starts with a
// space, and a fold never splits a UTF-8 sequence.
void add_line(std::string& out, const std::string& line) {
    std::size_t at = 0;
    std::size_t limit = 75;
    while (line.size() - at > limit) {
        std::size_t cut = at + limit;
        while (cut > at && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) {
            --cut;
        }
        if (cut == at) {
            cut = at + limit;  // Not UTF-8 (a run of continuation bytes): cut where it falls.
        }
        out += line.substr(at, cut - at) + "\r\n ";
        at = cut;
        limit = 74;  // The leading space counts.
    }
    out += line.substr(at) + "\r\n";
}

}  // namespace

std::string ics_time(const std::string& utc) {
    if (utc.size() != 20 || utc[4] != '-' || utc[7] != '-' || utc[10] != 'T' || utc[13] != ':' ||
        utc[16] != ':' || utc[19] != 'Z') {
        return {};
    }
    return utc.substr(0, 4) + utc.substr(5, 2) + utc.substr(8, 2) + "T" + utc.substr(11, 2) +
           utc.substr(14, 2) + utc.substr(17, 2) + "Z";
}

std::string calendar_text(const CalendarEvent& event) {
    std::string out;
    add_line(out, "BEGIN:VCALENDAR");
    add_line(out, "VERSION:2.0");
    add_line(out, "PRODID:-//Dyad//Appointment reminders//EN");
    add_line(out, event.cancelled ? "METHOD:CANCEL" : "METHOD:PUBLISH");
    add_line(out, "BEGIN:VEVENT");
    add_line(out, "UID:" + escaped(event.uid));
    add_line(out, "DTSTAMP:" + ics_time(event.stamp_utc));
    add_line(out, "DTSTART:" + ics_time(event.starts_utc));
    add_line(out, "DTEND:" + ics_time(event.ends_utc));
    add_line(out, "SEQUENCE:" + std::to_string(event.sequence));
    add_line(out, "SUMMARY:" + escaped(event.summary));
    if (!event.location.empty()) {
        add_line(out, "LOCATION:" + escaped(event.location));
    }
    if (!event.organizer_address.empty()) {
        std::string name = event.organizer_name;
        for (char& c : name) {
            if (c == '"' || c == ';' || c == ':' || c == ',') {
                c = ' ';
            }
        }
        add_line(out, "ORGANIZER;CN=\"" + name + "\":mailto:" + event.organizer_address);
    }
    add_line(out, event.cancelled ? "STATUS:CANCELLED" : "STATUS:CONFIRMED");
    add_line(out, "END:VEVENT");
    add_line(out, "END:VCALENDAR");
    return out;
}

}  // namespace dyad::mail
