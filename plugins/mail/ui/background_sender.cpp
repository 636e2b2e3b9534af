#include "background_sender.h"

#include <wx/translation.h>

#include <time_text.h>

#include <random>
#include <thread>

namespace dyad::mail {

BackgroundSender::BackgroundSender(MailServices& services, std::function<void()> changed)
    : m_services(services),
      m_changed(std::move(changed)),
      m_timer(this),
      m_guard(std::make_shared<Guard>(Guard{this})) {
    Bind(wxEVT_TIMER, [this](wxTimerEvent&) { run_now(); });
}

BackgroundSender::~BackgroundSender() {
    stop();
    // The worker posts to this handler: wait for it (at most the account's timeout), so no
    // thread runs the plugin's code once it is unloaded; the base class then drops what it
    // posted.
    if (m_worker.joinable()) {
        m_worker.join();
    }
}

void BackgroundSender::start(int seconds) {
    m_timer.Start(seconds * 1000);
}

void BackgroundSender::stop() {
    m_timer.Stop();
    m_guard->owner = nullptr;  // A send under way reports to nobody.
}

void BackgroundSender::run_now() {
    if (m_busy || m_guard->owner == nullptr) {
        return;
    }
    m_account = m_services.account();
    if (!m_account.configured()) {
        m_problem = _("no mail account is set up").utf8_string();
        return;
    }
    auto templates = m_services.templates();
    if (!templates) {
        m_problem = templates.error();
        return;
    }
    m_templates = *templates;
    m_password = m_account.user.empty() ? std::string() : m_services.password();
    m_report = SendReport{};
    std::string now = dyad::datafile::now_utc();
    auto recovered = m_services.store.recover_interrupted(now);
    auto planned = m_services.store.plan(now, m_account.hours_before);
    if (!recovered || !planned) {
        m_problem = !recovered ? recovered.error() : planned.error();
        m_services.host.log(DYAD_LOG_ERROR, "mail: planning failed: " + m_problem);
        return;
    }
    m_problem.clear();
    m_busy = true;
    next();
}

void BackgroundSender::next() {
    std::string now = dyad::datafile::now_utc();
    auto ready = take_next(m_services.store, m_account, m_templates, now, m_report);
    if (!ready || !*ready) {
        if (!ready) {
            m_problem = ready.error();
            m_services.host.log(DYAD_LOG_ERROR, "mail: sending stopped: " + m_problem);
        }
        finish_run();
        return;
    }
    if (m_worker.joinable()) {
        m_worker.join();  // The last one has posted its result already.
    }
    m_worker = std::thread(
        [this, guard = m_guard, account = m_account, password = m_password, message = **ready] {
            SmtpResult result = smtp_send(account, password, message);
            // Thread-safe: queued on this handler, run on the main thread.
            CallAfter([this, guard, message, result] {
                if (guard->owner == nullptr) {
                    return;  // Dyad is closing: the row stays "sending" (see the header).
                }
                static std::mt19937 random(std::random_device{}());
                double jitter = std::uniform_real_distribution<double>(0, 1)(random);
                if (auto done = record(m_services.store, message, result, dyad::datafile::now_utc(),
                                       jitter, m_report);
                    !done) {
                    m_services.host.log(DYAD_LOG_ERROR,
                                        "mail: a result was not recorded: " + done.error());
                }
                if (m_changed) {
                    m_changed();
                }
                next();
            });
        });
}

void BackgroundSender::finish_run() {
    m_busy = false;
    // Counts only: addresses and names stay out of the log.
    if (m_report.failed + m_report.unknown > 0) {
        m_services.host.log(DYAD_LOG_WARNING,
                            "mail: " + std::to_string(m_report.failed) + " failed, " +
                                std::to_string(m_report.unknown) +
                                " may have been sent (see the Reminders tab or dyadctl mail "
                                "status)");
    }
    if (m_changed) {
        m_changed();
    }
}

}  // namespace dyad::mail
