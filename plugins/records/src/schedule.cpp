#include "schedule.h"
#include <dyad/show.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>

#include "notes.h"  // is_session_date

namespace dyad::records_plugin {
namespace {

std::string format_utc(std::time_t time) {
    std::tm parts{};
    gmtime_r(&time, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return text;
}

std::expected<std::time_t, std::string> parse_utc(const std::string& utc) {
    std::tm parts{};
    if (utc.size() != 20 ||
        std::sscanf(utc.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ", &parts.tm_year, &parts.tm_mon,
                    &parts.tm_mday, &parts.tm_hour, &parts.tm_min, &parts.tm_sec) != 6) {
        return std::unexpected("not a UTC time: " + utc);
    }
    parts.tm_year -= 1900;
    parts.tm_mon -= 1;
    return timegm(&parts);
}

// Local wall clock fields from "YYYY-MM-DD HH:MM"; tm_isdst = -1 lets mktime decide. Digits
// only where digits belong: sscanf alone would take " 1", "+1" and "-1" as numbers.
std::expected<std::tm, std::string> parse_local(const std::string& local) {
    std::tm parts{};
    int hour = 0;
    int minute = 0;
    auto digits = [&](std::size_t at) {
        return std::isdigit(static_cast<unsigned char>(local[at])) != 0 &&
               std::isdigit(static_cast<unsigned char>(local[at + 1])) != 0;
    };
    // Years from 1900 to 9998: UTC stays a four-digit year (and away from local mean time).
    if (local.size() != 16 || local[10] != ' ' || local[13] != ':' || !digits(11) || !digits(14) ||
        !is_session_date(local.substr(0, 10)) || local.compare(0, 4, "1900") < 0 ||
        local.compare(0, 4, "9998") > 0 ||
        std::sscanf(local.c_str() + 11, "%2d:%2d", &hour, &minute) != 2 || hour > 23 ||
        minute > 59) {
        return std::unexpected(
            dyad::show::tr("The start is not a valid date and time (expected YYYY-MM-DD HH:MM)."));
    }
    std::sscanf(local.c_str(), "%4d-%2d-%2d", &parts.tm_year, &parts.tm_mon, &parts.tm_mday);
    parts.tm_year -= 1900;
    parts.tm_mon -= 1;
    parts.tm_hour = hour;
    parts.tm_min = minute;
    parts.tm_isdst = -1;
    return parts;
}

std::string escape_text(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '\\' || c == ';' || c == ',') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (c != '\r') {
            out += c;
        }
    }
    return out;
}

// Folds a content line at 75 octets (continuation lines start with a space), never inside a
// UTF-8 sequence.
std::string fold(const std::string& line) {
    std::string out;
    std::size_t column = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        auto byte = static_cast<unsigned char>(line[i]);
        std::size_t length = byte < 0x80    ? 1
                             : byte >= 0xF0 ? 4
                             : byte >= 0xE0 ? 3
                             : byte >= 0xC0 ? 2
                                            : 1;
        if (column + length > 75) {
            out += "\r\n ";
            column = 1;
        }
        out.append(line, i, length);
        column += length;
        i += length - 1;
    }
    return out + "\r\n";
}

std::string ics_time(const std::string& utc) {
    std::string out;
    for (char c : utc) {
        if (c != '-' && c != ':') {
            out += c;
        }
    }
    return out;  // 20261126T150000Z
}

const char* session_summary(const std::string& type) {
    if (type == "couple") {
        return "Couple session";
    }
    if (type == "family") {
        return "Family session";
    }
    if (type == "group") {
        return "Group session";
    }
    if (type == "intake") {
        return "Intake session";
    }
    return "Individual session";
}

}  // namespace

std::expected<std::string, std::string> local_to_utc(const std::string& local) {
    auto parts = parse_local(local);
    if (!parts) {
        return std::unexpected(parts.error());
    }
    std::time_t time = std::mktime(&*parts);
    if (time == -1) {
        return std::unexpected(dyad::show::tr("The start time does not exist in this time zone."));
    }
    return format_utc(time);
}

