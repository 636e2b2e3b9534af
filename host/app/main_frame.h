// The main window: menus, the navigator of client units, the notebook (Home, Overview and the
// plugins' unit panels), the status bar. Owns the open Practice.
//
// Thread: [main-thread]. Closing the practice destroys every plugin window first, then the
// plugins (Practice::shut_down), then the database.
#pragma once

#include <wx/eventfilter.h>
#include <wx/frame.h>
#include <wx/infobar.h>
#include <wx/panel.h>
#include <wx/splitter.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/timer.h>
#include <wx/treebook.h>
#include <wx/weakref.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "app_options.h"
#include "error_text.h"
#include "practice.h"
#include "unit_book.h"

namespace dyad::app {

class Navigator;
class Dashboard;
class UnitOverview;

class MainFrame : public wxFrame {
  public:
    explicit MainFrame(AppOptions options);
    ~MainFrame() override;

    // Closes the current practice (if any) and opens the one in data_dir, creating it when
    // missing; rebuilds the navigator, tabs and plugin menus. An encrypted practice is
    // unlocked first (keyring, or the unlock dialog) unless `key` is given: an unlocked key,
    // or a new practice's (its key file already written), which creates it encrypted.
    Status open_practice(const std::string& data_dir, const crypto::PracticeKey* key = nullptr);
    // Sets up encryption for a new practice in data_dir (passphrase, recovery key shown and
    // typed back, key file written) and opens it; false when the user cancelled.
    Status create_encrypted_practice(const std::string& data_dir);
    void close_practice();

    Practice* practice() { return m_practice.get(); }
    // Hides every window's client data behind the lock screen (File > Lock, Ctrl+L, and after
    // the idle time) until the signed-in user (or the practice's passphrase) unlocks it.
    void lock();
    bool locked() const;
    Navigator* navigator() { return m_navigator; }
    // The side list of Home, the Overview and the unit tabs in sections (unit_book.h).
    wxTreebook* notebook() { return m_notebook; }
    UnitOverview* overview() { return m_overview; }
    std::int64_t selected_unit() const { return m_selected_unit; }
    void select_unit(std::int64_t unit_id);
    // The start notices shown above the window's content; empty when none is shown.
    wxString start_notice_text() const;
    // The page of a plugin's unit panel in the side list by its panel id (the plugin's window
    // made inside it if it was not yet), or nullptr.
    wxWindow* unit_panel(const std::string& panel_id);
    // The plugin's own window of that panel (made if it was not yet), or nullptr.
    wxWindow* plugin_window(const std::string& panel_id);
    // File > Print (Ctrl+P) and Print Preview: the shown tab's plugin prints its document (on
    // the Overview, the first card that prints); says so in the status bar when nothing here
    // prints (main_frame_print.cpp).
    void print_shown(bool preview);

  private:
    void build_menus();
    // Puts the unit tabs for the unit's kind on the notebook (SDK 1.1 unit_kinds) and shows
    // the unit in each whose window is made (a tab made later is shown it then, realize).
    void show_unit_tabs(std::int64_t unit_id);
    // Asks the page's plugin for its window the first time (start-up makes none: issue 19's
    // cold start) and shows it the selected unit; the window, or nullptr when the plugin made
    // none (the page says so in words).
    wxWindow* realize(UnitPage& page);
    void realize_shown_page();
    void realize_when_idle(wxIdleEvent& event);
    // Names the shown page's unnamed controls from their labels (name_from_labels), once the
    // event being handled is done.
    void name_shown_controls();
    // A plugin's request to show its panels again (SDK 1.1 refresh_panels); false when none of
    // them is on screen.
    bool refresh_plugin_panels(const std::string& plugin_id, const std::string& panel_id);
    void make_lock_screen();
    void setup_lock();
    void check_idle();
    std::chrono::seconds idle_limit() const;
    // "" when unlocked, else why not (in words).
    std::string try_unlock(const std::string& secret);
    // The sign-in dialog when the practice has users; Refused when nobody signed in.
    // Signs in a practice with users: the solo user at once when practice_passphrase (typed
    // to unlock it, or empty) is also theirs, otherwise the sign-in dialog.
    Status sign_in_practice(const std::string& practice_passphrase);
    // Whether the signed-in user may open the unit: its caseload reaches it (every unit for
    // roles not limited to a caseload).
    bool may_open_unit(std::int64_t unit_id);
    void bind_menu_handlers();
    void build_plugin_ui();
    void destroy_plugin_windows();
    void add_plugin_commands(std::map<std::string, wxMenu*>& menus);
    bool claim_shortcut(const std::string& shortcut, const std::string& owner);
    // The practice's name in the title and status bar, and its count of active units: counted
    // again unless known_active_units gives it (as just read by the navigator).
    void update_status(std::optional<std::int64_t> known_active_units = std::nullopt);
    void show_start_notices();
    void update_command_state();
    // The tab shown now, when it prints: its contribution and window, else {nullptr, nullptr}.
    std::pair<const plugins::PanelContribution*, wxWindow*> printable_page() const;
    void restore_layout();
    void save_layout();
    void on_record_changed();

    void on_new_client(const std::string& kind);
    void on_backup();
    void on_restore();
    void on_check();
    void on_open_practice();
    void on_new_practice();
    void on_encrypt();
    void on_change_passphrase();
    void on_rotate_key();
    void on_remember(bool remember);
    void on_settings();
    void on_about();
    void on_shortcuts();
    void open_practice_view(const plugins::PanelContribution& view);
    void on_close(wxCloseEvent& event);

    AppOptions m_options;
    plugins::UiHooks m_ui_hooks;
    std::unique_ptr<Practice> m_practice;
    wxSplitterWindow* m_splitter = nullptr;
    wxWindow* m_blank_pane = nullptr;  // The splitter's only window while no practice is open.
    wxInfoBar* m_notices = nullptr;    // What happened to plugins at this start.
    wxString m_notice_text;
    Navigator* m_navigator = nullptr;
    wxTreebook* m_notebook = nullptr;
    Dashboard* m_dashboard = nullptr;
    UnitOverview* m_overview = nullptr;
    std::vector<UnitPage> m_unit_pages;
    std::map<std::int64_t, wxWindow*> m_unit_shown;  // The page last shown for each unit.
    bool m_laying_out = false;                       // Pages moving: not a choice.
    std::vector<wxWindow*> m_practice_views;
    std::map<int, plugins::CommandContribution> m_plugin_commands;
    std::map<int, std::function<void()>> m_dynamic_actions;
    std::set<std::string> m_shortcuts;
    std::int64_t m_selected_unit = 0;
    std::string m_last_saved;
    bool m_refresh_pending = false;
    bool m_naming_pending = false;
    bool m_unit_tabs_stale = false;    // The selected unit's members changed.
    bool m_refreshing_panels = false;  // Inside refresh_plugin_panels (no re-entry).
    std::uint64_t m_change_subscription = 0;
    wxPanel* m_lock_screen = nullptr;
    wxStaticText* m_lock_message = nullptr;
    wxStaticText* m_lock_problem = nullptr;
    wxTextCtrl* m_lock_field = nullptr;
    // Hidden while locked, shown again after (weak: one may be closed meanwhile).
    std::vector<wxWeakRef<wxWindow>> m_hidden_windows;
    std::chrono::steady_clock::time_point m_last_input;
    std::unique_ptr<wxEventFilter> m_activity;
    wxTimer m_idle_timer;
};

}  // namespace dyad::app
