// A small SMTP server for the mail tests, on Poco, listening on 127.0.0.1: plain, STARTTLS or
// TLS from the start with the test certificate (tests/plugins/directory/tls), AUTH PLAIN when a
// user is set, and a script for the answer to each message (250, 451, 550, or a hook that runs
// while the server holds the message: the kill -9 test). It keeps every message it accepted.
#pragma once

#include <Poco/Net/TCPServer.h>

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace dyad::test {

class SmtpTestServer {
  public:
    enum class Mode { kPlain, kStartTls, kTls };
    struct Received {
        std::string from;
        std::vector<std::string> to;
        std::string data;  // The message as sent (dot-stuffing undone), CRLF line ends.
        bool secure = false;
        std::string user;  // Who logged in ("" when nobody did).
    };

    SmtpTestServer(Mode mode, const std::string& tls_dir);
    ~SmtpTestServer();
    int port() const { return m_port; }

    // The answer after the next message's final "." (default "250 2.0.0 queued"); answers
    // queue up, one per message, then the default again. A hook runs before the answer.
    void answer_next(const std::string& reply, std::function<void()> hook = {});
    void require_login(const std::string& user, const std::string& password);

    int accepted() const;  // Messages answered 2xx.
    int attempts() const;  // Messages whose text arrived, whatever the answer.
    std::vector<Received> messages() const;

    // Used by the connection handler.
    struct State;

  private:
    std::shared_ptr<State> m_state;
    std::unique_ptr<Poco::Net::TCPServer> m_server;
    int m_port = 0;
};

// A received message taken apart: headers of the message, its text part decoded and the
// calendar attachment decoded ("" when absent).
struct ParsedMail {
    std::string subject;
    std::string to;
    std::string from;
    std::string text;
    std::string calendar;
    std::string calendar_type;
    std::string pdf;  // An application/pdf attachment, decoded ("" when absent).
    std::string pdf_name;
};
ParsedMail parse_mail(const std::string& data);

}  // namespace dyad::test
