#include "json_lines.h"

#include <cctype>

namespace dyad::datafile {
namespace {

class Walker {
  public:
    explicit Walker(const std::string& text) : m_text(text) {}

    bool value(const std::string& path) {
        skip_space();
        if (m_at >= m_text.size()) {
            return false;
        }
        m_lines.emplace(path, m_line);
        char c = m_text[m_at];
        if (c == '{') {
            return object(path);
        }
        if (c == '[') {
            return array(path);
        }
        if (c == '"') {
            std::string ignored;
            return string(ignored);
        }
        std::size_t start = m_at;
        while (m_at < m_text.size() &&
               (std::isalnum(static_cast<unsigned char>(m_text[m_at])) || m_text[m_at] == '-' ||
                m_text[m_at] == '+' || m_text[m_at] == '.')) {
            ++m_at;
        }
        return m_at > start;
    }
    std::map<std::string, int> lines() && { return std::move(m_lines); }

  private:
    void skip_space() {
        while (m_at < m_text.size() && std::isspace(static_cast<unsigned char>(m_text[m_at]))) {
            m_line += m_text[m_at] == '\n' ? 1 : 0;
            ++m_at;
        }
    }
    bool string(std::string& out) {
        ++m_at;  // The opening quote.
        while (m_at < m_text.size() && m_text[m_at] != '"') {
            if (m_text[m_at] == '\\' && m_at + 1 < m_text.size()) {
                out += m_text[m_at + 1];
                m_at += 2;
                continue;
            }
            m_line += m_text[m_at] == '\n' ? 1 : 0;
            out += m_text[m_at++];
        }
        if (m_at >= m_text.size()) {
            return false;
        }
        ++m_at;  // The closing quote.
        return true;
    }
    bool expect(char wanted) {
        skip_space();
        if (m_at < m_text.size() && m_text[m_at] == wanted) {
            ++m_at;
            return true;
        }
        return false;
    }
    bool object(const std::string& path) {
        ++m_at;
        skip_space();
        if (m_at < m_text.size() && m_text[m_at] == '}') {
            ++m_at;
            return true;
        }
        while (true) {
            skip_space();
            std::string key;
            if (m_at >= m_text.size() || m_text[m_at] != '"' || !string(key) || !expect(':')) {
                return false;
            }
            if (!value(path.empty() ? key : path + "." + key)) {
                return false;
            }
            if (expect('}')) {
                return true;
            }
            if (!expect(',')) {
                return false;
            }
        }
    }
    bool array(const std::string& path) {
        ++m_at;
        skip_space();
        if (m_at < m_text.size() && m_text[m_at] == ']') {
            ++m_at;
            return true;
        }
        for (int index = 0;; ++index) {
            if (!value(path + "[" + std::to_string(index) + "]")) {
                return false;
            }
            if (expect(']')) {
                return true;
            }
            if (!expect(',')) {
                return false;
            }
        }
    }

    const std::string& m_text;
    std::size_t m_at = 0;
    int m_line = 1;
    std::map<std::string, int> m_lines;
};

}  // namespace

std::map<std::string, int> json_value_lines(const std::string& json) {
    Walker walker(json);
    walker.value("");
    return std::move(walker).lines();
}

int line_of(const std::map<std::string, int>& lines, std::string path) {
    while (true) {
        if (auto found = lines.find(path); found != lines.end()) {
            return found->second;
        }
        if (path.empty()) {
            return 1;
        }
        std::size_t cut = path.find_last_of(".[");
        path = cut == std::string::npos ? std::string() : path.substr(0, cut);
    }
}

}  // namespace dyad::datafile
