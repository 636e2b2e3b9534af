#include "smtp.h"

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/MailMessage.h>
#include <Poco/Net/MailRecipient.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SMTPClientSession.h>
#include <Poco/Net/SecureSMTPClientSession.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/StringPartSource.h>
#include <Poco/Timestamp.h>

#include <memory>
#include <sstream>

namespace dyad::mail {
namespace {

using Poco::Net::MailMessage;

// A session whose socket also has a send timeout (Poco keeps the socket to itself).
template <typename Session>
class TimedSession : public Session {
  public:
    using Session::Session;
    void send_timeout(const Poco::Timespan& timeout) { this->socket().setSendTimeout(timeout); }
};

void fill(MailMessage& mail, const MailAccount& account, const Outgoing& message) {
    bool ascii = true;
    for (unsigned char c : account.from_name) {
        ascii = ascii && c < 0x80;
    }
    std::string name;
    if (!account.from_name.empty()) {
        name = ascii ? "\"" + account.from_name + "\" "
                     : MailMessage::encodeWord(account.from_name, "UTF-8") + " ";
    }
    mail.setSender(name + "<" + account.from_address + ">");
    mail.addRecipient(
        Poco::Net::MailRecipient(Poco::Net::MailRecipient::PRIMARY_RECIPIENT, message.to));
    mail.setSubject(MailMessage::encodeWord(message.subject, "UTF-8"));
    mail.setDate(Poco::Timestamp());
    mail.set("Message-ID", message.message_id);
    mail.set("Auto-Submitted", "auto-generated");
    if (message.calendar.empty() && message.attachment.empty()) {
        mail.setContentType("text/plain; charset=UTF-8");
        mail.setContent(message.body, MailMessage::ENCODING_QUOTED_PRINTABLE);
        return;
    }
    mail.addContent(new Poco::Net::StringPartSource(message.body, "text/plain; charset=UTF-8"),
                    MailMessage::ENCODING_QUOTED_PRINTABLE);
    if (!message.attachment.empty()) {
        mail.addAttachment(message.attachment_name,
                           new Poco::Net::StringPartSource(
                               std::string(message.attachment.begin(), message.attachment.end()),
                               "application/pdf", message.attachment_name),
                           MailMessage::ENCODING_BASE64);
        return;
    }
    bool cancel = message.calendar.find("METHOD:CANCEL") != std::string::npos;
    mail.addAttachment(
        "appointment.ics",
        new Poco::Net::StringPartSource(
            message.calendar,
            std::string("text/calendar; charset=UTF-8; method=") + (cancel ? "CANCEL" : "PUBLISH"),
            "appointment.ics"),
        MailMessage::ENCODING_BASE64);
}

bool certificate_problem(const std::string& text) {
    return text.find("certificate") != std::string::npos;
}

}  // namespace

std::string wire_text(const MailAccount& account, const Outgoing& message) {
    try {
        MailMessage mail;
        fill(mail, account, message);
        std::ostringstream out;
        mail.write(out);
        return out.str();
    } catch (const Poco::Exception&) {
        return {};
    }
}

SmtpResult smtp_send(const MailAccount& account, const std::string& password,
                     const Outgoing& message) {
    if (auto usable = check_account(account); !usable) {
        return {SmtpResult::kFailed, "the mail account cannot be used: " + usable.error(), 0};
    }
    enum Phase { kConnect, kEnvelope, kText } phase = kConnect;
    std::string where = account.server + ":" + std::to_string(account.port);
    try {
        Poco::Net::Context::Ptr context;
        if (account.security != "none") {
            context =
                new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "",
                                       account.ca_file.empty() ? "/etc/ssl/certs" : account.ca_file,
                                       Poco::Net::Context::VERIFY_STRICT, 9, true);
        }
        Poco::Timespan timeout(account.timeout_seconds, 0);
        Poco::Net::SocketAddress address(account.server, static_cast<Poco::UInt16>(account.port));
        std::unique_ptr<Poco::Net::SMTPClientSession> session;
        if (account.security == "tls") {
            // Connect and handshake within the timeout, the host name verified.
            Poco::Net::SecureStreamSocket socket(context);
            socket.setPeerHostName(account.server);
            socket.connect(address, timeout);
            socket.setReceiveTimeout(timeout);
            socket.setSendTimeout(timeout);
            session = std::make_unique<Poco::Net::SMTPClientSession>(socket);
            session->setTimeout(timeout);
            session->login("localhost");
        } else if (account.security == "starttls") {
            // Poco's STARTTLS session connects by itself without a timeout: make sure the server
            // answers first, so an unreachable one fails within the timeout.
            Poco::Net::StreamSocket probe;
            probe.connect(address, timeout);
            probe.close();
            auto secure = std::make_unique<TimedSession<Poco::Net::SecureSMTPClientSession>>(
                account.server, static_cast<Poco::UInt16>(account.port));
            secure->setTimeout(timeout);
            secure->send_timeout(timeout);
            secure->login("localhost");
            if (!secure->startTLS(context)) {
                return {SmtpResult::kFailed,
                        "the mail server at " + where +
                            " does not offer STARTTLS: choose TLS (port 465) if it has it",
                        0};
            }
            secure->setTimeout(timeout);
            secure->send_timeout(timeout);
            secure->login("localhost");  // EHLO again, now over TLS.
            session = std::move(secure);
        } else {
            Poco::Net::StreamSocket socket;
            socket.connect(address, timeout);
            socket.setReceiveTimeout(timeout);
            socket.setSendTimeout(timeout);
            session = std::make_unique<Poco::Net::SMTPClientSession>(socket);
            session->setTimeout(timeout);
            session->login("localhost");
        }
        if (!account.user.empty()) {
            session->login(Poco::Net::SMTPClientSession::AUTH_PLAIN, account.user, password);
        }
        MailMessage mail;
        fill(mail, account, message);
        std::ostringstream text;
        mail.write(text);
        phase = kEnvelope;
        session->sendAddresses(account.from_address, {message.to});
        session->sendData();
        phase = kText;
        std::istringstream body(text.str());
        session->sendMessage(body);
        try {
            session->close();
        } catch (const Poco::Exception&) {
            // Taken is taken: a failed QUIT changes nothing.
        }
        return {SmtpResult::kSent, "", 250};
    } catch (const Poco::Net::SMTPException& error) {
        int code = error.code();
        std::string answer = error.message();
        if (code >= 400 && code < 500) {
            return {SmtpResult::kRetry, "the mail server asked to try later: " + answer, code};
        }
        if (code == 535 || code == 534 || code == 530) {
            return {SmtpResult::kFailed,
                    "the mail server refused the user name or password: " + answer, code};
        }
        if (code >= 500) {
            return {SmtpResult::kFailed, "the mail server refused the message: " + answer, code};
        }
        if (phase == kText) {
            return {SmtpResult::kUnknown,
                    "the connection ended after the message went to the mail server (" + answer +
                        "): it may have been sent",
                    code};
        }
        return {SmtpResult::kRetry, "the mail server did not answer as expected: " + answer, code};
    } catch (const Poco::TimeoutException&) {
        if (phase == kText) {
            return {SmtpResult::kUnknown,
                    "the mail server took the message but did not answer within " +
                        std::to_string(account.timeout_seconds) + " s: it may have been sent",
                    0};
        }
        return {SmtpResult::kRetry,
                "the mail server at " + where + " did not answer within " +
                    std::to_string(account.timeout_seconds) + " s",
                0};
    } catch (const Poco::Exception& error) {
        std::string details = error.displayText();
        if (phase == kConnect && account.security != "none" && certificate_problem(details)) {
            return {SmtpResult::kFailed,
                    "the mail server at " + where +
                        " could not be reached safely: its security certificate is not signed by "
                        "an authority this computer trusts (" +
                        details + ")",
                    0};
        }
        if (phase == kText) {
            return {SmtpResult::kUnknown,
                    "the connection ended after the message went to the mail server (" + details +
                        "): it may have been sent",
                    0};
        }
        return {SmtpResult::kRetry,
                "the mail server at " + where + " could not be reached (" + details + ")", 0};
    }
}

}  // namespace dyad::mail
