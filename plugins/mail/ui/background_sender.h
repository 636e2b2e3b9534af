// The running window sends what is due: every minute (and at once when asked, e.g. after a
// session was cancelled) it plans, then sends one message after the other, each on a worker
// thread so the window never waits on a mail server; the database is touched on the main thread
// only (compose and claim before, record after). A send cut off by closing Dyad stays
// "sending" and becomes "may have been sent" at the next start: never sent twice by itself.
// Destroying the sender waits for a send under way (bounded by the account's timeout).
#pragma once

#include <wx/event.h>
#include <wx/timer.h>

#include <functional>
#include <memory>
#include <thread>

#include "../src/services.h"

namespace dyad::mail {

class BackgroundSender : public wxEvtHandler {
  public:
    // changed runs on the main thread after each recorded message or planning pass.
    BackgroundSender(MailServices& services, std::function<void()> changed);
    ~BackgroundSender() override;

    void start(int seconds = 60);
    // Stops the timer; a send under way is left to finish or be cut off (see above).
    void stop();
    // Plans and sends now unless a run is already going on.
    void run_now();
    bool busy() const { return m_busy; }
    // The last problem that stopped a run ("" when none): no account, a broken template.
    const std::string& problem() const { return m_problem; }

  private:
    void next();
    void finish_run();

    struct Guard {
        BackgroundSender* owner;
    };
    MailServices& m_services;
    std::function<void()> m_changed;
    wxTimer m_timer;
    std::shared_ptr<Guard> m_guard;
    bool m_busy = false;
    std::string m_problem;
    MailAccount m_account;
    TemplateSet m_templates;
    std::string m_password;
    SendReport m_report;
    std::thread m_worker;  // The SMTP exchange under way (joined before the next and at the end).
};

}  // namespace dyad::mail