std::string utc_to_local(const std::string& utc) {
    auto time = parse_utc(utc);
    if (!time) {
        return utc;
    }
    std::tm parts{};
    localtime_r(&*time, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", &parts);
    return text;
}

std::expected<std::vector<Occurrence>, std::string> expand_series(const std::string& first_start,
                                                                  int duration_minutes,
                                                                  Repeat repeat, int count) {
    if (duration_minutes < 5 || duration_minutes > 480) {
        return std::unexpected(dyad::show::tr("A session lasts between 5 minutes and 8 hours."));
    }
    if (count < 1 || count > 104 || (repeat == Repeat::None && count != 1)) {
        return std::unexpected(dyad::show::tr("A series has 1 to 104 sessions."));
    }
    auto first = parse_local(first_start);
    if (!first) {
        return std::unexpected(first.error());
    }
    int step_days = repeat == Repeat::Weekly ? 7 : repeat == Repeat::Biweekly ? 14 : 0;
    std::vector<Occurrence> occurrences;
    for (int i = 0; i < count; ++i) {
        std::tm parts = *first;
        parts.tm_mday += i * step_days;  // mktime normalises the date, in local time.
        parts.tm_isdst = -1;
        std::time_t start = std::mktime(&parts);
        if (start == -1) {
            return std::unexpected(
                dyad::show::tr("A session time does not exist in this time zone."));
        }
        occurrences.push_back(
            {format_utc(start),
             format_utc(start + static_cast<std::time_t>(duration_minutes) * 60)});
    }
    return occurrences;
}

std::string to_icalendar(const std::vector<CalendarEvent>& events, const std::string& stamp_utc) {
    std::string out = fold("BEGIN:VCALENDAR") + fold("VERSION:2.0") +
                      fold("PRODID:-//Dyad//Practice schedule//EN") + fold("CALSCALE:GREGORIAN");
    for (const auto& event : events) {
        out += fold("BEGIN:VEVENT");
        out += fold("UID:" + event.uid + "@dyad");
        out += fold("DTSTAMP:" + ics_time(stamp_utc));
        out += fold("DTSTART:" + ics_time(event.starts_at));
        out += fold("DTEND:" + ics_time(event.ends_at));
        out += fold("SUMMARY:" + escape_text(session_summary(event.session_type)));
        std::string where = event.telehealth ? "Telehealth" : event.location;
        if (!where.empty()) {
            out += fold("LOCATION:" + escape_text(where));
        }
        out += fold(
            std::string("STATUS:") +
            (event.status == "cancelled" || event.status == "no_show" ? "CANCELLED" : "CONFIRMED"));
        out += fold("TRANSP:OPAQUE");
        out += fold("END:VEVENT");
    }
    return out + fold("END:VCALENDAR");
}

std::expected<std::string, std::string> week_start(const std::string& local_date, int week_offset) {
    auto parts = parse_local(local_date + " 12:00");  // Noon: never a daylight-saving gap.
    if (!parts) {
        return std::unexpected("not a valid date: " + local_date);
    }
    std::tm day = *parts;
    std::mktime(&day);  // Fills tm_wday.
    day.tm_mday -= (day.tm_wday + 6) % 7 - week_offset * 7;
    day.tm_isdst = -1;
    std::mktime(&day);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &day);
    return std::string(text);
}

std::pair<std::string, std::string> week_range_utc(const std::string& monday) {
    auto from = local_to_utc(monday + " 00:00");
    auto next = week_start(monday, 1);
    auto to = next ? local_to_utc(*next + " 00:00") : std::expected<std::string, std::string>();
    return {from ? *from : std::string(), to ? *to : std::string()};
}

