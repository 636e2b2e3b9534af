#include "identity.h"

#include <dyad_directory_clinician.h>

#include <npi.h>
#include <text_lists.h>
#include <time_text.h>

#include <algorithm>
#include <cctype>

#include "clinicians.h"
#include "text_checks.h"

namespace dyad::billing {
namespace {

constexpr const char* kColumns =
    "legal_name, tax_id_kind, tax_id, group_npi, address, phone, clinician_name, clinician_npi, "
    "licence_type, licence_number, licence_state, taxonomy";

}  // namespace

std::string npi_problem(std::string_view npi) {
    if (npi.size() != 10 || !digits_only(npi)) {
        return "an NPI is ten digits";
    }
    if (!dyad::datafile::npi_check_digit_ok(npi)) {
        return "the NPI's check digit is wrong (a typo?)";
    }
    return {};
}

std::string masked_tax_id(const Identity& identity) {
    std::string digits = without_dashes(identity.tax_id);
    std::string last = digits.size() >= 4 ? digits.substr(digits.size() - 4) : digits;
    return identity.tax_id_kind == "ssn" ? "***-**-" + last : "**-***" + last;
}

std::string formatted_tax_id(const Identity& identity) {
    const std::string& t = identity.tax_id;
    if (t.size() != 9) {
        return t;
    }
    return identity.tax_id_kind == "ssn" ? t.substr(0, 3) + "-" + t.substr(3, 2) + "-" + t.substr(5)
                                         : t.substr(0, 2) + "-" + t.substr(2);
}

std::vector<std::string> check_identity(Identity& identity) {
    std::vector<std::string> problems;
    if (blank(identity.legal_name) || identity.legal_name.size() > 120) {
        problems.push_back("legal name: 1 to 120 characters, as on the NPI record");
    }
    if (identity.tax_id_kind != "ein" && identity.tax_id_kind != "ssn") {
        problems.push_back("tax id kind: ein or ssn");
    }
    identity.tax_id = without_dashes(identity.tax_id);
    if (identity.tax_id.size() != 9 || !digits_only(identity.tax_id)) {
        problems.push_back("tax id: nine digits (12-3456789 or 123-45-6789)");
    }
    if (!identity.group_npi.empty()) {
        if (std::string why = npi_problem(identity.group_npi); !why.empty()) {
            problems.push_back("group NPI: " + why);
        }
    }
    if (blank(identity.address)) {
        problems.push_back("address: where the practice is");
    }
    for (auto& problem : check_clinician(practice_clinician(identity))) {
        problems.push_back(std::move(problem));
    }
    return problems;
}

std::expected<std::optional<Identity>, std::string> IdentityStore::load() {
    auto select = m_db.prepare(
        (std::string("SELECT ") + kColumns + " FROM billing_identity WHERE id = 1").c_str());
    int code = select.step();
    if (code == DYAD_DONE) {
        return std::optional<Identity>();
    }
    if (code != DYAD_ROW) {
        return std::unexpected("the billing identity could not be read: " + m_db.last_error());
    }
    Identity identity{select.text(0), select.text(1), select.text(2),  select.text(3),
                      select.text(4), select.text(5), select.text(6),  select.text(7),
                      select.text(8), select.text(9), select.text(10), select.text(11)};
    return std::optional<Identity>(std::move(identity));
}

std::expected<void, std::string> IdentityStore::save(Identity identity) {
    auto problems = check_identity(identity);
    if (!problems.empty()) {
        return std::unexpected(dyad::datafile::join_list(problems, "; "));
    }
    // One NPI, one clinician: the practice's own is never one of its other clinicians.
    auto other = m_db.prepare("SELECT id FROM billing_clinician WHERE npi = ?");
    other.bind(1, identity.clinician_npi);
    if (int code = other.step(); code == DYAD_ROW) {
        return std::unexpected("clinician NPI: clinician " + std::to_string(other.int64(0)) +
                               " of the practice has NPI " + identity.clinician_npi);
    } else if (code != DYAD_DONE) {
        return std::unexpected("the clinicians could not be read: " + m_db.last_error());
    }
    other.reset();
    auto upsert =
        m_db.prepare((std::string("INSERT OR REPLACE INTO billing_identity (id, ") + kColumns +
                      ", updated_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                         .c_str());
    int index = 1;
    for (const std::string* field :
         {&identity.legal_name, &identity.tax_id_kind, &identity.tax_id, &identity.group_npi,
          &identity.address, &identity.phone, &identity.clinician_name, &identity.clinician_npi,
          &identity.licence_type, &identity.licence_number, &identity.licence_state,
          &identity.taxonomy}) {
        upsert.bind(index++, *field);
    }
    upsert.bind(index, dyad::datafile::now_utc());
    if (upsert.step() != DYAD_DONE) {
        return std::unexpected("the billing identity could not be saved: " + m_db.last_error());
    }
    (void)m_host.core()->audit(m_host.raw(), "update", "identity", 1);
    return {};
}

namespace {

void fill_clinician(Identity& id, const dyad_directory_clinician* facts) {
    id.clinician_name = std::string(facts->given_name) + " " + facts->family_name;
    id.clinician_npi = facts->npi;
    if (facts->taxonomy[0] != 0) {
        id.taxonomy = facts->taxonomy;
    }
    if (facts->licence_kind[0] != 0) {
        id.licence_type = facts->licence_kind;
        std::string number = facts->licence_number;
        std::string prefix = id.licence_type + " ";
        if (number.rfind(prefix, 0) == 0) {
            number = number.substr(prefix.size());
        }
        id.licence_number = number;
        id.licence_state = facts->licence_state;
    }
    if (id.phone.empty()) {
        id.phone = facts->phone;
    }
    if (id.address.empty()) {
        id.address = facts->office;
    }
}

}  // namespace

std::expected<Identity, std::string> fill_from_directory(const dyad::sdk::Host& host,
                                                         Identity identity) {
    const auto* directory = host.plugin_extension<dyad_directory_clinician_v1>(
        "dyad.directory", DYAD_DIRECTORY_CLINICIAN_EXTENSION);
    if (directory == nullptr || directory->struct_size < sizeof(dyad_directory_clinician_v1)) {
        return std::unexpected("the Directory Profile plugin is not loaded");
    }
    struct Seen {
        Identity* identity;
        bool found = false;
    } seen{&identity};
    int code = directory->latest(
        directory->self,
        [](void* user, const dyad_directory_clinician* facts) {
            auto* out = static_cast<Seen*>(user);
            try {  // Nothing may unwind through the directory plugin's frames.
                fill_clinician(*out->identity, facts);
                out->found = true;
            } catch (...) {
                out->found = false;
            }
        },
        &seen);
    if (code == DYAD_NOT_FOUND) {
        return std::unexpected("the directory profile has not been saved yet");
    }
    if (code != DYAD_OK || !seen.found) {
        return std::unexpected("the directory profile could not be read");
    }
    return identity;
}

}  // namespace dyad::billing
