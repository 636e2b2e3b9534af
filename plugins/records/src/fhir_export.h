// A client unit's chart as a FHIR R4 Bundle (type "collection"): a Patient per member, a Group
// for a couple, family or group unit, RelatedPerson for partners, Appointment per session,
// Condition per diagnosis (ICD-10-CM) and per plan problem, CarePlan and Goal for the
// treatment plan, DocumentReference per note (amendments append to their note). Psychotherapy
// notes are left out unless asked for. Every resource's fullUrl is "urn:uuid:" of the record's
// own UUID, so a second export of the same chart names the same resources. No wx here.
#pragma once

#include <dyad/db.hpp>

#include <cstdint>
#include <expected>
#include <string>

#include "chart_stores.h"

namespace dyad::records_plugin {

// timestamp_utc: "YYYY-MM-DDTHH:MM:SSZ", the Bundle's timestamp.
std::expected<std::string, std::string> chart_fhir(ChartStores sources, std::int64_t unit_id,
                                                   Include include,
                                                   const std::string& timestamp_utc);

// A UUID-shaped name derived from a base UUID and a number, the same every time: for records
// that have no UUID of their own (plan items).
std::string derived_uuid(const std::string& base_uuid, std::int64_t number);

}  // namespace dyad::records_plugin
