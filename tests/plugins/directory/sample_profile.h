// The profile the directory tests share: a couples therapist with every listed field filled.
#pragma once

#include <fstream>
#include <string>

#include "profile.h"

namespace dyad::directory::samples {

inline Profile sample() {
    Profile p;
    p.given_name = "Maya";
    p.family_name = "Lopez-García";
    p.credentials = "LMFT, Certified Imago Therapist";
    p.npi = "1234567893";  // The check-digit example of the NPI standard.
    p.taxonomy_code = "106H00000X";
    p.taxonomy_label = "Marriage & Family Therapist";
    p.licences = {{"LMFT 12345", "CA", "2027-06-30", "LMFT"}};
    p.specialties = {"Couples", "Infidelity; trust", "Communication"};
    p.modalities = {"Imago Relationship Therapy", "EFT"};
    p.languages = {"en", "es"};
    p.fee_min = 150;
    p.fee_max = 220;
    p.sliding_scale = true;
    p.offices = {{"100 Main St, Suite 2", "Oakland", "CA", "94612"}};
    p.telehealth_states = {"CA"};
    p.phone = "+1 (510) 555-0100";
    p.email = "maya@example.com";
    p.website = "https://example.com/maya";
    p.bio_help =
        "Couples who keep having the same fight, and want to be heard again. "
        "We slow the conversation down so each partner can feel safe, seen and "
        "understood; the work is practical, warm and structured.";
    return p;
}

inline void write(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

}  // namespace dyad::directory::samples
