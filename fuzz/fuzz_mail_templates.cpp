// What the mail plugin reads from a practice's template file (plugins/mail/src/templates.h):
// parse_templates, then render of every kind with values taken from the input after a line
// "#values"; and the calendar text made from those values, whose lines must never pass 75
// octets (RFC 5545 folding), whatever the bytes (the UTF-8 case is a unit test's).
#include <ics.h>
#include <templates.h>

#include <cstdlib>
#include <map>

#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text = dyad::fuzz::text_of(data, size);
    auto [json, values] = dyad::fuzz::split_at(text, "\n#values\n", text);
    std::map<std::string, std::string> filled;
    std::size_t at = 0;
    for (const auto& name : dyad::mail::placeholders()) {
        std::size_t end = values.find('\n', at);
        filled[name] = values.substr(at, end == std::string::npos ? std::string::npos : end - at);
        at = end == std::string::npos ? values.size() : end + 1;
    }
    auto parsed = dyad::mail::parse_templates(json, "fuzz.json");
    if (parsed) {
        for (const auto& [kind, words] : parsed->kinds) {
            (void)dyad::mail::render(words, filled);
        }
    }
    dyad::mail::CalendarEvent event;
    event.uid = filled["name"];
    event.summary = filled["therapist"];
    event.location = filled["place"];
    event.organizer_name = filled["practice"];
    event.starts_utc = "2026-12-08T14:00:00Z";
    event.ends_utc = "2026-12-08T14:50:00Z";
    std::string calendar = dyad::mail::calendar_text(event);
    std::size_t start = 0;
    while (start < calendar.size()) {
        std::size_t end = calendar.find("\r\n", start);
        if (end == std::string::npos || end - start > 75) {
            std::abort();  // An unfolded or over-long line.
        }
        start = end + 2;
    }
    return 0;
}
