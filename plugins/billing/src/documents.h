// Documents a practice issues (issue 16): an invoice for one partner's share of the unit's
// charges not invoiced to them yet, numbered without gaps (the number is taken in the same
// transaction that records the document, so a crash leaves no hole), written as a PDF whose
// SHA-256 is kept so a reprint is provably the same document. No wx here.
#pragma once

#include <dyad/plugin.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger.h"

namespace dyad::pdf {
class PdfDocument;
class RecordedPages;
}  // namespace dyad::pdf

namespace dyad::billing {

struct IssuedDocument {
    std::int64_t id = 0;
    std::string number;  // "INV-000001"
    std::int64_t total_cents = 0;
    std::string sha256;
};

// A date ("YYYY-MM-DD") as the documents print it, in the chosen language (dyad::show):
// "Nov 30, 2026"; a malformed or empty one as it is.
std::string printed_date(const std::string& iso);

// The next number of a series ("INV") as it will be given; "" when it cannot be read.
std::string peek_number(const dyad::sdk::Database& db, const std::string& series);

// Takes the next number of a series inside the caller's open write transaction: a rollback
// gives it back, a commit keeps it, so numbers have no gaps even across a crash.
Result<std::string> take_number(const dyad::sdk::Database& db, const std::string& series);
// The same, the bare number (an 837P's interchange control number).
Result<std::int64_t> take_counter(const dyad::sdk::Database& db, const std::string& series);

// A document's file (a PDF, or an 837P's text) written beside its destination ("<path>.pending")
// with its SHA-256. It is
// removed when this goes out of scope unless place() put it at path: call place() only after
// the document is recorded, so a refused or failed recording leaves no unrecorded file and
// overwrites nothing.
class PendingFile {
  public:
    static Result<PendingFile> write_pdf(const std::string& path, const std::string& footer,
                                         const std::function<void(dyad::pdf::PdfDocument&)>& draw);
    static Result<PendingFile> write_text(const std::string& path, const std::string& text);
    // write puts the whole file at the path it is given (the pending one).
    static Result<PendingFile> write_with(
        const std::string& path,
        const std::function<std::expected<void, std::string>(const std::string&)>& write);
    PendingFile(PendingFile&& other) noexcept;
    PendingFile& operator=(PendingFile&&) = delete;
    ~PendingFile();
    const std::string& sha256() const { return m_sha256; }
    Result<void> place();

  private:
    PendingFile(std::string path, std::string sha256)
        : m_path(std::move(path)), m_sha256(std::move(sha256)) {}
    std::string m_path, m_sha256;
    bool m_placed = false;
};

// The same drawing as PendingFile::write_pdf's, kept in memory for printing
// (dyad::pdf::PdfDocument::record): no file, no fingerprint, nothing recorded.
Result<dyad::pdf::RecordedPages> document_pages(
    const std::string& footer, const std::function<void(dyad::pdf::PdfDocument&)>& draw);

// Records an issued document and the charges it covers inside the caller's transaction
// (client_id 0: addressed to no one client); returns its id.
Result<std::int64_t> record_document(const dyad::sdk::Database& db, const std::string& kind,
                                     const IssuedDocument& document, std::int64_t unit_id,
                                     std::int64_t client_id,
                                     const std::vector<std::int64_t>& charge_ids,
                                     const std::string& by);

// The end of issuing a recorded document, in this order: commits the caller's transaction (the
// number and the record are kept), puts the file at its path, then audits the record as
// `entity` and puts `format` on the unit's accounting of disclosures (after the commit: the
// host writes the trail on its own connection). `what` names the document in the message when
// the file could not be put in place after the commit ("invoice INV-000001 is recorded,
// but ...").
Result<void> finish_issue(dyad::sdk::Host host, dyad::sdk::Transaction& transaction,
                          PendingFile& file, const std::string& what, const std::string& number,
                          const char* entity, std::int64_t record_id, std::int64_t unit_id,
                          const char* format);

// Writes the invoice to path and records it; refused when the client has nothing new to be
// invoiced for, or is not a member of the unit.
Result<IssuedDocument> issue_invoice(dyad::sdk::Host host, BillingStore& store,
                                     std::int64_t unit_id, std::int64_t client_id,
                                     const std::string& path, const std::string& by);

// A document Dyad issued, found by the SHA-256 of its PDF (what PendingFile recorded when it
// wrote the file): the invoices, receipts, statements and superbills of billing_document and
// the Good Faith Estimates of billing_gfe.
struct IssuedRecord {
    std::string kind;  // "invoice", "receipt", "statement", "superbill" or "estimate".
    std::string number;
    std::string issued_at;  // UTC, as recorded.
    bool replaced = false;  // An estimate a later one supersedes.
};

// The document of unit_id whose PDF has this SHA-256 (64 lowercase hex digits); nullopt when
// none has (another unit's document, a changed file, a file Dyad did not write).
Result<std::optional<IssuedRecord>> find_issued(const dyad::sdk::Database& db, std::int64_t unit_id,
                                                const std::string& sha256);

// The SHA-256 of bytes, as 64 lowercase hex digits (how issued PDFs are fingerprinted).
std::string sha256_hex(std::string_view bytes);

}  // namespace dyad::billing