std::vector<DayColumn> group_by_day(const std::string& monday,
                                    const std::vector<CalendarEvent>& events) {
    std::vector<DayColumn> days;
    auto first = parse_local(monday + " 12:00");
    for (int i = 0; first && i < 7; ++i) {
        std::tm day = *first;
        day.tm_mday += i;
        day.tm_isdst = -1;
        std::mktime(&day);
        char text[16];
        std::strftime(text, sizeof text, "%Y-%m-%d", &day);
        days.push_back({text, {}});
    }
    for (const auto& event : events) {
        std::string local_date = utc_to_local(event.starts_at).substr(0, 10);
        for (auto& day : days) {
            if (day.date == local_date) {
                day.events.push_back(event);
            }
        }
    }
    for (auto& day : days) {
        std::sort(day.events.begin(), day.events.end(),
                  [](const auto& a, const auto& b) { return a.starts_at < b.starts_at; });
    }
    return days;
}

std::expected<std::vector<std::int64_t>, std::string> ScheduleStore::book(const Booking& booking) {
    auto occurrences =
        expand_series(booking.first_start, booking.duration_minutes, booking.repeat, booking.count);
    if (!occurrences) {
        return std::unexpected(occurrences.error());
    }
    const dyad_core_v1* core = m_host.core();
    // A therapist cannot be in two sessions at once: refuse an overlap before booking anything.
    for (const auto& occurrence : *occurrences) {
        auto start = parse_utc(occurrence.starts_at);
        std::string window_start = start ? format_utc(*start - 12 * 3600) : occurrence.starts_at;
        struct Overlap {
            const Occurrence* wanted;
            std::string clash;
        } overlap{&occurrence, {}};
        core->list_appointments(
            m_host.raw(), window_start.c_str(), occurrence.ends_at.c_str(),
            [](void* user, const dyad_appointment_info* info) {
                auto* check = static_cast<Overlap*>(user);
                std::string status = info->status;
                bool active = status != "cancelled" && status != "no_show";
                if (active && info->starts_at < check->wanted->ends_at &&
                    check->wanted->starts_at < std::string(info->ends_at)) {
                    check->clash = info->starts_at;
                    return 1;
                }
                return 0;
            },
            &overlap);
        if (!overlap.clash.empty()) {
            std::string words = dyad::show::tr(
                "The session on {when} overlaps another session ({clash}); nothing was booked.");
            words = dyad::show::fill(words, "when", utc_to_local(occurrence.starts_at));
            return std::unexpected(dyad::show::fill(words, "clash", utc_to_local(overlap.clash)));
        }
    }
    std::vector<std::int64_t> ids;
    for (const auto& occurrence : *occurrences) {
        dyad_new_appointment fields{};
        fields.struct_size = sizeof fields;
        fields.unit_id = booking.unit_id;
        fields.starts_at = occurrence.starts_at.c_str();
        fields.ends_at = occurrence.ends_at.c_str();
        fields.session_type = booking.session_type.c_str();
        fields.location = booking.location.c_str();
        fields.telehealth = booking.telehealth ? 1 : 0;
        std::int64_t id = 0;
        if (core->create_appointment(m_host.raw(), &fields, &id) != DYAD_OK) {
            std::string error = core->last_error(m_host.raw());
            // Sessions already booked are cancelled, so the schedule never holds half a series.
            for (std::int64_t booked : ids) {
                (void)set_status(booked, "cancelled");
            }
            return std::unexpected(
                ids.empty() ? error
                            : dyad::show::fill(dyad::show::tr("{why} (the sessions booked before "
                                                              "it were cancelled)"),
                                               "why", error));
        }
        ids.push_back(id);
    }
    if (booking.repeat == Repeat::None) {
        return ids;
    }
    if (std::string error = m_db.begin(); !error.empty()) {
        return std::unexpected(error);
    }
    std::int64_t series = m_db.new_id();
    auto insert = m_db.prepare(
        "INSERT INTO records_series (id, unit_id, repeat, created_at) VALUES (?, ?, ?, "
        "strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))");
    insert.bind(1, series)
        .bind(2, booking.unit_id)
        .bind(3, booking.repeat == Repeat::Weekly ? "weekly" : "biweekly");
    bool written = insert.step() == DYAD_DONE;
    for (std::size_t i = 0; written && i < ids.size(); ++i) {
        auto member = m_db.prepare(
            "INSERT INTO records_series_member (series_id, appointment_id, position) VALUES "
            "(?, ?, ?)");
        member.bind(1, series).bind(2, ids[i]).bind(3, static_cast<std::int64_t>(i + 1));
        written = member.step() == DYAD_DONE;
    }
    if (!written) {
        std::string error = m_db.last_error();
        (void)m_db.rollback();
        return std::unexpected(error);
    }
    if (std::string error = m_db.commit(); !error.empty()) {
        return std::unexpected(error);
    }
    return ids;
}

