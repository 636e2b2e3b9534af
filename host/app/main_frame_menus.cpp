// The main window's menus: building them (host, plugin and security commands), their handlers,
// shortcuts and which commands are offered now (split from main_frame.cpp).
#include "main_frame.h"
#include "main_frame_ids.h"

#include "audit_viewer.h"
#include "users_dialog.h"

#include <wx/aboutdlg.h>
#include <wx/accel.h>
#include <wx/config.h>
#include <wx/dirdlg.h>
#include <wx/display.h>
#include <wx/filedlg.h>
#include <wx/listbook.h>
#include <wx/menu.h>
#include <wx/msgdlg.h>
#include <wx/panel.h>
#include <wx/sizer.h>
#include <wx/statusbr.h>
#include <wx/textdlg.h>
#include <wx/treectrl.h>

#include <algorithm>
#include <filesystem>

#include "client_dialogs.h"
#include "dashboard.h"
#include "db/maintenance.h"
#include "encryption_dialogs.h"
#include "log_window.h"
#include "navigator.h"
#include "plugins_dialog.h"
#include "progress.h"
#include "search_dialog.h"
#include "unit_overview.h"
#include "util/ids.h"
#include "util/log.h"

#ifndef DYAD_VERSION
#define DYAD_VERSION "0.0.0"
#endif
#ifndef DYAD_ABI_WX
#define DYAD_ABI_WX "none"
#endif

