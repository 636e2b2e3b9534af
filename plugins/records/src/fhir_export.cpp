#include "fhir_export.h"

#include <fhir_json.h>

#include <Poco/Base64Encoder.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cstdio>
#include <map>
#include <sstream>

#include "util.h"

namespace dyad::records_plugin {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

using dyad::fhir::codeable;
using dyad::fhir::coding;
using dyad::fhir::object;
using dyad::fhir::reference;
using dyad::fhir::text_concept;

std::string base64(const std::string& text) {
    std::ostringstream out;
    Poco::Base64Encoder encoder(out);
    encoder.rdbuf()->setLineLength(0);
    encoder << text;
    encoder.close();
    return out.str();
}

// "YYYY-MM-DD" dates are FHIR dates already; "YYYY-MM-DDTHH:MM:SSZ" instants too.
using dyad::fhir::BundleWriter;
using dyad::fhir::resource;

std::expected<std::string, std::string> uuid_of(const dyad::sdk::Database& db, const char* sql,
                                                std::int64_t id) {
    auto select = db.prepare(sql);
    select.bind(1, id);
    if (!select.ok()) {
        return std::unexpected(select.error());
    }
    if (select.step() != DYAD_ROW) {
        return std::unexpected("the record " + std::to_string(id) + " is gone");
    }
    return select.text(0);
}

Object::Ptr patient(const MemberRecord& member) {
    Object::Ptr value = resource("Patient");
    value->set("active", member.status != "discharged");
    Array::Ptr names = new Array;
    Object::Ptr official = object();
    official->set("use", "official");
    official->set("family", member.family_name);
    Array::Ptr given = new Array;
    given->add(member.given_name);
    official->set("given", given);
    names->add(official);
    if (!member.preferred_name.empty()) {
        Object::Ptr usual = object();
        usual->set("use", "usual");
        Array::Ptr preferred = new Array;
        preferred->add(member.preferred_name);
        usual->set("given", preferred);
        names->add(usual);
    }
    value->set("name", names);
    Array::Ptr telecom = new Array;
    for (const auto& [system, contact] :
         {std::pair<const char*, const std::string*>{"phone", &member.phone},
          std::pair<const char*, const std::string*>{"email", &member.email}}) {
        if (!contact->empty()) {
            Object::Ptr point = object();
            point->set("system", std::string(system));
            point->set("value", *contact);
            telecom->add(point);
        }
    }
    if (telecom->size() > 0) {
        value->set("telecom", telecom);
    }
    if (!member.date_of_birth.empty()) {
        value->set("birthDate", member.date_of_birth);
    }
    return value;
}

const char* appointment_status(const std::string& status) {
    if (status == "attended") {
        return "fulfilled";
    }
    if (status == "cancelled") {
        return "cancelled";
    }
    if (status == "no_show") {
        return "noshow";
    }
    return "booked";
}

// Goal lifecycle and achievement for a plan item's status.
std::pair<const char*, const char*> goal_status(const std::string& status) {
    if (status == "met") {
        return {"completed", "achieved"};
    }
    if (status == "partly_met") {
        return {"active", "improving"};
    }
    if (status == "not_met") {
        return {"active", "not-achieved"};
    }
    if (status == "discontinued") {
        return {"cancelled", nullptr};
    }
    return {"active", "in-progress"};
}

const char* care_plan_status(const std::string& status) {
    if (status == "completed") {
        return "completed";
    }
    if (status == "discontinued") {
        return "revoked";
    }
    return "active";
}

constexpr const char* kIcd10Cm = "http://hl7.org/fhir/sid/icd-10-cm";
constexpr const char* kConditionClinical =
    "http://terminology.hl7.org/CodeSystem/condition-clinical";
constexpr const char* kConditionVerification =
    "http://terminology.hl7.org/CodeSystem/condition-ver-status";
constexpr const char* kConditionCategory =
    "http://terminology.hl7.org/CodeSystem/condition-category";
constexpr const char* kLoinc = "http://loinc.org";
constexpr const char* kRoleCode = "http://terminology.hl7.org/CodeSystem/v3-RoleCode";

}  // namespace

