// The Billing tab's receipts and statements (issue 16): a payment chosen from the unit's
// payments, or a partner and a period; then where to save the PDF. The rules and refusals are
// src/statements.cpp's, shown in the tab's message line; each document is offered by e-mail
// like an invoice. File > Print on the tab prints a partner's statement of account (issue 19);
// Print Issued Document prints an issued document again from its saved PDF.
#include <wx/choice.h>
#include <wx/textctrl.h>

#include <pdf_reader.h>
#include <print_pages.h>
#include <time_text.h>
#include <wx_text.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>

#include "../src/documents.h"
#include "../src/statements.h"
#include "billing_panel.h"
#include "form_dialog.h"

namespace dyad::billing {

namespace {

// The period a statement covers unless told otherwise: the start of last month to today (a
// statement usually covers a month).
std::pair<std::string, std::string> statement_period() {
    return {local_date_days_ago(31).substr(0, 8) + "01", dyad::datafile::local_today()};
}

}  // namespace

using dyad::ui::utf8;
using dyad::ui::wx;

std::string BillingPanel::receipt(std::int64_t payment_id, const std::string& path) {
    auto issued = issue_receipt(m_host, m_unit_id, payment_id, path, by());
    if (!issued) {
        show_message(wx(issued.error()), true);
        return {};
    }
    show_message(wxString::Format(_("Receipt %s written (%s)."), wx(issued->number),
                                  shown_money(issued->total_cents)),
                 false);
    auto payments = list_payments(dyad::sdk::Database(m_host), m_unit_id);
    if (payments) {
        for (const auto& payment : *payments) {
            if (payment.id == payment_id && payment.from_client_id) {
                offer_email(*payment.from_client_id,
                            wxString::Format(_("Receipt %s"), wx(issued->number)), path);
            }
        }
    }
    return issued->number;
}

std::string BillingPanel::statement(std::int64_t client_id, const std::string& from,
                                    const std::string& to, const std::string& path) {
    auto issued = issue_statement(m_host, m_store, m_unit_id, client_id, from, to, path, by());
    if (!issued) {
        show_message(wx(issued.error()), true);
        return {};
    }
    show_message(wxString::Format(_("Statement %s written (balance %s)."), wx(issued->number),
                                  shown_money(issued->total_cents)),
                 false);
    offer_email(client_id, wxString::Format(_("Statement %s"), wx(issued->number)), path);
    return issued->number;
}

// What the tab prints: the statement of the first partner (the one the Statement... dialog
// offers first) over the period it offers, drawn like an issued statement but titled
// "Statement of account", dated the day it is printed and not numbered: printing records no
// document and takes no number. An issued invoice, receipt, statement, superbill or estimate is
// not printed again from here: only its PDF's SHA-256 is kept, not its content, and drawing it
// again from today's ledger, addresses and coverage could differ from what went out under its
// number; the file issued is the copy to print again.
bool BillingPanel::print(bool preview) {
    if (m_unit_id == 0 || m_members.empty()) {
        return false;
    }
    auto [from, to] = statement_period();
    const auto& partner = m_members.front();
    auto pages = statement_pages(m_host, m_store, m_unit_id, partner.client_id, from, to);
    if (!pages) {
        show_message(wxString::Format(_("Not printed: %s"), wx(pages.error())), true);
        return true;
    }
    if (!*pages) {
        return false;  // Nothing to state: the host says there is nothing to print.
    }
    std::int64_t unit = m_unit_id;
    // Audited as the issued statement's PDF is ("statement-pdf" on the unit), with the
    // format printing gives: "statement-print", or "statement-pdf" to a file.
    dyad::ui::print_pages(this, std::move(**pages),
                          wxString::Format(_("Statement of account: %s"), wx(partner.full_name())),
                          preview, [host = m_host, unit](const std::string& format) {
                              (void)host.core()->record_export(host.raw(), "unit", unit,
                                                               ("statement-" + format).c_str());
                          });
    return true;
}

void BillingPanel::receipt_dialog() {
    if (m_unit_id == 0) {
        return;
    }
    auto payments = list_payments(dyad::sdk::Database(m_host), m_unit_id);
    if (!payments) {
        show_message(wx(payments.error()), true);
        return;
    }
    // Newest first: the payment just taken is the one usually asked for. A payment with its
    // receipt already is not offered (one receipt per payment).
    wxArrayString items;
    std::vector<std::int64_t> ids;
    for (auto payment = payments->rbegin(); payment != payments->rend(); ++payment) {
        if (!payment->receipt.empty()) {
            continue;
        }
        items.Add(shown_date(payment->received_on) + "  " + method_label(payment->method) + "  " +
                  shown_money(payment->amount_cents));
        ids.push_back(payment->id);
    }
    if (items.empty()) {
        show_message(payments->empty()
                         ? _("There are no payments to give a receipt for yet.")
                         : _("Every payment has its receipt already (one receipt per payment)."),
                     true);
        return;
    }
    FormDialog form(this, _("Receipt"), "billing_receipt_dialog");
    auto* payment = form.choice(_("&Payment"), "receipt_payment", items);
    if (!form.show(_("One receipt per payment, numbered; it says what the payment paid for "
                     "each partner and what is held as credit."))) {
        return;
    }
    int chosen = payment->GetSelection();
    if (chosen < 0) {
        return;
    }
    std::string path =
        save_path(this, _("Save Receipt"), "receipt.pdf", _("PDF files (*.pdf)|*.pdf"));
    if (!path.empty()) {
        receipt(ids[static_cast<std::size_t>(chosen)], path);
    }
}

void BillingPanel::statement_dialog() {
    if (m_unit_id == 0 || m_members.empty()) {
        return;
    }
    wxArrayString names;
    for (const auto& member : m_members) {
        names.Add(wx(member.full_name()));
    }
    auto [from, today] = statement_period();
    FormDialog form(this, wxGETTEXT_IN_CONTEXT("account", "Statement"), "billing_statement_dialog");
    auto* client = form.choice(_("&For"), "statement_client", names);
    auto* first = form.text(_("F&rom"), "statement_from", wx(from));
    auto* last = form.text(_("&To"), "statement_to", wx(today));
    if (!form.show(_("The partner's balance at the start, their share of each session and each "
                     "payment toward it, and the balance at the end (dates as YYYY-MM-DD)."))) {
        return;
    }
    int chosen = client->GetSelection();
    if (chosen < 0) {
        return;
    }
    std::string path =
        save_path(this, _("Save Statement"), "statement.pdf", _("PDF files (*.pdf)|*.pdf"));
    if (!path.empty()) {
        statement(m_members[static_cast<std::size_t>(chosen)].client_id, utf8(first->GetValue()),
                  utf8(last->GetValue()), path);
    }
}

std::string BillingPanel::print_issued(const std::string& path, bool preview) {
    if (m_unit_id == 0) {
        return {};
    }
    constexpr std::uintmax_t kMostBytes = 50u << 20;  // Dyad's documents are far smaller.
    std::error_code error;
    std::uintmax_t size = std::filesystem::file_size(path, error);
    if (error || size > kMostBytes) {
        show_message(error ? wxString::Format(_("Not printed: the file could not be read (%s)."),
                                              wx(error.message()))
                           : wxString(_("Not printed: the file is larger than any document "
                                        "Dyad issues.")),
                     true);
        return {};
    }
    std::ifstream in(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) {
        show_message(_("Not printed: the file could not be read."), true);
        return {};
    }
    // The fingerprint first: only the bytes Dyad wrote for this unit are read as a PDF.
    auto found = find_issued(dyad::sdk::Database(m_host), m_unit_id, sha256_hex(bytes));
    if (!found) {
        show_message(wxString::Format(_("Not printed: %s"), wx(found.error())), true);
        return {};
    }
    if (!*found) {
        show_message(_("Not printed: this file is not a document Dyad issued for this unit, or "
                       "it was changed after it was issued."),
                     true);
        return {};
    }
    const IssuedRecord record = **found;
    auto pages = dyad::pdf::pages_of_pdf(bytes);
    if (!pages) {
        show_message(wxString::Format(_("Not printed: %s"), wx(pages.error())), true);
        return {};
    }
    std::int64_t unit = m_unit_id;
    auto started = std::make_shared<bool>(false);
    bool done = dyad::ui::print_pages(
        this, std::move(*pages), wx(record.number), preview,
        [host = m_host, unit, kind = record.kind, started](const std::string& format) {
            *started = true;
            (void)host.core()->record_export(host.raw(), "unit", unit,
                                             (kind + "-" + format).c_str());
        });
    if (!done) {
        return {};  // print_pages said what failed.
    }
    if (*started) {
        show_message(
            record.replaced
                ? wxString::Format(_("%s printed again from its saved PDF; a later "
                                     "estimate replaces it."),
                                   wx(record.number))
                : wxString::Format(_("%s printed again from its saved PDF."), wx(record.number)),
            false);
    }
    return record.number;  // Printed, previewed, or its print dialog cancelled.
}

void BillingPanel::print_issued_dialog() {
    if (m_unit_id == 0) {
        return;
    }
    std::string path = open_path(this, _("Print Issued Document: choose its saved PDF"),
                                 _("PDF files (*.pdf)|*.pdf"));
    if (!path.empty()) {
        print_issued(path, false);
    }
}

}  // namespace dyad::billing
