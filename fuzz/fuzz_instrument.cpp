// What `dyadctl measures validate` and the plugin read from a clinic's instrument file
// (plugins/measures/src/instrument.h): check_instrument, then scoring of the answers after a
// line "#answers" (words as `measures score` takes them) when the file was valid.
#include <instrument.h>
#include <scoring.h>

#include <sstream>

#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text = dyad::fuzz::text_of(data, size);
    auto [json, words] = dyad::fuzz::split_at(text, "\n#answers\n", text);
    auto checked = dyad::measures::check_instrument(json, "fuzz.json");
    std::vector<std::string> split;
    std::istringstream in(words);
    for (std::string word; in >> word && split.size() < 200;) {
        split.push_back(word);
    }
    auto answers = dyad::measures::parse_answers(split);
    if (checked.ok() && answers) {
        (void)dyad::measures::score(checked.instrument, *answers);
        (void)dyad::measures::reliable_change(checked.instrument, 1, 20);
    }
    return 0;
}
