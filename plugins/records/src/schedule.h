// Appointments of a client unit: booking single sessions or weekly / every-other-week series
// (repeated in local time, so a 5 pm session stays at 5 pm across daylight-saving changes),
// attendance, moving one session or the rest of a series, and an iCalendar (RFC 5545) export
// of the therapist's schedule that carries no clinical detail and no client names.
// Core appointments are written through dyad.core/1; the series is the plugin's. No wx here.
#pragma once

#include <dyad/db.hpp>
#include <dyad/plugin.hpp>

#include <cstdint>
#include <expected>
#include <string>
#include <vector>

namespace dyad::records_plugin {

enum class Repeat { None = 1, Weekly, Biweekly };

struct Occurrence {
    std::string starts_at;  // UTC "YYYY-MM-DDTHH:MM:SSZ".
    std::string ends_at;
};

// The local wall-clock time "YYYY-MM-DD HH:MM" as UTC, using the process's time zone.
std::expected<std::string, std::string> local_to_utc(const std::string& local);
// A UTC time as local "YYYY-MM-DD HH:MM".
std::string utc_to_local(const std::string& utc);

// Every occurrence of a series starting at local first_start: count sessions of
// duration_minutes, one a week or every other week, each at the same local time of day.
std::expected<std::vector<Occurrence>, std::string> expand_series(const std::string& first_start,
                                                                  int duration_minutes,
                                                                  Repeat repeat, int count);

struct Booking {
    std::int64_t unit_id = 0;
    std::string first_start;  // Local "YYYY-MM-DD HH:MM".
    int duration_minutes = 50;
    std::string session_type = "couple";
    std::string location;  // "" for telehealth.
    bool telehealth = false;
    Repeat repeat = Repeat::None;
    int count = 1;
};

struct Session {
    std::int64_t appointment_id = 0;
    std::string uuid;
    std::int64_t unit_id = 0;
    std::string starts_at;
    std::string ends_at;
    std::string session_type;
    std::string location;
    bool telehealth = false;
    std::string status;
    std::int64_t series_id = 0;  // 0 when not part of a series.
};

// One calendar event of the export: what a calendar shows, and nothing clinical.
struct CalendarEvent {
    std::string uid;
    std::string starts_at;
    std::string ends_at;
    std::string session_type;
    std::string location;
    bool telehealth = false;
    std::string status;
    std::int64_t unit_id = 0;  // For the week view; never written to the .ics file.
};

// RFC 5545 text: CRLF line ends, lines folded at 75 octets, text escaped. The summary says
// only the kind of session ("Couple session"); no names, no notes.
std::string to_icalendar(const std::vector<CalendarEvent>& events, const std::string& stamp_utc);

// The Monday of the week holding the local date "YYYY-MM-DD", moved by week_offset weeks.
std::expected<std::string, std::string> week_start(const std::string& local_date, int week_offset);

struct DayColumn {
    std::string date;  // Local "YYYY-MM-DD".
    std::vector<CalendarEvent> events;
};

// Seven columns, Monday to Sunday from monday (local date), with the events whose local start
// falls on each day, in time order. Also returns the UTC range to ask the host for.
std::vector<DayColumn> group_by_day(const std::string& monday,
                                    const std::vector<CalendarEvent>& events);
std::pair<std::string, std::string> week_range_utc(const std::string& monday);

class ScheduleStore {
  public:
    explicit ScheduleStore(dyad::sdk::Host host) : m_host(host), m_db(host) {}

    // Books every session of the booking; all are checked before the first is written.
    std::expected<std::vector<std::int64_t>, std::string> book(const Booking& booking);
    std::expected<void, std::string> set_status(std::int64_t appointment_id,
                                                const std::string& status);
    // Moves the session to the local time new_start (same duration); with the rest of the
    // series, every later session of its series moves by the same amount of days and to the
    // same time of day.
    enum class Scope { ThisOne = 1, ThisAndLater };
    std::expected<int, std::string> move(std::int64_t appointment_id, const std::string& new_start,
                                         Scope scope);
    // Changes the session type and where it happens, for this session or this and the later
    // sessions of its series; times stay.
    std::expected<int, std::string> change_details(std::int64_t appointment_id,
                                                   const std::string& session_type,
                                                   const std::string& location, bool telehealth,
                                                   Scope scope);
    std::expected<std::vector<Session>, std::string> sessions(std::int64_t unit_id);
    std::expected<std::vector<CalendarEvent>, std::string> calendar(const std::string& from_utc,
                                                                    const std::string& to_utc);

  private:
    std::expected<Session, std::string> session(std::int64_t appointment_id);
    // The session and, for ThisAndLater, the later sessions of its series, in order.
    std::expected<std::vector<Session>, std::string> targets(std::int64_t appointment_id,
                                                             Scope scope);

    dyad::sdk::Host m_host;
    dyad::sdk::Database m_db;
};

}  // namespace dyad::records_plugin
