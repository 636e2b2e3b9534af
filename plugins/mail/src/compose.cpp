#include "compose.h"

#include <time_text.h>

#include <algorithm>
#include <map>
#include <vector>

#include "ics.h"

namespace dyad::mail {
namespace {

struct Session {
    std::string uuid;
    std::int64_t unit_id = 0;
    std::string starts_at;
    std::string ends_at;
    std::string location;
    bool telehealth = false;
    std::string status;
    std::string practitioner;
};

struct Person {
    std::int64_t id = 0;
    std::string name;  // Preferred, else given.
    bool consents = false;
    bool joint = false;
    std::string address;  // Their consent's, as it is now.
};

std::optional<Session> read_session(dyad::sdk::Database& db, std::int64_t id) {
    auto select = db.prepare(
        "SELECT a.uuid, a.unit_id, a.starts_at, a.ends_at, ifnull(a.location, ''), a.telehealth, "
        "a.status, ifnull(p.full_name, '') FROM core_appointment a LEFT JOIN core_practitioner p "
        "ON p.id = a.practitioner_id WHERE a.id = ?");
    select.bind(1, id);
    if (select.step() != DYAD_ROW) {
        return std::nullopt;
    }
    return Session{select.text(0), select.int64(1),      select.text(2), select.text(3),
                   select.text(4), select.int64(5) != 0, select.text(6), select.text(7)};
}

std::vector<Person> read_members(dyad::sdk::Database& db, std::int64_t unit_id) {
    auto select = db.prepare(
        "SELECT k.id, CASE WHEN ifnull(k.preferred_name, '') <> '' THEN k.preferred_name ELSE "
        "k.given_name END, ifnull(c.reminders, 0), ifnull(c.joint, 0), "
        "ifnull(nullif(c.address, ''), ifnull(k.email, '')) "
        "FROM core_unit_member m "
        "JOIN core_client k ON k.id = m.client_id LEFT JOIN mail_consent c ON c.client_id = k.id "
        "WHERE m.unit_id = ? ORDER BY k.id");
    select.bind(1, unit_id);
    std::vector<Person> people;
    while (select.step() == DYAD_ROW) {
        people.push_back({select.int64(0), select.text(1), select.int64(2) != 0,
                          select.int64(3) != 0, select.text(4)});
    }
    return people;
}

std::optional<std::tm> local_parts(const std::string& utc) {
    auto when = dyad::datafile::parse_utc(utc);
    if (!when) {
        return std::nullopt;
    }
    std::tm parts{};
    localtime_r(&*when, &parts);
    return parts;
}

}  // namespace

std::string date_words(const std::string& utc, const std::string& language) {
    static const char* const kDaysEn[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                          "Thursday", "Friday", "Saturday"};
    static const char* const kMonthsEn[] = {"January",   "February", "March",    "April",
                                            "May",       "June",     "July",     "August",
                                            "September", "October",  "November", "December"};
    static const char* const kDaysEs[] = {"domingo", "lunes",   "martes", "miércoles",
                                          "jueves",  "viernes", "sábado"};
    static const char* const kMonthsEs[] = {"enero",      "febrero", "marzo",     "abril",
                                            "mayo",       "junio",   "julio",     "agosto",
                                            "septiembre", "octubre", "noviembre", "diciembre"};
    auto parts = local_parts(utc);
    if (!parts) {
        return {};
    }
    std::string day = std::to_string(parts->tm_mday);
    std::string year = std::to_string(parts->tm_year + 1900);
    if (language == "es") {
        return std::string(kDaysEs[parts->tm_wday]) + " " + day + " de " +
               kMonthsEs[parts->tm_mon] + " de " + year;
    }
    return std::string(kDaysEn[parts->tm_wday]) + " " + day + " " + kMonthsEn[parts->tm_mon] + " " +
           year;
}

std::string time_words(const std::string& utc) {
    auto parts = local_parts(utc);
    if (!parts) {
        return {};
    }
    char text[8];
    std::strftime(text, sizeof text, "%H:%M", &*parts);
    return text;
}

std::expected<Outgoing, NotWanted> compose(MailStore& store, const Message& message,
                                           const MailAccount& account, const TemplateSet& templates,
                                           const std::string& now_utc) {
    auto text = templates.kinds.find(message.kind);
    if (text == templates.kinds.end()) {
        return std::unexpected(NotWanted{false, "no template for " + message.kind});
    }
    Outgoing out;
    out.message = message;
    out.to = message.address;
    out.message_id = "<" + store.db().new_uuid() + "@dyad>";
    std::map<std::string, std::string> values = {{"therapist", account.from_name},
                                                 {"practice", account.practice_name}};
    if (message.kind == "test") {
        auto made = render(text->second, values);
        out.subject = made.subject;
        out.body = made.body;
        return out;
    }
    if (message.kind == "document") {
        std::string reason;
        std::string address = store.document_address(message.client_id, &reason);
        if (address.empty()) {
            return std::unexpected(NotWanted{true, reason});
        }
        auto kept = store.attachment(message.id);
        if (!kept || !*kept) {
            return std::unexpected(NotWanted{true, "the document is no longer kept"});
        }
        auto name = store.db().prepare(
            "SELECT CASE WHEN ifnull(preferred_name, '') <> '' THEN preferred_name ELSE "
            "given_name END FROM core_client WHERE id = ?");
        name.bind(1, message.client_id);
        values["name"] = name.step() == DYAD_ROW ? name.text(0) : std::string();
        values["document"] = (*kept)->title;
        auto made = render(text->second, values);
        out.to = address;
        out.message.address = address;
        out.subject = made.subject;
        out.body = made.body;
        out.attachment = std::move((*kept)->content);
        out.attachment_name = (*kept)->file_name;
        return out;
    }
    auto session = read_session(store.db(), message.appointment_id);
    if (!session) {
        return std::unexpected(NotWanted{true, "the session is no longer in the schedule"});
    }
    auto people = read_members(store.db(), session->unit_id);
    const Person* recipient = nullptr;
    for (const auto& person : people) {
        if (person.id == message.client_id) {
            recipient = &person;
        }
    }
    if (recipient == nullptr || !recipient->consents || recipient->address.empty()) {
        return std::unexpected(NotWanted{true, "no consent to e-mail"});
    }
    out.to = recipient->address;  // The address as it is now, if it changed since queued.
    out.message.address = recipient->address;
    if (message.kind == "reminder" &&
        (session->status != "scheduled" || session->starts_at != message.about_starts_at)) {
        return std::unexpected(NotWanted{true, session->status != "scheduled"
                                                   ? "the session is " + session->status
                                                   : "the session has a new time"});
    }
    if (message.kind == "reschedule" &&
        (session->status != "scheduled" || session->starts_at != message.about_starts_at)) {
        return std::unexpected(NotWanted{true, "the session has changed again"});
    }
    if (message.kind == "cancellation" &&
        (session->status != "cancelled" || session->starts_at != message.about_starts_at)) {
        return std::unexpected(NotWanted{true, "the session is no longer cancelled"});
    }
    if (message.about_starts_at <= now_utc) {
        return std::unexpected(NotWanted{true, "the session has begun"});
    }
    // Partners are named only when every member agreed to joint reminders.
    bool all_joint = people.size() > 1;
    std::string others;
    for (const auto& person : people) {
        all_joint = all_joint && person.consents && person.joint;
        if (person.id != message.client_id) {
            others += (others.empty() ? "" : ", ") + person.name;
        }
    }
    std::string therapist =
        session->practitioner.empty() ? account.from_name : session->practitioner;
    std::string link =
        session->location.rfind("https://", 0) == 0 ? session->location : account.telehealth_link;
    bool es = templates.language == "es";
    std::string place;
    if (session->telehealth && !link.empty()) {
        place = (es ? "Por videollamada: " : "By video: ") + link;
    } else if (!session->location.empty()) {
        place = (es ? "Lugar: " : "At: ") + session->location;
    }
    const std::string& when = message.about_starts_at;
    values["therapist"] = therapist;
    values["name"] = recipient->name;
    values["date"] = date_words(when, templates.language);
    values["time"] = time_words(when);
    values["end_time"] = time_words(session->ends_at);
    values["previous_date"] = date_words(message.previous_starts_at, templates.language);
    values["previous_time"] = time_words(message.previous_starts_at);
    values["place"] = place;
    values["with"] = all_joint && !others.empty() ? (es ? " con " : " with ") + others : "";
    auto made = render(text->second, values);
    out.subject = made.subject;
    out.body = made.body;
    // An empty placeholder line (no place known) leaves no gap of two blank lines.
    for (auto gap = out.body.find("\n\n\n"); gap != std::string::npos;
         gap = out.body.find("\n\n\n")) {
        out.body.erase(gap, 1);
    }
    CalendarEvent event;
    event.uid = session->uuid + "@dyad";
    event.starts_utc = when;
    event.ends_utc = session->ends_at;
    event.stamp_utc = now_utc;
    event.summary = (es ? "Cita con " : "Appointment with ") + therapist;
    event.location = session->telehealth && !link.empty() ? link : session->location;
    event.organizer_name = account.from_name;
    event.organizer_address = account.from_address;
    event.cancelled = message.kind == "cancellation";
    // A later message about the same session must win in the calendar: minutes since 2026.
    auto stamp = dyad::datafile::parse_utc(now_utc).value_or(0);
    event.sequence = static_cast<int>(std::max<std::time_t>(0, (stamp - 1767225600) / 60));
    out.calendar = calendar_text(event);
    return out;
}

}  // namespace dyad::mail
