#include <gtest/gtest.h>
#include <time_text.h>

#include <chrono>
#include <cstdio>
#include <stdexcept>

#include "demo.h"
#include "plugin_harness.h"
#include "progress.h"
#include "response.h"
#include "vision.h"

using namespace dyad::workup;

namespace {

// The local date `days` after (before, when negative) a "YYYY-MM-DD" date.
std::string shifted(const std::string& day, int days) {
    unsigned y = 0;
    unsigned m = 0;
    unsigned d = 0;
    std::sscanf(day.c_str(), "%4u-%2u-%2u", &y, &m, &d);
    std::chrono::sys_days start{std::chrono::year_month_day{
        std::chrono::year(static_cast<int>(y)), std::chrono::month(m), std::chrono::day(d)}};
    std::chrono::year_month_day date(start + std::chrono::days(days));
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return text;
}

// This week's Monday `weeks` weeks back (weeks <= 0), as the demo's appointments count them.
std::string monday(const std::string& today, int weeks) {
    unsigned y = 0;
    unsigned m = 0;
    unsigned d = 0;
    std::sscanf(today.c_str(), "%4u-%2u-%2u", &y, &m, &d);
    std::chrono::sys_days day{std::chrono::year_month_day{
        std::chrono::year(static_cast<int>(y)), std::chrono::month(m), std::chrono::day(d)}};
    int back = static_cast<int>(std::chrono::weekday(day).iso_encoding()) - 1;
    return shifted(today, -back + 7 * weeks);
}

struct Demo {
    dyad::test::PluginHarness harness{"dyad.workup", workup_schema()};
    dyad::sdk::Host host{harness.host()};
    ResponseStore store{dyad::sdk::Database(host)};
    FormLibrary library = load_forms({dyad::test::source_dir() + "/resources"});
    std::vector<std::int64_t> units;
    dyad::sdk::DemoRequest request;

    Demo() {
        units = {harness.unit("Ana & Ben Ortiz"), harness.unit("Moss"), harness.unit("Carla Diaz"),
                 harness.unit("Nguyen"),          harness.unit("Khan"), harness.unit("Haddad")};
        auto history = dyad::add_demo_history(harness.practice().records(), units);
        if (!history) {
            throw std::runtime_error(history.error().message);
        }
        request.today = dyad::datafile::local_today();
        request.unit_ids = units;
    }
    std::vector<std::pair<std::int64_t, std::string>> members(std::int64_t unit) const {
        std::vector<std::pair<std::int64_t, std::string>> found;
        for (const auto& member : host.members(unit)) {
            found.emplace_back(member.client_id, member.given_name);
        }
        return found;
    }
    std::int64_t partner(std::int64_t unit, const std::string& name) const {
        for (const auto& [client, given] : members(unit)) {
            if (given == name) {
                return client;
            }
        }
        return 0;
    }
    Response answers(std::int64_t unit, const std::string& name, const std::string& form) {
        auto response = store.load(unit, partner(unit, name), form);
        EXPECT_TRUE(response) << response.error();
        return response ? *response : Response{};
    }
    // Every stored answer and its time, for comparing two fills.
    std::string snapshot() {
        std::string all;
        for (auto unit : units) {
            for (const auto& [client, name] : members(unit)) {
                for (const auto& form : library.forms) {
                    auto response = store.load(unit, client, form.id);
                    if (!response) {
                        return "unreadable: " + response.error();
                    }
                    all += name + " " + form.id + " " + std::to_string(response->form_version) +
                           " " + response->updated_at + " " + to_json(response->answers) + "\n";
                }
            }
            VisionStore visions{dyad::sdk::Database(host)};
            auto kept = visions.versions(unit);
            all += "visions " + (kept ? std::to_string(kept->size()) : kept.error()) + "\n";
        }
        return all;
    }
};

// Sections a partner can answer (not only computed sentences).
int answerable(const Form& form) {
    int count = 0;
    for (const auto& section : form.sections) {
        for (const auto& field : section.fields) {
            if (field.type != "computed") {
                ++count;
                break;
            }
        }
    }
    return count;
}

}  // namespace

