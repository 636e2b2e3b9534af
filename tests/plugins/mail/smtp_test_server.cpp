#include "smtp_test_server.h"

#include <Poco/Base64Decoder.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/MailMessage.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/PartHandler.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/TCPServerConnection.h>
#include <Poco/Net/TCPServerConnectionFactory.h>
#include <Poco/StreamCopier.h>

#include <deque>
#include <sstream>

namespace dyad::test {

struct SmtpTestServer::State {
    Mode mode = Mode::kPlain;
    Poco::Net::Context::Ptr context;
    mutable std::mutex mutex;
    std::deque<std::pair<std::string, std::function<void()>>> answers;
    std::string user;
    std::string password;
    int accepted = 0;
    int attempts = 0;
    std::vector<Received> messages;
};

namespace {

// Reads CRLF lines from a socket that may be replaced by its TLS upgrade.
class LineReader {
  public:
    explicit LineReader(Poco::Net::StreamSocket& socket) : m_socket(&socket) {}
    void reset(Poco::Net::StreamSocket& socket) {
        m_socket = &socket;
        m_buffer.clear();
    }
    bool line(std::string& out) {
        while (true) {
            auto end = m_buffer.find("\r\n");
            if (end != std::string::npos) {
                out = m_buffer.substr(0, end);
                m_buffer.erase(0, end + 2);
                return true;
            }
            char chunk[4096];
            int got = m_socket->receiveBytes(chunk, sizeof chunk);
            if (got <= 0) {
                return false;
            }
            m_buffer.append(chunk, static_cast<std::size_t>(got));
        }
    }

  private:
    Poco::Net::StreamSocket* m_socket;
    std::string m_buffer;
};

void say(Poco::Net::StreamSocket& socket, const std::string& line) {
    std::string text = line + "\r\n";
    socket.sendBytes(text.data(), static_cast<int>(text.size()));
}

// "<a@b>" of "RCPT TO: <a@b>" (spaces after the colon are common).
std::string after_colon(const std::string& line) {
    auto colon = line.find(':');
    auto start = line.find_first_not_of(' ', colon + 1);
    return start == std::string::npos ? std::string() : line.substr(start);
}

std::string decode_base64(const std::string& text) {
    std::istringstream in(text);
    Poco::Base64Decoder decoder(in);
    std::string out;
    Poco::StreamCopier::copyToString(decoder, out);
    return out;
}

class Connection : public Poco::Net::TCPServerConnection {
  public:
    Connection(const Poco::Net::StreamSocket& socket, std::shared_ptr<SmtpTestServer::State> state)
        : TCPServerConnection(socket), m_state(std::move(state)) {}

    void run() override {
        Poco::Net::StreamSocket plain = socket();
        Poco::Net::StreamSocket secure;
        Poco::Net::StreamSocket* current = &plain;
        bool is_secure = m_state->mode == SmtpTestServer::Mode::kTls;
        LineReader reader(plain);
        SmtpTestServer::Received message;
        try {
            say(*current, "220 127.0.0.1 dyad test SMTP");
            std::string line;
            while (reader.line(line)) {
                std::string verb = line.substr(0, 4);
                for (char& c : verb) {
                    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
                }
                if (verb == "EHLO" || verb == "HELO") {
                    if (m_state->mode == SmtpTestServer::Mode::kStartTls && !is_secure) {
                        say(*current, "250-127.0.0.1");
                        say(*current, "250 STARTTLS");
                    } else {
                        say(*current, "250-127.0.0.1");
                        say(*current, "250 AUTH PLAIN");
                    }
                } else if (line == "STARTTLS" && !is_secure &&
                           m_state->mode == SmtpTestServer::Mode::kStartTls) {
                    say(*current, "220 2.0.0 go ahead");
                    secure = Poco::Net::SecureStreamSocket::attach(plain, m_state->context);
                    current = &secure;
                    reader.reset(secure);
                    is_secure = true;
                } else if (line.rfind("AUTH PLAIN ", 0) == 0) {
                    std::string decoded = decode_base64(line.substr(11));
                    auto first = decoded.find('\0');
                    auto second = decoded.find('\0', first + 1);
                    std::string user = decoded.substr(first + 1, second - first - 1);
                    std::string password = decoded.substr(second + 1);
                    if (user == m_state->user && password == m_state->password) {
                        message.user = user;
                        say(*current, "235 2.7.0 accepted");
                    } else {
                        say(*current, "535 5.7.8 authentication failed");
                    }
                } else if (verb == "MAIL") {
                    if (!m_state->user.empty() && message.user.empty()) {
                        say(*current, "530 5.7.0 authentication required");
                        continue;
                    }
                    message.from = after_colon(line);
                    message.to.clear();
                    say(*current, "250 2.1.0 ok");
                } else if (verb == "RCPT") {
                    message.to.push_back(after_colon(line));
                    say(*current, "250 2.1.5 ok");
                } else if (verb == "DATA") {
                    say(*current, "354 go ahead");
                    std::string data;
                    while (reader.line(line) && line != ".") {
                        data += (line.rfind("..", 0) == 0 ? line.substr(1) : line) + "\r\n";
                    }
                    message.data = data;
                    message.secure = is_secure;
                    std::pair<std::string, std::function<void()>> answer{"250 2.0.0 queued", {}};
                    {
                        std::lock_guard<std::mutex> lock(m_state->mutex);
                        ++m_state->attempts;
                        if (!m_state->answers.empty()) {
                            answer = m_state->answers.front();
                            m_state->answers.pop_front();
                        }
                        if (answer.first[0] == '2') {
                            ++m_state->accepted;
                            m_state->messages.push_back(message);
                        }
                    }
                    if (answer.second) {
                        answer.second();
                    }
                    say(*current, answer.first);
                } else if (verb == "RSET" || verb == "NOOP") {
                    say(*current, "250 ok");
                } else if (verb == "QUIT") {
                    say(*current, "221 bye");
                    break;
                } else {
                    say(*current, "500 5.5.2 not understood");
                }
            }
        } catch (const Poco::Exception&) {
            // The client went away, or refused the certificate: the connection ends.
        }
    }

