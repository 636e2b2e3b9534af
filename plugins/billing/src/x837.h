// An X12 837P (005010X222A1) professional claims file for the therapist to upload to their
// clearinghouse (issue 16, research.md 1.5). Written from what the practice recorded, by our own
// reading of the segment structure (no implementation-guide text is shipped): the ISA/GS/ST
// envelope, submitter (1000A) and receiver (1000B), the billing provider (2000A/2010AA with NPI,
// address and tax id), per claim a subscriber (2000B/2010BA, payer 2010BB), the patient when
// not the subscriber (2000C/2010CA), the claim (2300 CLM with place of service and frequency
// 1 original, 7 replacement, 8 void with the payer's claim number in REF*F8; HI diagnoses), the
// rendering provider when the billing provider is a group (2310B), and each service line (2400
// LX, SV1 with modifiers and diagnosis pointers, DTP*472 date). Pure: no database, any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "clinicians.h"
#include "details.h"
#include "facts.h"
#include "identity.h"

namespace dyad::billing {

struct X12Line {
    std::string date;  // "YYYY-MM-DD"
    std::string code;
    std::vector<std::string> modifiers;  // At most four.
    std::int64_t charge_cents = 0;
    int units = 1;
    std::vector<int> pointers;  // 1-based into the claim's diagnoses, at most four.
};

struct X12Claim {
    std::string claim_number;  // CLM01, at most 20 characters.
    std::string frequency = "1";
    std::string payer_claim_number;  // For frequency 7 and 8 (REF*F8).
    std::string place_of_service;
    std::vector<std::string> diagnoses;  // ICD-10-CM with or without the dot; first primary.
    std::vector<X12Line> lines;
    Coverage coverage;
    Payer payer;
    ClientFacts patient;
    ClientDetails patient_details;
    // Who rendered the session when not the practice's own clinician (2310B; a group NPI is
    // then required, since the practice bills as the organisation).
    std::optional<Clinician> rendering;
};

struct X12Batch {
    Identity provider;
    Submitter submitter;
    std::int64_t control_number = 0;  // ISA13/GS06, 1 to 999999999.
    std::string date;                 // "YYYY-MM-DD" and "HH:MM" the file is made.
    std::string time;
    std::vector<X12Claim> claims;
};

// Everything an 837P would be missing, each naming the element and where to fix it; empty
// when the file may be written.
std::vector<std::string> preflight_837p(const X12Batch& batch);

// The file's text (segments ended by "~" and a newline), or preflight's problems.
std::expected<std::string, std::vector<std::string>> write_837p(const X12Batch& batch);

// A name or text as X12 carries it: capitals, accented Latin letters without their accents,
// the separators (* ~ : ^) and anything else outside the basic character set dropped or
// replaced by a space; nullopt-like "" when nothing is left.
std::string x12_text(const std::string& text);

}  // namespace dyad::billing
