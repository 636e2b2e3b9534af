// The words people read for the codes the records keep (statuses, kinds, roles, plan levels),
// in the language they chose (dyad::show); the database, CSV, FHIR and dyadctl keep the codes.
// A code without a word is shown as it is. Header-only. No wx here.
#pragma once

#include <time_text.h>

#include <ctime>
#include <dyad/show.hpp>
#include <dyad/words.hpp>
#include <string>
#include <vector>

namespace dyad::records_plugin {

using dyad::show::CodeWord;

namespace detail {

using dyad::show::codes_of;
using dyad::show::marked;
using dyad::show::word_of;

inline constexpr CodeWord kClientStatuses[] = {
    {"active", marked("client status", "active")},
    {"waitlist", marked("client status", "waitlist")},
    {"discharged", marked("client status", "discharged")}};
inline constexpr CodeWord kRoles[] = {{"partner", marked("member role", "partner")},
                                      {"self", marked("member role", "self")},
                                      {"parent", marked("member role", "parent")},
                                      {"child", marked("member role", "child")},
                                      {"member", marked("member role", "member")}};
inline constexpr CodeWord kUnitKinds[] = {{"couple", marked("unit kind", "couple")},
                                          {"family", marked("unit kind", "family")},
                                          {"group", marked("unit kind", "group")},
                                          {"individual", marked("unit kind", "individual")}};
inline constexpr CodeWord kSessionTypes[] = {{"couple", marked("session type", "couple")},
                                             {"individual", marked("session type", "individual")},
                                             {"family", marked("session type", "family")},
                                             {"group", marked("session type", "group")},
                                             {"intake", marked("session type", "intake")}};
inline constexpr CodeWord kSessionStatuses[] = {
    {"scheduled", marked("session status", "scheduled")},
    {"attended", marked("session status", "attended")},
    {"cancelled", marked("session status", "cancelled")},
    {"no_show", marked("session status", "no-show")}};
inline constexpr CodeWord kPlanStatuses[] = {
    {"active", marked("plan status", "active")},
    {"completed", marked("plan status", "completed")},
    {"discontinued", marked("plan status", "discontinued")}};
inline constexpr CodeWord kItemStatuses[] = {
    {"open", marked("plan item status", "open")},
    {"met", marked("plan item status", "met")},
    {"partly_met", marked("plan item status", "partly met")},
    {"not_met", marked("plan item status", "not met")},
    {"discontinued", marked("plan item status", "discontinued")}};
inline constexpr CodeWord kPlanLevels[] = {{"problem", marked("plan level", "problem")},
                                           {"goal", marked("plan level", "goal")},
                                           {"objective", marked("plan level", "objective")}};
inline constexpr CodeWord kDiagnosisStatuses[] = {
    {"active", marked("diagnosis status", "active")},
    {"resolved", marked("diagnosis status", "resolved")},
    {"entered_in_error", marked("diagnosis status", "entered in error")}};

}  // namespace detail

inline std::string client_status_label(const std::string& code) {
    return detail::word_of("client status", detail::kClientStatuses, code);
}
inline std::string role_label(const std::string& code) {
    return detail::word_of("member role", detail::kRoles, code);
}
inline std::string unit_kind_label(const std::string& code) {
    return detail::word_of("unit kind", detail::kUnitKinds, code);
}
inline std::string session_type_label(const std::string& code) {
    return detail::word_of("session type", detail::kSessionTypes, code);
}
inline std::string session_status_label(const std::string& code) {
    return detail::word_of("session status", detail::kSessionStatuses, code);
}
inline std::string plan_status_label(const std::string& code) {
    return detail::word_of("plan status", detail::kPlanStatuses, code);
}
inline std::string item_status_label(const std::string& code) {
    return detail::word_of("plan item status", detail::kItemStatuses, code);
}
inline std::string plan_level_label(const std::string& code) {
    return detail::word_of("plan level", detail::kPlanLevels, code);
}
inline std::string diagnosis_status_label(const std::string& code) {
    return detail::word_of("diagnosis status", detail::kDiagnosisStatuses, code);
}

// The codes of the lists people choose from, in the order shown.
inline std::vector<std::string> client_status_codes() {
    return detail::codes_of(detail::kClientStatuses);
}
inline std::vector<std::string> session_type_codes() {
    return detail::codes_of(detail::kSessionTypes);
}
inline std::vector<std::string> item_status_codes() {
    return detail::codes_of(detail::kItemStatuses);
}

// The local clock time of a UTC instant "YYYY-MM-DDTHH:MM:SSZ" ("2:30 PM"); the text itself
// when malformed.
inline std::string local_clock(const std::string& utc) {
    auto when = dyad::datafile::parse_utc(utc);
    if (!when) {
        return utc;
    }
    std::tm local{};
    localtime_r(&*when, &local);
    return dyad::show::time_of_day(local.tm_hour, local.tm_min);
}

}  // namespace dyad::records_plugin
