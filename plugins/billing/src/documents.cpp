#include "documents.h"

#include <pdf_document.h>
#include <time_text.h>

#include <Poco/DigestStream.h>
#include <Poco/SHA2Engine.h>
#include <cstdio>
#include <dyad/show.hpp>
#include <fstream>
#include <iterator>

namespace dyad::billing {
namespace {

std::string sha256_of_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return {};
    }
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return in.bad() ? std::string() : sha256_hex(bytes);
}

std::string numbered(const std::string& series, std::int64_t next) {
    char text[32];
    std::snprintf(text, sizeof text, "%s-%06lld", series.c_str(), static_cast<long long>(next));
    return text;
}

}  // namespace

std::string printed_date(const std::string& iso) {
    return dyad::show::date(iso, dyad::show::DateStyle::Compact);
}

std::string peek_number(const dyad::sdk::Database& db, const std::string& series) {
    auto select = db.prepare("SELECT next FROM billing_counter WHERE series = ?");
    select.bind(1, series);
    int code = select.step();
    if (code == DYAD_DONE) {
        return numbered(series, 1);
    }
    return code == DYAD_ROW ? numbered(series, select.int64(0)) : std::string();
}

Result<std::int64_t> take_counter(const dyad::sdk::Database& db, const std::string& series) {
    auto select = db.prepare("SELECT next FROM billing_counter WHERE series = ?");
    select.bind(1, series);
    int code = select.step();
    if (code != DYAD_ROW && code != DYAD_DONE) {
        return std::unexpected("the document numbers could not be read: " + db.last_error());
    }
    std::int64_t next = code == DYAD_ROW ? select.int64(0) : 1;
    auto advance = db.prepare(
        "INSERT INTO billing_counter (series, next) VALUES (?, 2) ON CONFLICT (series) DO "
        "UPDATE SET next = next + 1");
    advance.bind(1, series);
    if (advance.step() != DYAD_DONE) {
        return std::unexpected("the document number could not be taken: " + db.last_error());
    }
    return next;
}

Result<std::string> take_number(const dyad::sdk::Database& db, const std::string& series) {
    auto next = take_counter(db, series);
    if (!next) {
        return std::unexpected(next.error());
    }
    return numbered(series, *next);
}

Result<PendingFile> PendingFile::write_pdf(
    const std::string& path, const std::string& footer,
    const std::function<void(dyad::pdf::PdfDocument&)>& draw) {
    std::string pending = path + ".pending";
    auto document = dyad::pdf::PdfDocument::create(pending, footer);
    if (!document) {
        return std::unexpected(document.error());
    }
    draw(*document);
    if (auto finished = document->finish(); !finished) {
        return std::unexpected(finished.error());
    }
    PendingFile written(path, sha256_of_file(pending));
    if (written.m_sha256.size() != 64) {
        return std::unexpected("the document could not be read back to fingerprint it");
    }
    return written;
}

Result<dyad::pdf::RecordedPages> document_pages(
    const std::string& footer, const std::function<void(dyad::pdf::PdfDocument&)>& draw) {
    auto document = dyad::pdf::PdfDocument::record(footer);
    draw(document);
    return document.finish_recording();
}

