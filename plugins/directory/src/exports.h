// The profile in the standard formats a directory or a website can read: a FHIR R4 Bundle
// (Practitioner, PractitionerRole, Location per office, HealthcareService; the NDH
// "new patients" extension), schema.org JSON-LD for the therapist's own site, and a vCard 4.0
// (RFC 6350: escaped values, lines folded at 75 octets, CRLF). No wx here.
#pragma once

#include <string>

#include "profile.h"

namespace dyad::directory {

// timestamp_utc: the Bundle's timestamp. ids: stable names derived from the NPI (or the name),
// so a second export names the same resources.
std::string fhir_bundle(const Profile& profile, const std::string& timestamp_utc);
std::string json_ld(const Profile& profile);
std::string vcard(const Profile& profile);

// RFC 6350 value escaping (backslash, comma, semicolon, newline).
std::string vcard_escape(const std::string& text);
// Folds a content line at 75 octets (never inside a UTF-8 sequence); adds the CRLF.
std::string vcard_fold(const std::string& line);

}  // namespace dyad::directory
