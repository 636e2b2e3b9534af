#include "main_frame.h"

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
namespace {

enum MenuId {
    kNewPractice = wxID_HIGHEST + 1,
    kOpenPractice,
    kBackup,
    kRestore,
    kFind,
    kHome,
    kOverview,
    kLog,
    kNewClient,
    kNewCouple,
    kPlugins,
    kCheck,
    kShortcuts,
    kEncrypt,
    kChangePassphrase,
    kRotateKey,
    kRemember,
    kForget,
    kLock,
};

// Host shortcuts; plugin shortcuts that clash with these (or each other) are dropped.
const char* const kHostShortcuts[] = {
    "Ctrl+O", "Ctrl+Shift+B", "Ctrl+Q", "Ctrl+F",       "Ctrl+,",       "Ctrl+1", "Ctrl+2",
    "Ctrl+L", "Ctrl+Shift+L", "Ctrl+N", "Ctrl+Shift+N", "Ctrl+Shift+P", "F1"};

std::string normalized_shortcut(const std::string& text) {
    wxAcceleratorEntry entry;
    if (!entry.FromString(wxString::FromUTF8(text))) {
        return {};
    }
    return entry.ToString().ToStdString(wxConvUTF8);
}

}  // namespace

MainFrame::MainFrame(AppOptions options)
    : wxFrame(nullptr, wxID_ANY, "Dyad", wxDefaultPosition, wxSize(1100, 720),
              wxDEFAULT_FRAME_STYLE, "main_frame"),
      m_options(std::move(options)) {
    CreateStatusBar(2);
    int widths[] = {-3, -1};
    GetStatusBar()->SetStatusWidths(2, widths);
    m_notices = new wxInfoBar(this, wxID_ANY);
    m_notices->SetName("start_notices");
    m_notices->AddButton(kPlugins, _("&Plugins..."));
    m_notices->Bind(
        wxEVT_BUTTON,
        [this](wxCommandEvent&) {
            wxCommandEvent open(wxEVT_MENU, kPlugins);
            ProcessWindowEvent(open);
        },
        kPlugins);
    m_splitter = new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                      wxSP_LIVE_UPDATE | wxSP_3D, "splitter");
    auto* layout = new wxBoxSizer(wxVERTICAL);
    layout->Add(m_notices, 0, wxEXPAND);
    layout->Add(m_splitter, 1, wxEXPAND);
    SetSizer(layout);
    setup_lock();
    m_splitter->SetMinimumPaneSize(180);
    m_blank_pane = new wxPanel(m_splitter, wxID_ANY);
    m_splitter->Initialize(m_blank_pane);
    m_ui_hooks.set_status = [this](const std::string& text) {
        SetStatusText(wxString::FromUTF8(text), 0);
    };
    m_ui_hooks.main_window = [this] { return static_cast<void*>(this); };
    m_ui_hooks.selected_unit = [this] { return m_selected_unit; };
    m_ui_hooks.select_unit = [this](std::int64_t unit_id) {
        if (!m_practice || !m_practice->records().unit(unit_id)) {
            return false;
        }
        if (!m_navigator->select_unit(unit_id)) {
            m_navigator->set_status_filter(3);  // All: the unit may be on the waitlist.
            if (!m_navigator->select_unit(unit_id)) {
                select_unit(unit_id);  // Beyond the rows the navigator looks through.
            }
        }
        Raise();
        return true;
    };
    bind_menu_handlers();
    build_menus();
    restore_layout();
    Bind(wxEVT_CLOSE_WINDOW, &MainFrame::on_close, this);
}

MainFrame::~MainFrame() {
    close_practice();
}

