// The NPI check digit (CMS): the Luhn formula over the prefix 80840 and the first nine digits,
// doubling from the right; the tenth digit is the check digit. Shared by the directory profile
// and the billing identity. Header-only; any thread.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

namespace dyad::datafile {

// True when npi is ten digits whose last is the check digit of the first nine.
inline bool npi_check_digit_ok(std::string_view npi) {
    if (npi.size() != 10 ||
        !std::all_of(npi.begin(), npi.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return false;
    }
    std::string digits = "80840" + std::string(npi.substr(0, 9));
    int sum = 0;
    bool twice = true;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        int digit = *it - '0';
        if (twice) {
            digit *= 2;
            digit = digit > 9 ? digit - 9 : digit;
        }
        sum += digit;
        twice = !twice;
    }
    return (10 - sum % 10) % 10 == npi[9] - '0';
}

}  // namespace dyad::datafile
