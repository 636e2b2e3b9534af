#include "superbill.h"

#include <pdf_document.h>
#include <text_lists.h>
#include <time_text.h>

#include <algorithm>
#include <dyad/show.hpp>

#include "clinicians.h"
#include "text_checks.h"

namespace dyad::billing {
namespace {

std::string address_text(const Address& address) {
    std::string zip = address.zip.size() == 9
                          ? address.zip.substr(0, 5) + "-" + address.zip.substr(5)
                          : address.zip;
    return address.street + ", " + address.city + ", " + address.state + " " + zip;
}

// The subscriber's relation to the patient as the superbill prints it.
std::string relation_words(const std::string& relation) {
    if (relation == "spouse") {
        return dyad::show::tr_in("subscriber relation", "spouse");
    }
    if (relation == "child") {
        return dyad::show::tr_in("subscriber relation", "child");
    }
    return relation == "other" ? dyad::show::tr_in("subscriber relation", "other") : relation;
}

}  // namespace

std::vector<std::string> superbill_problems(const SuperbillFacts& facts) {
    std::vector<std::string> problems;
    if (!facts.provider) {
        problems.push_back(
            "the practice's billing identity (Settings > Billing): legal name, tax id, NPI, "
            "licence and taxonomy");
    } else if (facts.provider->phone.empty()) {
        problems.push_back("the practice's phone number (Settings > Billing)");
    }
    if (!facts.patient) {
        problems.push_back("the identified patient's record cannot be read");
    } else if (facts.patient->date_of_birth.empty()) {
        problems.push_back("the identified patient's date of birth (the client's details)");
    }
    if (!facts.patient_details || !facts.patient_details->address.complete()) {
        problems.push_back(
            "the identified patient's address (billing details: street, city, "
            "state, ZIP)");
    }
    if (!facts.coverage) {
        problems.push_back(
            "the identified patient's insurance member id (add a coverage in force on the "
            "dates of service)");
    }
    if (facts.lines.empty()) {
        problems.push_back(
            "no session billed to insurance or a superbill in that period (charge the sessions "
            "first)");
    }
    for (const auto& line : facts.lines) {
        if (line.place_of_service.size() != 2) {
            problems.push_back(line.date + " " + line.code + ": the place of service");
        }
        if (line.diagnoses.empty()) {
            problems.push_back(line.date + " " + line.code +
                               ": no diagnosis in force on that date (Diagnoses tab)");
        } else if (line.diagnoses.front()[0] == 'Z') {
            problems.push_back(line.date + " " + line.code +
                               ": only Z-code diagnoses on that date (Z63.0 alone is generally "
                               "not reimbursable)");
        }
    }
    return problems;
}

Result<SuperbillFacts> gather_superbill(dyad::sdk::Host host, BillingStore& store,
                                        DetailsStore& details, std::int64_t unit_id,
                                        const std::string& from, const std::string& to) {
    if (!is_iso_date(from) || !is_iso_date(to) || to < from) {
        return std::unexpected(
            "the period is YYYY-MM-DD to YYYY-MM-DD, the first not after the "
            "last (one session: the same day twice)");
    }
    auto setup = store.unit(unit_id);
    if (!setup) {
        return std::unexpected(setup.error());
    }
    if (!*setup || (*setup)->kind == "self_pay" || !(*setup)->identified_patient_id) {
        return std::unexpected(
            "this unit is billed self-pay: a superbill needs the billing kind superbill or "
            "insurance and an identified patient (Billing > Setup)");
    }
    std::int64_t patient_id = *(*setup)->identified_patient_id;
    SuperbillFacts facts;
    IdentityStore identity(host);
    auto provider = identity.load();
    if (!provider) {
        return std::unexpected(provider.error());
    }
    facts.provider = *provider;
    facts.patient = client_facts(host, patient_id);
    auto patient_details = details.client(patient_id);
    if (!patient_details) {
        return std::unexpected(patient_details.error());
    }
    facts.patient_details = *patient_details;
    auto coverage = details.coverage_on(patient_id, from);
    if (!coverage) {
        return std::unexpected(coverage.error());
    }
    facts.coverage = *coverage;
    if (facts.coverage) {
        auto payer = details.payer(facts.coverage->payer_id);
        if (!payer) {
            return std::unexpected(payer.error());
        }
        facts.payer = *payer;
    }
    auto charges = store.charges(unit_id);
    if (!charges) {
        return std::unexpected(charges.error());
    }
    std::vector<std::optional<std::int64_t>> rendered_by_ids;
    for (const auto& charge : *charges) {
        if (charge.reversal_of || charge.reversed || charge.billed_to == "self_pay" ||
            charge.service_date < from || charge.service_date > to) {
            continue;
        }
        SuperbillLine line;
        line.charge_id = charge.id;
        line.date = charge.service_date;
        auto [pos, modifier] = place_and_modifier(charge.place_of_service, facts.payer);
        line.place_of_service = pos;
        line.modifier = charge.modifier.empty() ? modifier : charge.modifier;
        line.code = charge.code;
        auto diagnoses = diagnoses_on(host, patient_id, charge.service_date);
        if (!diagnoses) {
            return std::unexpected(diagnoses.error());
        }
        line.diagnoses = *diagnoses;
        line.fee_cents = charge.amount_cents;
        for (const auto& share : charge.shares) {
            line.paid_cents += share.paid_cents;
        }
        // A session on an earlier superbill is said so on this one: submitted once.
        auto earlier = dyad::sdk::Database(host).prepare(
            "SELECT d.number FROM billing_document d JOIN billing_document_charge dc ON "
            "dc.document_id = d.id WHERE d.kind = 'superbill' AND dc.charge_id = ?");
        earlier.bind(1, charge.id);
        while (earlier.step() == DYAD_ROW) {
            if (std::find(facts.earlier.begin(), facts.earlier.end(), earlier.text(0)) ==
                facts.earlier.end()) {
                facts.earlier.push_back(earlier.text(0));
            }
        }
        facts.lines.push_back(std::move(line));
        rendered_by_ids.push_back(charge.clinician_id);
    }
    if (facts.provider) {
        // The rendering provider is the clinician who saw these sessions.
        auto rendering = ClinicianStore(host).provider_for(*facts.provider, rendered_by_ids);
        if (!rendering) {
            return std::unexpected(rendering.error());
        }
        facts.provider = *rendering;
    }
    return facts;
}

Result<IssuedDocument> issue_superbill(dyad::sdk::Host host, BillingStore& store,
                                       DetailsStore& details, std::int64_t unit_id,
                                       const std::string& from, const std::string& to,
                                       const std::string& path, const std::string& by) {
    // Gathered before the write transaction: the host's and the records plugin's reads may
    // write to the audit trail, which this connection's open transaction would block. A
    // superbill takes no charge away from another document, so nothing read here can race.
    auto gathered = gather_superbill(host, store, details, unit_id, from, to);
    if (!gathered) {
        return std::unexpected(gathered.error());
    }
    const SuperbillFacts& facts = *gathered;
    if (auto problems = superbill_problems(facts); !problems.empty()) {
        return std::unexpected("the superbill cannot be issued yet: " +
                               dyad::datafile::join_list(problems, "; "));
    }
    dyad::sdk::Database db(host);
    dyad::sdk::Transaction transaction(db);
    if (!transaction.error().empty()) {
        return std::unexpected(transaction.error());
    }
    IssuedDocument issued;
    auto number = take_number(db, "SB");
    if (!number) {
        return std::unexpected(number.error());
    }
    issued.number = *number;
    std::vector<std::vector<std::string>> per_line;
    std::vector<std::int64_t> charge_ids;
    std::int64_t paid = 0;
    for (const auto& line : facts.lines) {
        per_line.push_back(line.diagnoses);
        charge_ids.push_back(line.charge_id);
        issued.total_cents += line.fee_cents;
        paid += line.paid_cents;
    }
    PointedDiagnoses pointed = point_diagnoses(per_line);
    const Identity& provider = *facts.provider;
    using dyad::show::fill;
    using dyad::show::tr;
    std::string title = fill(tr("Superbill {number}"), "number", issued.number);
    auto pdf = PendingFile::write_pdf(path, title, [&](auto& document) {
        document.title(title);
        document.note(fill(tr("Statement for insurance reimbursement. Issued {date}."), "date",
                           printed_date(dyad::datafile::local_today())));
        if (!facts.earlier.empty()) {
            document.paragraph(fill(tr("Some of these sessions are also on superbill {numbers}: "
                                       "submit each session to your insurer once."),
                                    "numbers", dyad::datafile::join_list(facts.earlier, ", ")));
        }
        document.heading(tr("Provider"));
        document.field(tr("Practice"), provider.legal_name);
        document.field(tr("Rendering provider"),
                       provider.clinician_name + ", " + provider.licence_type + " " +
                           provider.licence_number + " (" + provider.licence_state + ")");
        document.field(tr("Individual NPI"), provider.clinician_npi);
        if (!provider.group_npi.empty()) {
            document.field(tr("Group NPI"), provider.group_npi);
        }
        document.field(provider.tax_id_kind == "ssn" ? tr("Tax id (SSN)") : tr("Tax id (EIN)"),
                       formatted_tax_id(provider));
        document.field(tr("Taxonomy"), provider.taxonomy);
        document.field(tr("Address"), provider.address);
        document.field(tr("Phone"), provider.phone);
        document.heading(tr("Patient"));
        document.field(tr("Name"), facts.patient->full_name());
        document.field(tr("Date of birth"), printed_date(facts.patient->date_of_birth));
        document.field(tr("Address"), address_text(facts.patient_details->address));
        document.field(tr("Insurer"), facts.payer ? facts.payer->name : std::string());
        document.field(tr("Member id"), facts.coverage->member_id);
        if (!facts.coverage->group_number.empty()) {
            document.field(tr("Group number"), facts.coverage->group_number);
        }
        if (facts.coverage->relation != "self") {
            std::string subscriber = tr("{name} ({relation}), born {date}");
            subscriber =
                fill(subscriber, "name",
                     facts.coverage->subscriber_given + " " + facts.coverage->subscriber_family);
            subscriber = fill(subscriber, "relation", relation_words(facts.coverage->relation));
            document.field(tr("Subscriber"),
                           fill(subscriber, "date", printed_date(facts.coverage->subscriber_dob)));
        }
        document.heading(tr("Diagnoses (ICD-10-CM)"));
        for (std::size_t i = 0; i < pointed.codes.size(); ++i) {
            document.field(std::string(1, pointer_letter(static_cast<int>(i) + 1)),
                           pointed.codes[i]);
        }
        document.heading(tr("Services"));
        document.note(
            tr("Date of service, place of service, CPT code and modifier, units, diagnosis "
               "pointers: fee; paid"));
        for (std::size_t i = 0; i < facts.lines.size(); ++i) {
            const auto& line = facts.lines[i];
            std::string pointers;
            for (int pointer : pointed.pointers[i]) {
                pointers += pointer_letter(pointer);
            }
            document.field(
                printed_date(line.date) + "   " +
                    fill(tr("POS {code}"), "code", line.place_of_service) + "   " + line.code +
                    (line.modifier.empty() ? "" : "-" + line.modifier) + "   " +
                    dyad::show::tr_n("{n} unit", "{n} units", line.units) + "   " + pointers,
                fill(fill(tr("{fee}; paid {paid}"), "fee", dyad::show::money(line.fee_cents)),
                     "paid", dyad::show::money(line.paid_cents)));
        }
        document.rule();
        document.field(tr("Total charges"), dyad::show::money(issued.total_cents));
        document.field(tr("Amount paid"), dyad::show::money(paid));
        document.field(tr("Balance due"), paid >= issued.total_cents
                                              ? tr("paid in full")
                                              : dyad::show::money(issued.total_cents - paid));
        document.space(24);
        document.paragraph(fill(tr("Signature: ______________________________   {clinician}   "
                                   "Date: ______________"),
                                "clinician", provider.clinician_name));
    });
    if (!pdf) {
        return std::unexpected(pdf.error());
    }
    issued.sha256 = pdf->sha256();
    auto id = record_document(db, "superbill", issued, unit_id, facts.patient->id, charge_ids, by);
    if (!id) {
        return std::unexpected(id.error());
    }
    issued.id = *id;
    if (auto done = finish_issue(host, transaction, *pdf, "superbill", issued.number, "superbill",
                                 issued.id, unit_id, "superbill-pdf");
        !done) {
        return std::unexpected(done.error());
    }
    return issued;
}

}  // namespace dyad::billing
