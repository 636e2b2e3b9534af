#include "main_frame.h"

#include "accessible.h"

#include "main_frame_ids.h"

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
#include <wx/stattext.h>
#include <wx/statusbr.h>
#include <wx/textdlg.h>
#include <wx/treectrl.h>

#include <algorithm>
#include <dyad/show.hpp>
#include <filesystem>

#include "client_dialogs.h"
#include "dashboard.h"
#include "db/maintenance.h"
#include "encryption_dialogs.h"
#include "language.h"
#include "log_window.h"
#include "navigator.h"
#include "plugins/library_preload.h"
#include "plugins_dialog.h"
#include "progress.h"
#include "settings_dialog.h"
#include "unit_overview.h"
#include "util/ids.h"
#include "util/log.h"
#include "util/start_trace.h"

#ifndef DYAD_VERSION
#define DYAD_VERSION "0.0.0"
#endif
#ifndef DYAD_ABI_WX
#define DYAD_ABI_WX "none"
#endif

namespace dyad::app {

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
    // Whatever a plugin left unnamed is named from its label when it is shown, and at the
    // latest when it takes the focus (a control a plugin made later).
    Bind(wxEVT_CHILD_FOCUS, [](wxChildFocusEvent& event) {
        wxWindow* focused = wxWindow::FindFocus();
        if (focused != nullptr && focused->GetParent() != nullptr &&
            accessible_name(focused).empty()) {
            name_from_labels(focused->GetParent());
        }
        event.Skip();
    });
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
        return m_selected_unit == unit_id;  // Not when outside the user's caseload.
    };
    m_ui_hooks.refresh_panels = [this](const std::string& plugin_id, const std::string& panel_id) {
        return m_practice && refresh_plugin_panels(plugin_id, panel_id);
    };
    m_ui_hooks.lock_window = [this] {
        // Only where someone must unlock it: a signed-in user, or the practice's passphrase.
        if (!m_practice || (m_practice->session().user_id == 0 && m_practice->key() == nullptr)) {
            return false;
        }
        lock();
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
    std::string typed_passphrase;  // Wiped once the sign-in has used it.
    struct Wipe {
        std::string& text;
        ~Wipe() { std::fill(text.begin(), text.end(), '\0'); }
    } wipe{typed_passphrase};
    if (new_key == nullptr) {
        auto files = inspect_practice_files(data_dir);
        if (!files) {
            build_menus();
            update_status();
            update_command_state();
            return std::unexpected(files.error());
        }
        if (files->protection == crypto::Protection::Encrypted) {
            key = ask_unlock(this, practice_database_path(data_dir), &typed_passphrase);
            if (!key) {
                build_menus();
                update_status();
                update_command_state();
                return fail(ErrorCode::Refused,
                            show::marked("error", "the practice was not unlocked"));
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
    // The plugins' words, before they start (Dyad's catalogs and "<plugin folder>/locale").
    std::vector<std::string> plugin_dirs = options.installed_plugin_dirs;
    std::vector<std::string> user_dirs = options.user_plugin_dirs.empty()
                                             ? default_user_plugin_dirs(data_dir)
                                             : options.user_plugin_dirs;
    plugin_dirs.insert(plugin_dirs.end(), user_dirs.begin(), user_dirs.end());
    add_plugin_catalogs(plugin_dirs);
    if (m_options.preloader != nullptr) {
        m_options.preloader->wait();  // The libraries the plugins link, loaded meanwhile.
    }
    auto practice = Practice::open(options, CreatePractice::IfMissing);
    dyad::start_mark("plugins");
    if (!practice) {
        build_menus();
        update_status();  // "No practice open", not the last one's name.
        update_command_state();
        return std::unexpected(practice.error());
    }
    m_practice = std::move(*practice);
    if (Status signed_in = sign_in_practice(typed_passphrase); !signed_in) {
        m_practice.reset();
        build_menus();
        update_status();
        update_command_state();
        return signed_in;
    }
    m_navigator = new Navigator(m_splitter, m_practice->records(),
                                [this](std::int64_t unit_id) { select_unit(unit_id); });
    m_notebook = new wxTreebook(m_splitter, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                wxBK_DEFAULT, "unit_tabs");
    set_accessible_name(m_notebook, _("Client unit tabs"), wxString(), false);
    set_accessible_name(m_notebook->GetTreeCtrl(), _("Pages of the client unit"));
    build_plugin_ui();
    // Plugin data changes without core events (a note saved); Home is current when shown.
    // Each unit opens on the page last shown for it.
    // A tab's plugin window is made before the page shows (no empty page flashes).
    m_notebook->Bind(wxEVT_TREEBOOK_PAGE_CHANGING, [this](wxBookCtrlEvent& event) {
        // A section's own entry (no page) shows the first tab under it.
        wxWindow* coming = page_at_or_after(m_notebook, event.GetSelection());
        for (auto& page : m_unit_pages) {
            if (!m_laying_out && coming != nullptr && page.window == coming) {
                realize(page);
            }
        }
        event.Skip();
    });
    m_notebook->Bind(wxEVT_TREEBOOK_PAGE_CHANGED, [this](wxBookCtrlEvent& event) {
        if (event.GetSelection() == 0 && m_dashboard != nullptr) {
            m_dashboard->refresh();
        }
        if (!m_laying_out && m_selected_unit != 0 && event.GetSelection() > 0) {
            m_unit_shown[m_selected_unit] = shown_page(m_notebook);
        }
        if (!m_laying_out) {
            realize_shown_page();
        }
        name_shown_controls();
        event.Skip();
    });
    int sash = static_cast<int>(wxConfigBase::Get()->ReadLong("/layout/sash", 280));
    m_splitter->SplitVertically(m_navigator, m_notebook, sash);
    m_blank_pane->Hide();
    build_menus();
    m_change_subscription = m_practice->events().subscribe(
        EventKind::RecordChanged,
        [this](const Event& event) {
            // A member's consent changed (the Overview's dialog): the unit's tabs show it too.
            if (event.entity == "unit_member" && event.unit_id == m_selected_unit) {
                m_unit_tabs_stale = true;
            }
            on_record_changed();
        },
        "host");
    wxConfigBase::Get()->Write("/practice/data_dir", wxString::FromUTF8(data_dir));
    wxConfigBase::Get()->Flush();
    if (!m_options.preload_list.empty()) {
        if (Status written = plugins::write_preload_list(
                m_options.preload_list, m_practice->plugins().preloadable_libraries());
            !written) {
            log_warning(written.error().message);  // The next start is only slower.
        }
    }
    update_status(m_navigator->active_unit_count());  // Read a moment ago: not counted twice.
    dyad::start_mark("window");
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
    std::vector<plugins::PanelContribution> summaries;
    for (const auto& panel : contributions.panels) {
        if (!plugins::shown_to(m_practice->session(), panel.records)) {
            continue;  // A kind of record the signed-in user's role may not read.
        }
        if (panel.context == DYAD_PANEL_DASHBOARD) {
            cards.push_back(panel);
        } else if (panel.context == DYAD_PANEL_UNIT) {
            unit_panels.push_back(panel);
        } else if (panel.context == DYAD_PANEL_UNIT_SUMMARY) {
            summaries.push_back(panel);
        }
    }
    auto by_order = [](const auto& a, const auto& b) { return a.order < b.order; };
    std::stable_sort(cards.begin(), cards.end(), by_order);
    std::stable_sort(unit_panels.begin(), unit_panels.end(), by_order);
    std::stable_sort(summaries.begin(), summaries.end(), by_order);

    m_dashboard = new Dashboard(m_notebook, m_practice->records(), cards);
    m_notebook->AddPage(m_dashboard, _("Home"), true);
    m_overview =
        new UnitOverview(m_notebook, m_practice->records(), summaries,
                         ConsentRights{m_practice->may(people::Permission::EditDemographics),
                                       m_practice->may(people::Permission::EditClinical)});
    m_notebook->AddPage(m_overview, _("Overview"));
    // Each tab is an empty page until first shown: the plugin makes its window then.
    for (const auto& panel : unit_panels) {
        auto* page = new wxPanel(m_notebook, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0,
                                 "page_" + panel.id);
        page->SetSizer(new wxBoxSizer(wxVERTICAL));
        page->Hide();  // Until lay_out_unit_pages puts it in the side list.
        m_unit_pages.push_back({panel, page});
    }
    show_unit_tabs(0);
    // The tabs' windows are made in the idle moments after the window shows (start-up shows
    // Home without waiting for them), or at once when a page is asked for sooner.
    Unbind(wxEVT_IDLE, &MainFrame::realize_when_idle, this);  // Bound once, whatever came before.
    Bind(wxEVT_IDLE, &MainFrame::realize_when_idle, this);
}

void MainFrame::realize_when_idle(wxIdleEvent& event) {
    event.Skip();
    if (!IsShown()) {
        return;
    }
    // One page per idle moment, so the window answers in between; by index, as a plugin's
    // create may yield.
    for (std::size_t i = 0; m_practice && i < m_unit_pages.size(); ++i) {
        if (!m_unit_pages[i].tried) {
            realize(m_unit_pages[i]);
            event.RequestMore();
            return;
        }
    }
    Unbind(wxEVT_IDLE, &MainFrame::realize_when_idle, this);
}

wxWindow* MainFrame::realize(UnitPage& page) {
    if (page.tried) {
        return page.content;
    }
    page.tried = true;
    const auto& panel = page.contribution;
    page.content = static_cast<wxWindow*>(panel.create(panel.user, page.window));
    if (page.content == nullptr) {
        log_warning(panel.plugin_id + ": panel '" + panel.id + "' could not be created");
        // What the page says instead.
        auto* failed = new wxStaticText(page.window, wxID_ANY,
                                        _("This tab could not be opened: its plugin made no "
                                          "window. Tools > Log says more."),
                                        wxDefaultPosition, wxDefaultSize, 0, "page_failed");
        page.window->GetSizer()->Add(failed, 0, wxALL, 12);
        page.window->Layout();
    } else {
        page.window->GetSizer()->Add(page.content, 1, wxEXPAND);
        if (panel.show_unit != nullptr) {
            std::int64_t unit = 0;
            if (m_selected_unit != 0 && m_notebook->FindPage(page.window) != wxNOT_FOUND) {
                unit = m_selected_unit;  // In the side list: the unit's kind is one it is for.
            }
            panel.show_unit(panel.user, page.content, unit);
        }
    }
    page.window->Layout();
    return page.content;
}

void MainFrame::destroy_plugin_windows() {
    m_laying_out = true;
    if (m_notebook->GetPageCount() > 0) {
        m_notebook->ChangeSelection(0);  // Nothing removed below is the page shown.
    }
    for (auto& page : m_unit_pages) {
        int index = m_notebook->FindPage(page.window);
        if (index != wxNOT_FOUND) {
            m_notebook->RemovePage(static_cast<size_t>(index));
        }
        page.window->Destroy();
    }
    m_laying_out = false;
    m_unit_pages.clear();
    m_unit_shown.clear();
    if (m_dashboard != nullptr) {
        m_dashboard->destroy_plugin_windows();
    }
    if (m_overview != nullptr) {
        m_overview->destroy_plugin_windows();
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

void MainFrame::select_unit(std::int64_t unit_id) {
    if (!m_practice) {
        return;
    }
    if (unit_id != 0 && !may_open_unit(unit_id)) {
        SetStatusText(_("That client unit is not on your caseload."), 0);
        return;  // A plugin's link (a calendar entry) reaches no further than the navigator.
    }
    m_selected_unit = unit_id;
    if (unit_id != 0) {
        // Opening a unit shows client data: the audit log records the view.
        if (auto audited = m_practice->records().record_view("unit", unit_id, "user"); !audited) {
            log_error("could not audit a view: " + audited.error().message);
        }
    }
    m_overview->show_unit(unit_id);
    show_unit_tabs(unit_id);
    m_practice->events().publish(Event{EventKind::UnitSelected, unit_id, "", 0, ""});
    // The page last shown for this unit, else the one shown now (Home gives way to the
    // Overview).
    auto remembered = m_unit_shown.find(unit_id);
    int again = remembered != m_unit_shown.end() && remembered->second != nullptr
                    ? m_notebook->FindPage(remembered->second)
                    : wxNOT_FOUND;
    if (unit_id != 0 && again != wxNOT_FOUND) {
        m_notebook->SetSelection(static_cast<std::size_t>(again));
    } else if (unit_id != 0 && m_notebook->GetSelection() == 0) {
        m_notebook->SetSelection(1);
    }
    name_shown_controls();
    update_command_state();
}

void MainFrame::name_shown_controls() {
    if (m_naming_pending) {
        return;
    }
    m_naming_pending = true;
    CallAfter([this] {  // After the panels' own updates of this event.
        m_naming_pending = false;
        if (m_notebook != nullptr) {
            name_from_labels(shown_page(m_notebook));
        }
    });
}

bool MainFrame::may_open_unit(std::int64_t unit_id) {
    const auto& session = m_practice->session();
    if (!session.signed_in()) {
        return false;
    }
    if (people::role_info(session.role).scope == people::UnitScope::All) {
        return true;  // The owner; billers and the front desk (their tabs show no clinical data).
    }
    auto reach = people::People(m_practice->connection()).may_see_unit(session, unit_id);
    return reach && *reach;
}

void MainFrame::show_unit_tabs(std::int64_t unit_id) {
    std::string kind;
    if (unit_id != 0) {
        if (auto unit = m_practice->records().unit(unit_id)) {
            kind = unit->kind;
        }
    }
    // A tab limited to unit kinds (SDK 1.1) leaves the side list for other kinds and comes back
    // in its place; with no unit selected every tab shows (empty).
    std::vector<const UnitPage*> wanted;
    for (const auto& page : m_unit_pages) {
        if (kind.empty() || page.contribution.for_kind(kind)) {
            wanted.push_back(&page);
        }
    }
    m_laying_out = true;
    lay_out_unit_pages(m_notebook, wanted, 2);  // After Home and Overview.
    m_laying_out = false;
    for (const UnitPage* page : wanted) {
        if (page->content != nullptr && page->contribution.show_unit != nullptr) {
            page->contribution.show_unit(page->contribution.user, page->content, unit_id);
        }
    }
    realize_shown_page();
}

bool MainFrame::refresh_plugin_panels(const std::string& plugin_id, const std::string& panel_id) {
    // Asked from inside a panel's own show_unit or refresh: refused, not recursed into.
    if (m_refreshing_panels) {
        return false;
    }
    m_refreshing_panels = true;
    struct Done {
        bool& flag;
        ~Done() { flag = false; }
    } done{m_refreshing_panels};
    auto matches = [&](const plugins::PanelContribution& panel) {
        return panel.plugin_id == plugin_id && (panel_id.empty() || panel.id == panel_id);
    };
    bool found = m_overview != nullptr && m_overview->refresh_cards(plugin_id, panel_id);
    for (const auto& page : m_unit_pages) {
        if (matches(page.contribution) && m_notebook->FindPage(page.window) != wxNOT_FOUND) {
            found = true;  // A page not shown yet is shown the unit when it is.
            if (page.content != nullptr && page.contribution.show_unit != nullptr) {
                page.contribution.show_unit(page.contribution.user, page.content, m_selected_unit);
            }
        }
    }
    for (const auto& panel : m_practice->plugins().contributions().panels) {
        if (matches(panel) && panel.context == DYAD_PANEL_DASHBOARD && m_dashboard != nullptr &&
            plugins::shown_to(m_practice->session(), panel.records)) {
            found = true;
            m_dashboard->refresh();
            break;
        }
    }
    name_shown_controls();
    return found;
}

wxWindow* MainFrame::unit_panel(const std::string& panel_id) {
    for (auto& page : m_unit_pages) {
        if (page.contribution.id == panel_id) {
            realize(page);
            return page.window;
        }
    }
    return nullptr;
}

wxWindow* MainFrame::plugin_window(const std::string& panel_id) {
    for (auto& page : m_unit_pages) {
        if (page.contribution.id == panel_id) {
            return realize(page);
        }
    }
    return nullptr;
}

void MainFrame::realize_shown_page() {
    wxWindow* shown = m_notebook != nullptr ? shown_page(m_notebook) : nullptr;
    for (auto& page : m_unit_pages) {
        if (page.window == shown) {
            realize(page);
        }
    }
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
        if (m_unit_tabs_stale) {
            m_unit_tabs_stale = false;
            show_unit_tabs(m_selected_unit);
        }
        update_status();
    });
}

void MainFrame::update_status(std::optional<std::int64_t> known_active_units) {
    if (!m_practice) {
        SetTitle("Dyad");
        SetStatusText(_("No practice open"), 0);
        SetStatusText("", 1);
        return;
    }
    auto name = m_practice->records().practice_name();
    Result<std::int64_t> count = 0;
    if (known_active_units) {
        count = *known_active_units;
    } else {
        records::UnitQuery active;
        active.status = "active";
        count = m_practice->records().count_units(active);
    }
    wxString practice_name = name ? wxString::FromUTF8(*name) : wxString(_("Unnamed practice"));
    SetTitle(practice_name + " - Dyad");
    long long units = count ? static_cast<long long>(*count) : 0;
    SetStatusText(
        wxString::Format(wxPLURAL("Practice: %s | %s active unit", "Practice: %s | %s active units",
                                  static_cast<unsigned>(units)),
                         practice_name, wxString::FromUTF8(show::number(units))),
        0);
    if (!m_last_saved.empty()) {
        wxDateTime saved;
        saved.ParseISOCombined(wxString::FromUTF8(m_last_saved.substr(0, 19)));
        saved.MakeFromUTC();
        // TRANSLATORS: the status bar after a change; %s is the time of day ("2:30 PM").
        SetStatusText(wxString::Format(_("saved %s"), wxString::FromUTF8(show::time_of_day(
                                                          saved.GetHour(), saved.GetMinute()))),
                      1);
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
    show_settings(this, m_practice->plugins().contributions().settings_pages);
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
        details += "\n" + wxString::Format(wxPLURAL("%d plugin loaded", "%d plugins loaded",
                                                    static_cast<unsigned>(loaded)),
                                           loaded);
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
