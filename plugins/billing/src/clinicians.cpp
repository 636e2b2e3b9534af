#include "clinicians.h"
#include <dyad/show.hpp>

#include <text_lists.h>
#include <time_text.h>

#include <algorithm>

#include "text_checks.h"

namespace dyad::billing {
namespace {

constexpr const char* kColumns =
    "id, name, npi, licence_type, licence_number, licence_state, taxonomy, retired_at IS NOT "
    "NULL";

std::string read_error(const dyad::sdk::Database& db, const std::string& what) {
    return what + " could not be read: " + db.last_error();
}

Clinician row_clinician(dyad::sdk::Statement& row) {
    return {row.int64(0), row.text(1), row.text(2), row.text(3),
            row.text(4),  row.text(5), row.text(6), row.int64(7) != 0};
}

}  // namespace

std::vector<std::string> check_clinician(const Clinician& clinician) {
    std::vector<std::string> problems;
    if (blank(clinician.name) || clinician.name.size() > 120) {
        problems.push_back("clinician: the rendering clinician's name, 1 to 120 characters");
    }
    if (std::string why = npi_problem(clinician.npi); !why.empty()) {
        problems.push_back("clinician NPI: " + why);
    }
    if (blank(clinician.licence_type) || blank(clinician.licence_number) ||
        clinician.licence_type.size() > 20 || clinician.licence_number.size() > 40) {
        problems.push_back("licence: its type (LMFT, LCSW, PhD...) and number");
    }
    if (clinician.licence_state.size() != 2 || !capitals_only(clinician.licence_state)) {
        problems.push_back("licence state: two capital letters (CA)");
    }
    const std::string& t = clinician.taxonomy;
    bool taxonomy_ok =
        t.size() == 10 && t[9] == 'X' && std::all_of(t.begin(), t.begin() + 9, [](char c) {
            return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
        });
    if (!taxonomy_ok) {
        problems.push_back("taxonomy: ten characters ending in X (106H00000X for an MFT)");
    }
    return problems;
}

Clinician practice_clinician(const Identity& identity) {
    return {0,
            identity.clinician_name,
            identity.clinician_npi,
            identity.licence_type,
            identity.licence_number,
            identity.licence_state,
            identity.taxonomy,
            false};
}

Identity rendered_by(Identity identity, const Clinician& clinician) {
    identity.clinician_name = clinician.name;
    identity.clinician_npi = clinician.npi;
    identity.licence_type = clinician.licence_type;
    identity.licence_number = clinician.licence_number;
    identity.licence_state = clinician.licence_state;
    identity.taxonomy = clinician.taxonomy;
    return identity;
}

std::expected<std::vector<Clinician>, std::string> ClinicianStore::list(bool with_retired) {
    auto select = m_db.prepare((std::string("SELECT ") + kColumns +
                                " FROM billing_clinician WHERE ? OR retired_at IS NULL ORDER BY "
                                "name COLLATE NOCASE, id")
                                   .c_str());
    select.bind(1, with_retired ? 1 : 0);
    std::vector<Clinician> found;
    int code = 0;
    while ((code = select.step()) == DYAD_ROW) {
        found.push_back(row_clinician(select));
    }
    if (code != DYAD_DONE) {
        return std::unexpected(read_error(m_db, "the clinicians"));
    }
    return found;
}

std::expected<std::optional<Clinician>, std::string> ClinicianStore::get(std::int64_t id) {
    auto select = m_db.prepare(
        (std::string("SELECT ") + kColumns + " FROM billing_clinician WHERE id = ?").c_str());
    select.bind(1, id);
    int code = select.step();
    if (code == DYAD_DONE) {
        return std::optional<Clinician>();
    }
    if (code != DYAD_ROW) {
        return std::unexpected(read_error(m_db, "the clinician"));
    }
    return std::optional<Clinician>(row_clinician(select));
}

std::expected<std::int64_t, std::string> ClinicianStore::save(const Clinician& clinician) {
    if (auto problems = check_clinician(clinician); !problems.empty()) {
        return std::unexpected(dyad::datafile::join_list(problems, "; "));
    }
    auto identity = IdentityStore(m_host).load();
    if (!identity) {
        return std::unexpected(identity.error());
    }
    if (*identity && (*identity)->clinician_npi == clinician.npi) {
        return std::unexpected(
            "clinician NPI: this is the practice's own clinician (Settings > Billing, above)");
    }
    auto same = m_db.prepare(
        "SELECT id, retired_at IS NOT NULL FROM billing_clinician WHERE npi = ? AND id <> ?");
    same.bind(1, clinician.npi).bind(2, clinician.id);
    if (int code = same.step(); code == DYAD_ROW) {
        return std::unexpected(same.int64(1) != 0
                                   ? "clinician NPI: retired clinician " +
                                         std::to_string(same.int64(0)) + " has NPI " +
                                         clinician.npi + ": change that one to bring them back"
                                   : "clinician NPI: another clinician has NPI " + clinician.npi);
    } else if (code != DYAD_DONE) {
        return std::unexpected(read_error(m_db, "the clinicians"));
    }
    same.reset();
    std::string now = dyad::datafile::now_utc();
    std::int64_t id = clinician.id;
    auto write = m_db.prepare(
        id == 0 ? "INSERT INTO billing_clinician (name, npi, licence_type, licence_number, "
                  "licence_state, taxonomy, created_at, updated_at, id) VALUES (?, ?, ?, ?, ?, "
                  "?, ?7, ?7, ?8)"
                : "UPDATE billing_clinician SET name = ?, npi = ?, licence_type = ?, "
                  "licence_number = ?, licence_state = ?, taxonomy = ?, updated_at = ?7, "
                  "retired_at = NULL WHERE id = ?8");
    id = id == 0 ? m_db.new_id() : id;
    write.bind(1, clinician.name).bind(2, clinician.npi).bind(3, clinician.licence_type);
    write.bind(4, clinician.licence_number).bind(5, clinician.licence_state);
    write.bind(6, clinician.taxonomy).bind(7, now).bind(8, id);
    if (write.step() != DYAD_DONE) {
        return std::unexpected("the clinician could not be saved: " + m_db.last_error());
    }
    if (clinician.id != 0 && m_db.changes() == 0) {
        return std::unexpected("there is no clinician " + std::to_string(clinician.id));
    }
    (void)m_host.core()->audit(m_host.raw(), clinician.id == 0 ? "create" : "update", "clinician",
                               id);
    return id;
}

std::expected<void, std::string> ClinicianStore::retire(std::int64_t id) {
    // Units whose latest "seen by" is this clinician (today's or one from a later day).
    auto seen = m_db.prepare(
        "SELECT count(*) FROM billing_unit_clinician u WHERE clinician_id = ? AND since = "
        "(SELECT max(since) FROM billing_unit_clinician l WHERE l.unit_id = u.unit_id)");
    seen.bind(1, id);
    if (seen.step() != DYAD_ROW) {
        return std::unexpected(read_error(m_db, "the units' clinicians"));
    }
    if (std::int64_t units = seen.int64(0); units > 0) {
        return std::unexpected(  // tr_n fills {n}.
            dyad::show::tr_n("{n} unit is still seen by this clinician: give it another first",
                             "{n} units are still seen by this clinician: give them another first",
                             units));
    }
    seen.reset();
    auto update = m_db.prepare(
        "UPDATE billing_clinician SET retired_at = ?, updated_at = ?1 WHERE id = ? AND "
        "retired_at IS NULL");
    update.bind(1, dyad::datafile::now_utc()).bind(2, id);
    if (update.step() != DYAD_DONE) {
        return std::unexpected("the clinician could not be retired: " + m_db.last_error());
    }
    if (m_db.changes() == 0) {
        return std::unexpected("there is no clinician " + std::to_string(id) +
                               " still working (retired already?)");
    }
    (void)m_host.core()->audit(m_host.raw(), "update", "clinician", id);
    return {};
}

std::expected<std::optional<std::int64_t>, std::string> ClinicianStore::unit_clinician(
    std::int64_t unit_id, const std::string& on) {
    auto select = m_db.prepare(
        "SELECT clinician_id FROM billing_unit_clinician WHERE unit_id = ? AND since <= ? ORDER "
        "BY since DESC LIMIT 1");
    select.bind(1, unit_id).bind(2, on.empty() ? dyad::datafile::local_today() : on);
    int code = select.step();
    if (code == DYAD_DONE || (code == DYAD_ROW && select.is_null(0))) {
        return std::optional<std::int64_t>();
    }
    if (code != DYAD_ROW) {
        return std::unexpected(read_error(m_db, "the unit's clinician"));
    }
    return std::optional<std::int64_t>(select.int64(0));
}

std::expected<void, std::string> ClinicianStore::set_unit_clinician(
    std::int64_t unit_id, std::optional<std::int64_t> clinician_id, const std::string& since) {
    std::string day = since.empty() ? dyad::datafile::local_today() : since;
    if (!is_iso_date(day)) {
        return std::unexpected("the day the unit is seen from is YYYY-MM-DD");
    }
    bool unit_found = false;
    m_host.core()->get_unit(
        m_host.raw(), unit_id,
        [](void* user, const dyad_unit_info*) { *static_cast<bool*>(user) = true; }, &unit_found);
    if (!unit_found) {
        return std::unexpected("there is no client unit " + std::to_string(unit_id));
    }
    if (clinician_id) {
        auto clinician = get(*clinician_id);
        if (!clinician) {
            return std::unexpected(clinician.error());
        }
        if (!*clinician || (*clinician)->retired) {
            return std::unexpected("there is no clinician " + std::to_string(*clinician_id) +
                                   " still working (Settings > Billing lists them)");
        }
    }
    auto current = unit_clinician(unit_id, day);
    if (!current) {
        return std::unexpected(current.error());
    }
    if (*current == clinician_id) {
        return {};  // Seen by them on that day already.
    }
    auto write = m_db.prepare(
        "INSERT INTO billing_unit_clinician (unit_id, since, clinician_id, updated_at) VALUES "
        "(?1, ?2, ?3, ?4) ON CONFLICT (unit_id, since) DO UPDATE SET clinician_id = ?3, "
        "updated_at = ?4");
    write.bind(1, unit_id).bind(2, day);
    clinician_id ? (void)write.bind(3, *clinician_id) : (void)write.bind_null(3);
    write.bind(4, dyad::datafile::now_utc());
    if (write.step() != DYAD_DONE) {
        return std::unexpected("the unit's clinician could not be saved: " + m_db.last_error());
    }
    (void)m_host.core()->audit(m_host.raw(), "update", "unit-clinician", unit_id);
    return {};
}

std::expected<Identity, std::string> ClinicianStore::provider_for(
    const Identity& identity, const std::vector<std::optional<std::int64_t>>& clinicians) {
    std::vector<std::optional<std::int64_t>> distinct;
    for (const auto& id : clinicians) {
        if (std::find(distinct.begin(), distinct.end(), id) == distinct.end()) {
            distinct.push_back(id);
        }
    }
    std::vector<std::string> names;
    std::optional<Clinician> only;
    for (const auto& id : distinct) {
        Clinician clinician = practice_clinician(identity);
        if (id) {
            auto found = get(*id);
            if (!found) {
                return std::unexpected(found.error());
            }
            if (!*found) {
                return std::unexpected("there is no clinician " + std::to_string(*id));
            }
            clinician = **found;
        }
        names.push_back(clinician.name);
        only = clinician;
    }
    if (distinct.size() > 1) {
        return std::unexpected("these sessions were seen by more than one clinician (" +
                               dyad::datafile::join_list(names, ", ") +
                               "): a document names one rendering provider, so choose a period "
                               "with one of them");
    }
    if (only && only->id != 0 && (identity.group_npi.empty() || identity.tax_id_kind == "ssn")) {
        return std::unexpected(only->name +
                               " is not the practice's own clinician: their sessions are billed "
                               "by the group, which needs its group NPI and an EIN (Settings > "
                               "Billing)");
    }
    return only ? rendered_by(identity, *only) : identity;
}

}  // namespace dyad::billing
