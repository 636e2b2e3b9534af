#include "money.h"

#include <dyad/show.hpp>

#include <cstdio>
#include <cstdlib>

namespace dyad::billing {

std::expected<std::int64_t, std::string> parse_cents(std::string_view text,
                                                     const std::string& what) {
    std::string_view rest = text;
    while (!rest.empty() && rest.front() == ' ') {
        rest.remove_prefix(1);
    }
    while (!rest.empty() && rest.back() == ' ') {
        rest.remove_suffix(1);
    }
    if (rest.empty()) {
        return std::unexpected(what + " is missing");
    }
    if (rest.front() == '-') {
        return std::unexpected(what + " cannot be negative");
    }
    if (rest.front() == '$') {
        rest.remove_prefix(1);
    }
    std::int64_t whole = 0;
    std::int64_t fraction = 0;
    int decimals = -1;  // -1: no point seen yet.
    bool digits = false;
    for (std::size_t i = 0; i < rest.size(); ++i) {
        char c = rest[i];
        if (c == ',' && decimals < 0 && digits) {
            // A thousands separator only: three digits follow before the next comma, the point
            // or the end ("1,240.00"); "150,00" (a decimal comma) is refused, not read as 15000.
            std::size_t next = rest.find_first_of(",.", i + 1);
            std::size_t group = (next == std::string_view::npos ? rest.size() : next) - i - 1;
            if (group != 3) {
                return std::unexpected(what +
                                       " must be an amount like 1,240.00 (a point before "
                                       "the cents)");
            }
            continue;
        }
        if (c == '.' && decimals < 0) {
            decimals = 0;
            continue;
        }
        if (c < '0' || c > '9') {
            return std::unexpected(what + " must be an amount like 150.00");
        }
        digits = true;
        if (decimals >= 0) {
            if (++decimals > 2) {
                return std::unexpected(what + " has more than two decimals");
            }
            fraction = fraction * 10 + (c - '0');
        } else {
            whole = whole * 10 + (c - '0');
            if (whole > kMaxCents / 100) {
                return std::unexpected(what + " is over $10,000,000.00");
            }
        }
    }
    if (!digits) {
        return std::unexpected(what + " must be an amount like 150.00");
    }
    if (decimals == 1) {
        fraction *= 10;
    }
    std::int64_t cents = whole * 100 + fraction;
    if (cents > kMaxCents) {
        return std::unexpected(what + " is over $10,000,000.00");
    }
    return cents;
}

std::expected<std::int64_t, std::string> parse_shown_cents(std::string_view text) {
    while (!text.empty() && text.front() == ' ') {
        text.remove_prefix(1);
    }
    while (!text.empty() && text.back() == ' ') {
        text.remove_suffix(1);
    }
    std::string typed(text);
    if (!typed.empty() && typed.back() == '$') {  // "1.240,50 $" as Spanish shows amounts.
        typed.pop_back();
    }
    if (dyad::show::tr_in("decimal separator", ".") == ",") {
        for (char& c : typed) {
            c = c == '.' ? ',' : c == ',' ? '.' : c;
        }
    }
    auto cents = parse_cents(typed, "the amount");
    if (cents) {
        return cents;
    }
    if (typed.empty()) {
        return std::unexpected(dyad::show::tr("Type the amount."));
    }
    if (typed.front() == '-') {
        return std::unexpected(dyad::show::tr("The amount cannot be negative."));
    }
    std::string message = dyad::show::fill(
        dyad::show::tr("Type the amount like {example}: at most two digits of cents, and at most "
                       "{most}."),
        "example", dyad::show::money(124050));
    return std::unexpected(dyad::show::fill(message, "most", dyad::show::money(kMaxCents)));
}

std::string format_cents(std::int64_t cents) {
    bool negative = cents < 0;
    // kMaxCents bounds every amount we store; the magnitude cannot overflow.
    std::uint64_t magnitude =
        negative ? static_cast<std::uint64_t>(-(cents + 1)) + 1 : static_cast<std::uint64_t>(cents);
    std::string whole = std::to_string(magnitude / 100);
    std::string grouped;
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) {
            grouped += ',';
        }
        grouped += whole[i];
    }
    unsigned fraction = static_cast<unsigned>(magnitude % 100);
    return std::string(negative ? "-$" : "$") + grouped + "." + (fraction < 10 ? "0" : "") +
           std::to_string(fraction);
}

std::string plain_cents(std::int64_t cents) {
    std::int64_t whole = cents < 0 ? -cents : cents;
    char text[32];
    std::snprintf(text, sizeof text, "%s%lld.%02lld", cents < 0 ? "-" : "",
                  static_cast<long long>(whole / 100), static_cast<long long>(whole % 100));
    return text;
}

std::vector<std::int64_t> split_cents(std::int64_t amount, const std::vector<int>& percents) {
    if (amount < 0) {  // The parts of a negative amount are the negated parts of its size.
        auto parts = split_cents(-amount, percents);
        for (auto& part : parts) {
            part = -part;
        }
        return parts;
    }
    std::vector<std::int64_t> parts;
    std::int64_t given = 0;
    for (int percent : percents) {
        parts.push_back(amount * percent / 100);
        given += parts.back();
    }
    for (std::size_t i = 0; given < amount && !parts.empty(); i = (i + 1) % parts.size()) {
        if (percents[i] > 0 || i + 1 == parts.size()) {
            ++parts[i];
            ++given;
        }
    }
    return parts;
}

}  // namespace dyad::billing
