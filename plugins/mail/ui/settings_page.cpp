#include "settings_page.h"

#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/textdlg.h>

#include <confirm_dialog.h>
#include <wx_text.h>

namespace dyad::mail {
namespace {

using dyad::ui::utf8;
using dyad::ui::wx;

const char* const kSecurity[] = {"starttls", "tls", "none"};
const char* const kLanguages[] = {"en", "es"};

struct Field {
    const char* key;
    const char* label;
};
const Field kFields[] = {
    {"server", wxTRANSLATE("Mail server (smtp.example.org)")},
    {"user", wxTRANSLATE("User name (empty: no login)")},
    {"from", wxTRANSLATE("Your e-mail address (the sender)")},
    {"name", wxTRANSLATE("Your name as the sender")},
    {"practice", wxTRANSLATE("Practice name (signs the messages)")},
    {"telehealth_link", wxTRANSLATE("Telehealth link (https://...)")},
    {"ca_file", wxTRANSLATE("Extra certificate authority (PEM file, optional)")},
};

// A connection's security as the choice names it (src/account.cpp's security_words, in the
// chosen language).
wxString security_label(const std::string& security) {
    if (security == "tls") {
        return _("TLS from the start (usually port 465)");
    }
    if (security == "starttls") {
        return _("STARTTLS (usually port 587)");
    }
    return _("no encryption (only to this computer, for tests)");
}

}  // namespace

SettingsPage::SettingsPage(wxWindow* parent, MailServices& services,
                           std::function<std::string(const std::string&)> send_test)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL,
              "mail_settings_page"),
      m_services(services),
      m_send_test(std::move(send_test)) {
    MailAccount a = services.account();
    const std::map<std::string, std::string> values = {
        {"server", a.server},          {"user", a.user},
        {"from", a.from_address},      {"name", a.from_name},
        {"practice", a.practice_name}, {"telehealth_link", a.telehealth_link},
        {"ca_file", a.ca_file}};
    auto* grid = new wxFlexGridSizer(2, 4, 8);
    grid->AddGrowableCol(1);
    auto label = [this, grid](const wxString& text) {
        grid->Add(new wxStaticText(this, wxID_ANY, text), 0, wxALIGN_CENTER_VERTICAL);
    };
    for (const auto& field : kFields) {
        label(wxGetTranslation(field.label));
        auto* text =
            new wxTextCtrl(this, wxID_ANY, wx(values.at(field.key)), wxDefaultPosition,
                           wxDefaultSize, 0, wxDefaultValidator, std::string("mail_") + field.key);
        m_text[field.key] = text;
        grid->Add(text, 1, wxEXPAND);
        if (std::string(field.key) == "server") {
            label(_("Port"));
            m_port = new wxSpinCtrl(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize,
                                    wxSP_ARROW_KEYS, 1, 65535, a.port, "mail_port");
            grid->Add(m_port, 0);
            label(_("Security"));
            m_security = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr,
                                      0, wxDefaultValidator, "mail_security");
            for (const char* security : kSecurity) {
                m_security->Append(security_label(security));
                if (a.security == security) {
                    m_security->SetSelection(static_cast<int>(m_security->GetCount() - 1));
                }
            }
            grid->Add(m_security, 0, wxEXPAND);
        }
        if (std::string(field.key) == "user") {
            label(_("Password (kept in the keyring)"));
            m_password = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize,
                                        wxTE_PASSWORD, wxDefaultValidator, "mail_password");
            m_password->SetHint(_("unchanged"));
            grid->Add(m_password, 1, wxEXPAND);
        }
    }
    label(_("Send reminders this many hours before"));
    m_hours = new wxSpinCtrl(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS,
                             1, 168, a.hours_before, "mail_hours_before");
    grid->Add(m_hours, 0);
    label(_("Language of the messages"));
    m_language = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0,
                              wxDefaultValidator, "mail_language");
    m_language->Append(_("English"));
    m_language->Append(_("Spanish"));
    m_language->SetSelection(a.language == "es" ? 1 : 0);
    grid->Add(m_language, 0);
    auto* test = new wxButton(this, wxID_ANY, _("Send a &test message..."), wxDefaultPosition,
                              wxDefaultSize, 0, wxDefaultValidator, "mail_send_test");
    m_problem = new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0,
                                 "mail_settings_problem");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(new wxStaticText(this, wxID_ANY,
                                _("Reminders go from your own mail account, only to clients who "
                                  "agreed (each client's Reminders tab), and say nothing "
                                  "clinical.")),
               0, wxALL, 8);
    sizer->Add(grid, 0, wxEXPAND | wxLEFT | wxRIGHT, 8);
    sizer->Add(test, 0, wxALL, 8);
    sizer->Add(m_problem, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 8);
    SetSizer(sizer);
    test->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { test_message(); });
}

MailAccount SettingsPage::read() const {
    MailAccount a = m_services.account();
    a.server = utf8(m_text.at("server")->GetValue().Trim().Trim(false));
    a.user = utf8(m_text.at("user")->GetValue().Trim().Trim(false));
    a.from_address = utf8(m_text.at("from")->GetValue().Trim().Trim(false));
    a.from_name = utf8(m_text.at("name")->GetValue().Trim().Trim(false));
    a.practice_name = utf8(m_text.at("practice")->GetValue().Trim().Trim(false));
    a.telehealth_link = utf8(m_text.at("telehealth_link")->GetValue().Trim().Trim(false));
    a.ca_file = utf8(m_text.at("ca_file")->GetValue().Trim().Trim(false));
    a.port = m_port->GetValue();
    a.hours_before = m_hours->GetValue();
    int security = m_security->GetSelection();
    a.security = kSecurity[security < 0 ? 0 : security];
    a.language = kLanguages[m_language->GetSelection() == 1 ? 1 : 0];
    return a;
}

bool SettingsPage::apply() {
    MailAccount a = read();
    if (a.server.empty() && a.from_address.empty()) {
        return true;  // No account wanted: nothing to save.
    }
    if (auto saved = m_services.save_account(a); !saved) {
        m_problem->SetLabel(wxString::Format(_("Not saved: %s"), wx(saved.error())));
        m_problem->Wrap(GetClientSize().GetWidth() - 16);
        Layout();
        return false;
    }
    std::string password = utf8(m_password->GetValue());
    if (!password.empty()) {
        (void)m_services.secrets.store("password", password);
        m_password->Clear();
    }
    m_problem->SetLabel(
        wxString::Format(_("Saved. The password is kept in %s."), wx(m_services.secrets.where())));
    return true;
}

void SettingsPage::test_message() {
    if (!apply()) {
        return;
    }
    wxTextEntryDialog ask(this, _("Send a test message to which address?"),
                          _("Send a test message"), m_text.at("from")->GetValue());
    ask.SetName("mail_test_address");
    if (ask.ShowModal() != wxID_OK) {
        return;
    }
    std::string address = utf8(ask.GetValue().Trim().Trim(false));
    if (!plausible_address(address)) {
        m_problem->SetLabel(wxString::Format(_("\"%s\" is not an e-mail address."), wx(address)));
        return;
    }
    if (!dyad::ui::confirm(this,
                           wxString::Format(_("Send a test message to %s now?"), wx(address)))) {
        return;
    }
    wxBusyCursor busy;
    m_problem->SetLabel(wx(m_send_test(address)));
    m_problem->Wrap(GetClientSize().GetWidth() - 16);
    Layout();
}

}  // namespace dyad::mail
