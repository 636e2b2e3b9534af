#include "documents.h"

#include <pdf_document.h>
#include <time_text.h>

#include <Poco/DigestStream.h>
#include <Poco/SHA2Engine.h>
#include <cstdio>
#include <fstream>

#include "money.h"

namespace dyad::billing {
namespace {

std::string sha256_of_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return {};
    }
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    char buffer[1 << 14];
    while (in) {
        in.read(buffer, sizeof buffer);
        engine.update(buffer, static_cast<unsigned>(in.gcount()));
    }
    return Poco::DigestEngine::digestToHex(engine.digest());
}

std::string numbered(const std::string& series, std::int64_t next) {
    char text[32];
    std::snprintf(text, sizeof text, "%s-%06lld", series.c_str(), static_cast<long long>(next));
    return text;
}

}  // namespace

std::string peek_number(const dyad::sdk::Database& db, const std::string& series) {
    auto select = db.prepare("SELECT next FROM billing_counter WHERE series = ?");
    select.bind(1, series);
    int code = select.step();
    if (code == DYAD_DONE) {
        return numbered(series, 1);
    }
    return code == DYAD_ROW ? numbered(series, select.int64(0)) : std::string();
}

Result<IssuedDocument> issue_invoice(dyad::sdk::Host host, BillingStore& store,
                                     std::int64_t unit_id, std::int64_t client_id,
                                     const std::string& path, const std::string& by) {
    std::string client_name;
    for (const auto& member : host.members(unit_id)) {
        if (member.client_id == client_id) {
            client_name = member.full_name();
        }
    }
    if (client_name.empty()) {
        return std::unexpected("client " + std::to_string(client_id) +
                               " is not a member of this unit");
    }
    dyad::sdk::Database db(host);
    // What to invoice is read inside the (immediate) transaction: no second invoice can take
    // the same charges meanwhile.
    dyad::sdk::Transaction transaction(db);
    if (!transaction.error().empty()) {
        return std::unexpected(transaction.error());
    }
    auto charges = store.charges(unit_id);
    if (!charges) {
        return std::unexpected(charges.error());
    }
    // This client's shares not on an invoice to them yet; reversals net out their charge.
    struct Line {
        const Charge* charge;
        std::int64_t cents;
    };
    std::vector<Line> lines;
    for (const auto& charge : *charges) {
        auto invoiced = db.prepare(
            "SELECT 1 FROM billing_document_charge dc JOIN billing_document d ON d.id = "
            "dc.document_id WHERE dc.charge_id = ? AND d.kind = 'invoice' AND d.client_id = ?");
        invoiced.bind(1, charge.id).bind(2, client_id);
        if (invoiced.step() == DYAD_ROW) {
            continue;
        }
        for (const auto& share : charge.shares) {
            if (share.client_id == client_id && share.amount_cents != 0) {
                lines.push_back({&charge, share.amount_cents});
            }
        }
    }
    if (lines.empty()) {
        return std::unexpected("there is nothing new to invoice to " + client_name);
    }
    IssuedDocument issued;
    issued.number = peek_number(db, "INV");
    if (issued.number.empty()) {
        return std::unexpected("the invoice numbers could not be read: " + db.last_error());
    }
    auto advance = db.prepare(
        "INSERT INTO billing_counter (series, next) VALUES ('INV', 2) ON CONFLICT (series) DO "
        "UPDATE SET next = next + 1");
    if (advance.step() != DYAD_DONE) {
        return std::unexpected("the invoice number could not be taken: " + db.last_error());
    }
    // Written beside the destination first and renamed into place only after the commit: a
    // refused or failed recording leaves no unrecorded invoice and overwrites nothing.
    std::string pending = path + ".pending";
    auto document = dyad::pdf::PdfDocument::create(pending, "Invoice " + issued.number);
    if (!document) {
        return std::unexpected(document.error());
    }
    document->title("Invoice " + issued.number);
    document->field("Bill to", client_name);
    document->field("Issued", dyad::datafile::local_today());
    document->rule();
    for (const auto& line : lines) {
        issued.total_cents += line.cents;
        document->field(line.charge->service_date + "  " + line.charge->code + "  " +
                            line.charge->label + (line.charge->reversal_of ? " (reversal)" : ""),
                        format_cents(line.cents));
    }
    document->rule();
    document->field("Total", format_cents(issued.total_cents));
    document->note("Your share of the couple's sessions as agreed with your therapist.");
    if (auto finished = document->finish(); !finished) {
        return std::unexpected(finished.error());
    }
    issued.sha256 = sha256_of_file(pending);
    struct Remove {
        std::string path;
        ~Remove() { std::remove(path.c_str()); }  // Gone unless renamed into place below.
    } remove_pending{pending};
    if (issued.sha256.size() != 64) {
        return std::unexpected("the invoice file could not be read back to fingerprint it");
    }
    issued.id = db.new_id();
    auto record = db.prepare(
        "INSERT INTO billing_document (id, kind, number, unit_id, client_id, total_cents, "
        "issued_at, issued_by, pdf_sha256) VALUES (?, 'invoice', ?, ?, ?, ?, ?, ?, ?)");
    record.bind(1, issued.id).bind(2, issued.number).bind(3, unit_id).bind(4, client_id);
    record.bind(5, issued.total_cents).bind(6, dyad::datafile::now_utc()).bind(7, by);
    record.bind(8, issued.sha256);
    if (record.step() != DYAD_DONE) {
        return std::unexpected("the invoice could not be recorded: " + db.last_error());
    }
    for (const auto& line : lines) {
        auto link = db.prepare(
            "INSERT OR IGNORE INTO billing_document_charge (document_id, charge_id) VALUES (?, ?)");
        link.bind(1, issued.id).bind(2, line.charge->id);
        if (link.step() != DYAD_DONE) {
            return std::unexpected("the invoice could not be recorded: " + db.last_error());
        }
    }
    if (std::string error = transaction.commit(); !error.empty()) {
        return std::unexpected(error);
    }
    if (std::rename(pending.c_str(), path.c_str()) != 0) {
        return std::unexpected("invoice " + issued.number +
                               " is recorded, but its file could not "
                               "be put at " +
                               path + " (reprint it)");
    }
    // After the commit (the host's connection writes the trail). The PDF carries the client's
    // name and sessions out of the practice: a disclosure on their accounting.
    (void)host.core()->audit(host.raw(), "create", "invoice", issued.id);
    (void)host.core()->record_export(host.raw(), "unit", unit_id, "invoice-pdf");
    return issued;
}

}  // namespace dyad::billing
