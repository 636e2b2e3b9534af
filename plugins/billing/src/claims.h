// Insurance claims (issue 16): one claim per session under the unit's identified patient, filed
// as an 837P the therapist uploads to their clearinghouse; replacements (frequency 7) and voids
// (8) of a filed claim; its status kept by hand (submitted, paid, denied with the reason,
// resubmitted), appended, never changed. Every claim records the file it went out in, whose
// SHA-256 is kept. Pre-flight runs before anything is recorded: a refused file records nothing
// and takes no number. Thread: [main-thread]. No wx here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "details.h"
#include "ledger.h"
#include "x837.h"

namespace dyad::billing {

struct ClaimSummary {
    std::int64_t id = 0;
    std::string number;
    std::int64_t unit_id = 0;
    std::string service_date;
    std::string frequency;        // "1", "7" or "8".
    std::string original_number;  // For 7 and 8.
    std::int64_t total_cents = 0;
    std::string status;  // The latest: created, submitted, paid, denied, resubmitted, voided.
    std::string reason;
    std::string payer_claim_number;  // The latest one recorded.
};

struct ClaimFile {
    std::int64_t file_id = 0;
    std::int64_t control_number = 0;
    std::vector<std::string> claim_numbers;
    std::string sha256;
};

class ClaimStore {
  public:
    ClaimStore(dyad::sdk::Host host, BillingStore& store, DetailsStore& details)
        : m_host(host), m_db(host), m_store(store), m_details(details) {}

    // Original claims for the insurance charges dated from..to (inclusive) on no claim yet,
    // one per session, of one unit (unit_id) or of every unit billed to insurance (0), written
    // to one 837P at path (never over an existing file). A session with a claim already is left
    // out (correct it with a replacement). Refused with every pre-flight problem joined by "; ".
    // format "cms1500" writes the same claims as CMS-1500 pages (a PDF) instead; the 837P text
    // is kept all the same (claim-export).
    Result<ClaimFile> file_claims(std::int64_t unit_id, const std::string& from,
                                  const std::string& to, const std::string& path,
                                  const std::string& by, const std::string& format = "837p");
    // A replacement ("7": the session's open charges now, after a reversal and a new charge)
    // or a void ("8": the original's lines) of a filed claim, in its own 837P.
    Result<ClaimFile> file_correction(std::int64_t claim_id, const std::string& frequency,
                                      const std::string& path, const std::string& by);
    // status: submitted, paid, denied (a reason required), resubmitted or voided.
    Result<void> set_status(std::int64_t claim_id, const std::string& status,
                            const std::string& reason, const std::string& payer_claim_number,
                            const std::string& by);
    // Writes a recorded 837P again (an upload lost, a file removed); refused over an existing
    // path. Returns the SHA-256 (the same as when it was made; for claims first printed as a
    // CMS-1500, their 837P text, whose fingerprint is not the PDF's).
    Result<std::string> export_file(std::int64_t control_number, const std::string& path);
    // The unit's claims (0: every unit's), newest service first.
    Result<std::vector<ClaimSummary>> claims(std::int64_t unit_id);

  private:
    struct Session {
        std::int64_t unit_id = 0;
        std::optional<std::int64_t> appointment_id;
        std::string date;
        std::vector<Charge> charges;
    };
    // Whether the session (its appointment, or its unit and date without one) has a claim.
    bool session_claimed(const Session& session);
    // One claim's content; problems named in `problems` (the caller gathers all first).
    X12Claim assemble(const Session& session, std::vector<std::string>& problems);
    Result<ClaimFile> write_file(std::vector<Session> sessions, const std::string& frequency,
                                 std::optional<std::int64_t> original_id, const std::string& path,
                                 const std::string& by, const std::string& format = "837p");

    dyad::sdk::Host m_host;
    dyad::sdk::Database m_db;
    BillingStore& m_store;
    DetailsStore& m_details;
};

}  // namespace dyad::billing