std::string derived_uuid(const std::string& base_uuid, std::int64_t number) {
    // FNV-1a over the base and the number, spread over the last 12 hex digits.
    std::uint64_t hash = 1469598103934665603ull;
    for (char c : base_uuid + "#" + std::to_string(number)) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ull;
    }
    char tail[16];
    std::snprintf(tail, sizeof tail, "%012llx",
                  static_cast<unsigned long long>(hash & 0xffffffffffffull));
    return base_uuid.size() == 36 ? base_uuid.substr(0, 24) + tail : base_uuid + "-" + tail;
}

std::expected<std::string, std::string> chart_fhir(ChartStores s, std::int64_t unit_id,
                                                   Include include,
                                                   const std::string& timestamp_utc) {
    std::string unit_uuid, kind, unit_name;
    {
        auto unit = s.db.prepare("SELECT uuid, kind, display_name FROM core_unit WHERE id = ?");
        unit.bind(1, unit_id);
        if (!unit.ok() || unit.step() != DYAD_ROW) {
            return std::unexpected(unit.ok()
                                       ? "There is no client unit " + std::to_string(unit_id) + "."
                                       : unit.error());
        }
        unit_uuid = unit.text(0);
        kind = unit.text(1);
        unit_name = unit.text(2);
    }

    BundleWriter bundle(timestamp_utc);
    auto members = s.clients.members(unit_id);
    if (!members) {
        return std::unexpected(members.error());
    }
    std::map<std::int64_t, std::string> patient_uuid;
    for (const auto& member : *members) {
        auto uuid = uuid_of(s.db, "SELECT uuid FROM core_client WHERE id = ?", member.client_id);
        if (!uuid) {
            return std::unexpected(uuid.error());
        }
        patient_uuid[member.client_id] = *uuid;
        bundle.add(*uuid, patient(member));
    }
    // An individual unit's subject is its one client; other units are a Group.
    bool as_group = kind != "individual" || members->size() != 1;
    std::string subject_uuid =
        as_group || members->empty() ? unit_uuid : patient_uuid[members->front().client_id];
    if (as_group) {
        Object::Ptr group = resource("Group");
        group->set("type", "person");
        group->set("actual", true);
        group->set("code", text_concept(kind));
        group->set("name", unit_name);
        group->set("quantity", static_cast<int>(members->size()));
        Array::Ptr group_members = new Array;
        for (const auto& member : *members) {
            Object::Ptr entry = object();
            entry->set("entity", reference(patient_uuid[member.client_id]));
            group_members->add(entry);
        }
        group->set("member", group_members);
        bundle.add(unit_uuid, group);
    }
    if (kind == "couple" && members->size() == 2) {
        for (std::size_t i = 0; i < 2; ++i) {
            const MemberRecord& self = (*members)[i];
            const MemberRecord& partner = (*members)[1 - i];
            Object::Ptr related = resource("RelatedPerson");
            related->set("active", true);
            related->set("patient", reference(patient_uuid[self.client_id]));
            Array::Ptr relationship = new Array;
            relationship->add(codeable(coding(kRoleCode, "SIGOTHR", "significant other")));
            related->set("relationship", relationship);
            Object::Ptr name = object();
            name->set("family", partner.family_name);
            Array::Ptr given = new Array;
            given->add(partner.given_name);
            name->set("given", given);
            Array::Ptr names = new Array;
            names->add(name);
            related->set("name", names);
            bundle.add(derived_uuid(patient_uuid[self.client_id], partner.client_id), related);
        }
    }

    auto sessions = s.schedule.sessions(unit_id);
    if (!sessions) {
        return std::unexpected(sessions.error());
    }
    for (const auto& session : *sessions) {
        Object::Ptr appointment = resource("Appointment");
        appointment->set("status", std::string(appointment_status(session.status)));
        Array::Ptr service = new Array;
        service->add(text_concept(session.session_type + " session"));
        appointment->set("serviceType", service);
        appointment->set("start", session.starts_at);
        appointment->set("end", session.ends_at);
        appointment->set("description",
                         session.telehealth ? std::string("Telehealth") : session.location);
        Array::Ptr participants = new Array;
        for (const auto& member : *members) {
            Object::Ptr participant = object();
            participant->set("actor", reference(patient_uuid[member.client_id]));
            participant->set("status", "accepted");
            participants->add(participant);
        }
        appointment->set("participant", participants);
        bundle.add(session.uuid, appointment);
    }

    auto diagnoses = s.diagnoses.for_unit(unit_id);
    if (!diagnoses) {
        return std::unexpected(diagnoses.error());
    }
    for (const auto& diagnosis : *diagnoses) {
        auto uuid = uuid_of(s.db, "SELECT uuid FROM records_diagnosis WHERE id = ?", diagnosis.id);
        if (!uuid) {
            return std::unexpected(uuid.error());
        }
        Object::Ptr condition = resource("Condition");
        if (diagnosis.status == "entered_in_error") {
            // con-5: no clinical status on a condition entered in error.
            condition->set("verificationStatus",
                           codeable(coding(kConditionVerification, "entered-in-error", "")));
        } else {
            condition->set("clinicalStatus",
                           codeable(coding(kConditionClinical, diagnosis.status, "")));
            condition->set("verificationStatus",
                           codeable(coding(kConditionVerification, "confirmed", "")));
        }
        Array::Ptr category = new Array;
        category->add(codeable(coding(kConditionCategory, "encounter-diagnosis", "")));
        condition->set("category", category);
        condition->set("code", codeable(coding(kIcd10Cm, diagnosis.code, diagnosis.description)));
        auto member = patient_uuid.find(diagnosis.client_id);
        condition->set("subject",
                       reference(member != patient_uuid.end() ? member->second : subject_uuid));
        if (!diagnosis.onset_date.empty()) {
            condition->set("onsetDateTime", diagnosis.onset_date);
        }
        condition->set("recordedDate", diagnosis.noted_at);
        bundle.add(*uuid, condition);
    }

    auto plans = s.plans.plans_for_unit(unit_id);
    if (!plans) {
        return std::unexpected(plans.error());
    }
    for (const auto& plan : *plans) {
        auto plan_uuid = uuid_of(s.db, "SELECT uuid FROM records_plan WHERE id = ?", plan.id);
        if (!plan_uuid) {
            return std::unexpected(plan_uuid.error());
        }
        Object::Ptr care_plan = resource("CarePlan");
        care_plan->set("status", std::string(care_plan_status(plan.status)));
        care_plan->set("intent", "plan");
        care_plan->set("title", plan.title);
        care_plan->set("subject", reference(subject_uuid));
        Array::Ptr addresses = new Array;
        Array::Ptr goals = new Array;
        std::map<std::int64_t, std::string> problem_of;  // Item id -> its problem's uuid.
        for (const auto& item : plan.items) {
            std::string uuid = derived_uuid(*plan_uuid, item.id);
            if (item.level == "problem") {
                problem_of[item.id] = uuid;
                Object::Ptr problem = resource("Condition");
                problem->set("clinicalStatus",
                             codeable(coding(kConditionClinical,
                                             item.status == "met" ? "resolved" : "active", "")));
                Array::Ptr category = new Array;
                category->add(codeable(coding(kConditionCategory, "problem-list-item", "")));
                problem->set("category", category);
                problem->set("code", text_concept(item.text));
                problem->set("subject", reference(subject_uuid));
                bundle.add(uuid, problem);
                addresses->add(reference(uuid));
                continue;
            }
            problem_of[item.id] = problem_of[item.parent_id];
            auto [lifecycle, achievement] = goal_status(item.status);
            Object::Ptr goal = resource("Goal");
            goal->set("lifecycleStatus", std::string(lifecycle));
            if (achievement != nullptr) {
                goal->set("achievementStatus",
                          codeable(coding("http://terminology.hl7.org/CodeSystem/goal-achievement",
                                          achievement, "")));
            }
            goal->set("description",
                      text_concept((item.level == "objective" ? "Objective: " : "") + item.text));
            goal->set("subject", reference(subject_uuid));
            if (!item.target_date.empty()) {
                Array::Ptr targets = new Array;
                Object::Ptr target = object();
                target->set("dueDate", item.target_date);
                targets->add(target);
                goal->set("target", targets);
            }
            if (!problem_of[item.id].empty()) {
                Array::Ptr goal_addresses = new Array;
                goal_addresses->add(reference(problem_of[item.id]));
                goal->set("addresses", goal_addresses);
            }
            bundle.add(uuid, goal);
            goals->add(reference(uuid));
        }
        if (addresses->size() > 0) {
            care_plan->set("addresses", addresses);
        }
        if (goals->size() > 0) {
            care_plan->set("goal", goals);
        }
        if (!plan.review_date.empty()) {
            Object::Ptr period = object();
            period->set("end", plan.review_date);
            care_plan->set("period", period);
        }
        bundle.add(*plan_uuid, care_plan);
    }

    auto notes = s.notes.notes_for_unit(unit_id, include);
    if (!notes) {
        return std::unexpected(notes.error());
    }
    for (const auto& summary : *notes) {
        auto note = s.notes.note(summary.id);
        if (!note) {
            return std::unexpected(note.error());
        }
        const NoteTemplate* note_template = s.templates.find(note->template_id);
        std::string title = note_template != nullptr ? note_template->title : note->template_id;
        std::string text;
        for (const auto& section : ordered_sections(*note, note_template)) {
            const TemplateSection* described =
                note_template != nullptr ? note_template->section(section.key) : nullptr;
            text += (described != nullptr ? described->label : section.key) + ":\n" + section.body +
                    "\n\n";
        }
        auto document = [&](const std::string& body, const std::string& date,
                            const std::string& description) {
            Object::Ptr doc = resource("DocumentReference");
            doc->set("status", "current");
            doc->set("docStatus", note->status == "signed" ? "final" : "preliminary");
            doc->set("type", codeable(coding(kLoinc, "11506-3", "Progress note"),
                                      note->kind == "psychotherapy" ? "Psychotherapy note"
                                                                    : "Progress note"));
            doc->set("subject", reference(subject_uuid));
            doc->set("date", date);
            doc->set("description", description);
            Object::Ptr attachment = object();
            attachment->set("contentType", "text/plain; charset=utf-8");
            attachment->set("data", base64(body));
            attachment->set("title", title + " " + note->session_date);
            Object::Ptr content = object();
            content->set("attachment", attachment);
            Array::Ptr contents = new Array;
            contents->add(content);
            doc->set("content", contents);
            Object::Ptr context = object();
            Object::Ptr period = object();
            period->set("start", note->session_date);
            period->set("end", note->session_date);
            context->set("period", period);
            doc->set("context", context);
            return doc;
        };
        bundle.add(note->uuid,
                   document(text, note->signed_at.empty() ? note->created_at : note->signed_at,
                            title + ", session of " + note->session_date));
        for (const auto& amendment : note->amendments) {
            Object::Ptr doc = document("Amendment (" + amendment.reason + "):\n" + amendment.body,
                                       amendment.created_at, "Amendment to " + title);
            Object::Ptr relates = object();
            relates->set("code", "appends");
            relates->set("target", reference(note->uuid));
            Array::Ptr relations = new Array;
            relations->add(relates);
            doc->set("relatesTo", relations);
            bundle.add(derived_uuid(note->uuid, amendment.id), doc);
        }
    }
    return bundle.text();
}

}  // namespace dyad::records_plugin