Result<PendingFile> PendingFile::write_text(const std::string& path, const std::string& text) {
    std::string pending = path + ".pending";
    {
        std::ofstream out(pending, std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        if (!out) {
            std::remove(pending.c_str());
            return std::unexpected("the file could not be written at " + pending +
                                   " (is the disk full?)");
        }
    }
    PendingFile written(path, sha256_of_file(pending));
    if (written.m_sha256.size() != 64) {
        return std::unexpected("the file could not be read back to fingerprint it");
    }
    return written;
}

Result<PendingFile> PendingFile::write_with(
    const std::string& path,
    const std::function<std::expected<void, std::string>(const std::string&)>& write) {
    std::string pending = path + ".pending";
    if (auto written = write(pending); !written) {
        std::remove(pending.c_str());
        return std::unexpected(written.error());
    }
    PendingFile written(path, sha256_of_file(pending));
    if (written.m_sha256.size() != 64) {
        return std::unexpected("the file could not be read back to fingerprint it");
    }
    return written;
}

PendingFile::PendingFile(PendingFile&& other) noexcept
    : m_path(std::move(other.m_path)),
      m_sha256(std::move(other.m_sha256)),
      m_placed(other.m_placed) {
    other.m_placed = true;  // The moved-from one removes nothing.
}

PendingFile::~PendingFile() {
    if (!m_placed) {
        std::remove((m_path + ".pending").c_str());
    }
}

Result<void> PendingFile::place() {
    if (std::rename((m_path + ".pending").c_str(), m_path.c_str()) != 0) {
        return std::unexpected("the file could not be put at " + m_path);
    }
    m_placed = true;
    return {};
}

Result<std::int64_t> record_document(const dyad::sdk::Database& db, const std::string& kind,
                                     const IssuedDocument& document, std::int64_t unit_id,
                                     std::int64_t client_id,
                                     const std::vector<std::int64_t>& charge_ids,
                                     const std::string& by) {
    std::int64_t id = db.new_id();
    auto record = db.prepare(
        "INSERT INTO billing_document (id, kind, number, unit_id, client_id, total_cents, "
        "issued_at, issued_by, pdf_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    record.bind(1, id).bind(2, kind).bind(3, document.number).bind(4, unit_id);
    client_id != 0 ? (void)record.bind(5, client_id) : (void)record.bind_null(5);
    record.bind(6, document.total_cents).bind(7, dyad::datafile::now_utc());
    record.bind(8, by).bind(9, document.sha256);
    if (record.step() != DYAD_DONE) {
        return std::unexpected("the " + kind + " could not be recorded: " + db.last_error());
    }
    for (std::int64_t charge_id : charge_ids) {
        auto link = db.prepare(
            "INSERT OR IGNORE INTO billing_document_charge (document_id, charge_id) VALUES (?, ?)");
        link.bind(1, id).bind(2, charge_id);
        if (link.step() != DYAD_DONE) {
            return std::unexpected("the " + kind + " could not be recorded: " + db.last_error());
        }
    }
    return id;
}

Result<void> finish_issue(dyad::sdk::Host host, dyad::sdk::Transaction& transaction,
                          PendingFile& file, const std::string& what, const std::string& number,
                          const char* entity, std::int64_t record_id, std::int64_t unit_id,
                          const char* format) {
    if (std::string error = transaction.commit(); !error.empty()) {
        return std::unexpected(error);
    }
    if (auto placed = file.place(); !placed) {
        return std::unexpected(what + " " + number + " is recorded, but " + placed.error() +
                               " (reprint it)");
    }
    (void)host.core()->audit(host.raw(), "create", entity, record_id);
    (void)host.core()->record_export(host.raw(), "unit", unit_id, format);
    return {};
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
    auto number = take_number(db, "INV");
    if (!number) {
        return std::unexpected(number.error());
    }
    issued.number = *number;
    std::vector<std::int64_t> charge_ids;
    for (const auto& line : lines) {
        issued.total_cents += line.cents;
        charge_ids.push_back(line.charge->id);
    }
    using dyad::show::tr;
    std::string title = dyad::show::fill(tr("Invoice {number}"), "number", issued.number);
    auto pdf = PendingFile::write_pdf(path, title, [&](auto& document) {
        document.title(title);
        document.field(tr("Bill to"), client_name);
        document.field(tr("Issued"), printed_date(dyad::datafile::local_today()));
        document.rule();
        for (const auto& line : lines) {
            document.field(printed_date(line.charge->service_date) + "  " + line.charge->code +
                               "  " + line.charge->label +
                               (line.charge->reversal_of ? tr(" (reversal)") : std::string()),
                           dyad::show::money(line.cents));
        }
        document.rule();
        document.field(tr("Total"), dyad::show::money(issued.total_cents));
        document.note(tr("Your share of the couple's sessions as agreed with your therapist."));
    });
    if (!pdf) {
        return std::unexpected(pdf.error());
    }
    issued.sha256 = pdf->sha256();
    auto id = record_document(db, "invoice", issued, unit_id, client_id, charge_ids, by);
    if (!id) {
        return std::unexpected(id.error());
    }
    issued.id = *id;
    // The PDF carries the client's name and sessions out of the practice: a disclosure.
    if (auto done = finish_issue(host, transaction, *pdf, "invoice", issued.number, "invoice",
                                 issued.id, unit_id, "invoice-pdf");
        !done) {
        return std::unexpected(done.error());
    }
    return issued;
}

std::string sha256_hex(std::string_view bytes) {
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    engine.update(bytes.data(), static_cast<unsigned>(bytes.size()));
    return Poco::DigestEngine::digestToHex(engine.digest());
}

Result<std::optional<IssuedRecord>> find_issued(const dyad::sdk::Database& db, std::int64_t unit_id,
                                                const std::string& sha256) {
    auto found = db.prepare(
        "SELECT kind, number, issued_at, 0 FROM billing_document WHERE unit_id = ?1 AND "
        "pdf_sha256 = ?2 UNION ALL SELECT 'estimate', number, issued_at, EXISTS (SELECT 1 FROM "
        "billing_gfe later WHERE later.supersedes = g.id) FROM billing_gfe g WHERE unit_id = ?1 "
        "AND pdf_sha256 = ?2 LIMIT 1");
    found.bind(1, unit_id).bind(2, sha256);
    int step = found.step();
    if (step == DYAD_DONE) {
        return std::optional<IssuedRecord>();
    }
    if (step != DYAD_ROW) {
        return std::unexpected(db.last_error());
    }
    return std::optional<IssuedRecord>(
        IssuedRecord{found.text(0), found.text(1), found.text(2), found.int64(3) != 0});
}

}  // namespace dyad::billing