Status MainFrame::open_practice(const std::string& data_dir, const crypto::PracticeKey* new_key) {
    close_practice();
    std::optional<crypto::PracticeKey> key;
    if (new_key == nullptr) {
        auto files = inspect_practice_files(data_dir);
        if (!files) {
            build_menus();
            update_status();
            update_command_state();
            return std::unexpected(files.error());
        }
        if (files->protection == crypto::Protection::Encrypted) {
            key = ask_unlock(this, practice_database_path(data_dir));
            if (!key) {
                build_menus();
                update_status();
                update_command_state();
                return fail(ErrorCode::Refused, "the practice was not unlocked");
            }
        }
    }
    PracticeOptions options;
    options.key = new_key != nullptr ? new_key : key ? &*key : nullptr;
    options.data_dir = data_dir;
    options.installed_plugin_dirs = m_options.installed_plugin_dirs;
    options.user_plugin_dirs = m_options.user_plugin_dirs;
    options.installed_resource_dirs = m_options.installed_resource_dirs;
    options.mode = HostMode::Gui;
    options.host_wx = DYAD_ABI_WX;
    options.ui_hooks = &m_ui_hooks;
    auto practice = Practice::open(options, CreatePractice::IfMissing);
    if (!practice) {
        build_menus();
        update_status();  // "No practice open", not the last one's name.
        update_command_state();
        return std::unexpected(practice.error());
    }
    m_practice = std::move(*practice);
    if (Status signed_in = sign_in_practice(); !signed_in) {
        m_practice.reset();
        build_menus();
        update_status();
        update_command_state();
        return signed_in;
    }
    m_navigator = new Navigator(m_splitter, m_practice->records(),
                                [this](std::int64_t unit_id) { select_unit(unit_id); });
    m_notebook =
        new wxNotebook(m_splitter, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, "unit_tabs");
    build_plugin_ui();
    // Plugin data changes without core events (a note saved); Home is current when shown.
    m_notebook->Bind(wxEVT_NOTEBOOK_PAGE_CHANGED, [this](wxBookCtrlEvent& event) {
        if (event.GetSelection() == 0 && m_dashboard != nullptr) {
            m_dashboard->refresh();
        }
        event.Skip();
    });
    int sash = static_cast<int>(wxConfigBase::Get()->ReadLong("/layout/sash", 280));
    m_splitter->SplitVertically(m_navigator, m_notebook, sash);
    m_blank_pane->Hide();
    build_menus();
    m_change_subscription = m_practice->events().subscribe(
        EventKind::RecordChanged, [this](const Event&) { on_record_changed(); }, "host");
    wxConfigBase::Get()->Write("/practice/data_dir", wxString::FromUTF8(data_dir));
    wxConfigBase::Get()->Flush();
    update_status();
    update_command_state();
    show_start_notices();
    return ok();
}

wxString MainFrame::start_notice_text() const {
    return m_notices->IsShown() ? m_notice_text : wxString();
}

void MainFrame::show_start_notices() {
    const auto& notices = m_practice->plugins().start_notices();
    if (notices.empty()) {
        if (m_notices->IsShown()) {
            m_notices->Dismiss();
        }
        return;
    }
    wxString text;
    for (const auto& notice : notices) {
        text += (text.empty() ? "" : "\n") + wxString::FromUTF8(notice);
    }
    m_notice_text = text;
    m_notices->ShowMessage(text, wxICON_WARNING);
    Layout();
}

void MainFrame::build_plugin_ui() {
    const auto& contributions = m_practice->plugins().contributions();
    std::vector<plugins::PanelContribution> cards;
    std::vector<plugins::PanelContribution> unit_panels;
    for (const auto& panel : contributions.panels) {
        if (panel.context == DYAD_PANEL_DASHBOARD) {
            cards.push_back(panel);
        } else if (panel.context == DYAD_PANEL_UNIT) {
            unit_panels.push_back(panel);
        }
    }
    auto by_order = [](const auto& a, const auto& b) { return a.order < b.order; };
    std::stable_sort(cards.begin(), cards.end(), by_order);
    std::stable_sort(unit_panels.begin(), unit_panels.end(), by_order);

    m_dashboard = new Dashboard(m_notebook, m_practice->records(), cards);
    m_notebook->AddPage(m_dashboard, _("Home"), true);
    m_overview = new UnitOverview(m_notebook, m_practice->records());
    m_notebook->AddPage(m_overview, _("Overview"));
    for (const auto& panel : unit_panels) {
        auto* window = static_cast<wxWindow*>(panel.create(panel.user, m_notebook));
        if (window == nullptr) {
            log_warning(panel.plugin_id + ": panel '" + panel.id + "' could not be created");
            continue;
        }
        m_notebook->AddPage(window, wxString::FromUTF8(panel.title));
        if (panel.show_unit != nullptr) {
            panel.show_unit(panel.user, window, 0);
        }
        m_unit_pages.push_back({panel, window});
    }
}

