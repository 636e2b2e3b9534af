// `dyadctl billing payments|receipt|statement|months`: the unit's payments (with their
// receipts), a payment's receipt and a partner's statement as numbered PDFs, the practice's
// charged and received month by month. No wx here.
#include <cli_args.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "cli.h"
#include "money.h"
#include "practice_report.h"
#include "statements.h"

namespace dyad::billing {

std::optional<int> run_statements_cli(BillingContext& c, dyad::datafile::CliArgs& a,
                                      const dyad::sdk::CliOutput& output, const std::string& today,
                                      const std::string& by) {
    const std::string& command = a.words[0];
    if (command != "payments" && command != "receipt" && command != "statement" &&
        command != "months") {
        return std::nullopt;
    }
    auto fail = [&](const std::string& message, int code = 1) {
        output.err("billing: " + message + "\n");
        return code;
    };
    if (command == "months") {
        auto count = dyad::sdk::parse_integer(a.option("--count", "12"), "--count", 1, 120);
        if (!count) {
            return fail(count.error(), 2);
        }
        auto months = monthly_figures(dyad::sdk::Database(c.host), today, static_cast<int>(*count));
        if (!months) {
            return fail(months.error());
        }
        Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
        std::string text;
        for (const auto& month : *months) {
            Poco::JSON::Object::Ptr object = new Poco::JSON::Object;
            object->set("month", month.month);
            object->set("charged_cents", month.charged_cents);
            object->set("received_cents", month.received_cents);
            list->add(object);
            text += month.month + "\tcharged " + format_cents(month.charged_cents) + "\treceived " +
                    format_cents(month.received_cents) + "\n";
        }
        output.out(a.flag("--json") ? json_text(list) : text);
        return 0;
    }
    std::int64_t unit = dyad::datafile::to_id(a.option("--unit"));
    if (unit == 0) {
        return fail("give the client unit with --unit ID", 2);
    }
    if (command == "payments") {
        auto payments = list_payments(dyad::sdk::Database(c.host), unit);
        if (!payments) {
            return fail(payments.error());
        }
        Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
        std::string text;
        for (const auto& payment : *payments) {
            Poco::JSON::Object::Ptr object = new Poco::JSON::Object;
            object->set("id", payment.id);
            object->set("received_on", payment.received_on);
            object->set("method", payment.method);
            object->set("amount_cents", payment.amount_cents);
            object->set("allocated_cents", payment.allocated_cents);
            if (payment.from_client_id) {
                object->set("from_client_id", *payment.from_client_id);
            }
            object->set("receipt", payment.receipt);
            list->add(object);
            text += std::to_string(payment.id) + "\t" + payment.received_on + "\t" +
                    payment.method + "\t" + format_cents(payment.amount_cents) + "\t" +
                    (payment.receipt.empty() ? "-" : payment.receipt) + "\n";
        }
        output.out(a.flag("--json") ? json_text(list) : text);
        return 0;
    }
    std::string out = a.option("--out");
    if (command == "receipt") {
        std::int64_t payment = dyad::datafile::to_id(a.option("--payment"));
        if (out.empty() || payment == 0) {
            return fail("billing receipt --unit ID --payment PAYMENT --out FILE.pdf", 2);
        }
        auto issued = issue_receipt(c.host, unit, payment, out, by);
        if (!issued) {
            return fail(issued.error());
        }
        output.out("receipt " + issued->number + " (" + format_cents(issued->total_cents) +
                   ") written to " + out + "\n");
        return 0;
    }
    std::int64_t client = dyad::datafile::to_id(a.option("--client"));
    if (out.empty() || client == 0 || a.option("--from").empty()) {
        return fail(
            "billing statement --unit ID --client CLIENT --from YYYY-MM-DD [--to YYYY-MM-DD] "
            "--out FILE.pdf",
            2);
    }
    auto issued = issue_statement(c.host, c.store, unit, client, a.option("--from"),
                                  a.option("--to", today), out, by);
    if (!issued) {
        return fail(issued.error());
    }
    output.out("statement " + issued->number + " (balance " + format_cents(issued->total_cents) +
               ") written to " + out + "\n");
    return 0;
}

}  // namespace dyad::billing