namespace dyad::app {

bool MainFrame::claim_shortcut(const std::string& shortcut, const std::string& owner) {
    std::string key = normalized_shortcut(shortcut);
    if (key.empty()) {
        log_warning(owner + ": the shortcut '" + shortcut + "' is not understood; dropped");
        return false;
    }
    if (!m_shortcuts.insert(key).second) {
        log_warning(owner + ": the shortcut " + shortcut + " is already taken; dropped");
        return false;
    }
    return true;
}

void MainFrame::build_menus() {
    for (const auto& [id, action] : m_dynamic_actions) {
        wxWindow::UnreserveControlId(id);
    }
    m_dynamic_actions.clear();
    m_plugin_commands.clear();
    m_shortcuts.clear();
    for (const char* shortcut : kHostShortcuts) {
        m_shortcuts.insert(normalized_shortcut(shortcut));
    }
    std::map<std::string, wxMenu*> menus;
    auto* file = new wxMenu;
    file->Append(kNewPractice, _("&New Practice..."), _("Create an empty practice in a folder"));
    file->Append(kOpenPractice, _("&Open Practice...\tCtrl+O"), _("Open a practice folder"));
    file->AppendSeparator();
    file->Append(kBackup, _("&Back Up...\tCtrl+Shift+B"), _("Copy the practice to a file"));
    file->Append(kRestore, _("&Restore from Backup..."),
                 _("Replace the practice with a backup; the current one is kept as a copy"));
    file->AppendSeparator();
    file->Append(kPrint, _("&Print...\tCtrl+P"),
                 _("Print the document of the tab shown (a chart summary, a worksheet...)"));
    file->Append(kPrintPreview, _("Print Pre&view..."),
                 _("See the pages of the tab's document before printing"));
    auto* security = new wxMenu;
    security->Append(kEncrypt, _("&Encrypt Practice..."),
                     _("Encrypt a plain practice with a passphrase"));
    security->Append(kChangePassphrase, _("Change &Passphrase..."));
    security->Append(kRemember, _("&Remember on This Computer"),
                     _("Keep the key in the desktop keyring, so Dyad opens without asking"));
    security->Append(kForget, _("&Forget on This Computer"));
    security->Append(kRotateKey, _("Replace the Encryption &Key..."),
                     _("Re-encrypt the practice under a new key (after a suspected compromise)"));
    file->AppendSubMenu(security, _("&Security"));
    file->Append(kLock, _("&Lock\tCtrl+L"), _("Hide client data until you sign in again"));
    file->AppendSeparator();
    file->Append(wxID_EXIT, _("&Quit\tCtrl+Q"));
    menus["File"] = file;

    auto* edit = new wxMenu;
    edit->Append(kFind, _("&Find Client\tCtrl+F"), _("Search client units by name"));
    edit->Append(kFindAll, _("Find in &All Records...\tCtrl+Shift+F"),
                 _("Search the text plugins keep: notes, exercises and more"));
    edit->AppendSeparator();
    edit->Append(wxID_PREFERENCES, _("&Settings...\tCtrl+,"));
    menus["Edit"] = edit;

    auto* view = new wxMenu;
    view->Append(kHome, _("&Home\tCtrl+1"));
    view->Append(kOverview, _("&Overview\tCtrl+2"));
    if (m_practice) {
        // Each section of the side list: Ctrl+3 onwards, in the list's order.
        std::vector<const UnitPage*> pages;
        for (const auto& page : m_unit_pages) {
            pages.push_back(&page);
        }
        int key = 3;
        for (const auto& group : section_order(pages)) {
            if (group.empty() || key > 9) {
                continue;
            }
            int id = wxWindow::NewControlId();
            view->Append(id, section_title(group) + wxString::Format("\tCtrl+%d", key++));
            m_dynamic_actions[id] = [this, group] {
                int at = m_notebook != nullptr && !locked() ? find_section(m_notebook, group)
                                                            : wxNOT_FOUND;
                if (at != wxNOT_FOUND) {
                    m_notebook->SetSelection(static_cast<std::size_t>(at) + 1);  // Its first tab.
                    m_notebook->GetTreeCtrl()->SetFocus();
                }
            };
        }
    }
    menus["View"] = view;

    auto* client = new wxMenu;
    client->Append(kNewClient, _("New &Client...\tCtrl+N"));
    client->Append(kNewCouple, _("New C&ouple...\tCtrl+Shift+N"));
    menus["Client"] = client;
    menus["Session"] = new wxMenu;

    auto* tools = new wxMenu;
    tools->Append(kPlugins, _("&Plugins...\tCtrl+Shift+P"));
    tools->Append(kUsers, _("&Users..."),
                  _("Who uses this practice: roles, supervisors, caseloads"));
    tools->Append(kAuditTrail, _("&Audit Trail..."),
                  _("Who did what, when; who has seen a chart; export as CSV"));
    tools->Append(kCheck, _("&Check Database..."), _("Integrity and foreign key check"));
    tools->Append(kLog, _("&Log\tCtrl+Shift+L"));
    menus["Tools"] = tools;

    auto* help = new wxMenu;
    help->Append(kShortcuts, _("&Keyboard Shortcuts\tF1"));
    help->Append(wxID_ABOUT, _("&About Dyad"));
    menus["Help"] = help;

    if (m_practice) {
        add_plugin_commands(menus);
        bool first_view = true;
        for (const auto& panel : m_practice->plugins().contributions().panels) {
            if (panel.context != DYAD_PANEL_PRACTICE ||
                !plugins::shown_to(m_practice->session(), panel.records)) {
                continue;
            }
            if (first_view) {
                view->AppendSeparator();
                first_view = false;
            }
            int id = wxWindow::NewControlId();
            view->Append(id, wxString::FromUTF8(panel.title) + "...");
            m_dynamic_actions[id] = [this, panel] { open_practice_view(panel); };
        }
    }

    auto* bar = new wxMenuBar;
    // The menus by the names plugins give (SDK: "File", "Session" ...), with their titles.
    const std::pair<const char*, wxString> titles[] = {
        {"File", _("&File")},     {"Edit", _("&Edit")},       {"View", _("&View")},
        {"Client", _("&Client")}, {"Session", _("&Session")}, {"Tools", _("&Tools")},
        {"Help", _("&Help")}};
    for (const auto& [name, title] : titles) {
        wxMenu* menu = menus[name];
        if (std::string(name) == "Session" && menu->GetMenuItemCount() == 0) {
            delete menu;  // Appears once a plugin adds session tools.
            continue;
        }
        bar->Append(menu, title);
    }
    SetMenuBar(bar);
}

void MainFrame::bind_menu_handlers() {
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { on_new_practice(); }, kNewPractice);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { on_open_practice(); }, kOpenPractice);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { on_backup(); }, kBackup);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { on_restore(); }, kRestore);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { lock(); }, kLock);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            if (m_practice && m_practice->may(people::Permission::ReadAudit)) {
                AuditViewer viewer(this, *m_practice, m_selected_unit);
                viewer.ShowModal();
            }
        },
        kAuditTrail);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            if (m_practice && m_practice->may(people::Permission::ManageUsers)) {
                UsersDialog users(this, *m_practice, m_selected_unit);
                users.ShowModal();
            }
        },
        kUsers);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            if (!m_practice) {
                return;
            }
            SearchDialog search(this, *m_practice);
            if (search.ShowModal() != wxID_OK || search.chosen() == nullptr) {
                return;
            }
            std::int64_t unit = search.chosen()->unit_id;
            std::string panel_id = search.chosen()->panel_id;
            select_unit(unit);
            if (wxWindow* panel = panel_id.empty() ? nullptr : unit_panel(panel_id)) {
                int page = m_notebook->FindPage(panel);
                if (page != wxNOT_FOUND) {
                    m_notebook->SetSelection(static_cast<std::size_t>(page));
                }
            }
        },
        kFindAll);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { print_shown(false); }, kPrint);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { print_shown(true); }, kPrintPreview);
    for (int id : {kPrint, kPrintPreview}) {
        Bind(
            wxEVT_UPDATE_UI,
            [this](wxUpdateUIEvent& event) {
                // On whenever a practice is open and unlocked: a disabled item would swallow
                // Ctrl+P, and print_shown says what prints where.
                event.Enable(m_practice != nullptr && !locked());
            },
            id);
    }
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { on_encrypt(); }, kEncrypt);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { on_change_passphrase(); }, kChangePassphrase);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { on_rotate_key(); }, kRotateKey);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { on_remember(true); }, kRemember);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { on_remember(false); }, kForget);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { Close(); }, wxID_EXIT);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            if (m_navigator != nullptr) {
                m_navigator->focus_search();
            }
        },
        kFind);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { on_settings(); }, wxID_PREFERENCES);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            if (m_notebook != nullptr) {
                m_notebook->SetSelection(0);
            }
        },
        kHome);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            if (m_notebook != nullptr) {
                m_notebook->SetSelection(1);
            }
        },
        kOverview);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { on_new_client("individual"); }, kNewClient);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { on_new_client("couple"); }, kNewCouple);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            if (m_practice && m_practice->may(people::Permission::ManagePlugins)) {
                PluginsDialog dialog(
                    this, m_practice->plugins(), [](wxWindow* parent, const wxString& question) {
                        return wxMessageBox(question, _("Trust a Plugin"),
                                            wxYES_NO | wxNO_DEFAULT | wxICON_WARNING,
                                            parent) == wxYES;
                    });
                dialog.ShowModal();
            }
        },
        kPlugins);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { on_check(); }, kCheck);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            if (LogWindow* window = LogWindow::instance()) {
                window->Raise();
            } else {
                (new LogWindow(this))->Show();
            }
        },
        kLog);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { on_shortcuts(); }, kShortcuts);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { on_about(); }, wxID_ABOUT);
    // Plugin commands and views get ids from wx's automatic range; one handler dispatches them.
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent& event) {
            auto found = m_dynamic_actions.find(event.GetId());
            if (found != m_dynamic_actions.end()) {
                auto action = found->second;  // A copy: the action may rebuild the menus.
                action();
            } else {
                event.Skip();
            }
        },
        wxID_AUTO_LOWEST, wxID_AUTO_HIGHEST);
}

