// The billing tests' practice (issue 16): the demo practice with the billing plugin's
// migrations applied under confinement, the shipped catalogue, the Ortiz couple and helpers.
#pragma once

#include <gtest/gtest.h>

#include <Poco/DigestStream.h>
#include <Poco/SHA2Engine.h>
#include <fstream>
#include <sstream>

#include "catalogue.h"
#include "ledger.h"
#include "plugin_harness.h"
#include "schema.h"
#include "test_support.h"

namespace dyad::billing::test {

inline Catalogue shipped() {
    std::ifstream in(dyad::test::source_dir() + "/resources/billing/services.json");
    std::stringstream text;
    text << in.rdbuf();
    return *parse_catalogue(text.str(), "services.json");
}

struct Fixture {
    dyad::test::PluginHarness harness{"dyad.billing", billing_schema()};
    dyad::sdk::Host host{harness.host()};
    dyad::sdk::Database db{host};
    Catalogue catalogue = shipped();
    BillingStore store{host, &catalogue};
    std::int64_t couple = harness.unit("Ana & Ben Ortiz");
    std::int64_t ana = 0;
    std::int64_t ben = 0;

    Fixture() {
        auto members = harness.practice().records().members(couple);
        ana = members->at(0).client_id;
        ben = members->at(1).client_id;
    }
    // A session on day (YYYY-MM-DD) at 15:00 UTC lasting minutes, with its status.
    std::int64_t session(const std::string& day, int minutes, const std::string& status,
                         const std::string& type = "couple", bool telehealth = false) {
        dyad::records::AppointmentFields fields;
        fields.unit_id = couple;
        fields.starts_at = day + "T15:00:00Z";
        int end = 15 * 60 + minutes;
        char ends[32];
        std::snprintf(ends, sizeof ends, "%sT%02d:%02d:00Z", day.c_str(), end / 60, end % 60);
        fields.ends_at = ends;
        fields.session_type = type;
        fields.telehealth = telehealth;
        auto created = harness.practice().records().create_appointment(fields, "test");
        EXPECT_TRUE(created) << (created ? "" : created.error().message);
        fields.status = status;
        EXPECT_TRUE(harness.practice().records().update_appointment(created->id, fields, "test"));
        return created->id;
    }
    UnitSetup sixty_forty(const std::string& kind = "self_pay") {
        UnitSetup setup;
        setup.unit_id = couple;
        setup.kind = kind;
        setup.identified_patient_id = ana;
        setup.responsible_client_id = ana;
        setup.split = {{ana, 60}, {ben, 40}};
        return setup;
    }
    std::int64_t count(const std::string& sql) {
        auto select = db.prepare(sql.c_str());
        EXPECT_TRUE(select.ok()) << select.error();
        return select.step() == DYAD_ROW ? select.int64(0) : -1;
    }
    // Over the host's own connection (the audit trail is not the plugin's to read).
    std::int64_t host_count(const std::string& sql) {
        return **harness.practice().connection().query_int64(sql);
    }
};

inline std::string sha256_of(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    Poco::DigestOutputStream digest(engine);
    digest << in.rdbuf();
    digest.flush();
    return Poco::DigestEngine::digestToHex(engine.digest());
}

}  // namespace dyad::billing::test