void MainFrame::destroy_plugin_windows() {
    for (auto& page : m_unit_pages) {
        int index = m_notebook->FindPage(page.window);
        if (index != wxNOT_FOUND) {
            m_notebook->DeletePage(static_cast<size_t>(index));
        }
    }
    m_unit_pages.clear();
    if (m_dashboard != nullptr) {
        m_dashboard->destroy_plugin_windows();
    }
    for (wxWindow* view : m_practice_views) {
        // Destroy() of a top-level window only schedules it; the plugin's window inside must
        // be gone now, before its plugin is destroyed.
        view->DestroyChildren();
        view->Destroy();
    }
    m_practice_views.clear();
}

void MainFrame::close_practice() {
    if (!m_practice) {
        return;
    }
    save_layout();
    m_practice->announce_shutdown();
    destroy_plugin_windows();
    m_practice->events().unsubscribe(m_change_subscription);
    m_practice->shut_down();
    // The splitter keeps a pointer to its first window even unsplit (and the frame's sizer asks
    // it for its size): hand it the blank pane before the navigator goes.
    m_splitter->Unsplit();
    m_splitter->ReplaceWindow(m_navigator, m_blank_pane);
    m_blank_pane->Show();
    m_navigator->Destroy();
    m_notebook->Destroy();
    m_navigator = nullptr;
    m_notebook = nullptr;
    m_dashboard = nullptr;
    m_overview = nullptr;
    m_plugin_commands.clear();
    m_selected_unit = 0;
    m_practice.reset();
}

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
    edit->AppendSeparator();
    edit->Append(wxID_PREFERENCES, _("&Settings...\tCtrl+,"));
    menus["Edit"] = edit;

    auto* view = new wxMenu;
    view->Append(kHome, _("&Home\tCtrl+1"));
    view->Append(kOverview, _("&Overview\tCtrl+2"));
    menus["View"] = view;

    auto* client = new wxMenu;
    client->Append(kNewClient, _("New &Client...\tCtrl+N"));
    client->Append(kNewCouple, _("New C&ouple...\tCtrl+Shift+N"));
    menus["Client"] = client;
    menus["Session"] = new wxMenu;

    auto* tools = new wxMenu;
    tools->Append(kPlugins, _("&Plugins...\tCtrl+Shift+P"));
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
            if (panel.context != DYAD_PANEL_PRACTICE) {
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
    for (const char* name : {"File", "Edit", "View", "Client", "Session", "Tools", "Help"}) {
        wxMenu* menu = menus[name];
        if (std::string(name) == "Session" && menu->GetMenuItemCount() == 0) {
            delete menu;  // Appears once a plugin adds session tools.
            continue;
        }
        bar->Append(menu, std::string("&") + name);
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
            if (m_practice) {
                PluginsDialog dialog(this, m_practice->plugins());
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
    for (int id : {kBackup, kRestore, kFind, kHome, kOverview, kNewClient, kNewCouple, kPlugins,
                   kCheck, kLock}) {
        if (bar->FindItem(id) != nullptr) {
            bar->Enable(id, open);
        }
    }
    bool encrypted = open && m_practice->key() != nullptr;
    if (bar->FindItem(kEncrypt) != nullptr) {
        bar->Enable(kEncrypt, open && !encrypted);
        for (int id : {kChangePassphrase, kRotateKey, kRemember, kForget}) {
            bar->Enable(id, encrypted);
        }
    }
    for (const auto& [id, command] : m_plugin_commands) {
        bar->Enable(id, !command.needs_unit || m_selected_unit != 0);
    }
}

void MainFrame::select_unit(std::int64_t unit_id) {
    if (!m_practice) {
        return;
    }
    m_selected_unit = unit_id;
    if (unit_id != 0) {
        // Opening a unit shows client data: the audit log records the view.
        if (auto audited = m_practice->records().record_view("unit", unit_id, "user"); !audited) {
            log_error("could not audit a view: " + audited.error().message);
        }
    }
    m_overview->show_unit(unit_id);
    for (const auto& page : m_unit_pages) {
        if (page.contribution.show_unit != nullptr) {
            page.contribution.show_unit(page.contribution.user, page.window, unit_id);
        }
    }
    m_practice->events().publish(Event{EventKind::UnitSelected, unit_id, "", 0, ""});
    if (unit_id != 0 && m_notebook->GetSelection() == 0) {
        m_notebook->SetSelection(1);
    }
    update_command_state();
}

wxWindow* MainFrame::unit_panel(const std::string& panel_id) const {
    for (const auto& page : m_unit_pages) {
        if (page.contribution.id == panel_id) {
            return page.window;
        }
    }
    return nullptr;
}

void MainFrame::on_record_changed() {
    m_last_saved = now_utc_iso();
    if (m_refresh_pending) {
        return;
    }
    m_refresh_pending = true;
    // Several changes in one action refresh the views once.
    CallAfter([this] {
        m_refresh_pending = false;
        if (!m_practice) {
            return;
        }
        m_navigator->reload();
        m_dashboard->refresh();
        m_overview->show_unit(m_selected_unit);
        update_status();
    });
}

void MainFrame::update_status() {
    if (!m_practice) {
        SetTitle("Dyad");
        SetStatusText(_("No practice open"), 0);
        SetStatusText("", 1);
        return;
    }
    auto name = m_practice->records().practice_name();
    records::UnitQuery active;
    active.status = "active";
    auto count = m_practice->records().count_units(active);
    wxString practice_name = name ? wxString::FromUTF8(*name) : wxString(_("Unnamed practice"));
    SetTitle(practice_name + " - Dyad");
    SetStatusText(wxString::Format(_("Practice: %s | %lld active units"), practice_name,
                                   static_cast<long long>(count ? *count : 0)),
                  0);
    if (!m_last_saved.empty()) {
        wxDateTime saved;
        saved.ParseISOCombined(wxString::FromUTF8(m_last_saved.substr(0, 19)));
        saved.MakeFromUTC();
        SetStatusText(_("saved ") + saved.Format("%H:%M"), 1);
    }
}

void MainFrame::on_new_client(const std::string& kind) {
    if (!m_practice) {
        return;
    }
    NewClientDialog dialog(this, m_practice->records(), m_practice->connection(), kind);
    if (dialog.ShowModal() == wxID_OK && dialog.created_unit() != 0) {
        m_navigator->reload();
        if (!m_navigator->select_unit(dialog.created_unit())) {
            m_navigator->set_status_filter(0);
            m_navigator->select_unit(dialog.created_unit());
        }
    }
}

void MainFrame::on_settings() {
    if (!m_practice) {
        return;
    }
    const auto& pages = m_practice->plugins().contributions().settings_pages;
    wxDialog dialog(this, wxID_ANY, _("Settings"), wxDefaultPosition, wxSize(640, 440),
                    wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* book = new wxListbook(&dialog, wxID_ANY);
    std::vector<std::pair<const plugins::SettingsPageContribution*, wxWindow*>> created;
    for (const auto& page : pages) {
        auto* holder = new wxPanel(book);
        auto* window = static_cast<wxWindow*>(page.create(page.user, holder));
        if (window == nullptr) {
            holder->Destroy();
            continue;
        }
        auto* holder_sizer = new wxBoxSizer(wxVERTICAL);
        holder_sizer->Add(window, 1, wxEXPAND | wxALL, 8);
        holder->SetSizer(holder_sizer);
        book->AddPage(holder, wxString::FromUTF8(page.title));
        created.emplace_back(&page, window);
    }
    if (created.empty()) {
        auto* empty = new wxPanel(book);
        new wxStaticText(empty, wxID_ANY, _("No installed plugin has settings."), wxPoint(12, 12));
        book->AddPage(empty, _("General"));
    }
    sizer->Add(book, 1, wxEXPAND | wxALL, 8);
    sizer->Add(dialog.CreateSeparatedButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, 8);
    dialog.SetSizer(sizer);
    dialog.Bind(
        wxEVT_BUTTON,
        [&](wxCommandEvent&) {
            for (const auto& [page, window] : created) {
                if (page->apply != nullptr && page->apply(page->user, window) != DYAD_OK) {
                    wxMessageBox(wxString::Format(_("The settings on the page \"%s\" were not "
                                                    "saved; please correct them."),
                                                  wxString::FromUTF8(page->title)),
                                 _("Settings"), wxOK | wxICON_WARNING, &dialog);
                    return;
                }
            }
            dialog.EndModal(wxID_OK);
        },
        wxID_OK);
    dialog.ShowModal();
    // The plugin windows die with the dialog, before any plugin could be destroyed.
}

void MainFrame::open_practice_view(const plugins::PanelContribution& view) {
    auto* frame = new wxFrame(this, wxID_ANY, wxString::FromUTF8(view.title), wxDefaultPosition,
                              wxSize(760, 560));
    auto* window = static_cast<wxWindow*>(view.create(view.user, frame));
    if (window == nullptr) {
        frame->Destroy();
        wxMessageBox(_("This view could not be opened; see Tools > Log."), _("Dyad"),
                     wxOK | wxICON_ERROR, this);
        return;
    }
    if (view.refresh != nullptr) {
        view.refresh(view.user, window);
    }
    // As large as the view asks (its minimum or best size), within the screen.
    wxSize wanted = window->GetBestSize();
    wxRect screen = wxDisplay(static_cast<unsigned>(std::max(0, wxDisplay::GetFromWindow(this))))
                        .GetClientArea();
    wxSize client = frame->GetClientSize();
    frame->SetClientSize(std::min(std::max(client.x, wanted.x), screen.width - 40),
                         std::min(std::max(client.y, wanted.y), screen.height - 60));
    m_practice_views.push_back(frame);
    frame->Bind(wxEVT_CLOSE_WINDOW, [this, frame](wxCloseEvent& event) {
        std::erase(m_practice_views, static_cast<wxWindow*>(frame));
        event.Skip();
    });
    frame->Show();
}

void MainFrame::on_about() {
    wxAboutDialogInfo info;
    info.SetName("Dyad");
    info.SetVersion(DYAD_VERSION);
    wxString details = wxString::Format(_("Practice management for couples therapists.\n\n"
                                          "Plugin SDK %d.%d, %s, SQLite %s"),
                                        DYAD_SDK_VERSION_MAJOR, DYAD_SDK_VERSION_MINOR,
                                        wxVERSION_STRING, sqlite3_libversion());
    if (m_practice) {
        int loaded = 0;
        for (const auto& plugin : m_practice->plugins().plugins()) {
            loaded += plugin.state == plugins::PluginState::Loaded;
        }
        details += wxString::Format(_("\n%d plugins loaded"), loaded);
    }
    info.SetDescription(details);
    wxAboutBox(info, this);
}

void MainFrame::on_shortcuts() {
    wxString text;
    wxMenuBar* bar = GetMenuBar();
    for (size_t m = 0; m < bar->GetMenuCount(); ++m) {
        for (wxMenuItem* item : bar->GetMenu(m)->GetMenuItems()) {
            wxString accel = item->GetItemLabel().AfterFirst('\t');
            if (!accel.empty()) {
                text += accel + "\t" + item->GetItemLabelText() + "\n";
            }
        }
    }
    wxMessageBox(text, _("Keyboard Shortcuts"), wxOK, this);
}

void MainFrame::restore_layout() {
    wxConfigBase* config = wxConfigBase::Get();
    int x = static_cast<int>(config->ReadLong("/layout/x", -1));
    int y = static_cast<int>(config->ReadLong("/layout/y", -1));
    int width = static_cast<int>(config->ReadLong("/layout/width", 1100));
    int height = static_cast<int>(config->ReadLong("/layout/height", 720));
    SetSize(x, y, std::max(width, 640), std::max(height, 420));
    if (config->ReadBool("/layout/maximized", false)) {
        Maximize();
    }
}

void MainFrame::save_layout() {
    wxConfigBase* config = wxConfigBase::Get();
    if (!IsMaximized() && !IsIconized()) {
        wxRect rect = GetRect();
        config->Write("/layout/x", rect.x);
        config->Write("/layout/y", rect.y);
        config->Write("/layout/width", rect.width);
        config->Write("/layout/height", rect.height);
    }
    config->Write("/layout/maximized", IsMaximized());
    if (m_splitter->IsSplit()) {
        config->Write("/layout/sash", m_splitter->GetSashPosition());
    }
    config->Flush();
}

void MainFrame::on_close(wxCloseEvent& event) {
    save_layout();
    close_practice();
    event.Skip();
}

}  // namespace dyad::app