std::expected<Session, std::string> ScheduleStore::session(std::int64_t appointment_id) {
    Session result;
    int code = m_host.core()->get_appointment(
        m_host.raw(), appointment_id,
        [](void* user, const dyad_appointment_info* info) {
            auto* target = static_cast<Session*>(user);
            target->appointment_id = info->id;
            target->uuid = info->uuid;
            target->unit_id = info->unit_id;
            target->starts_at = info->starts_at;
            target->ends_at = info->ends_at;
            target->session_type = info->session_type;
            target->location = info->location;
            target->telehealth = info->telehealth != 0;
            target->status = info->status;
            return 0;
        },
        &result);
    if (code != DYAD_OK) {
        return std::unexpected(m_host.core()->last_error(m_host.raw()));
    }
    auto series =
        m_db.prepare("SELECT series_id FROM records_series_member WHERE appointment_id = ?");
    series.bind(1, appointment_id);
    if (series.step() == DYAD_ROW) {
        result.series_id = series.int64(0);
    }
    return result;
}

std::expected<void, std::string> ScheduleStore::set_status(std::int64_t appointment_id,
                                                           const std::string& status) {
    auto current = session(appointment_id);
    if (!current) {
        return std::unexpected(current.error());
    }
    dyad_new_appointment fields{sizeof(dyad_new_appointment),  current->unit_id,
                                current->starts_at.c_str(),    current->ends_at.c_str(),
                                current->session_type.c_str(), current->location.c_str(),
                                current->telehealth ? 1 : 0};
    if (m_host.core()->update_appointment(m_host.raw(), appointment_id, &fields, status.c_str()) !=
        DYAD_OK) {
        return std::unexpected(m_host.core()->last_error(m_host.raw()));
    }
    return {};
}

std::expected<int, std::string> ScheduleStore::move(std::int64_t appointment_id,
                                                    const std::string& new_start, Scope scope) {
    auto current = session(appointment_id);
    if (!current) {
        return std::unexpected(current.error());
    }
    auto old_start = parse_utc(current->starts_at);
    auto old_end = parse_utc(current->ends_at);
    auto new_local = parse_local(new_start);
    if (!old_start || !old_end || !new_local) {
        return std::unexpected(!new_local ? new_local.error() : std::string("damaged appointment"));
    }
    auto all = targets(appointment_id, scope);
    if (!all) {
        return std::unexpected(all.error());
    }
    // Later sessions move by as many calendar days as this one and take its new time of day.
    std::tm old_local{};
    localtime_r(&*old_start, &old_local);
    auto day_number = [](const std::tm& date) {
        std::tm midnight{};
        midnight.tm_year = date.tm_year;
        midnight.tm_mon = date.tm_mon;
        midnight.tm_mday = date.tm_mday;
        return static_cast<long>(timegm(&midnight) / 86400);
    };
    int day_shift = static_cast<int>(day_number(*new_local) - day_number(old_local));
    int moved = 0;
    for (const auto& target : *all) {
        auto target_start = parse_utc(target.starts_at);
        auto target_end = parse_utc(target.ends_at);
        if (!target_start || !target_end) {
            return std::unexpected("damaged appointment");
        }
        std::tm parts{};
        localtime_r(&*target_start, &parts);
        parts.tm_mday += day_shift;
        parts.tm_hour = new_local->tm_hour;
        parts.tm_min = new_local->tm_min;
        parts.tm_isdst = -1;
        std::time_t start = std::mktime(&parts);
        std::string starts_at = format_utc(start);
        std::string ends_at = format_utc(start + (*target_end - *target_start));
        dyad_new_appointment fields{sizeof(dyad_new_appointment),
                                    target.unit_id,
                                    starts_at.c_str(),
                                    ends_at.c_str(),
                                    target.session_type.c_str(),
                                    target.location.c_str(),
                                    target.telehealth ? 1 : 0};
        if (m_host.core()->update_appointment(m_host.raw(), target.appointment_id, &fields,
                                              target.status.c_str()) != DYAD_OK) {
            return std::unexpected(m_host.core()->last_error(m_host.raw()));
        }
        ++moved;
    }
    return moved;
}

