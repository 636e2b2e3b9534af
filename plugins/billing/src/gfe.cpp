#include "gfe.h"

#include <pdf_document.h>
#include <text_lists.h>
#include <time_text.h>

#include <dyad/show.hpp>

#include "clinicians.h"
#include "money.h"
#include "text_checks.h"

namespace dyad::billing {
namespace {

// The first day twelve months after from: a period must end before it.
std::string twelve_months_after(const std::string& from) {
    int year = std::stoi(from.substr(0, 4)) + 1;
    return std::to_string(year) + from.substr(4);
}

}  // namespace

std::vector<std::string> gfe_problems(const GfeFacts& facts) {
    std::vector<std::string> problems;
    if (!facts.provider) {
        problems.push_back(
            "the practice's billing identity (Settings > Billing): the estimate names the "
            "provider, NPI, tax id and location");
    }
    if (facts.unit_kind == "insurance") {
        problems.push_back(
            "this unit bills insurance: a Good Faith Estimate is for self-pay or uninsured "
            "clients (change the billing kind first)");
    }
    if (!facts.recipient) {
        problems.push_back("the recipient is not a member of this unit");
    } else if (facts.recipient->date_of_birth.empty()) {
        problems.push_back("the recipient's date of birth (the client's details)");
    }
    const auto& request = facts.request;
    if (!is_iso_date(request.period_from) || !is_iso_date(request.period_to) ||
        request.period_to < request.period_from) {
        problems.push_back("the period: YYYY-MM-DD to YYYY-MM-DD, the first not after the last");
    } else if (request.period_to >= twelve_months_after(request.period_from)) {
        problems.push_back("the period: one estimate covers at most 12 months");
    }
    if (request.items.empty()) {
        problems.push_back("the expected services: at least one code and how many");
    }
    for (const auto& item : request.items) {
        if (item.count < 1 || item.count > 366) {
            problems.push_back(item.code + ": how many, 1 to 366");
        }
        if (item.fee_cents <= 0 || item.fee_cents > 100000000) {
            problems.push_back(item.code + ": the expected fee (more than $0.00)");
        }
    }
    return problems;
}

Result<IssuedGfe> issue_gfe(dyad::sdk::Host host, BillingStore& store, const Catalogue* catalogue,
                            GfeRequest request, const std::string& path, const std::string& by) {
    auto members = host.members(request.unit_id);
    if (members.empty()) {
        return std::unexpected("there is no client unit " + std::to_string(request.unit_id));
    }
    auto setup = store.unit(request.unit_id);
    if (!setup) {
        return std::unexpected(setup.error());
    }
    GfeFacts facts;
    facts.unit_kind = *setup ? (*setup)->kind : std::string();
    std::int64_t recipient_id = request.recipient_id.value_or(
        *setup && (*setup)->responsible_client_id ? *(*setup)->responsible_client_id
                                                  : members.front().client_id);
    for (const auto& member : members) {
        auto client = client_facts(host, member.client_id);
        if (!client) {
            continue;
        }
        if (member.client_id == recipient_id) {
            facts.recipient = *client;
        } else {
            facts.also_listed.push_back(*client);
        }
    }
    for (auto& item : request.items) {
        const Service* service = catalogue != nullptr ? catalogue->find(item.code) : nullptr;
        if (service == nullptr) {
            return std::unexpected(item.code + " is not in the service catalogue");
        }
        item.label = service->label;
        if (item.fee_cents == 0) {
            item.fee_cents = service->fee_cents;
        }
    }
    facts.request = request;
    IdentityStore identity(host);
    auto provider = identity.load();
    if (!provider) {
        return std::unexpected(provider.error());
    }
    facts.provider = *provider;
    if (facts.provider) {
        // The estimate names the clinician the unit is seen by.
        ClinicianStore clinicians(host);
        auto seen_by = clinicians.unit_clinician(request.unit_id);
        if (!seen_by) {
            return std::unexpected(seen_by.error());
        }
        auto rendering = clinicians.provider_for(*facts.provider, {*seen_by});
        if (!rendering) {
            return std::unexpected(rendering.error());
        }
        facts.provider = *rendering;
    }
    if (facts.recipient) {
        // A self-pay couple may have no diagnosis at all; the estimate then lists none. When
        // they cannot be read, it is not issued (149.610(c) lists the codes).
        auto diagnoses = diagnoses_on(host, recipient_id, request.period_from);
        if (!diagnoses) {
            return std::unexpected("the estimate cannot be issued yet: the recipient's " +
                                   diagnoses.error());
        }
        facts.diagnoses = *diagnoses;
    }
    if (auto problems = gfe_problems(facts); !problems.empty()) {
        return std::unexpected("the estimate cannot be issued yet: " +
                               dyad::datafile::join_list(problems, "; "));
    }
    dyad::sdk::Database db(host);
    dyad::sdk::Transaction transaction(db);
    if (!transaction.error().empty()) {
        return std::unexpected(transaction.error());
    }
    IssuedGfe issued;
    std::optional<std::int64_t> supersedes;
    auto current = db.prepare(
        "SELECT g.id, g.number FROM billing_gfe g WHERE g.unit_id = ? AND NOT EXISTS (SELECT 1 "
        "FROM billing_gfe n WHERE n.supersedes = g.id) ORDER BY g.issued_at DESC, g.id DESC");
    current.bind(1, request.unit_id);
    if (current.step() == DYAD_ROW) {
        supersedes = current.int64(0);
        issued.supersedes = current.text(1);
    }
    auto number = take_number(db, "GFE");
    if (!number) {
        return std::unexpected(number.error());
    }
    issued.number = *number;
    for (const auto& item : request.items) {
        issued.total_cents += item.total();
    }
    const Identity& p = *facts.provider;
    std::string diagnoses =
        facts.diagnoses.empty() ? "none" : dyad::datafile::join_list(facts.diagnoses, ", ");
    using dyad::show::fill;
    using dyad::show::tr;
    std::string title = fill(tr("Good Faith Estimate {number}"), "number", issued.number);
    std::string issued_words =
        issued.supersedes
            ? fill(tr("Issued {date}; replaces {number}. Keep a copy of this estimate."), "number",
                   *issued.supersedes)
            : tr("Issued {date}. Keep a copy of this estimate.");
    issued_words = fill(issued_words, "date", printed_date(dyad::datafile::local_today()));
    auto pdf = PendingFile::write_pdf(path, title, [&](auto& document) {
        document.title(title);
        document.note(issued_words);
        document.heading(tr("Patient"));
        document.field(tr("Name"), facts.recipient->full_name());
        document.field(tr("Date of birth"), printed_date(facts.recipient->date_of_birth));
        for (const auto& other : facts.also_listed) {
            document.field(tr("Also seen in these sessions"), other.full_name());
        }
        document.heading(tr("Provider"));
        document.field(tr("Name"),
                       p.legal_name + " (" + p.clinician_name + ", " + p.licence_type + ")");
        document.field(tr("NPI"), p.clinician_npi);
        document.field(p.tax_id_kind == "ssn" ? tr("Tax id (SSN)") : tr("Tax id (EIN)"),
                       formatted_tax_id(p));
        document.field(tr("Location"), p.address);
        document.field(tr("State"), p.licence_state);
        document.heading(fill(fill(tr("Expected services, {from} to {to}"), "from",
                                   printed_date(request.period_from)),
                              "to", printed_date(request.period_to)));
        const auto& primary = request.items.front();
        std::string service = tr("{service} ({code}), {sessions} over this period");
        service = fill(service, "service", primary.label);
        service = fill(service, "code", primary.code);
        document.field(tr("Primary service"),
                       fill(service, "sessions",
                            dyad::show::tr_n("{n} session", "{n} sessions", primary.count)));
        document.field(tr("Diagnosis codes"), facts.diagnoses.empty() ? tr("none") : diagnoses);
        for (const auto& item : request.items) {
            document.field(item.code + "  " + item.label + "  " + dyad::show::number(item.count) +
                               " x " + dyad::show::money(item.fee_cents),
                           dyad::show::money(item.total()));
        }
        document.rule();
        document.field(tr("Total expected charges"), dyad::show::money(issued.total_cents));
        document.note(tr("No services that need separate scheduling are expected."));
        document.heading(tr("Please read"));
        document.paragraph(
            tr("Other services may be recommended as your care goes on; they would be estimated "
               "separately."));
        document.paragraph(
            tr("This is only an estimate: the actual items, services and charges may differ."));
        document.paragraph(
            tr("You have the right to start a patient-provider dispute process if you are billed "
               "at least $400 more than the total expected charges on this estimate. Start it "
               "within 120 calendar days of the bill. To learn how, visit "
               "www.cms.gov/nosurprises or call 1-800-985-3059. Starting a dispute will not "
               "affect the quality of the care you receive."));
    });
    if (!pdf) {
        return std::unexpected(pdf.error());
    }
    issued.sha256 = pdf->sha256();
    issued.id = db.new_id();
    auto record = db.prepare(
        "INSERT INTO billing_gfe (id, number, unit_id, recipient_id, period_from, period_to, "
        "total_cents, supersedes, issued_at, issued_by, pdf_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, "
        "?, ?, ?, ?)");
    record.bind(1, issued.id).bind(2, issued.number).bind(3, request.unit_id);
    record.bind(4, recipient_id).bind(5, request.period_from).bind(6, request.period_to);
    record.bind(7, issued.total_cents);
    supersedes ? (void)record.bind(8, *supersedes) : (void)record.bind_null(8);
    record.bind(9, dyad::datafile::now_utc()).bind(10, by).bind(11, issued.sha256);
    if (record.step() != DYAD_DONE) {
        return std::unexpected("the estimate could not be recorded: " + db.last_error());
    }
    int line = 0;
    for (const auto& item : request.items) {
        auto insert = db.prepare(
            "INSERT INTO billing_gfe_item (gfe_id, line, code, label, diagnoses, count, "
            "fee_cents) VALUES (?, ?, ?, ?, ?, ?, ?)");
        insert.bind(1, issued.id).bind(2, ++line).bind(3, item.code).bind(4, item.label);
        insert.bind(5, diagnoses).bind(6, item.count).bind(7, item.fee_cents);
        if (insert.step() != DYAD_DONE) {
            return std::unexpected("the estimate could not be recorded: " + db.last_error());
        }
    }
    if (auto done = finish_issue(host, transaction, *pdf, "estimate", issued.number,
                                 "good-faith-estimate", issued.id, request.unit_id, "gfe-pdf");
        !done) {
        return std::unexpected(done.error());
    }
    return issued;
}

Result<std::optional<GfeWatch>> gfe_watch(const dyad::sdk::Database& db, std::int64_t unit_id) {
    auto select = db.prepare(
        "SELECT g.number, g.period_from, g.period_to, g.total_cents, coalesce((SELECT "
        "sum(c.amount_cents) FROM billing_charge c WHERE c.unit_id = g.unit_id AND "
        "c.service_date BETWEEN g.period_from AND g.period_to), 0) FROM billing_gfe g WHERE "
        "g.unit_id = ? AND NOT EXISTS (SELECT 1 FROM billing_gfe n WHERE n.supersedes = g.id) "
        "ORDER BY g.issued_at DESC, g.id DESC");
    select.bind(1, unit_id);
    int code = select.step();
    if (code == DYAD_DONE) {
        return std::optional<GfeWatch>();
    }
    if (code != DYAD_ROW) {
        return std::unexpected("the estimates could not be read: " + db.last_error());
    }
    return GfeWatch{select.text(0), select.text(1), select.text(2), select.int64(3),
                    select.int64(4)};
}

std::string gfe_warning(const GfeWatch& watch) {
    if (!watch.over()) {
        return {};
    }
    return "billed " + format_cents(watch.billed_cents) + " in the period of estimate " +
           watch.number + " (" + format_cents(watch.estimate_cents) +
           "): at least $400 over, the client may dispute the bill (45 CFR 149.620)";
}

}  // namespace dyad::billing
