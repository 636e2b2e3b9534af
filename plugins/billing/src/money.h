// Money in integer cents, never floating point (issue 16). Parsing what a person typed and
// showing amounts: the one place amounts become text. No wx here; any thread.
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace dyad::billing {

// The largest amount Dyad accepts anywhere: $10,000,000.00. Sums of a practice's charges stay
// far inside int64.
inline constexpr std::int64_t kMaxCents = 1'000'000'000;

// "150", "150.5", "150.50", "$1,240.00" -> cents. Refused in words: empty, negative, more than
// two decimals, letters, over kMaxCents. `what` names the field ("the fee").
std::expected<std::int64_t, std::string> parse_cents(std::string_view text,
                                                     const std::string& what);

// An amount typed in the window, read in the language shown (dyad::show): where the decimal
// separator is "," (Spanish) "1.240,50", "25,50" and "1.240,50 $" are read as written there and
// "25.50" is refused, never read as 2,550; in English as parse_cents. The error is in the
// person's language and shows how to type an amount.
std::expected<std::int64_t, std::string> parse_shown_cents(std::string_view text);

// 124000 -> "$1,240.00"; -500 -> "-$5.00".
std::string format_cents(std::int64_t cents);

// 124000 -> "1240.00"; -500 -> "-5.00": digits and cents only, as forms and CSV files carry
// amounts.
std::string plain_cents(std::int64_t cents);

// Splits amount into parts proportional to percents (which sum to 100), each rounded down,
// the cents left over going to the first parts in order: the parts always sum to amount.
std::vector<std::int64_t> split_cents(std::int64_t amount, const std::vector<int>& percents);

}  // namespace dyad::billing
