// Identities that never collide between copies of a practice, and timestamps.
#pragma once

#include <cstdint>
#include <string>

namespace dyad {

// A random positive 63-bit integer for a primary key. Thread-safe.
std::int64_t new_record_id();

// A random RFC 4122 version 4 UUID, lowercase, 36 characters. Thread-safe.
std::string new_uuid();

// Now in UTC as ISO-8601 with seconds: "2026-11-26T09:40:00Z".
std::string now_utc_iso();

// Today in UTC as "YYYY-MM-DD".
std::string today_utc();

// Whether text is a real calendar date "YYYY-MM-DD".
bool is_iso_date(const std::string& text);

// Whether text is "YYYY-MM-DDTHH:MM:SSZ" with valid fields.
bool is_iso_utc_time(const std::string& text);

}  // namespace dyad
