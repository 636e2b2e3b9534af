#include "account.h"

#include <sys/stat.h>
#include <unistd.h>

#include <vector>

namespace dyad::mail {

bool plausible_address(const std::string& address) {
    if (address.empty() || address.size() > 254) {
        return false;
    }
    auto at = address.find('@');
    if (at == std::string::npos || at == 0 || address.find('@', at + 1) != std::string::npos) {
        return false;
    }
    std::string domain = address.substr(at + 1);
    if (domain.size() < 3 || domain.find('.') == std::string::npos || domain.front() == '.' ||
        domain.back() == '.' || domain.find("..") != std::string::npos) {
        return false;
    }
    for (unsigned char c : address) {
        if (c <= 0x20 || c == 0x7f || c == '"' || c == '<' || c == '>' || c == ',' || c == ';' ||
            c == '(' || c == ')' || c == '\\' || c == '[' || c == ']' || c == ':') {
            return false;
        }
    }
    return true;
}

std::string security_words(const std::string& security) {
    if (security == "tls") {
        return "TLS from the start (usually port 465)";
    }
    if (security == "starttls") {
        return "STARTTLS (usually port 587)";
    }
    return "no encryption (only to this computer, for tests)";
}

std::expected<void, std::string> check_account(const MailAccount& account) {
    std::vector<std::string> problems;
    if (account.server.empty()) {
        problems.emplace_back("the mail server is missing");
    } else if (account.server.size() > 253 ||
               account.server.find_first_of(" \t\r\n/:@") != std::string::npos) {
        problems.emplace_back("\"" + account.server + "\" is not a server name");
    }
    if (account.port < 1 || account.port > 65535) {
        problems.emplace_back("the port must be between 1 and 65535");
    }
    if (account.security != "none" && account.security != "starttls" && account.security != "tls") {
        problems.emplace_back("security must be none, starttls or tls");
    } else if (account.security == "none" && account.server != "127.0.0.1") {
        problems.emplace_back(
            "mail is sent without encryption only to this computer (127.0.0.1); use starttls or "
            "tls for " +
            account.server);
    }
    if (!plausible_address(account.from_address)) {
        problems.emplace_back(account.from_address.empty()
                                  ? "the sender's address is missing"
                                  : "\"" + account.from_address + "\" is not an e-mail address");
    }
    if (account.from_name.find_first_of("\r\n\"<>") != std::string::npos ||
        account.from_name.size() > 120) {
        problems.emplace_back("the sender's name must be one line without quotes or < >");
    }
    if (account.practice_name.find_first_of("\r\n") != std::string::npos ||
        account.practice_name.size() > 120) {
        problems.emplace_back("the practice's name must be one line");
    }
    if (account.language != "en" && account.language != "es") {
        problems.emplace_back("the language must be en or es");
    }
    if (account.user.find_first_of("\r\n") != std::string::npos || account.user.size() > 254) {
        problems.emplace_back("the user name must be one line");
    }
    if (account.hours_before < 1 || account.hours_before > 168) {
        problems.emplace_back("reminders go between 1 and 168 hours before a session");
    }
    if (account.timeout_seconds < 5 || account.timeout_seconds > 120) {
        problems.emplace_back("the timeout must be between 5 and 120 seconds");
    }
    if (account.telehealth_link.find_first_of(" \t\r\n") != std::string::npos ||
        (!account.telehealth_link.empty() && account.telehealth_link.rfind("https://", 0) != 0)) {
        problems.emplace_back("the telehealth link must be one https:// address");
    }
    if (!account.ca_file.empty()) {
        struct stat info {};
        if (stat(account.ca_file.c_str(), &info) != 0 || !S_ISREG(info.st_mode) ||
            access(account.ca_file.c_str(), R_OK) != 0) {
            problems.emplace_back("the certificate authority file " + account.ca_file +
                                  " is not a readable file");
        }
    }
    if (problems.empty()) {
        return {};
    }
    std::string text;
    for (const auto& problem : problems) {
        text += (text.empty() ? "" : "; ") + problem;
    }
    return std::unexpected(text);
}

}  // namespace dyad::mail
