// `dyadctl billing clinicians|clinician-set|clinician-retire|unit-clinician|by-clinician`: a
// group practice's rendering clinicians, who sees a unit, and the practice's charges by
// clinician. No wx here.
#include <cli_args.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <sstream>

#include "cli.h"
#include "clinicians.h"
#include "money.h"
#include "practice_report.h"

namespace dyad::billing {

std::optional<int> run_clinicians_cli(BillingContext& c, dyad::datafile::CliArgs& a,
                                      const dyad::sdk::CliOutput& output,
                                      const std::string& today) {
    const std::string& command = a.words[0];
    if (command != "clinicians" && command != "clinician-set" && command != "clinician-retire" &&
        command != "unit-clinician" && command != "by-clinician") {
        return std::nullopt;
    }
    auto fail = [&](const std::string& message, int code = 1) {
        output.err("billing: " + message + "\n");
        return code;
    };
    ClinicianStore store(c.host);
    bool json = a.flag("--json");
    if (command == "clinicians") {
        auto list = store.list(a.flag("--all"));
        if (!list) {
            return fail(list.error());
        }
        Poco::JSON::Array::Ptr array = new Poco::JSON::Array;
        std::string text;
        for (const auto& clinician : *list) {
            Poco::JSON::Object::Ptr object = new Poco::JSON::Object;
            object->set("id", clinician.id);
            object->set("name", clinician.name);
            object->set("npi", clinician.npi);
            object->set("licence", clinician.licence_type + " " + clinician.licence_number + " (" +
                                       clinician.licence_state + ")");
            object->set("taxonomy", clinician.taxonomy);
            object->set("retired", clinician.retired);
            array->add(object);
            text += std::to_string(clinician.id) + "\t" + clinician.name + "\tNPI " +
                    clinician.npi + (clinician.retired ? "\tretired" : "") + "\n";
        }
        output.out(json ? json_text(array) : text);
        return 0;
    }
    if (command == "clinician-set") {
        Clinician clinician;
        if (!a.option("--id").empty()) {
            auto id = dyad::sdk::parse_integer(a.option("--id"), "--id", 1, INT64_MAX);
            if (!id) {
                return fail(id.error(), 2);
            }
            clinician.id = *id;
        }
        clinician.name = a.option("--name");
        clinician.npi = a.option("--npi");
        std::stringstream licence(a.option("--licence"));
        std::getline(licence, clinician.licence_type, ':');
        std::getline(licence, clinician.licence_number, ':');
        std::getline(licence, clinician.licence_state, ':');
        clinician.taxonomy = a.option("--taxonomy");
        auto saved = store.save(clinician);
        if (!saved) {
            return fail(saved.error());
        }
        output.out(std::to_string(*saved) + "\n");
        return 0;
    }
    if (command == "clinician-retire") {
        if (a.words.size() != 2) {
            return fail("usage: billing clinician-retire CLINICIAN", 2);
        }
        auto id = dyad::sdk::parse_integer(a.words[1], "CLINICIAN", 1, INT64_MAX);
        if (!id) {
            return fail(id.error(), 2);
        }
        auto retired = store.retire(*id);
        if (!retired) {
            return fail(retired.error());
        }
        output.out("clinician " + a.words[1] + " retired\n");
        return 0;
    }
    if (command == "unit-clinician") {
        auto unit = dyad::sdk::parse_integer(a.option("--unit"), "--unit", 1, INT64_MAX);
        if (!unit) {
            return fail("give the client unit with --unit ID", 2);
        }
        std::optional<std::int64_t> clinician;
        if (!a.flag("--practice")) {
            auto id =
                dyad::sdk::parse_integer(a.option("--clinician"), "--clinician", 1, INT64_MAX);
            if (!id) {
                return fail("give --clinician ID, or --practice for the practice's own", 2);
            }
            clinician = *id;
        }
        auto set = store.set_unit_clinician(*unit, clinician, a.option("--since"));
        if (!set) {
            return fail(set.error());
        }
        output.out("unit " + std::to_string(*unit) + " is seen by " +
                   (clinician ? "clinician " + std::to_string(*clinician)
                              : std::string("the practice's own clinician")) +
                   " from " + a.option("--since", today) + "\n");
        return 0;
    }
    // by-clinician
    auto identity = IdentityStore(c.host).load();
    if (!identity) {
        return fail(identity.error());
    }
    std::string own = *identity ? (*identity)->clinician_name : "the practice's own clinician";
    auto figures =
        clinician_figures(dyad::sdk::Database(c.host), own,
                          a.option("--from", local_date_days_ago(365)), a.option("--to", today));
    if (!figures) {
        return fail(figures.error(), 2);
    }
    Poco::JSON::Array::Ptr array = new Poco::JSON::Array;
    std::string text;
    for (const auto& row : *figures) {
        Poco::JSON::Object::Ptr object = new Poco::JSON::Object;
        row.clinician_id ? object->set("clinician", *row.clinician_id)
                         : object->set("clinician", Poco::Dynamic::Var());
        object->set("name", row.name);
        object->set("sessions", row.sessions);
        object->set("charged_cents", row.charged_cents);
        object->set("received_cents", row.received_cents);
        object->set("outstanding_cents", row.outstanding());
        array->add(object);
        text += row.name + "\t" + std::to_string(row.sessions) + " sessions\tcharged " +
                format_cents(row.charged_cents) + "\treceived " + format_cents(row.received_cents) +
                "\toutstanding " + format_cents(row.outstanding()) + "\n";
    }
    output.out(json ? json_text(array) : text);
    return 0;
}

}  // namespace dyad::billing
