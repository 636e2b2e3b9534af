#include "billing_export.h"

#include <fhir_json.h>
#include <text_lists.h>

#include <algorithm>
#include <map>
#include <string_view>

#include "clinicians.h"
#include "facts.h"
#include "identity.h"
#include "money.h"

namespace dyad::billing {
namespace {

using dyad::fhir::Array;
using dyad::fhir::codeable;
using dyad::fhir::coding;
using dyad::fhir::money;
using dyad::fhir::object;
using dyad::fhir::Object;
using dyad::fhir::reference;
using dyad::fhir::resource;

constexpr const char* kCpt = "http://www.ama-assn.org/go/cpt";
constexpr const char* kNpi = "http://hl7.org/fhir/sid/us-npi";

Array::Ptr one(Object::Ptr item) {
    Array::Ptr list = new Array;
    list->add(item);
    return list;
}

Object::Ptr identifier(const std::string& system, const std::string& value) {
    Object::Ptr id = object();
    id->set("system", system);
    id->set("value", value);
    return id;
}

// CPT for a CPT-shaped code (four digits and a digit or letter); the practice's own codes
// (NOSHOW, LATECANCEL) in Dyad's system.
const char* service_system(const std::string& code) {
    bool cpt =
        code.size() == 5 &&
        std::all_of(code.begin(), code.begin() + 4, [](char c) { return c >= '0' && c <= '9'; }) &&
        ((code[4] >= '0' && code[4] <= '9') || (code[4] >= 'A' && code[4] <= 'Z'));
    return cpt ? kCpt : "urn:dyad:service";
}

using dyad::datafile::csv_cell;

}  // namespace

std::expected<std::string, std::string> billing_fhir(dyad::sdk::Host host, BillingStore& store,
                                                     DetailsStore& details, ClaimStore& claims,
                                                     std::int64_t unit_id,
                                                     const std::string& timestamp) {
    dyad::sdk::Database db(host);
    auto members = host.members(unit_id);
    if (members.empty()) {
        return std::unexpected("there is no client unit " + std::to_string(unit_id));
    }
    auto charges = store.charges(unit_id);
    if (!charges) {
        return std::unexpected(charges.error());
    }
    auto setup = store.unit(unit_id);
    dyad::fhir::BundleWriter bundle(timestamp);

    // The partners, and anyone else a charge, invoice or coverage names (a partner who has
    // left the unit, a former identified patient): every reference resolves in the bundle.
    std::map<std::int64_t, std::string> patient_uuid;
    auto patient_ref = [&](std::int64_t client_id) {
        if (auto found = patient_uuid.find(client_id); found != patient_uuid.end()) {
            return found->second;
        }
        auto facts = client_facts(host, client_id);
        Object::Ptr patient = resource("Patient");
        if (facts) {
            Object::Ptr name = object();
            name->set("family", facts->family_name);
            Array::Ptr given = new Array;
            given->add(facts->given_name);
            name->set("given", given);
            patient->set("name", one(name));
            if (!facts->date_of_birth.empty()) {
                patient->set("birthDate", facts->date_of_birth);
            }
        }
        std::string uuid = facts && !facts->uuid.empty() ? facts->uuid : db.new_uuid();
        patient_uuid[client_id] = uuid;
        bundle.add(uuid, patient);
        return uuid;
    };
    for (const auto& member : members) {
        if (!client_facts(host, member.client_id)) {
            return std::unexpected("client " + std::to_string(member.client_id) +
                                   " cannot be read");
        }
        (void)patient_ref(member.client_id);
    }
    std::int64_t billed_patient = setup && *setup && (*setup)->identified_patient_id
                                      ? *(*setup)->identified_patient_id
                                      : members.front().client_id;

    // The practice and the clinician, when the billing identity is set.
    std::string practice_uuid;
    std::string clinician_uuid;
    IdentityStore identities(host);
    if (auto identity = identities.load(); identity && *identity) {
        practice_uuid = db.new_uuid();
        Object::Ptr organization = resource("Organization");
        Array::Ptr ids = new Array;
        if ((*identity)->tax_id_kind == "ein") {  // A clinician's SSN never leaves the practice.
            ids->add(identifier("urn:oid:2.16.840.1.113883.4.4", (*identity)->tax_id));
        }
        if (!(*identity)->group_npi.empty()) {
            ids->add(identifier(kNpi, (*identity)->group_npi));
        }
        organization->set("identifier", ids);
        organization->set("name", (*identity)->legal_name);
        bundle.add(practice_uuid, organization);
        clinician_uuid = db.new_uuid();
        Object::Ptr practitioner = resource("Practitioner");
        practitioner->set("identifier", one(identifier(kNpi, (*identity)->clinician_npi)));
        Object::Ptr name = object();
        name->set("text", (*identity)->clinician_name);
        practitioner->set("name", one(name));
        bundle.add(clinician_uuid, practitioner);
    }
    // The practice's other clinicians who rendered the unit's charges (clinicians.h).
    std::map<std::int64_t, std::string> other_uuid;
    ClinicianStore clinicians(host);
    for (const auto& charge : *charges) {
        if (!charge.clinician_id || other_uuid.count(*charge.clinician_id) != 0) {
            continue;
        }
        auto clinician = clinicians.get(*charge.clinician_id);
        if (!clinician || !*clinician) {
            return std::unexpected(!clinician ? clinician.error()
                                              : "there is no clinician " +
                                                    std::to_string(*charge.clinician_id));
        }
        std::string uuid = db.new_uuid();
        Object::Ptr practitioner = resource("Practitioner");
        practitioner->set("identifier", one(identifier(kNpi, (*clinician)->npi)));
        Object::Ptr name = object();
        name->set("text", (*clinician)->name);
        practitioner->set("name", one(name));
        bundle.add(uuid, practitioner);
        other_uuid[*charge.clinician_id] = uuid;
    }

    // Charges: a reversed one is aborted; reversal rows are how the ledger shows it, not items.
    std::map<std::int64_t, std::string> charge_uuid;
    for (const auto& charge : *charges) {
        if (charge.reversal_of) {
            continue;
        }
        auto uuid_of = db.prepare("SELECT uuid FROM billing_charge WHERE id = ?");
        uuid_of.bind(1, charge.id);
        charge_uuid[charge.id] = uuid_of.step() == DYAD_ROW ? uuid_of.text(0) : db.new_uuid();
        Object::Ptr item = resource("ChargeItem");
        item->set("status", std::string(charge.reversed ? "aborted" : "billable"));
        item->set("code", codeable(coding(service_system(charge.code), charge.code), charge.label));
        item->set("subject", reference(patient_ref(charge.patient_id.value_or(billed_patient))));
        item->set("occurrenceDateTime", charge.service_date);
        Object::Ptr quantity = object();
        quantity->set("value", 1);
        item->set("quantity", quantity);
        item->set("priceOverride", money(charge.amount_cents));
        std::string performer =
            charge.clinician_id ? other_uuid[*charge.clinician_id] : clinician_uuid;
        if (!performer.empty()) {
            Object::Ptr actor = object();
            actor->set("actor", reference(performer));
            item->set("performer", one(actor));
        }
        bundle.add(charge_uuid[charge.id], item);
    }

    // Invoices issued to a partner.
    auto invoices = db.prepare(
        "SELECT id, number, client_id, total_cents, issued_at FROM billing_document WHERE "
        "unit_id = ? AND kind = 'invoice' ORDER BY issued_at, id");
    invoices.bind(1, unit_id);
    while (invoices.step() == DYAD_ROW) {
        Object::Ptr invoice = resource("Invoice");
        invoice->set("identifier", one(identifier("urn:dyad:invoice", invoices.text(1))));
        invoice->set("status", std::string("issued"));
        invoice->set("subject", reference(patient_ref(invoices.int64(2))));
        invoice->set("date", invoices.text(4));
        Array::Ptr lines = new Array;
        auto linked = db.prepare(
            "SELECT charge_id FROM billing_document_charge WHERE document_id = ? ORDER BY "
            "charge_id");
        linked.bind(1, invoices.int64(0));
        while (linked.step() == DYAD_ROW) {
            if (charge_uuid.count(linked.int64(0)) != 0) {
                Object::Ptr line = object();
                line->set("chargeItemReference", reference(charge_uuid[linked.int64(0)]));
                lines->add(line);
            }
        }
        if (lines->size() > 0) {
            invoice->set("lineItem", lines);
        }
        invoice->set("totalGross", money(invoices.int64(3)));
        bundle.add(db.new_uuid(), invoice);
    }

    // Payments.
    auto payments = db.prepare(
        "SELECT uuid, method, amount_cents, received_on, created_at, reference FROM "
        "billing_payment WHERE unit_id = ? ORDER BY received_on, created_at");
    payments.bind(1, unit_id);
    while (payments.step() == DYAD_ROW) {
        Object::Ptr payment = resource("PaymentReconciliation");
        payment->set("status", std::string("active"));
        payment->set("created", payments.text(4));
        payment->set("paymentDate", payments.text(3));
        payment->set("paymentAmount", money(payments.int64(2)));
        Object::Ptr detail = object();
        detail->set("type", codeable(coding("http://terminology.hl7.org/CodeSystem/payment-type",
                                            "payment"),
                                     payments.text(1)));
        detail->set("amount", money(payments.int64(2)));
        payment->set("detail", one(detail));
        bundle.add(payments.text(0), payment);
    }

    // Refunds: money given back from the couple's credit, as negative reconciliations.
    auto refunds = db.prepare(
        "SELECT id, method, amount_cents, refunded_on, created_at FROM billing_refund WHERE "
        "unit_id = ? ORDER BY refunded_on, created_at");
    refunds.bind(1, unit_id);
    while (refunds.step() == DYAD_ROW) {
        Object::Ptr refund = resource("PaymentReconciliation");
        refund->set("status", std::string("active"));
        refund->set("created", refunds.text(4));
        refund->set("disposition", std::string("refund"));
        refund->set("paymentDate", refunds.text(3));
        refund->set("paymentAmount", money(-refunds.int64(2)));
        Object::Ptr detail = object();
        detail->set("type", codeable(coding("http://terminology.hl7.org/CodeSystem/payment-type",
                                            "adjustment"),
                                     "refund by " + refunds.text(1)));
        detail->set("amount", money(-refunds.int64(2)));
        refund->set("detail", one(detail));
        bundle.add(db.new_uuid(), refund);
    }

    // Claims with their coverage and payer.
    auto filed = claims.claims(unit_id);
    if (!filed) {
        return std::unexpected(filed.error());
    }
    std::map<std::int64_t, std::string> coverage_uuid;
    for (const auto& claim : *filed) {
        auto covered = db.prepare("SELECT coverage_id FROM billing_claim WHERE id = ?");
        covered.bind(1, claim.id);
        std::int64_t coverage_id = covered.step() == DYAD_ROW ? covered.int64(0) : 0;
        covered.reset();
        auto holder = db.prepare("SELECT client_id FROM billing_coverage WHERE id = ?");
        holder.bind(1, coverage_id);
        std::int64_t covered_client = holder.step() == DYAD_ROW ? holder.int64(0) : billed_patient;
        holder.reset();
        if (coverage_uuid.count(coverage_id) == 0) {
            auto all = details.coverages(covered_client);
            for (const auto& coverage : all ? *all : std::vector<Coverage>()) {
                if (coverage.id != coverage_id) {
                    continue;
                }
                auto payer = details.payer(coverage.payer_id);
                std::string payer_uuid = db.new_uuid();
                Object::Ptr organization = resource("Organization");
                if (payer && *payer && !(*payer)->payer_id.empty()) {
                    organization->set("identifier",
                                      one(identifier("urn:dyad:payer-id", (*payer)->payer_id)));
                }
                organization->set("name", payer && *payer ? (*payer)->name : std::string("payer"));
                bundle.add(payer_uuid, organization);
                Object::Ptr resource_ = resource("Coverage");
                resource_->set("status", std::string("active"));
                resource_->set("subscriberId", coverage.member_id);
                resource_->set("beneficiary", reference(patient_ref(coverage.client_id)));
                Object::Ptr period = object();
                period->set("start", coverage.effective_from);
                if (coverage.effective_to) {
                    period->set("end", *coverage.effective_to);
                }
                resource_->set("period", period);
                resource_->set("payor", one(reference(payer_uuid)));
                coverage_uuid[coverage_id] = db.new_uuid();
                bundle.add(coverage_uuid[coverage_id], resource_);
            }
        }
        if (coverage_uuid.count(coverage_id) == 0 || practice_uuid.empty()) {
            continue;  // Without them a FHIR Claim is not valid; the 837P holds the claim.
        }
        Object::Ptr out = resource("Claim");
        out->set("identifier", one(identifier("urn:dyad:claim", claim.number)));
        out->set("status",
                 std::string(claim.status == "voided" || claim.frequency == "8" ? "cancelled"
                                                                                : "active"));
        out->set("type", codeable(coding("http://terminology.hl7.org/CodeSystem/claim-type",
                                         "professional")));
        out->set("use", std::string("claim"));
        out->set("patient", reference(patient_ref(covered_client)));
        out->set("created", claim.service_date);
        out->set("provider", reference(practice_uuid));
        out->set(
            "priority",
            codeable(coding("http://terminology.hl7.org/CodeSystem/processpriority", "normal")));
        Object::Ptr insurance = object();
        insurance->set("sequence", 1);
        insurance->set("focal", true);
        insurance->set("coverage", reference(coverage_uuid[coverage_id]));
        out->set("insurance", one(insurance));
        Array::Ptr items = new Array;
        auto lines = db.prepare(
            "SELECT c.code, c.service_date, c.amount_cents FROM billing_claim_charge cc JOIN "
            "billing_charge c ON c.id = cc.charge_id WHERE cc.claim_id = ? ORDER BY c.id");
        lines.bind(1, claim.id);
        int sequence = 0;
        while (lines.step() == DYAD_ROW) {
            Object::Ptr item = object();
            item->set("sequence", ++sequence);
            item->set("productOrService",
                      codeable(coding(service_system(lines.text(0)), lines.text(0))));
            item->set("servicedDate", lines.text(1));
            item->set("net", money(lines.int64(2)));
            items->add(item);
        }
        out->set("item", items);
        out->set("total", money(claim.total_cents));
        bundle.add(db.new_uuid(), out);
    }
    return bundle.text();
}

std::expected<std::string, std::string> billing_csv(dyad::sdk::Host host, BillingStore& store,
                                                    std::int64_t unit_id) {
    auto members = host.members(unit_id);
    auto charges = store.charges(unit_id);
    if (!charges) {
        return std::unexpected(charges.error());
    }
    std::string text = "date,code,label,amount,billed_to,reversed";
    for (const auto& member : members) {
        text += "," + csv_cell(member.full_name() + " share") + "," +
                csv_cell(member.full_name() + " paid");
    }
    text += "\r\n";
    for (const auto& charge : *charges) {
        text += charge.service_date + "," + csv_cell(charge.code) + "," + csv_cell(charge.label) +
                "," + plain_cents(charge.amount_cents) + "," + charge.billed_to + "," +
                (charge.reversed || charge.reversal_of ? "yes" : "no");
        for (const auto& member : members) {
            std::int64_t share = 0;
            std::int64_t paid = 0;
            for (const auto& part : charge.shares) {
                if (part.client_id == member.client_id) {
                    share = part.amount_cents;
                    paid = part.paid_cents;
                }
            }
            text += "," + plain_cents(share) + "," + plain_cents(paid);
        }
        text += "\r\n";
    }
    // Refunds as rows of their own (billed_to "refund"): money given back from the couple's
    // credit, which no charge's paid column holds, so the partners' columns stay 0.00 and the
    // amount is what was given back. A reader sums charges over the other rows.
    dyad::sdk::Database db(host);
    auto refunds = db.prepare(
        "SELECT refunded_on, method, amount_cents FROM billing_refund WHERE unit_id = ? ORDER BY "
        "refunded_on, created_at");
    refunds.bind(1, unit_id);
    while (refunds.step() == DYAD_ROW) {
        text += refunds.text(0) + ",REFUND," + csv_cell("refund by " + refunds.text(1)) + "," +
                plain_cents(refunds.int64(2)) + ",refund,no";
        for (std::size_t i = 0; i < members.size(); ++i) {
            text += ",0.00,0.00";
        }
        text += "\r\n";
    }
    return text;
}

}  // namespace dyad::billing
