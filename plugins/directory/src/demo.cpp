#include "demo.h"

#include <stdexcept>

namespace dyad::directory {

Profile demo_profile(const std::string& today) {
    int year = 2026;
    try {
        year = std::stoi(today.substr(0, 4));
    } catch (const std::exception&) {
        throw std::runtime_error("The demo's date \"" + today + "\" is not YYYY-MM-DD.");
    }
    Profile p;
    p.given_name = "Maya";
    p.family_name = "Lin";
    p.credentials = "LMFT, Certified Imago Therapist";
    // The check-digit example of the NPI standard: valid, and nobody's real number.
    p.npi = "1234567893";
    p.taxonomy_code = "106H00000X";
    p.taxonomy_label = "Marriage & Family Therapist";
    p.licences = {{"LMFT 104872", "OR", std::to_string(year + 2) + "-06-30", "LMFT"}};
    p.specialties = {"Couples therapy", "Imago Relationship Therapy", "Communication problems",
                     "Infidelity and rebuilding trust", "Premarital counseling"};
    p.modalities = {"Imago Relationship Therapy", "EFT"};
    p.populations = {"Couples", "Adults", "LGBTQ+ couples"};
    p.languages = {"en", "zh"};
    p.fee_min = 150;
    p.fee_max = 210;
    p.sliding_scale = true;
    p.insurance = {"Out of network (superbills provided)"};
    p.accepting_new_clients = true;
    p.offices = {{"410 Alder Street, Suite 2", "Portland", "OR", "97204"}};
    p.telehealth_states = {"OR", "WA"};
    p.phone = "+1 (503) 555-0142";
    p.email = "maya.lin@example.org";
    p.website = "https://www.example.org/maya-lin";
    p.booking_link = "https://www.example.org/maya-lin/book";
    p.bio_help =
        "Couples who keep having the same argument and have started to feel alone in their "
        "relationship. Maybe trust was broken, a child or a move changed everything, or the two "
        "of you simply stopped being able to talk. I help partners slow down, listen without "
        "defending, and understand what the other is really asking for, so that closeness "
        "becomes possible again.";
    p.bio_approach =
        "I am a Certified Imago Therapist. Sessions are structured: you learn the Imago Dialogue "
        "(mirroring, validation, empathy) and use it with my support on the topics that matter "
        "to you. I also draw on Emotionally Focused Therapy.";
    p.bio_about =
        "I have worked with couples for over twelve years, in person in Portland and online "
        "across Oregon and Washington. I see couples of every background and stage, from "
        "premarital to decades together. I speak English and Mandarin.";
    return p;
}

void fill_demo(dyad::sdk::Host host, ProfileStore& store, const dyad::sdk::DemoRequest& request) {
    auto latest = store.latest();
    if (!latest) {
        throw std::runtime_error("The directory profile could not be read: " + latest.error());
    }
    if (latest->version != 0) {
        return;  // A profile is there already: the demo was filled before.
    }
    dyad::sdk::Database db(host);
    dyad::sdk::Transaction transaction(db);
    if (!transaction.error().empty()) {
        throw std::runtime_error("The directory profile could not be saved: " +
                                 transaction.error());
    }
    auto version = store.save(demo_profile(request.today));
    if (!version) {
        throw std::runtime_error("The demo's directory profile was refused: " + version.error());
    }
    (void)host.core()->audit(host.raw(), "update", "profile", *version);
    if (auto error = transaction.commit(); !error.empty()) {
        throw std::runtime_error("The directory profile could not be saved: " + error);
    }
}

}  // namespace dyad::directory