std::expected<std::vector<Session>, std::string> ScheduleStore::targets(std::int64_t appointment_id,
                                                                        Scope scope) {
    auto current = session(appointment_id);
    if (!current) {
        return std::unexpected(current.error());
    }
    std::vector<Session> result = {*current};
    if (scope == Scope::ThisAndLater && current->series_id != 0) {
        auto later = m_db.prepare(
            "SELECT appointment_id FROM records_series_member WHERE series_id = ? AND "
            "position > (SELECT position FROM records_series_member WHERE appointment_id = "
            "?) ORDER BY position");
        later.bind(1, current->series_id).bind(2, appointment_id);
        while (later.step() == DYAD_ROW) {
            auto next = session(later.int64(0));
            if (!next) {
                return std::unexpected(next.error());
            }
            result.push_back(*next);
        }
    }
    return result;
}

std::expected<int, std::string> ScheduleStore::change_details(std::int64_t appointment_id,
                                                              const std::string& session_type,
                                                              const std::string& location,
                                                              bool telehealth, Scope scope) {
    auto all = targets(appointment_id, scope);
    if (!all) {
        return std::unexpected(all.error());
    }
    int changed = 0;
    for (const auto& target : *all) {
        std::string where = telehealth ? std::string() : location;
        dyad_new_appointment fields{sizeof(dyad_new_appointment),
                                    target.unit_id,
                                    target.starts_at.c_str(),
                                    target.ends_at.c_str(),
                                    session_type.c_str(),
                                    where.c_str(),
                                    telehealth ? 1 : 0};
        if (m_host.core()->update_appointment(m_host.raw(), target.appointment_id, &fields,
                                              target.status.c_str()) != DYAD_OK) {
            return std::unexpected(m_host.core()->last_error(m_host.raw()));
        }
        ++changed;
    }
    return changed;
}

std::expected<std::vector<Session>, std::string> ScheduleStore::sessions(std::int64_t unit_id) {
    auto ids = m_db.prepare("SELECT id FROM core_appointment WHERE unit_id = ? ORDER BY starts_at");
    ids.bind(1, unit_id);
    std::vector<std::int64_t> appointment_ids;
    int code = DYAD_ROW;
    while ((code = ids.step()) == DYAD_ROW) {
        appointment_ids.push_back(ids.int64(0));
    }
    if (code != DYAD_DONE) {
        return std::unexpected(m_db.last_error());
    }
    std::vector<Session> result;
    for (std::int64_t id : appointment_ids) {
        auto one = session(id);
        if (!one) {
            return std::unexpected(one.error());
        }
        result.push_back(std::move(*one));
    }
    return result;
}

std::expected<std::vector<CalendarEvent>, std::string> ScheduleStore::calendar(
    const std::string& from_utc, const std::string& to_utc) {
    struct Collected {
        std::vector<CalendarEvent> events;
    } collected;
    int code = m_host.core()->list_appointments(
        m_host.raw(), from_utc.c_str(), to_utc.c_str(),
        [](void* user, const dyad_appointment_info* info) {
            static_cast<Collected*>(user)->events.push_back(
                {info->uuid, info->starts_at, info->ends_at, info->session_type, info->location,
                 info->telehealth != 0, info->status, info->unit_id});
            return 0;
        },
        &collected);
    if (code != DYAD_OK) {
        return std::unexpected(m_host.core()->last_error(m_host.raw()));
    }
    return collected.events;
}

}  // namespace dyad::records_plugin
