// Diagnosis code lists (plugins/records/src/diagnoses.h): CodeBook::add_text on any text, as
// load_code_book() reads "diagnoses/*.txt"; then the searches the diagnoses panel makes, with
// the first line of the input as the query.
#include <diagnoses.h>

#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text = dyad::fuzz::text_of(data, size);
    dyad::records_plugin::CodeBook book;
    std::vector<std::string> problems;
    book.add_text(text, "fuzz.txt", problems);
    std::string query = text.substr(0, text.find('\n'));
    for (const auto& code : book.search(query, 50)) {
        if (book.find(code.code) == nullptr) {
            dyad::fuzz::fail("search found " + code.code + ", find does not");
        }
    }
    (void)book.search("f43", 10);
    (void)book.find(query);
    (void)dyad::records_plugin::normalized_code(query);
    return 0;
}
