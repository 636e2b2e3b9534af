// The therapist's one public profile, the source every directory listing and export is made
// from. It never holds or touches client data. Every saved profile is a numbered version
// (what was published when stays known). No wx here.
#pragma once

#include <Poco/JSON/Object.h>
#include <dyad/schema.h>
#include <dyad/db.hpp>

#include <cstdint>
#include <expected>
#include <string>
#include <vector>

namespace dyad::directory {

const dyad_schema_v1* directory_schema();

struct Licence {
    std::string number;
    std::string state;   // Two-letter US state.
    std::string expiry;  // "YYYY-MM-DD", "" when not given.
    std::string kind;    // "LMFT", "LPC", ...
};

struct Office {
    std::string line;
    std::string city;
    std::string state;
    std::string postal_code;
};

struct Profile {
    std::string given_name;
    std::string family_name;
    std::string credentials;    // "LMFT, Certified Imago Therapist"
    std::string npi;            // 10 digits.
    std::string taxonomy_code;  // NUCC, e.g. "106H00000X".
    std::string taxonomy_label;
    std::vector<Licence> licences;
    std::vector<std::string> specialties;
    std::vector<std::string> modalities;
    std::vector<std::string> populations;
    std::vector<std::string> languages;  // BCP 47 codes: "en", "es".
    int fee_min = 0;                     // US dollars per session; 0 when not given.
    int fee_max = 0;
    bool sliding_scale = false;
    std::vector<std::string> insurance;
    bool accepting_new_clients = true;
    std::vector<Office> offices;
    std::vector<std::string> telehealth_states;
    std::string phone, email, website, booking_link, photo_url;
    std::string bio_help;  // "What can I help you with?"
    std::string bio_approach;
    std::string bio_about;
};

// The profile's plain text and word-list fields by name, in the form's order: one table for
// every walk over the fields (JSON, the editor's form, the directory adapters). Licences,
// offices, fees and the two yes/no fields have shapes of their own and are walked by hand.
struct TextField {
    const char* name;
    std::string Profile::*member;
};
struct ListField {
    const char* name;
    std::vector<std::string> Profile::*member;
};
const std::vector<TextField>& text_fields();
const std::vector<ListField>& list_fields();

// Every problem, in words for the therapist ("NPI: the check digit does not match").
std::vector<std::string> check_profile(const Profile& profile);
// The NPI check digit (Luhn over "80840" + the first nine digits).
bool valid_npi(const std::string& npi);

Poco::JSON::Object::Ptr to_json(const Profile& profile);
std::expected<Profile, std::string> profile_from_json(const Poco::JSON::Object::Ptr& json);

struct ProfileVersion {
    int version = 0;
    std::string saved_at;
    Profile profile;
};

class ProfileStore {
  public:
    explicit ProfileStore(dyad::sdk::Database database) : m_db(database) {}
    // Refused with the problems when check_profile finds any; else the new version number.
    std::expected<int, std::string> save(const Profile& profile);
    // The newest version; version 0 and an empty profile when none was saved.
    std::expected<ProfileVersion, std::string> latest();
    std::expected<std::vector<int>, std::string> versions();

  private:
    dyad::sdk::Database m_db;
};

}  // namespace dyad::directory
