#include "cli.h"

#include <cli_args.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>
#include <sstream>

#include "documents.h"
#include "identity.h"
#include "money.h"

namespace dyad::billing {
namespace {

constexpr const char* kUsage =
    "billing services [--json]\n"
    "  billing setup --unit ID --kind self_pay|insurance|superbill --split CLIENT:PCT,CLIENT:PCT\n"
    "                [--ip CLIENT] [--responsible CLIENT] [--sliding-tier ID --review D]\n"
    "  billing charge-sessions --unit ID --from YYYY-MM-DD --to YYYY-MM-DD\n"
    "  billing charge --unit ID --code CODE --date YYYY-MM-DD [--appointment ID] [--fee AMOUNT]\n"
    "  billing reverse CHARGE\n"
    "  billing pay --unit ID --amount AMOUNT --method cash|card|cheque|transfer|insurer\n"
    "              [--from CLIENT] [--date YYYY-MM-DD] [--reference TEXT]\n"
    "              [--for CLIENT:AMOUNT,CLIENT:AMOUNT]\n"
    "  billing apply-credit --unit ID\n"
    "  billing refund --unit ID --amount AMOUNT [--to CLIENT]\n"
    "               [--method cash|card|cheque|transfer] [--date YYYY-MM-DD]\n"
    "  billing charges --unit ID [--json]\n"
    "  billing ledger --unit ID [--json]\n"
    "  billing invoice --unit ID --client CLIENT --out FILE.pdf\n"
    "  billing payments --unit ID [--json]\n"
    "  billing receipt --unit ID --payment PAYMENT --out FILE.pdf\n"
    "  billing statement --unit ID --client CLIENT --from D [--to D] --out FILE.pdf\n"
    "  billing details CLIENT -|--file F   (JSON: sex, street, city, state, zip)\n"
    "  billing payer-add --name NAME --payer-id ID [--telehealth-pos 10|02]\n"
    "               [--telehealth-modifier 95|GT|none] [--filing-code CI|BL|HM|MB|MC|...]\n"
    "  billing payers [--json]\n"
    "  billing coverage-add CLIENT -|--file F   (JSON: payer, member_id, group_number,\n"
    "               relation, subscriber_given/family/dob/sex, priority, from, to)\n"
    "  billing coverages CLIENT [--json] | coverage-end COVERAGE [--last-day D]\n"
    "  billing clearinghouse-set --submitter ID --receiver ID --receiver-name NAME\n"
    "               [--phone DIGITS] [--production]\n"
    "  billing superbill --unit ID (--date D | --from D --to D) --out FILE.pdf\n"
    "  billing gfe --unit ID --from D --to D --items CODE:COUNT[:FEE],... [--recipient CLIENT]\n"
    "               --out FILE.pdf\n"
    "  billing gfe-status --unit ID [--json]\n"
    "  billing claim (--unit ID | --all) --from D --to D --out FILE [--format 837p|cms1500]\n"
    "  billing claim-replace CLAIM --out FILE.837 | claim-void CLAIM --out FILE.837\n"
    "  billing claim-status CLAIM submitted|paid|denied|resubmitted|voided [--reason TEXT]\n"
    "               [--payer-number N]\n"
    "  billing claims [--unit ID] [--json] | claim-export INTERCHANGE --out FILE.837\n"
    "  billing aging [--as-of D] [--json]\n"
    "  billing months [--count N] [--json]\n"
    "  billing export --unit ID --format fhir|csv --out FILE\n"
    "  billing identity [--json]\n"
    "  billing clinicians [--all] [--json] | clinician-retire CLINICIAN\n"
    "  billing clinician-set [--id CLINICIAN] --name NAME --npi NPI\n"
    "               --licence TYPE:NUMBER:STATE --taxonomy CODE\n"
    "  billing unit-clinician --unit ID (--clinician CLINICIAN | --practice) [--since D]\n"
    "  billing by-clinician [--from D] [--to D] [--json]\n"
    "  billing identity-set --legal-name NAME --tax-id 12-3456789 [--ssn] [--group-npi NPI]\n"
    "               --address TEXT [--phone TEXT] --clinician NAME --npi NPI\n"
    "               --licence TYPE:NUMBER:STATE --taxonomy CODE\n"
    "               [--from-directory]   (the clinician's facts the options leave out come\n"
    "               from the Directory Profile)";

using dyad::datafile::CliArgs;
using dyad::datafile::to_id;

CliArgs parse(const std::vector<std::string>& args) {
    return dyad::datafile::parse_cli_args(args, [](const std::string& arg) {
        return arg == "--json" || arg == "--ssn" || arg == "--all" || arg == "--production" ||
               arg == "--from-directory";
    });
}

int fail(const dyad::sdk::CliOutput& output, const std::string& message, int code = 1) {
    output.err("billing: " + message + "\n");
    return code;
}

// "12:60,13:40" -> pairs; the second of each parsed by `number`.
template <class Number>
std::optional<std::vector<std::pair<std::int64_t, Number>>> pairs(
    const std::string& text, Number (*number)(const std::string&)) {
    std::vector<std::pair<std::int64_t, Number>> parsed;
    std::stringstream list(text);
    std::string item;
    while (std::getline(list, item, ',')) {
        auto colon = item.find(':');
        if (colon == std::string::npos || to_id(item.substr(0, colon)) == 0) {
            return std::nullopt;
        }
        parsed.emplace_back(to_id(item.substr(0, colon)), number(item.substr(colon + 1)));
    }
    return parsed;
}

int percent_of(const std::string& text) {
    return text.empty() || text.size() > 3 ||
                   text.find_first_not_of("0123456789") != std::string::npos
               ? -1
               : std::stoi(text);
}

std::int64_t cents_of(const std::string& text) {
    auto cents = parse_cents(text, "the amount");
    return cents ? *cents : -1;
}

Poco::JSON::Object::Ptr charge_json(const Charge& charge) {
    Poco::JSON::Object::Ptr object = new Poco::JSON::Object;
    object->set("id", charge.id);
    object->set("date", charge.service_date);
    object->set("code", charge.code);
    object->set("label", charge.label);
    object->set("amount_cents", charge.amount_cents);
    object->set("billed_to", charge.billed_to);
    object->set("place_of_service", charge.place_of_service);
    object->set("reversed", charge.reversed);
    if (charge.reversal_of) {
        object->set("reversal_of", *charge.reversal_of);
    }
    Poco::JSON::Array::Ptr shares = new Poco::JSON::Array;
    for (const auto& share : charge.shares) {
        Poco::JSON::Object::Ptr part = new Poco::JSON::Object;
        part->set("client", share.client_id);
        part->set("amount_cents", share.amount_cents);
        part->set("paid_cents", share.paid_cents);
        shares->add(part);
    }
    object->set("shares", shares);
    return object;
}

int run_identity_cli(dyad::sdk::Host host, const CliArgs& a, const dyad::sdk::CliOutput& output) {
    IdentityStore store(host);
    if (a.words[0] == "identity-set") {
        Identity identity;
        identity.legal_name = a.option("--legal-name");
        identity.tax_id_kind = a.flag("--ssn") ? "ssn" : "ein";
        identity.tax_id = a.option("--tax-id");
        identity.group_npi = a.option("--group-npi");
        identity.address = a.option("--address");
        identity.phone = a.option("--phone");
        identity.clinician_name = a.option("--clinician");
        identity.clinician_npi = a.option("--npi");
        std::stringstream licence(a.option("--licence"));
        std::getline(licence, identity.licence_type, ':');
        std::getline(licence, identity.licence_number, ':');
        std::getline(licence, identity.licence_state, ':');
        identity.taxonomy = a.option("--taxonomy");
        if (a.flag("--from-directory")) {
            // The directory profile's facts where the command line gives none.
            auto filled = fill_from_directory(host, identity);
            if (!filled) {
                return fail(output, filled.error());
            }
            for (auto member :
                 {&Identity::clinician_name, &Identity::clinician_npi, &Identity::taxonomy,
                  &Identity::licence_type, &Identity::licence_number, &Identity::licence_state,
                  &Identity::phone, &Identity::address}) {
                if ((identity.*member).empty()) {
                    identity.*member = (*filled).*member;
                }
            }
        }
        auto saved = store.save(identity);
        if (!saved) {
            return fail(output, saved.error());
        }
        output.out("billing identity saved\n");
        return 0;
    }
    auto loaded = store.load();
    if (!loaded) {
        return fail(output, loaded.error());
    }
    if (!*loaded) {
        return fail(output, "no billing identity yet (billing identity-set ...)");
    }
    const Identity& identity = **loaded;
    Poco::JSON::Object::Ptr object = new Poco::JSON::Object;
    object->set("legal_name", identity.legal_name);
    object->set("tax_id", masked_tax_id(identity));  // Never the whole number.
    object->set("group_npi", identity.group_npi);
    object->set("address", identity.address);
    object->set("phone", identity.phone);
    object->set("clinician", identity.clinician_name);
    object->set("npi", identity.clinician_npi);
    object->set("licence", identity.licence_type + " " + identity.licence_number + " (" +
                               identity.licence_state + ")");
    object->set("taxonomy", identity.taxonomy);
    output.out(a.flag("--json")
                   ? json_text(object)
                   : identity.legal_name + "\ttax id " + masked_tax_id(identity) + "\t" +
                         identity.clinician_name + " NPI " + identity.clinician_npi + "\n");
    return 0;
}

}  // namespace

const char* billing_cli_usage() {
    return kUsage;
}

int run_billing_cli(BillingContext& context, const std::vector<std::string>& args,
                    const dyad::sdk::CliOutput& output, const std::string& today) {
    dyad::sdk::Host host = context.host;
    BillingStore& store = context.store;
    const Catalogue* catalogue = context.catalogue;
    CliArgs a = parse(args);
    if (a.words.empty()) {
        return fail(output, std::string("usage: ") + kUsage, 2);
    }
    const std::string& command = a.words[0];
    bool json = a.flag("--json");
    bool reads = command == "services" || command == "charges" || command == "ledger" ||
                 command == "identity" || command == "payers" || command == "claims" ||
                 command == "gfe-status" || command == "aging" || command == "coverages" ||
                 command == "payments" || command == "months" || command == "clinicians" ||
                 command == "by-clinician";
    if (!host.may(DYAD_RECORDS_BILLING, !reads)) {
        return fail(output, "the signed-in user's role has no billing");
    }
    std::string by = host.signed_in().name.empty() ? "dyadctl" : host.signed_in().name;
    std::int64_t unit = to_id(a.option("--unit"));
    if (command == "services") {
        if (catalogue == nullptr) {
            return fail(output, "the service catalogue could not be read (see the log)");
        }
        Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
        std::string text;
        for (const auto& service : catalogue->services) {
            Poco::JSON::Object::Ptr object = new Poco::JSON::Object;
            object->set("code", service.code);
            object->set("label", service.label);
            object->set("kind", service.kind);
            object->set("fee_cents", service.fee_cents);
            object->set("insurance", service.insurance);
            list->add(object);
            text +=
                service.code + "\t" + format_cents(service.fee_cents) + "\t" + service.label + "\n";
        }
        for (const auto& tier : catalogue->sliding_scale) {
            text += "sliding-scale tier " + tier.id + "\t" + std::to_string(tier.percent) + "%\t" +
                    tier.label + "\n";
        }
        output.out(json ? json_text(list) : text);
        return 0;
    }
    if (command == "identity" || command == "identity-set") {
        return run_identity_cli(host, a, output);
    }
    if (auto done = run_documents_cli(context, a, output, today, by)) {
        return *done;
    }
    if (auto done = run_statements_cli(context, a, output, today, by)) {
        return *done;
    }
    if (auto done = run_clinicians_cli(context, a, output, today)) {
        return *done;
    }
    if (unit == 0 && command != "reverse") {
        return fail(output, "give the client unit with --unit ID", 2);
    }
    if (command == "setup") {
        UnitSetup setup;
        setup.unit_id = unit;
        setup.kind = a.option("--kind", "self_pay");
        auto split = pairs<int>(a.option("--split"), &percent_of);
        if (!split) {
            return fail(output, "--split is CLIENT:PERCENT,CLIENT:PERCENT", 2);
        }
        for (const auto& [client, percent] : *split) {
            setup.split.push_back({client, percent});
        }
        if (!a.option("--ip").empty()) {
            setup.identified_patient_id = to_id(a.option("--ip"));
        }
        if (!a.option("--responsible").empty()) {
            setup.responsible_client_id = to_id(a.option("--responsible"));
        }
        setup.sliding_tier = a.option("--sliding-tier");
        setup.sliding_review = a.option("--review");
        auto done = store.set_unit(setup);
        if (!done) {
            return fail(output, done.error());
        }
        output.out("billing set up for unit " + std::to_string(unit) + "\n");
        return 0;
    }
    if (command == "charge-sessions") {
        auto run = store.charge_sessions(unit, a.option("--from"), a.option("--to", today), by);
        if (!run) {
            return fail(output, run.error());
        }
        std::string text = std::to_string(run->created) + " charge(s) created\n";
        for (const auto& skipped : run->skipped) {
            text += "skipped " + skipped + "\n";
        }
        output.out(text);
        return 0;
    }
    if (command == "charge") {
        NewCharge charge{unit, std::nullopt, a.option("--date", today), a.option("--code"),
                         std::nullopt};
        if (!a.option("--appointment").empty()) {
            charge.appointment_id = to_id(a.option("--appointment"));
        }
        if (!a.option("--fee").empty()) {
            auto fee = parse_cents(a.option("--fee"), "the fee");
            if (!fee) {
                return fail(output, fee.error());
            }
            charge.fee_cents = *fee;
        }
        auto id = store.add_charge(charge, by);
        if (!id) {
            return fail(output, id.error());
        }
        output.out(std::to_string(*id) + "\n");
        return 0;
    }
    if (command == "reverse" && a.words.size() == 2) {
        auto id = store.reverse(to_id(a.words[1]), by);
        if (!id) {
            return fail(output, id.error());
        }
        output.out(std::to_string(*id) + "\n");
        return 0;
    }
    if (command == "pay") {
        NewPayment payment;
        payment.unit_id = unit;
        payment.method = a.option("--method", "card");
        auto amount = parse_cents(a.option("--amount"), "the amount");
        if (!amount) {
            return fail(output, amount.error());
        }
        payment.amount_cents = *amount;
        payment.received_on = a.option("--date", today);
        payment.reference = a.option("--reference");
        if (!a.option("--from").empty()) {
            payment.from_client_id = to_id(a.option("--from"));
        }
        if (!a.option("--for").empty()) {
            auto parts = pairs<std::int64_t>(a.option("--for"), &cents_of);
            if (!parts) {
                return fail(output, "--for is CLIENT:AMOUNT,CLIENT:AMOUNT", 2);
            }
            payment.for_clients = *parts;
        }
        auto paid = store.pay(payment, by);
        if (!paid) {
            return fail(output, paid.error());
        }
        output.out("payment " + std::to_string(paid->payment_id) + ": " +
                   format_cents(paid->allocated_cents) + " allocated, " +
                   format_cents(paid->credit_cents) + " credit\n");
        return 0;
    }
    if (command == "apply-credit") {
        auto applied = store.apply_credit(unit, by);
        if (!applied) {
            return fail(output, applied.error());
        }
        output.out(format_cents(*applied) + " of credit applied\n");
        return 0;
    }
    if (command == "refund") {
        NewRefund refund;
        refund.unit_id = unit;
        auto amount = parse_cents(a.option("--amount"), "the amount");
        if (!amount) {
            return fail(output, amount.error());
        }
        refund.amount_cents = *amount;
        refund.method = a.option("--method", "card");
        refund.refunded_on = a.option("--date", today);
        if (!a.option("--to").empty()) {
            refund.to_client_id = to_id(a.option("--to"));
        }
        auto id = store.refund(refund, by);
        if (!id) {
            return fail(output, id.error());
        }
        output.out("refund " + std::to_string(*id) + ": " + format_cents(refund.amount_cents) +
                   "\n");
        return 0;
    }
    if (command == "charges") {
        auto found = store.charges(unit);
        if (!found) {
            return fail(output, found.error());
        }
        Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
        std::string text;
        for (const auto& charge : *found) {
            list->add(charge_json(charge));
            text += std::to_string(charge.id) + "\t" + charge.service_date + "\t" + charge.code +
                    "\t" + format_cents(charge.amount_cents) + "\t" + charge.billed_to +
                    (charge.reversed ? "\treversed" : "") + "\n";
        }
        output.out(json ? json_text(list) : text);
        return 0;
    }
    if (command == "ledger") {
        auto rows = store.ledger(unit);
        auto balances = store.balances(unit);
        if (!rows || !balances) {
            return fail(output, !rows ? rows.error() : balances.error());
        }
        Poco::JSON::Object::Ptr root = new Poco::JSON::Object;
        Poco::JSON::Array::Ptr entries = new Poco::JSON::Array;
        std::string text;
        for (const auto& row : *rows) {
            Poco::JSON::Object::Ptr object = new Poco::JSON::Object;
            object->set("date", row.date);
            object->set("kind", row.kind);
            object->set("description", row.description);
            object->set("amount_cents", row.amount_cents);
            object->set("balance_cents", row.balance_cents);
            entries->add(object);
            text += row.date + "\t" + row.kind + "\t" + format_cents(row.amount_cents) + "\t" +
                    format_cents(row.balance_cents) + "\t" + row.description + "\n";
        }
        Poco::JSON::Array::Ptr partners = new Poco::JSON::Array;
        for (const auto& balance : *balances) {
            Poco::JSON::Object::Ptr object = new Poco::JSON::Object;
            object->set("client", balance.client_id);
            object->set("owed_cents", balance.owed_cents);
            object->set("paid_cents", balance.paid_cents);
            object->set("balance_cents", balance.balance());
            partners->add(object);
            text += "partner " + std::to_string(balance.client_id) + " owes " +
                    format_cents(balance.balance()) + "\n";
        }
        auto credit = store.credit(unit);
        if (!credit) {
            return fail(output, credit.error());
        }
        text += "credit " + format_cents(*credit) + "\n";
        root->set("entries", entries);
        root->set("partners", partners);
        root->set("credit_cents", *credit);
        output.out(json ? json_text(root) : text);
        return 0;
    }
    if (command == "invoice") {
        std::string out = a.option("--out");
        if (out.empty() || a.option("--client").empty()) {
            return fail(output, "billing invoice --unit ID --client CLIENT --out FILE.pdf", 2);
        }
        auto issued = issue_invoice(host, store, unit, to_id(a.option("--client")), out, by);
        if (!issued) {
            return fail(output, issued.error());
        }
        output.out("invoice " + issued->number + " (" + format_cents(issued->total_cents) +
                   ") written to " + out + "\n");
        return 0;
    }
    return fail(output, std::string("usage: ") + kUsage, 2);
}

}  // namespace dyad::billing