void MainFrame::add_plugin_commands(std::map<std::string, wxMenu*>& menus) {
    std::vector<plugins::CommandContribution> commands =
        m_practice->plugins().contributions().commands;
    std::erase_if(commands, [this](const auto& command) {
        return !plugins::shown_to(m_practice->session(), command.records);
    });
    std::stable_sort(commands.begin(), commands.end(),
                     [](const auto& a, const auto& b) { return a.order < b.order; });
    std::set<std::string> separated;
    for (const auto& command : commands) {
        wxMenu* menu = menus.count(command.menu) > 0 ? menus[command.menu] : menus["Tools"];
        std::string menu_name = menus.count(command.menu) > 0 ? command.menu : "Tools";
        if (menu->GetMenuItemCount() > 0 && separated.insert(menu_name).second) {
            menu->AppendSeparator();
        }
        wxString label = wxString::FromUTF8(command.label);
        if (!command.shortcut.empty() && claim_shortcut(command.shortcut, command.plugin_id)) {
            label += "\t" + wxString::FromUTF8(command.shortcut);
        }
        int id = wxWindow::NewControlId();
        menu->Append(id, label, wxString::FromUTF8(command.help));
        m_plugin_commands[id] = command;
        m_dynamic_actions[id] = [this, command] {
            if (command.needs_unit && m_selected_unit == 0) {
                SetStatusText(_("Select a client unit first."), 0);
                return;
            }
            command.run(command.user, m_selected_unit);
        };
    }
}

void MainFrame::update_command_state() {
    wxMenuBar* bar = GetMenuBar();
    bool open = static_cast<bool>(m_practice);
    for (int id : {kBackup, kRestore, kFind, kFindAll, kHome, kOverview, kNewClient, kNewCouple,
                   kPlugins, kCheck, kLock, kAuditTrail, kUsers}) {
        if (bar->FindItem(id) != nullptr) {
            bar->Enable(id, open);
        }
    }
    // What the signed-in role may not do is not offered (issue 15; the commands check again).
    if (open) {
        for (auto [id, needed] : {std::pair{kBackup, people::Permission::BackupRestore},
                                  std::pair{kRestore, people::Permission::BackupRestore},
                                  std::pair{kPlugins, people::Permission::ManagePlugins},
                                  std::pair{kAuditTrail, people::Permission::ReadAudit},
                                  std::pair{kUsers, people::Permission::ManageUsers}}) {
            if (bar->FindItem(id) != nullptr && !m_practice->may(needed)) {
                bar->Enable(id, false);
            }
        }
    }
    bool encrypted = open && m_practice->key() != nullptr;
    if (bar->FindItem(kEncrypt) != nullptr) {
        bool keys = open && m_practice->may(people::Permission::BackupRestore);
        bar->Enable(kEncrypt, keys && !encrypted);
        for (int id : {kChangePassphrase, kRotateKey, kRemember, kForget}) {
            bar->Enable(id, keys && encrypted);
        }
    }
    for (const auto& [id, command] : m_plugin_commands) {
        bar->Enable(id, !command.needs_unit || m_selected_unit != 0);
    }
}

}  // namespace dyad::app
