#include <gtest/gtest.h>

#include "adapters.h"
#include "test_support.h"

using namespace dyad::directory;

namespace {

Profile profile() {
    Profile p;
    p.given_name = "Maya";
    p.family_name = "Lopez";
    p.bio_help = std::string(700, 'x');
    for (int i = 0; i < 100; ++i) {
        p.bio_approach += "warm ";  // 500 characters of words.
    }
    p.modalities = {"Imago Relationship Therapy", "EFT", "Narrative Therapy"};
    p.specialties = {"Couples", "Infidelity"};
    p.fee_min = 150;
    p.fee_max = 200;
    p.sliding_scale = true;
    return p;
}

}  // namespace

TEST(DirectoryAdapters, ShippedAdaptersLoad) {
    AdapterLibrary library = load_adapters({dyad::test::source_dir() + "/resources"});
    EXPECT_TRUE(library.problems.empty()) << library.problems.front();
    ASSERT_NE(library.find("psychology-today"), nullptr);
    ASSERT_NE(library.find("open-path"), nullptr);
    EXPECT_EQ(library.find("psychology-today")->fields[0].limit, 640);
}

TEST(DirectoryAdapters, ListingCutsToLimitsMapsWordsAndFlagsWhatIsMissing) {
    AdapterLibrary library = load_adapters({dyad::test::source_dir() + "/resources"});
    auto fields = listing(profile(), *library.find("psychology-today"));
    ASSERT_GE(fields.size(), 5u);
    EXPECT_TRUE(fields[0].cut);  // 700 > 640.
    EXPECT_EQ(characters(fields[0].text), 640);
    EXPECT_EQ(fields[0].length, 700);
    EXPECT_LE(characters(fields[1].text), 360);  // Cut at a word: "warm warm ...".
    EXPECT_EQ(fields[1].text.substr(fields[1].text.size() - 7), "warm...");
    EXPECT_FALSE(fields[2].missing);  // About me is not required.
    const ListingField& modalities = fields[4];
    EXPECT_EQ(modalities.text, "Imago, Emotionally Focused");
    EXPECT_EQ(modalities.unmapped, (std::vector<std::string>{"Narrative Therapy"}));
    auto phone = std::find_if(fields.begin(), fields.end(),
                              [](const ListingField& f) { return f.label == "Phone"; });
    ASSERT_NE(phone, fields.end());
    EXPECT_TRUE(phone->missing);
    auto fees = std::find_if(fields.begin(), fields.end(), [](const ListingField& f) {
        return f.label == "Fees and sliding scale";
    });
    EXPECT_EQ(fees->text, "$150-$200 per session; sliding scale available");
    EXPECT_EQ(cut_to("ééééé", 4), "é...");  // Characters, not bytes.
}

TEST(DirectoryAdapters, ABrokenAdapterIsRefusedWithPathAndLine) {
    auto broken = parse_adapter(
        "{\n \"id\": \"x\",\n \"name\": \"X\",\n \"transport\": \"fax\",\n"
        " \"fields\": [\n  {\"field\": \"shoe_size\"}\n ]\n}",
        "x.json");
    ASSERT_FALSE(broken);
    EXPECT_EQ(broken.error(), (std::vector<std::string>{
                                  "x.json:4: transport: must be \"assisted\" or \"api\"",
                                  "x.json:6: fields[0].field: \"shoe_size\" is not a profile field",
                              }));
}
