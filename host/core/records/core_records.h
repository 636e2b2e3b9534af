// Reads and validated, audited writes of core records over the host's connection.
// Every write is one transaction: the record and its audit entry land together or not at all,
// then a RecordChanged event is published. Actors are "user", "dyadctl" or "plugin:<id>".
// Thread: [main-thread] (the connection's thread). The connection and event bus must outlive
// this object.
#pragma once

#include <string>
#include <vector>

#include "db/connection.h"
#include "events.h"
#include "records/records.h"

namespace dyad::records {

// NotFound: "Client N is not a member of client unit M." (in the window's language when shown),
// said by set_member_consent and by the people rules that check a consent change first.
Error not_a_member(std::int64_t client_id, std::int64_t unit_id);

class CoreRecords {
  public:
    CoreRecords(db::Connection& connection, EventBus* events);

    Result<std::string> practice_name();
    Status set_practice_name(const std::string& name, const std::string& actor);

    Result<Practitioner> create_practitioner(const Practitioner& practitioner,
                                             const std::string& actor);
    Result<std::vector<Practitioner>> practitioners();

    Result<Client> create_client(const ClientFields& fields, const std::string& actor);
    Result<Client> update_client(std::int64_t id, const ClientFields& fields,
                                 const std::string& actor);
    // Reads one client for showing it to a person: audited as a view.
    Result<Client> view_client(std::int64_t id, const std::string& actor);
    Status archive_client(std::int64_t id, const std::string& actor);
    // Live clients that look like the same person: the same first and last name (any case)
    // and the same date of birth, or no date of birth on one side. For a warning, not a rule.
    Result<std::vector<Client>> similar_clients(const ClientFields& fields);

    Result<Unit> create_unit(const std::string& kind, const std::string& display_name,
                             const std::vector<MemberSpec>& members, const std::string& actor);
    Status set_unit_status(std::int64_t id, const std::string& status, const std::string& actor);
    Result<Unit> unit(std::int64_t id);
    Result<std::vector<Unit>> units(const UnitQuery& query);
    Result<std::int64_t> count_units(const UnitQuery& query);
    // The rows of one page and the count of all matching units, in one query (a search runs
    // its index scans once instead of twice).
    Result<std::pair<std::int64_t, std::vector<Unit>>> units_with_count(const UnitQuery& query);
    Result<std::vector<Member>> members(std::int64_t unit_id);
    // Records a member's consent in one unit (Member::may_contact, may_share_with_partner).
    // Audited as an update of "unit_member" with the unit's id and the client's id and both
    // flags in the detail (no names); publishes RecordChanged for the unit. NotFound when the
    // client is not a member of that live unit. Nothing changes when the flags are the same.
    Status set_member_consent(std::int64_t unit_id, std::int64_t client_id, bool may_contact,
                              bool may_share_with_partner, const std::string& actor);

    Result<Appointment> create_appointment(const AppointmentFields& fields,
                                           const std::string& actor);
    // Replaces an appointment's fields (its unit stays); validated and audited.
    Result<Appointment> update_appointment(std::int64_t id, const AppointmentFields& fields,
                                           const std::string& actor);
    Result<Appointment> appointment(std::int64_t id);
    // Appointments starting in [from, to), ordered by start.
    Result<std::vector<Appointment>> appointments_between(const std::string& from,
                                                          const std::string& to);

    // Audit entries that are not a write of a record.
    Status record_view(const std::string& entity, std::int64_t id, const std::string& actor);
    Status record_export(const std::string& entity, std::int64_t id, const std::string& format,
                         const std::string& actor);
    Status record_event(const std::string& action, const std::string& entity, std::int64_t id,
                        const std::string& detail, const std::string& actor);

    // The newest entries first; entity "" for every entity.
    Result<std::vector<AuditEntry>> audit_entries(const std::string& entity, std::int64_t limit);

    // The signed-in user (issue 15): audit entries name them ("Dana", or "Dana via PLUGIN" for
    // a plugin's write) instead of the generic actor given. Empty: a single-user practice.
    void set_signed_in(std::string name) { m_signed_in = std::move(name); }
    // Limits the unit lists (units, units_with_count, count_units) to a user's caseload, and
    // their supervisees' with_supervisees; user_id 0 lists every unit.
    void set_unit_scope(UnitScopeFilter scope) { m_scope = scope; }
    const std::string& signed_in() const { return m_signed_in; }

  private:
    Status audit(const std::string& action, const std::string& entity, std::int64_t id,
                 const std::string& detail, const std::string& actor);
    void changed(const std::string& entity, std::int64_t id, const std::string& change,
                 std::int64_t unit_id = 0);
    Result<Client> client(std::int64_t id);

    db::Connection& m_connection;
    EventBus* m_events;
    std::string m_signed_in;
    UnitScopeFilter m_scope;
};

}  // namespace dyad::records
