// Settings > Email: the mail account (server, port, security, user and password, sender),
// the reminder settings (hours before, language, telehealth link) and "Send a test message".
// Thin: the rules live in src/account.cpp; the password goes to the keyring, never a file.
#pragma once

#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/panel.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <functional>
#include <map>

#include "../src/services.h"

namespace dyad::mail {

class SettingsPage : public wxPanel {
  public:
    // send_test queues a test message to the address and sends it now (with the page's saved
    // account); it returns what happened in words.
    SettingsPage(wxWindow* parent, MailServices& services,
                 std::function<std::string(const std::string& address)> send_test);
    // Saves the account (and the password when one was typed); false with the reason shown.
    bool apply();

  private:
    MailAccount read() const;
    void test_message();

    MailServices& m_services;
    std::function<std::string(const std::string&)> m_send_test;
    std::map<std::string, wxTextCtrl*> m_text;
    wxSpinCtrl* m_port = nullptr;
    wxSpinCtrl* m_hours = nullptr;
    wxChoice* m_security = nullptr;
    wxChoice* m_language = nullptr;
    wxTextCtrl* m_password = nullptr;
    wxStaticText* m_problem = nullptr;
};

}  // namespace dyad::mail
