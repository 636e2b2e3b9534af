// `dyadctl billing` commands for what insurers and the No Surprises Act need: client billing
// details, payers, coverages, the clearinghouse, superbills, Good Faith Estimates, 837P claims
// and their status. A client's address, member id and subscriber are protected health
// information: they come from a JSON file (--file) or standard input, never the command line.
#include <cli_args.h>
#include <time_text.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>
#include <sstream>

#include "billing_export.h"
#include "claims.h"
#include "cli.h"
#include "gfe.h"
#include "money.h"
#include "reports.h"
#include "superbill.h"

namespace dyad::billing {
namespace {

using dyad::datafile::CliArgs;
using dyad::datafile::to_id;

// The JSON text of a command whose last word is "-" (standard input) or that got --file.
std::expected<std::string, std::string> json_input(CliArgs& a, std::size_t words) {
    if (std::string problem = dyad::datafile::resolve_text_words(a, words - 1, words);
        !problem.empty()) {
        return std::unexpected(problem);
    }
    if (a.words.size() != words) {
        return std::unexpected("give the details as JSON on standard input (-) or with --file");
    }
    return a.words.back();
}

std::vector<GfeItem> gfe_items(const std::string& text, std::string& error) {
    std::vector<GfeItem> items;
    std::stringstream list(text);
    std::string item;
    while (std::getline(list, item, ',')) {
        std::stringstream parts(item);
        std::string code, count, fee;
        std::getline(parts, code, ':');
        std::getline(parts, count, ':');
        std::getline(parts, fee);
        auto how_many = dyad::sdk::parse_integer(count, "the count of " + code, 1, 366);
        if (code.empty() || !how_many) {
            error = "--items is CODE:COUNT[:FEE],... (90847:12)";
            return {};
        }
        GfeItem parsed{code, "", static_cast<int>(*how_many), 0};
        if (!fee.empty()) {
            auto cents = parse_cents(fee, "the fee of " + code);
            if (!cents) {
                error = cents.error();
                return {};
            }
            parsed.fee_cents = *cents;
        }
        items.push_back(parsed);
    }
    if (items.empty()) {
        error = "--items is CODE:COUNT[:FEE],... (90847:12)";
    }
    return items;
}

Poco::JSON::Object::Ptr claim_json(const ClaimSummary& claim) {
    Poco::JSON::Object::Ptr object = new Poco::JSON::Object;
    object->set("id", claim.id);
    object->set("number", claim.number);
    object->set("unit", claim.unit_id);
    object->set("date", claim.service_date);
    object->set("frequency", claim.frequency);
    object->set("original", claim.original_number);
    object->set("total_cents", claim.total_cents);
    object->set("status", claim.status);
    object->set("reason", claim.reason);
    object->set("payer_claim_number", claim.payer_claim_number);
    return object;
}

}  // namespace

std::optional<int> run_documents_cli(BillingContext& c, CliArgs& a,
                                     const dyad::sdk::CliOutput& output, const std::string& today,
                                     const std::string& by) {
    const std::string& command = a.words[0];
    bool json = a.flag("--json");
    auto fail = [&](const std::string& message, int code = 1) {
        output.err("billing: " + message + "\n");
        return code;
    };
    std::int64_t unit = to_id(a.option("--unit"));
    if (command == "details") {
        if (a.words.size() < 2 || to_id(a.words[1]) == 0) {
            return fail("billing details CLIENT - (JSON: sex, street, city, state, zip)", 2);
        }
        auto text = json_input(a, 3);
        if (!text) {
            return fail(text.error(), 2);
        }
        auto details = details_from_json(*text, to_id(a.words[1]));
        if (!details) {
            return fail(details.error(), 2);
        }
        auto saved = c.details.set_client(*details);
        return saved ? (output.out("billing details saved\n"), 0) : fail(saved.error());
    }
    if (command == "payer-add") {
        Payer payer{0,
                    a.option("--name"),
                    a.option("--payer-id"),
                    a.option("--telehealth-pos", "10"),
                    a.option("--telehealth-modifier"),
                    a.option("--filing-code", "CI")};
        if (payer.telehealth_modifier == "none") {
            payer.telehealth_modifier.clear();
        }
        auto id = c.details.save_payer(payer);
        return id ? (output.out(std::to_string(*id) + "\n"), 0) : fail(id.error());
    }
    if (command == "payers") {
        auto payers = c.details.payers();
        if (!payers) {
            return fail(payers.error());
        }
        Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
        std::string text;
        for (const auto& payer : *payers) {
            Poco::JSON::Object::Ptr object = new Poco::JSON::Object;
            object->set("id", payer.id);
            object->set("name", payer.name);
            object->set("payer_id", payer.payer_id);
            object->set("telehealth_pos", payer.telehealth_pos);
            object->set("telehealth_modifier", payer.telehealth_modifier);
            object->set("filing_code", payer.filing_code);
            list->add(object);
            text +=
                std::to_string(payer.id) + "\t" + payer.name + "\t" + payer.payer_id + "\tPOS " +
                payer.telehealth_pos + "\t" +
                (payer.telehealth_modifier.empty() ? "no modifier" : payer.telehealth_modifier) +
                "\n";
        }
        output.out(json ? json_text(list) : text);
        return 0;
    }
    if (command == "coverage-add") {
        if (a.words.size() < 2 || to_id(a.words[1]) == 0) {
            return fail("billing coverage-add CLIENT - (JSON: payer, member_id, relation, ...)", 2);
        }
        auto text = json_input(a, 3);
        if (!text) {
            return fail(text.error(), 2);
        }
        auto coverage = coverage_from_json(*text, to_id(a.words[1]));
        if (!coverage) {
            return fail(coverage.error(), 2);
        }
        auto id = c.details.add_coverage(*coverage);
        return id ? (output.out(std::to_string(*id) + "\n"), 0) : fail(id.error());
    }
    if (command == "coverage-end" && a.words.size() == 2) {
        auto ended = c.details.end_coverage(to_id(a.words[1]), a.option("--last-day", today));
        return ended ? (output.out("coverage ended\n"), 0) : fail(ended.error());
    }
    if (command == "coverages" && a.words.size() == 2) {
        auto found = c.details.coverages(to_id(a.words[1]));
        if (!found) {
            return fail(found.error());
        }
        Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
        std::string text;
        for (const auto& coverage : *found) {
            Poco::JSON::Object::Ptr object = new Poco::JSON::Object;
            object->set("id", coverage.id);
            object->set("payer", coverage.payer_id);
            object->set("member_id", coverage.member_id);
            object->set("relation", coverage.relation);
            object->set("priority", coverage.priority);
            object->set("from", coverage.effective_from);
            object->set("to", coverage.effective_to.value_or(""));
            list->add(object);
            text += std::to_string(coverage.id) + "\tpriority " +
                    std::to_string(coverage.priority) + "\t" + coverage.effective_from + " to " +
                    coverage.effective_to.value_or("(open)") + "\n";
        }
        output.out(json ? json_text(list) : text);
        return 0;
    }
    if (command == "claim-export" && a.words.size() == 2) {
        if (a.option("--out").empty()) {
            return fail("billing claim-export INTERCHANGE --out FILE.837", 2);
        }
        auto written = c.claims.export_file(to_id(a.words[1]), a.option("--out"));
        return written ? (output.out("written to " + a.option("--out") + " (SHA-256 " + *written +
                                     ")\n"),
                          0)
                       : fail(written.error());
    }
    if (command == "clearinghouse-set") {
        Submitter submitter{a.option("--submitter"), a.option("--receiver"),
                            a.option("--receiver-name"), a.option("--phone"),
                            a.flag("--production")};
        auto saved = c.details.set_submitter(submitter);
        return saved ? (output.out("clearinghouse saved\n"), 0) : fail(saved.error());
    }
    if (command == "superbill") {
        std::string from = a.option("--from", a.option("--date"));
        std::string to = a.option("--to", a.option("--date"));
        if (unit == 0 || a.option("--out").empty() || from.empty()) {
            return fail("billing superbill --unit ID (--date D | --from D --to D) --out F.pdf", 2);
        }
        auto issued =
            issue_superbill(c.host, c.store, c.details, unit, from, to, a.option("--out"), by);
        if (!issued) {
            return fail(issued.error());
        }
        output.out("superbill " + issued->number + " (" + format_cents(issued->total_cents) +
                   ") written to " + a.option("--out") + "\n");
        return 0;
    }
    if (command == "gfe") {
        if (unit == 0 || a.option("--out").empty()) {
            return fail(
                "billing gfe --unit ID --from D --to D --items CODE:COUNT[:FEE],... --out F", 2);
        }
        std::string error;
        GfeRequest request{unit, std::nullopt, a.option("--from", today), a.option("--to"),
                           gfe_items(a.option("--items"), error)};
        if (!error.empty()) {
            return fail(error, 2);
        }
        if (!a.option("--recipient").empty()) {
            request.recipient_id = to_id(a.option("--recipient"));
        }
        auto issued = issue_gfe(c.host, c.store, c.catalogue, request, a.option("--out"), by);
        if (!issued) {
            return fail(issued.error());
        }
        output.out("estimate " + issued->number + " (" + format_cents(issued->total_cents) + ")" +
                   (issued->supersedes ? " replaces " + *issued->supersedes : "") +
                   ", written to " + a.option("--out") + "\n");
        return 0;
    }
    if (command == "gfe-status") {
        auto watch = gfe_watch(dyad::sdk::Database(c.host), unit);
        if (!watch) {
            return fail(watch.error());
        }
        Poco::JSON::Object::Ptr object = new Poco::JSON::Object;
        std::string text = "no estimate for this unit\n";
        if (*watch) {
            object->set("number", (*watch)->number);
            object->set("estimate_cents", (*watch)->estimate_cents);
            object->set("billed_cents", (*watch)->billed_cents);
            object->set("over", (*watch)->over());
            object->set("warning", gfe_warning(**watch));
            text = (*watch)->number + ": billed " + format_cents((*watch)->billed_cents) + " of " +
                   format_cents((*watch)->estimate_cents) + "\n";
            if ((*watch)->over()) {
                text += "warning: " + gfe_warning(**watch) + "\n";
            }
        }
        output.out(json ? json_text(object) : text);
        return 0;
    }
    if (command == "claim") {
        std::string format = a.option("--format", "837p");
        if (format != "837p" && format != "cms1500") {
            return fail("claims are written as --format 837p or cms1500", 2);
        }
        if ((unit == 0 && !a.flag("--all")) || a.option("--out").empty()) {
            return fail("billing claim (--unit ID | --all) --from D --to D --out F.837", 2);
        }
        auto filed = c.claims.file_claims(unit, a.option("--from"), a.option("--to", today),
                                          a.option("--out"), by, format);
        if (!filed) {
            return fail(filed.error());
        }
        output.out(std::to_string(filed->claim_numbers.size()) + " claim(s) written to " +
                   a.option("--out") + " (interchange " + std::to_string(filed->control_number) +
                   ")\n");
        return 0;
    }
    if ((command == "claim-replace" || command == "claim-void") && a.words.size() == 2) {
        if (a.option("--out").empty()) {
            return fail("billing " + command + " CLAIM --out F.837", 2);
        }
        auto filed = c.claims.file_correction(
            to_id(a.words[1]), command == "claim-replace" ? "7" : "8", a.option("--out"), by);
        if (!filed) {
            return fail(filed.error());
        }
        output.out(filed->claim_numbers.front() + " written to " + a.option("--out") + "\n");
        return 0;
    }
    if (command == "claim-status" && a.words.size() == 3) {
        auto saved = c.claims.set_status(to_id(a.words[1]), a.words[2], a.option("--reason"),
                                         a.option("--payer-number"), by);
        return saved ? (output.out("claim status saved\n"), 0) : fail(saved.error());
    }
    if (command == "claims") {
        auto found = c.claims.claims(unit);
        if (!found) {
            return fail(found.error());
        }
        Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
        std::string text;
        for (const auto& claim : *found) {
            list->add(claim_json(claim));
            text += std::to_string(claim.id) + "\t" + claim.number + "\t" + claim.service_date +
                    "\tfrequency " + claim.frequency + "\t" + format_cents(claim.total_cents) +
                    "\t" + claim.status + (claim.reason.empty() ? "" : ": " + claim.reason) + "\n";
        }
        output.out(json ? json_text(list) : text);
        return 0;
    }
    if (command == "export") {
        std::string format = a.option("--format", "fhir");
        std::string out = a.option("--out");
        if (unit == 0 || out.empty() || (format != "fhir" && format != "csv")) {
            return fail("billing export --unit ID --format fhir|csv --out FILE", 2);
        }
        auto text = format == "fhir" ? billing_fhir(c.host, c.store, c.details, c.claims, unit,
                                                    dyad::datafile::now_utc())
                                     : billing_csv(c.host, c.store, unit);
        if (!text) {
            return fail(text.error());
        }
        auto file = PendingFile::write_text(out, *text);
        if (!file) {
            return fail(file.error());
        }
        if (auto placed = file->place(); !placed) {
            return fail(placed.error());
        }
        // The partners' money leaves the practice at the user's request: a disclosure.
        (void)c.host.core()->record_export(c.host.raw(), "unit", unit,
                                           format == "fhir" ? "billing-fhir" : "billing-csv");
        output.out("billing written to " + out + "\n");
        return 0;
    }
    if (command == "aging") {
        auto report = aging(dyad::sdk::Database(c.host), a.option("--as-of", today));
        if (!report) {
            return fail(report.error());
        }
        output.out(json ? json_text(aging_json(*report)) : aging_text(*report));
        return 0;
    }
    return std::nullopt;
}

}  // namespace dyad::billing