TEST(WorkupDemo, TheOrtizesFilledEveryWorksheetAndTheMossesStartedTheirWorkups) {
    Demo demo;
    ASSERT_NO_THROW(fill_demo(demo.host, demo.store, demo.library, demo.request));
    std::int64_t ortiz = demo.units[0];

    // The Overview's card: both Ortizes answered every form, every section they can answer.
    auto progress = unit_progress(demo.store, demo.library, ortiz, demo.members(ortiz));
    ASSERT_TRUE(progress) << progress.error();
    ASSERT_EQ(progress->size(), 2u);
    for (const auto& partner : *progress) {
        ASSERT_EQ(partner.forms.size(), demo.library.forms.size()) << partner.name;
        for (std::size_t i = 0; i < partner.forms.size(); ++i) {
            EXPECT_EQ(partner.forms[i].title, demo.library.forms[i].title);
            EXPECT_GE(partner.forms[i].complete, answerable(demo.library.forms[i]))
                << partner.name << ": " << partner.forms[i].title;
        }
    }
    // The Mosses: the Workup started, Dee two sections, Eli one.
    const Form& workup = *demo.library.find("imago-workup");
    std::string sections = std::to_string(workup.sections.size());
    auto moss = unit_progress(demo.store, demo.library, demo.units[1], demo.members(demo.units[1]));
    ASSERT_TRUE(moss) << moss.error();
    EXPECT_EQ(progress_text(*moss), "Dee: Imago Workup 2 of " + sections +
                                        " sections\nEli: Imago Workup 1 of " + sections +
                                        " sections");
    // Nobody else has a worksheet.
    for (std::size_t u = 2; u < demo.units.size(); ++u) {
        auto others =
            unit_progress(demo.store, demo.library, demo.units[u], demo.members(demo.units[u]));
        ASSERT_TRUE(others) << others.error();
        for (const auto& partner : *others) {
            EXPECT_TRUE(partner.forms.empty()) << partner.name;
        }
    }

    // The showcase's content: each partner's own story, and the sentences assembled from it.
    auto ana = demo.answers(ortiz, "Ana", "imago-workup");
    auto ben = demo.answers(ortiz, "Ben", "imago-workup");
    EXPECT_NE(ana.answers->getValue<std::string>("childhood_want"),
              ben.answers->getValue<std::string>("childhood_want"));
    EXPECT_EQ(fill_template(workup, workup.field("searching")->template_text, ana.answers),
              "I have spent my life searching for a person with these traits: warm, "
              "hard-working, busy, absent, distant.");
    EXPECT_EQ(fill_template(workup, workup.field("troubled")->template_text, ben.answers),
              "When I am with such a person, I am troubled by these traits: critical, intrusive.");
    const Form& profile = *demo.library.find("partner-profile");
    auto ana_profile = demo.answers(ortiz, "Ana", "partner-profile");
    AnswersOf anas = [&](const std::string& form) {
        return demo.answers(ortiz, "Ana", form).answers;
    };
    EXPECT_EQ(fill_template(profile, profile.field("overlap_negative")->template_text,
                            ana_profile.answers, anas),
              "My partner shares these negative traits with my caretakers: distant, busy.");

    // Saved as homework over the last weeks, the Workup first, the vision last.
    std::string today = demo.request.today;
    for (const char* name : {"Ana", "Ben"}) {
        std::string before;
        for (const char* form :
             {"imago-workup", "partner-profile", "caring-behaviours", "relationship-vision"}) {
            std::string saved = demo.answers(ortiz, name, form).updated_at;
            EXPECT_LT(saved.substr(0, 10), today) << name << " " << form;
            EXPECT_GT(saved.substr(0, 10), shifted(today, -100)) << name << " " << form;
            EXPECT_GT(saved, before) << name << " " << form;
            before = saved;
        }
    }
    EXPECT_EQ(ana.updated_at.substr(0, 10), shifted(monday(today, -12), 4));
    EXPECT_GE(demo.answers(demo.units[1], "Eli", "imago-workup").updated_at.substr(0, 10),
              monday(today, -1));

    // The shared vision kept at the session two Mondays ago: the wishes in common first.
    VisionStore visions{dyad::sdk::Database(demo.host)};
    auto kept = visions.versions(ortiz);
    ASSERT_TRUE(kept) << kept.error();
    ASSERT_EQ(kept->size(), 1u);
    EXPECT_EQ(kept->at(0).created_at, monday(today, -2) + "T15:45:00Z");
    const auto& items = kept->at(0).items;
    ASSERT_EQ(items.size(), 7u);
    EXPECT_EQ(items[0].text, "We feel safe telling each other what we need");
    EXPECT_EQ(items[0].importance, 10);
    EXPECT_EQ(items[0].authors, (std::vector<std::string>{"Ana", "Ben"}));
    EXPECT_TRUE(items[0].hard);
    EXPECT_TRUE(items[1].in_common);
    EXPECT_TRUE(items[2].in_common);
    EXPECT_FALSE(items[3].in_common);

    // Audited as the Worksheets tab audits its saves.
    auto audited = demo.harness.practice().records().audit_entries("dyad.workup:vision", 10);
    ASSERT_TRUE(audited);
    EXPECT_EQ(audited->size(), 1u);
}

TEST(WorkupDemo, ASecondFillChangesNothing) {
    Demo demo;
    fill_demo(demo.host, demo.store, demo.library, demo.request);
    std::string first = demo.snapshot();
    auto audits = demo.harness.practice().records().audit_entries("dyad.workup:response", 100);
    ASSERT_TRUE(audits);
    ASSERT_NO_THROW(fill_demo(demo.host, demo.store, demo.library, demo.request));
    EXPECT_EQ(demo.snapshot(), first);
    EXPECT_EQ(demo.harness.practice().records().audit_entries("dyad.workup:response", 100)->size(),
              audits->size());
}

TEST(WorkupDemo, AFailureLeavesNothingBehind) {
    Demo demo;
    std::string empty = demo.snapshot();
    // The second couple has no Dee: the Ortizes' worksheets, written first, are rolled back.
    demo.request.unit_ids[1] = demo.units[2];
    try {
        fill_demo(demo.host, demo.store, demo.library, demo.request);
        ADD_FAILURE() << "a couple without its partners is refused";
    } catch (const std::runtime_error& error) {
        EXPECT_NE(std::string(error.what()).find("no partner named Dee"), std::string::npos)
            << error.what();
    }
    EXPECT_EQ(demo.snapshot(), empty);
    EXPECT_THROW(fill_demo(demo.host, demo.store, FormLibrary{}, demo.request), std::runtime_error);
    EXPECT_EQ(demo.snapshot(), empty);
}
