// The key file (host/core/crypto/key_file.h, docs/encryption.md) and the recovery key's text:
// parse_key_file on any bytes, parse_recovery_key on the same bytes as text. Properties: an
// accepted key file serializes back to exactly its bytes; an accepted recovery key prints
// back as the same letters (ignoring case, spaces and dashes).
#include <cctype>

#include "crypto/key_file.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace dyad::crypto;
    auto parsed = parse_key_file(std::span<const unsigned char>(data, size));
    if (parsed) {
        auto bytes = serialize_key_file(*parsed);
        if (bytes.size() != size || !std::equal(bytes.begin(), bytes.end(), data)) {
            dyad::fuzz::fail("an accepted key file does not serialize back to its bytes");
        }
    }
    std::string text = dyad::fuzz::text_of(data, size);
    if (auto key = parse_recovery_key(text)) {
        std::string normal;
        for (char c : text) {
            if (c != '-' && !std::isspace(static_cast<unsigned char>(c))) {
                normal += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            }
        }
        std::string printed;
        for (char c : recovery_key_text(*key)) {
            if (c != '-') {
                printed += c;
            }
        }
        if (printed != normal) {
            dyad::fuzz::fail("an accepted recovery key prints back differently: " + text);
        }
    }
    return 0;
}
