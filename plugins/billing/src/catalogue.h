// The practice's service catalogue (issue 16): codes with our own short labels (no CPT
// descriptor text), the CPT time rule per code, add-on pairing, default fees, which codes
// may go to insurance, and the sliding-scale tiers. Read from a data file a practice can edit
// (resources/billing/ services.json, the user's copy first); a broken file is refused with its path
// and line. No wx here; any thread.
#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <vector>

namespace dyad::billing {

struct Service {
    std::string code;   // "90847", or the practice's own ("NOSHOW").
    std::string label;  // The practice's words, shown on documents.
    // "evaluation", "psychotherapy", "family", "crisis", "group", "addon", "no_show",
    // "late_cancel" or "other".
    std::string kind;
    int min_minutes = 0;  // The time rule: the code fits sessions of [min, max] minutes.
    std::optional<int> max_minutes;
    bool preferred = false;         // Among codes of one kind that fit, the one suggested.
    bool needs_ip = false;          // Billed under an identified patient (90846/90847).
    bool insurance = true;          // May go to insurance (never a no-show fee).
    std::vector<std::string> with;  // An add-on: the primary codes it may accompany.
    std::int64_t fee_cents = 0;
};

// A sliding-scale tier: the share of each session fee a self-pay unit on it is charged.
struct SlidingTier {
    std::string id;     // "A", "B", ... (1-16 letters, digits or '-').
    std::string label;  // The practice's words ("Household income under $40,000").
    int percent = 100;  // 1-100 of the fee.
};

struct Catalogue {
    int version = 0;
    std::vector<Service> services;
    std::vector<SlidingTier> sliding_scale;  // Optional; at most 20.

    const SlidingTier* tier(const std::string& id) const;

    const Service* find(const std::string& code) const;
    // The code the time rule suggests for a session of `kind` ("family", "psychotherapy", ...)
    // lasting `minutes`: the preferred one among those that fit. nullptr when none fits (a
    // 20-minute couple session is too short for 90846/90847).
    const Service* suggest(const std::string& kind, int minutes) const;
    // "" when `addon` may be billed with `primary` for one session; otherwise why not.
    std::string check_pairing(const std::string& addon, const std::string& primary) const;
};

// Parses a catalogue; every problem as "SOURCE:LINE: path: what".
std::expected<Catalogue, std::vector<std::string>> parse_catalogue(const std::string& json,
                                                                   const std::string& source);

// The kind of service an appointment's session type calls for.
std::string service_kind_for(const std::string& session_type);

}  // namespace dyad::billing