  private:
    std::shared_ptr<SmtpTestServer::State> m_state;
};

class Factory : public Poco::Net::TCPServerConnectionFactory {
  public:
    explicit Factory(std::shared_ptr<SmtpTestServer::State> state) : m_state(std::move(state)) {}
    Poco::Net::TCPServerConnection* createConnection(
        const Poco::Net::StreamSocket& socket) override {
        return new Connection(socket, m_state);
    }

  private:
    std::shared_ptr<SmtpTestServer::State> m_state;
};

class Parts : public Poco::Net::PartHandler {
  public:
    explicit Parts(ParsedMail& mail) : m_mail(mail) {}
    void handlePart(const Poco::Net::MessageHeader& header, std::istream& stream) override {
        std::string content;
        Poco::StreamCopier::copyToString(stream, content);
        std::string type = header.get("Content-Type", "");
        if (type.rfind("text/calendar", 0) == 0) {
            m_mail.calendar = content;
            m_mail.calendar_type = type;
        } else if (type.rfind("application/pdf", 0) == 0) {
            m_mail.pdf = content;
            m_mail.pdf_name = header.get("Content-Disposition", "");
        } else if (type.rfind("text/plain", 0) == 0) {
            m_mail.text = content;
        }
    }

  private:
    ParsedMail& m_mail;
};

}  // namespace

SmtpTestServer::SmtpTestServer(Mode mode, const std::string& tls_dir)
    : m_state(std::make_shared<State>()) {
    m_state->mode = mode;
    if (mode != Mode::kPlain) {
        m_state->context =
            new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, tls_dir + "/key.pem",
                                   tls_dir + "/cert.pem", "", Poco::Net::Context::VERIFY_NONE);
    }
    Poco::Net::SocketAddress address("127.0.0.1", 0);
    if (mode == Mode::kTls) {
        Poco::Net::SecureServerSocket socket(address, 64, m_state->context);
        m_port = socket.address().port();
        m_server = std::make_unique<Poco::Net::TCPServer>(new Factory(m_state), socket);
    } else {
        Poco::Net::ServerSocket socket(address, 64);
        m_port = socket.address().port();
        m_server = std::make_unique<Poco::Net::TCPServer>(new Factory(m_state), socket);
    }
    m_server->start();
}

SmtpTestServer::~SmtpTestServer() {
    m_server->stop();
}

void SmtpTestServer::answer_next(const std::string& reply, std::function<void()> hook) {
    std::lock_guard<std::mutex> lock(m_state->mutex);
    m_state->answers.emplace_back(reply, std::move(hook));
}

void SmtpTestServer::require_login(const std::string& user, const std::string& password) {
    std::lock_guard<std::mutex> lock(m_state->mutex);
    m_state->user = user;
    m_state->password = password;
}

int SmtpTestServer::accepted() const {
    std::lock_guard<std::mutex> lock(m_state->mutex);
    return m_state->accepted;
}

int SmtpTestServer::attempts() const {
    std::lock_guard<std::mutex> lock(m_state->mutex);
    return m_state->attempts;
}

std::vector<SmtpTestServer::Received> SmtpTestServer::messages() const {
    std::lock_guard<std::mutex> lock(m_state->mutex);
    return m_state->messages;
}

ParsedMail parse_mail(const std::string& data) {
    ParsedMail mail;
    std::istringstream in(data);
    Poco::Net::MailMessage message;
    Parts parts(mail);
    message.read(in, parts);
    mail.subject = message.getSubject();
    mail.to = message.get("To", "");
    mail.from = message.getSender();
    if (!message.isMultipart()) {
        mail.text = message.getContent();
    }
    return mail;
}

}  // namespace dyad::test
