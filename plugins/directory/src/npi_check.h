// Checks the profile against the NPPES NPI Registry (API v2.1): the registry is updated by the
// therapist on the NPPES site, so Dyad only compares and lists the differences (name, taxonomy,
// licence, practice address). NPPES reports errors as HTTP 200 with "Errors": those are
// failures too. Plain HTTP is refused except to this computer (tests); HTTPS certificates are
// verified. No wx here.
#pragma once

#include <expected>
#include <string>
#include <vector>

#include "profile.h"

namespace dyad::directory {

constexpr const char* kNppesUrl = "https://npiregistry.cms.hhs.gov/api/";

struct Difference {
    std::string field;     // "last name", "taxonomy", "licence", "city", ...
    std::string profile;   // What the profile says.
    std::string registry;  // What NPPES says.
};

// The differences between the profile and an NPPES response body; the error when the body
// is not a usable answer ("NPPES: CMS reported: Invalid NPI", "no record for NPI ...").
std::expected<std::vector<Difference>, std::string> compare_with_nppes(const Profile& profile,
                                                                       const std::string& body);

// GET <base_url>?number=NPI&version=2.1 with a timeout; the body, or the reason in words a
// therapist understands ("the NPI Registry did not answer within 20 s").
std::expected<std::string, std::string> fetch_nppes(const std::string& base_url,
                                                    const std::string& npi, int timeout_seconds);

}  // namespace dyad::directory
