#include "db/sql_text.h"

#include <cctype>
#include <deque>
#include <optional>

namespace dyad::db {
namespace {

enum class TokenKind { Word, Open, Close, Other };

struct Token {
    TokenKind kind = TokenKind::Other;
    std::string_view text;  // Words: the name (quoted ones: in Tokens::unquoted).
    bool quoted = false;
};

bool is_word_start(unsigned char c) {
    return std::isalpha(c) != 0 || c == '_' || c >= 0x80;
}

bool is_word_char(unsigned char c) {
    return std::isalnum(c) != 0 || c == '_' || c == '$' || c >= 0x80;
}

// Reads a quoted run starting at text[i] (the opening quote) up to the closing quote; a
// doubled closing quote stands for itself. Returns the content and moves i past the end.
std::string read_quoted(std::string_view text, std::size_t& i, char close) {
    std::string content;
    ++i;
    while (i < text.size()) {
        if (text[i] == close) {
            if (close != ']' && i + 1 < text.size() && text[i + 1] == close) {
                content += close;
                i += 2;
                continue;
            }
            ++i;
            return content;
        }
        content += text[i++];
    }
    return content;  // Unterminated: SQLite refuses the statement anyway.
}

std::vector<Token> tokenize(std::string_view sql, std::deque<std::string>& unquoted) {
    std::size_t end = sql.find('\0');
    std::string_view text = sql.substr(0, end);
    std::vector<Token> tokens;
    std::size_t i = 0;
    while (i < text.size()) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (std::isspace(c) != 0) {
            ++i;
        } else if (c == '-' && i + 1 < text.size() && text[i + 1] == '-') {
            std::size_t newline = text.find('\n', i);
            i = newline == std::string_view::npos ? text.size() : newline + 1;
        } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
            std::size_t close = text.find("*/", i + 2);
            i = close == std::string_view::npos ? text.size() : close + 2;
        } else if (c == '\'') {
            read_quoted(text, i, '\'');
            tokens.push_back({TokenKind::Other, "", false});
        } else if ((c == 'x' || c == 'X') && i + 1 < text.size() && text[i + 1] == '\'') {
            ++i;
            read_quoted(text, i, '\'');
            tokens.push_back({TokenKind::Other, "", false});
        } else if (c == '"' || c == '`') {
            unquoted.push_back(read_quoted(text, i, static_cast<char>(c)));
            tokens.push_back({TokenKind::Word, unquoted.back(), true});
        } else if (c == '[') {
            unquoted.push_back(read_quoted(text, i, ']'));
            tokens.push_back({TokenKind::Word, unquoted.back(), true});
        } else if (is_word_start(c)) {
            std::size_t start = i;
            while (i < text.size() && is_word_char(static_cast<unsigned char>(text[i]))) {
                ++i;
            }
            tokens.push_back({TokenKind::Word, text.substr(start, i - start), false});
        } else if (std::isdigit(c) != 0) {
            while (i < text.size() &&
                   (is_word_char(static_cast<unsigned char>(text[i])) || text[i] == '.')) {
                ++i;
            }
            tokens.push_back({TokenKind::Other, "", false});
        } else if (c == '(') {
            tokens.push_back({TokenKind::Open, "(", false});
            ++i;
        } else if (c == ')') {
            tokens.push_back({TokenKind::Close, ")", false});
            ++i;
        } else {
            tokens.push_back({TokenKind::Other, text.substr(i, 1), false});
            ++i;
        }
    }
    return tokens;
}

bool is_keyword(const Token& token, std::string_view word) {
    return token.kind == TokenKind::Word && !token.quoted && equals_nocase(token.text, word);
}

// Index just past the parenthesised group that opens at tokens[i], or nullopt if unbalanced.
std::optional<std::size_t> skip_group(const std::vector<Token>& tokens, std::size_t i) {
    int depth = 0;
    for (; i < tokens.size(); ++i) {
        if (tokens[i].kind == TokenKind::Open) {
            ++depth;
        } else if (tokens[i].kind == TokenKind::Close && --depth == 0) {
            return i + 1;
        }
    }
    return std::nullopt;
}

}  // namespace

bool equals_nocase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && starts_with_nocase(a, b);
}

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) {
        return false;
    }
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(text[i])) !=
            std::tolower(static_cast<unsigned char>(prefix[i]))) {
            return false;
        }
    }
    return true;
}

std::vector<std::string> defined_names(std::string_view sql) {
    // Every definition has the keyword AS: text without those two letters defines nothing.
    bool has_as = false;
    for (std::size_t i = 0; i + 1 < sql.size() && sql[i] != '\0' && !has_as; ++i) {
        has_as = (sql[i] == 'a' || sql[i] == 'A') && (sql[i + 1] == 's' || sql[i + 1] == 'S');
    }
    if (!has_as) {
        return {};
    }
    std::deque<std::string> unquoted;
    std::vector<Token> tokens = tokenize(sql, unquoted);
    std::vector<std::string> names;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (tokens[i].kind != TokenKind::Word) {
            continue;
        }
        std::size_t j = i + 1;
        if (j < tokens.size() && tokens[j].kind == TokenKind::Open) {
            auto after = skip_group(tokens, j);
            if (!after) {
                continue;
            }
            j = *after;
        }
        if (j >= tokens.size() || !is_keyword(tokens[j], "AS")) {
            continue;
        }
        ++j;
        if (j < tokens.size() && is_keyword(tokens[j], "NOT")) {
            ++j;
        }
        if (j < tokens.size() && is_keyword(tokens[j], "MATERIALIZED")) {
            ++j;
        }
        if (j < tokens.size() && tokens[j].kind == TokenKind::Open) {
            names.emplace_back(tokens[i].text);
        }
    }
    return names;
}

bool is_plain_identifier(std::string_view name) {
    if (name.empty() || name.size() > 128) {
        return false;
    }
    auto first = static_cast<unsigned char>(name.front());
    if (std::isalpha(first) == 0 && first != '_') {
        return false;
    }
    for (char c : name) {
        auto u = static_cast<unsigned char>(c);
        if (u >= 0x80 || (std::isalnum(u) == 0 && u != '_')) {
            return false;
        }
    }
    return true;
}

std::string quote_identifier(std::string_view name) {
    std::string quoted = "\"";
    for (char c : name) {
        quoted += c;
        if (c == '"') {
            quoted += '"';
        }
    }
    return quoted + "\"";
}

}  // namespace dyad::db
