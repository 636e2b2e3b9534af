// Language hints (plugins/dialogue/src/hints.h): HintRules::parse on a clinic's
// "dialogue-language/language-hints.json", then sender_hints on what a partner typed (the
// coach runs them on every sentence). Input: the rules, a line "#text", the typed text; without
// that line, all of it is the rules and a sample sentence is typed. The mirror and feeling
// hints run on the same texts.
#include <hints.h>

#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto [json, typed] = dyad::fuzz::split_at(dyad::fuzz::text_of(data, size), "\n#text\n",
                                              "You never listen to me, you always forget.");
    auto rules = dyad::dialogue::HintRules::parse(json, "fuzz.json");
    for (const auto& hint :
         dyad::dialogue::sender_hints(typed, rules ? *rules : dyad::dialogue::HintRules{})) {
        if (hint.at > typed.size() ||
            typed.compare(hint.at, hint.phrase.size(), hint.phrase) != 0) {
            dyad::fuzz::fail("a hint's phrase is not at its offset");
        }
    }
    (void)dyad::dialogue::mirror_score(typed, json);
    (void)dyad::dialogue::named_feeling(typed, {"sad", "left out", "hurt"});
    return 0;
}
