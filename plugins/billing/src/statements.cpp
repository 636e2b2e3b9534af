#include "statements.h"

#include <pdf_document.h>
#include <time_text.h>

#include <algorithm>
#include <dyad/show.hpp>
#include <filesystem>
#include <map>

#include "identity.h"
#include "text_checks.h"

namespace dyad::billing {
namespace {

using dyad::show::fill;
using dyad::show::tr;

std::string member_name(const std::vector<dyad::sdk::Host::Member>& members,
                        std::int64_t client_id) {
    for (const auto& member : members) {
        if (member.client_id == client_id) {
            return member.full_name();
        }
    }
    return {};
}

// A payment method as the documents name it, in the chosen language.
std::string method_words(const std::string& method) {
    if (method == "card") {
        return dyad::show::tr_in("payment method", "card");
    }
    if (method == "cash") {
        return dyad::show::tr_in("payment method", "cash");
    }
    if (method == "cheque") {
        return dyad::show::tr_in("payment method", "cheque");
    }
    if (method == "transfer") {
        return dyad::show::tr_in("payment method", "bank transfer");
    }
    return method == "insurer" ? dyad::show::tr_in("payment method", "insurer") : method;
}

// The practice's name and phone as the documents' letterhead (nothing when not set up).
void letterhead(dyad::sdk::Host host, dyad::pdf::PdfDocument& document) {
    IdentityStore identities(host);
    auto identity = identities.load();
    if (identity && *identity) {
        document.field(tr("From"), (*identity)->legal_name);
        if (!(*identity)->address.empty()) {
            document.field(tr("Address"), (*identity)->address);
        }
        if (!(*identity)->phone.empty()) {
            document.field(tr("Phone"), (*identity)->phone);
        }
    }
}

// A partner's statement as issue_statement writes it and statement_pages prints it: the title,
// the practice, the partner, the period and the day it was `dated` (issued, or printed), the
// balance before the period, each line, the balance at its end and the couple's credit.
void draw_statement(dyad::sdk::Host host, dyad::pdf::PdfDocument& document,
                    const std::string& title, const std::string& name, const Statement& statement,
                    std::int64_t credit, const std::string& dated) {
    document.title(title);
    letterhead(host, document);
    document.field(tr("Statement for"), name);
    document.field(tr("Period"),
                   fill(fill(tr("{from} to {to}"), "from", printed_date(statement.from)), "to",
                        printed_date(statement.to)));
    document.field(dated, printed_date(dyad::datafile::local_today()));
    document.rule();
    document.field(fill(tr("Balance on {date}"), "date", printed_date(statement.from)),
                   dyad::show::money(statement.opening_cents));
    for (const auto& line : statement.lines) {
        document.field(printed_date(line.date) + "  " + line.description,
                       dyad::show::money(line.amount_cents));
    }
    document.rule();
    document.field(fill(statement.closing_cents >= 0 ? tr("Balance due on {date}")
                                                     : tr("In your favour on {date}"),
                        "date", printed_date(statement.to)),
                   dyad::show::money(std::abs(statement.closing_cents)));
    if (credit > 0) {
        document.field(tr("Credit the couple holds today"), dyad::show::money(credit));
    }
    document.note(
        tr("Your share of the couple's sessions as agreed with your therapist, and what was "
           "paid toward it. Credit is applied to later sessions or refunded on request."));
}

}  // namespace

Result<std::vector<PaymentRow>> list_payments(const dyad::sdk::Database& db, std::int64_t unit_id) {
    auto select = db.prepare(
        "SELECT p.id, p.received_on, p.method, p.reference, p.amount_cents, p.from_client_id, "
        "coalesce((SELECT sum(a.amount_cents) FROM billing_allocation a WHERE a.payment_id = "
        "p.id), 0), coalesce((SELECT d.number FROM billing_document_payment dp JOIN "
        "billing_document d ON d.id = dp.document_id WHERE dp.payment_id = p.id), '') FROM "
        "billing_payment p WHERE p.unit_id = ? ORDER BY p.received_on, p.created_at, p.id");
    select.bind(1, unit_id);
    std::vector<PaymentRow> rows;
    int code = 0;
    while ((code = select.step()) == DYAD_ROW) {
        PaymentRow row;
        row.id = select.int64(0);
        row.received_on = select.text(1);
        row.method = select.text(2);
        row.reference = select.text(3);
        row.amount_cents = select.int64(4);
        if (!select.is_null(5)) {
            row.from_client_id = select.int64(5);
        }
        row.allocated_cents = select.int64(6);
        row.receipt = select.text(7);
        rows.push_back(std::move(row));
    }
    if (code != DYAD_DONE) {
        return std::unexpected("the payments could not be read: " + db.last_error());
    }
    return rows;
}

Result<Statement> read_statement(const dyad::sdk::Database& db, std::int64_t unit_id,
                                 std::int64_t client_id, const std::string& from,
                                 const std::string& to) {
    if (!is_iso_date(from) || !is_iso_date(to)) {
        return std::unexpected("the period's dates are YYYY-MM-DD, real days");
    }
    if (to < from) {
        return std::unexpected("the period ends before it starts");
    }
    // The partner's shares (a reversal dated the local day it was posted, as on the ledger) and
    // what each payment put on them, dated the day it was put there (received, applied from
    // credit, or released by a reversal: allocated_on).
    // Columns: date, kind (0 share, 1 payment, 2 release), words, cents, order, id, a date.
    auto select = db.prepare(
        "SELECT CASE WHEN c.reversal_of IS NULL THEN c.service_date ELSE date(c.created_at, "
        "'localtime') END, 0, c.code || ' ' || c.label, s.amount_cents, c.created_at, c.id, "
        "(SELECT o.service_date FROM billing_charge o WHERE o.id = c.reversal_of) FROM "
        "billing_charge_share s JOIN billing_charge c ON c.id = s.charge_id WHERE c.unit_id = ?1 "
        "AND s.client_id = ?2 AND s.amount_cents <> 0 UNION ALL SELECT a.allocated_on, CASE WHEN "
        "a.amount_cents > 0 THEN 1 ELSE 2 END, p.method, -sum(a.amount_cents), max(p.created_at, "
        "CASE WHEN a.amount_cents > 0 THEN '' ELSE c.created_at END), p.id, p.received_on FROM "
        "billing_allocation a JOIN billing_payment p ON p.id = a.payment_id JOIN billing_charge c "
        "ON c.id = a.charge_id WHERE c.unit_id = ?1 AND a.client_id = ?2 GROUP BY 1, 2, 6 "
        "ORDER BY 1, 5, 2");
    select.bind(1, unit_id).bind(2, client_id);
    Statement statement;
    statement.from = from;
    statement.to = to;
    int code = 0;
    while ((code = select.step()) == DYAD_ROW) {
        std::string date = select.text(0);
        std::int64_t kind = select.int64(1);
        std::int64_t cents = select.int64(3);
        if (date < from) {
            statement.opening_cents += cents;
            continue;
        }
        if (date > to || cents == 0) {
            continue;
        }
        std::string description;
        std::string other_date = printed_date(select.text(6));
        if (kind == 1) {
            description =
                select.text(6) == date
                    ? tr("Payment by {method}")
                    : fill(tr("Payment by {method} of {date} (credit)"), "date", other_date);
            description = fill(description, "method", method_words(select.text(2)));
        } else if (kind == 2) {
            description =
                fill(tr("Payment of {date} returned to the couple's credit by a reversal"), "date",
                     other_date);
        } else {
            description =
                select.is_null(6)
                    ? select.text(2)
                    : fill(fill(tr("{service} (reversal of {date})"), "service", select.text(2)),
                           "date", other_date);
            statement.charge_ids.push_back(select.int64(5));
        }
        statement.lines.push_back({date, description, cents});
    }
    statement.closing_cents = statement.opening_cents;
    for (const auto& line : statement.lines) {
        statement.closing_cents += line.amount_cents;
    }
    std::sort(statement.charge_ids.begin(), statement.charge_ids.end());
    statement.charge_ids.erase(
        std::unique(statement.charge_ids.begin(), statement.charge_ids.end()),
        statement.charge_ids.end());
    return statement;
}

Result<IssuedDocument> issue_receipt(dyad::sdk::Host host, std::int64_t unit_id,
                                     std::int64_t payment_id, const std::string& path,
                                     const std::string& by) {
    if (std::filesystem::exists(path)) {
        return std::unexpected(path + " exists: choose another name");
    }
    auto members = host.members(unit_id);
    dyad::sdk::Database db(host);
    dyad::sdk::Transaction transaction(db);
    if (!transaction.error().empty()) {
        return std::unexpected(transaction.error());
    }
    auto payments = list_payments(db, unit_id);
    if (!payments) {
        return std::unexpected(payments.error());
    }
    auto payment = std::find_if(payments->begin(), payments->end(),
                                [&](const PaymentRow& row) { return row.id == payment_id; });
    if (payment == payments->end()) {
        return std::unexpected("there is no payment " + std::to_string(payment_id) +
                               " for this unit");
    }
    if (!payment->receipt.empty()) {
        return std::unexpected("payment " + std::to_string(payment_id) + " has receipt " +
                               payment->receipt + " already; give the client that file again");
    }
    // What the payment paid, partner by partner and charge by charge (net of releases).
    struct Line {
        std::string text;
        std::int64_t cents;
        std::int64_t charge_id;
    };
    std::vector<Line> lines;
    auto select = db.prepare(
        "SELECT o.service_date, o.code, o.label, a.client_id, sum(a.amount_cents), o.id FROM "
        "billing_allocation a JOIN billing_charge c ON c.id = a.charge_id JOIN billing_charge o "
        "ON o.id = coalesce(c.reversal_of, c.id) WHERE a.payment_id = ? GROUP BY o.id, "
        "a.client_id HAVING sum(a.amount_cents) <> 0 ORDER BY o.service_date, o.id, a.client_id");
    select.bind(1, payment_id);
    while (select.step() == DYAD_ROW) {
        std::string name = member_name(members, select.int64(3));
        std::string share =
            fill(tr("{name}'s share"), "name", name.empty() ? tr("a former member") : name);
        lines.push_back({printed_date(select.text(0)) + "  " + select.text(1) + "  " +
                             select.text(2) + " — " + share,
                         select.int64(4), select.int64(5)});
    }
    IssuedDocument issued;
    auto number = take_number(db, "RCT");
    if (!number) {
        return std::unexpected(number.error());
    }
    issued.number = *number;
    issued.total_cents = payment->amount_cents;
    std::string payer =
        payment->from_client_id ? member_name(members, *payment->from_client_id) : std::string();
    // What is left of it, as far as the couple still holds it (a refund may have given it back).
    auto held = BillingStore(host, nullptr).credit(unit_id);
    if (!held) {
        return std::unexpected(held.error());
    }
    std::int64_t credit = std::min(payment->amount_cents - payment->allocated_cents, *held);
    std::string title = fill(tr("Receipt {number}"), "number", issued.number);
    auto pdf = PendingFile::write_pdf(path, title, [&](auto& document) {
        document.title(title);
        letterhead(host, document);
        document.field(tr("Received from"), payer.empty() ? tr("the couple") : payer);
        document.field(tr("Received on"), printed_date(payment->received_on));
        document.field(tr("Paid by"),
                       method_words(payment->method) +
                           (payment->reference.empty() ? "" : " " + payment->reference));
        document.field(tr("Amount"), dyad::show::money(payment->amount_cents));
        document.field(tr("Issued"), printed_date(dyad::datafile::local_today()));
        document.rule();
        if (lines.empty()) {
            document.paragraph(tr("Nothing of this payment is applied to a session yet."));
        }
        for (const auto& line : lines) {
            document.field(line.text, dyad::show::money(line.cents));
        }
        if (credit > 0) {
            document.field(tr("Held as credit"), dyad::show::money(credit));
        }
        document.rule();
        document.note(tr("Thank you. Keep this receipt for your records."));
    });
    if (!pdf) {
        return std::unexpected(pdf.error());
    }
    issued.sha256 = pdf->sha256();
    std::vector<std::int64_t> charge_ids;
    for (const auto& line : lines) {
        charge_ids.push_back(line.charge_id);
    }
    auto id = record_document(db, "receipt", issued, unit_id, payment->from_client_id.value_or(0),
                              charge_ids, by);
    if (!id) {
        return std::unexpected(id.error());
    }
    auto link =
        db.prepare("INSERT INTO billing_document_payment (document_id, payment_id) VALUES (?, ?)");
    link.bind(1, *id).bind(2, payment_id);
    if (link.step() != DYAD_DONE) {
        return std::unexpected("the receipt could not be recorded: " + db.last_error());
    }
    issued.id = *id;
    if (auto done = finish_issue(host, transaction, *pdf, "receipt", issued.number, "receipt",
                                 issued.id, unit_id, "receipt-pdf");
        !done) {
        return std::unexpected(done.error());
    }
    return issued;
}

Result<IssuedDocument> issue_statement(dyad::sdk::Host host, BillingStore& store,
                                       std::int64_t unit_id, std::int64_t client_id,
                                       const std::string& from, const std::string& to,
                                       const std::string& path, const std::string& by) {
    if (std::filesystem::exists(path)) {
        return std::unexpected(path + " exists: choose another name");
    }
    auto members = host.members(unit_id);
    std::string name = member_name(members, client_id);
    if (name.empty()) {
        return std::unexpected("client " + std::to_string(client_id) +
                               " is not a member of this unit");
    }
    dyad::sdk::Database db(host);
    dyad::sdk::Transaction transaction(db);
    if (!transaction.error().empty()) {
        return std::unexpected(transaction.error());
    }
    auto statement = read_statement(db, unit_id, client_id, from, to);
    if (!statement) {
        return std::unexpected(statement.error());
    }
    if (statement->lines.empty() && statement->opening_cents == 0) {
        return std::unexpected("there is nothing to state for " + name + " from " + from + " to " +
                               to);
    }
    auto credit = store.credit(unit_id);
    if (!credit) {
        return std::unexpected(credit.error());
    }
    IssuedDocument issued;
    auto number = take_number(db, "STM");
    if (!number) {
        return std::unexpected(number.error());
    }
    issued.number = *number;
    issued.total_cents = statement->closing_cents;
    std::string title = fill(tr("Statement {number}"), "number", issued.number);
    auto pdf = PendingFile::write_pdf(path, title, [&](auto& document) {
        draw_statement(host, document, title, name, *statement, *credit, tr("Issued"));
    });
    if (!pdf) {
        return std::unexpected(pdf.error());
    }
    issued.sha256 = pdf->sha256();
    auto id =
        record_document(db, "statement", issued, unit_id, client_id, statement->charge_ids, by);
    if (!id) {
        return std::unexpected(id.error());
    }
    issued.id = *id;
    if (auto done = finish_issue(host, transaction, *pdf, "statement", issued.number, "statement",
                                 issued.id, unit_id, "statement-pdf");
        !done) {
        return std::unexpected(done.error());
    }
    return issued;
}

Result<std::optional<dyad::pdf::RecordedPages>> statement_pages(
    dyad::sdk::Host host, BillingStore& store, std::int64_t unit_id, std::int64_t client_id,
    const std::string& from, const std::string& to) {
    std::string name = member_name(host.members(unit_id), client_id);
    if (name.empty()) {
        return std::unexpected("client " + std::to_string(client_id) +
                               " is not a member of this unit");
    }
    // Read only: no transaction, no number taken, nothing recorded.
    auto statement = read_statement(dyad::sdk::Database(host), unit_id, client_id, from, to);
    if (!statement) {
        return std::unexpected(statement.error());
    }
    if (statement->lines.empty() && statement->opening_cents == 0) {
        return std::nullopt;
    }
    auto credit = store.credit(unit_id);
    if (!credit) {
        return std::unexpected(credit.error());
    }
    std::string title = tr("Statement of account");
    auto pages = document_pages(title, [&](auto& document) {
        draw_statement(host, document, title, name, *statement, *credit, tr("Printed"));
    });
    if (!pages) {
        return std::unexpected(pages.error());
    }
    return std::optional<dyad::pdf::RecordedPages>(std::move(*pages));
}

}  // namespace dyad::billing
