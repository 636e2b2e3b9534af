// Fixtures shared by the GUI test files (under Xvfb): a host window with a test plugin, the
// shipped plugins' windows, and helpers to answer dialogs and run menu commands.
#pragma once

#include <cairo.h>
#include <dlfcn.h>
#include <gtest/gtest.h>
#include <wx/app.h>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/dcmemory.h>
#include <wx/dcscreen.h>
#include <wx/dialog.h>
#include <wx/filedlg.h>
#include <wx/listbox.h>
#include <wx/listctrl.h>
#include <wx/menu.h>
#include <wx/modalhook.h>
#include <wx/print.h>
#include <wx/spinctrl.h>
#include <wx/srchctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/timer.h>
#include <wx/treectrl.h>
#include <wx/uiaction.h>
#include <wx/utils.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>

#include "client_dialogs.h"
#include "directory_server.h"
#include "first_run.h"
#include "gui_support.h"
#include "main_frame.h"
#include "navigator.h"
#include "plugins_dialog.h"
#include "test_support.h"

namespace dyad::gui_test {

using namespace dyad;
using test::find_in_any_window;
using test::pump;
using test::pump_until;

// Clicks a button as the user would (its wxEVT_BUTTON handlers run).
inline void click(wxWindow* button) {
    wxCommandEvent event(wxEVT_BUTTON, button->GetId());
    event.SetEventObject(button);
    button->GetEventHandler()->ProcessEvent(event);
}

// Answers Yes in the plugins' confirmation dialog (plugins/common/confirm_dialog.h) once it
// is open; `answered` tells whether there was one. Call before the click that opens it.
inline void answer_yes_when_asked(bool& answered) {
    answered = false;
    wxTheApp->CallAfter([&answered] {
        pump(200);
        for (wxWindow* top : wxTopLevelWindows) {
            if (top->GetName() == "confirm_dialog") {
                wxCommandEvent yes(wxEVT_BUTTON, wxID_YES);
                top->GetEventHandler()->ProcessEvent(yes);
                answered = true;
            }
        }
    });
}

// Saves the screen area of a main window as an artifact PNG. (Dialogs are not captured:
// under Xvfb without a window manager wxScreenDC does not show them reliably.)
// The window as GTK draws it, rendered offscreen into a PNG in the artifact folder: what the
// window shows even when another window lies over it on the X screen (Xvfb has no window
// manager to raise the newest). gtk_widget_draw is looked up in the GTK wx already loaded (no
// GTK headers are installed); without it, nothing is written.
inline void screenshot(wxWindow* window, const std::string& name) {
    window->Refresh();
    window->Update();
    pump(150);
    using Draw = void (*)(void* widget, cairo_t* cr);
    auto draw = reinterpret_cast<Draw>(dlsym(RTLD_DEFAULT, "gtk_widget_draw"));
    wxSize size = window->GetSize();
    if (draw == nullptr || size.x <= 0 || size.y <= 0) {
        return;
    }
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, size.x, size.y);
    cairo_t* cr = cairo_create(surface);
    draw(window->GetHandle(), cr);
    cairo_destroy(cr);
    cairo_surface_write_to_png(surface, (test::artifact_dir() + "/" + name + ".png").c_str());
    cairo_surface_destroy(surface);
}

struct Host {
    test::TempDir dir;
    app::MainFrame* frame = nullptr;

    Host() {
        test::copy_fixtures({"hello"}, dir.file("plugins"));
        app::AppOptions options;
        options.installed_plugin_dirs = {dir.file("plugins")};
        options.user_plugin_dirs = {dir.file("user-plugins")};
        frame = new app::MainFrame(options);
        Status opened = frame->open_practice(dir.file("practice"));
        EXPECT_TRUE(opened) << opened.error().message;
        EXPECT_TRUE(create_demo_practice(frame->practice()->records()));
        frame->SetSize(1100, 720);
        frame->Show();
        frame->Raise();
        pump_until([&] { return frame->IsShownOnScreen(); });
        pump(300);
    }
    ~Host() {
        frame->Close(true);
        pump_until([&] { return wxTopLevelWindows.Find(frame) == nullptr; });
        pump(100);
    }
    std::int64_t count(const std::string& sql) {
        return **frame->practice()->connection().query_int64(sql);
    }
};

// The host with some of the shipped plugins installed, on the demo practice, shown.
struct PluginWindow {
    test::TempDir dir;
    app::MainFrame* frame = nullptr;

    // whole_demo: the demo as a new user gets it (fill_demo_practice: months of sessions and
    // every plugin's part), rather than its people and this week's appointments alone.
    explicit PluginWindow(std::vector<std::string> plugins, wxSize size = wxSize(1100, 760),
                          bool whole_demo = false) {
        std::filesystem::create_directories(dir.file("plugins"));
        for (const auto& plugin : plugins) {
            // A shipped plugin by name, or any plugin by its path.
            std::filesystem::path source =
                plugin.find('/') == std::string::npos
                    ? std::filesystem::path(DYAD_BUILD_PLUGIN_DIR) / (plugin + ".so")
                    : std::filesystem::path(plugin);
            std::filesystem::copy_file(source, dir.file("plugins/" + source.filename().string()));
        }
        app::AppOptions options;
        options.installed_plugin_dirs = {dir.file("plugins")};
        options.installed_resource_dirs = {test::source_dir() + "/resources"};
        frame = new app::MainFrame(options);
        EXPECT_TRUE(frame->open_practice(dir.file("practice")));
        if (whole_demo) {
            auto filled = fill_demo_practice(*frame->practice());
            EXPECT_TRUE(filled && filled->problems.empty())
                << (filled ? (filled->problems.empty() ? "" : filled->problems.front())
                           : filled.error().message);
        } else {
            EXPECT_TRUE(create_demo_practice(frame->practice()->records()));
        }
        frame->navigator()->reload();
        frame->SetSize(size);
        frame->Show();
        pump(300);
    }
    // `dyadctl ARGS...` on this window's practice and plugins, while the window is open;
    // records(ARGS) is `dyadctl records ARGS`.
    test::ProcessResult dyadctl(std::vector<std::string> args) {
        std::vector<std::string> argv = {test::dyadctl_path(), "--data-dir", dir.file("practice")};
        argv.insert(argv.end(), args.begin(), args.end());
        return test::run_process(argv, {"DYAD_PLUGIN_PATH=" + dir.file("plugins")});
    }
    test::ProcessResult records(std::vector<std::string> args) {
        args.insert(args.begin(), "records");
        return dyadctl(std::move(args));
    }
    ~PluginWindow() {
        frame->Close(true);
        // Gone from the screen before the next test's window is shown and captured.
        pump_until([&] { return wxTopLevelWindows.Find(frame) == nullptr; });
        pump(100);
    }
};

struct RecordsWindow : PluginWindow {
    RecordsWindow() : PluginWindow({"records"}) {}
};

// Answers the next file dialog (save or open) with path instead of showing it
// (wxModalDialogHook: the native GTK chooser cannot be driven from inside the test's event
// loop); other dialogs are shown as usual.
struct SaveAs : wxModalDialogHook {
    std::string path;
    bool answered = false;
    explicit SaveAs(std::string chosen) : path(std::move(chosen)) { Register(); }
    ~SaveAs() override { Unregister(); }
    int Enter(wxDialog* dialog) override {
        auto* save = dynamic_cast<wxFileDialog*>(dialog);
        if (save == nullptr) {
            return wxID_NONE;  // Shown as usual.
        }
        save->SetPath(path);
        answered = true;
        return wxID_OK;
    }
    void Exit(wxDialog*) override {}
};

// The Print Preview window once it is shown (nullptr if it never is), and its control bar.
inline wxPreviewFrame* shown_print_preview() {
    wxWindow* preview = nullptr;
    bool shown = pump_until([&] {
        preview = wxWindow::FindWindowByName("print_preview");
        return preview != nullptr && preview->IsShown();
    });
    return shown ? dynamic_cast<wxPreviewFrame*>(preview) : nullptr;
}
inline wxPreviewControlBar* preview_bar(wxPreviewFrame* preview) {
    wxPreviewControlBar* bar = nullptr;
    for (wxWindow* child : preview->GetChildren()) {
        bar = bar != nullptr ? bar : dynamic_cast<wxPreviewControlBar*>(child);
    }
    return bar;
}

// File > Print writes its pages to path as a PDF (DYAD_PRINT_TO_FILE) while this lives; unset
// whatever happens, so later tests print nowhere.
struct PrintToFile {
    explicit PrintToFile(const std::string& path) { setenv("DYAD_PRINT_TO_FILE", path.c_str(), 1); }
    ~PrintToFile() { unsetenv("DYAD_PRINT_TO_FILE"); }
    PrintToFile(const PrintToFile&) = delete;
    PrintToFile& operator=(const PrintToFile&) = delete;
};

// Sends the menu command with this label (mnemonics ignored) from the main window's menu bar.
inline bool run_menu_command(app::MainFrame* frame, const wxString& menu, const wxString& label) {
    int id = frame->GetMenuBar()->FindMenuItem(menu, label);
    if (id == wxNOT_FOUND) {
        return false;
    }
    wxCommandEvent event(wxEVT_MENU, id);
    event.SetEventObject(frame);
    frame->GetEventHandler()->ProcessEvent(event);
    return true;
}

inline wxWindow* open_dialog(const wxString& name) {
    for (wxWindow* top : wxTopLevelWindows) {
        if (top->GetName() == name && top->IsShown()) {
            return top;
        }
    }
    return nullptr;
}

// Cancels a modal dialog still open when a test's answer stops early (a failed ASSERT), so a
// failure is reported instead of the test hanging on the dialog.
struct CancelIfStillOpen {
    wxString name;
    ~CancelIfStillOpen() {
        if (auto* dialog = dynamic_cast<wxDialog*>(open_dialog(name));
            dialog != nullptr && dialog->IsModal()) {
            dialog->EndModal(wxID_CANCEL);
        }
    }
};

// Runs action on the modal dialog called name once it is open, polled by a timer (not waited
// for), so the dialog before it can close and the work between the two can run.
class WhenOpen : public wxTimer {
  public:
    WhenOpen(wxString name, std::function<void(wxWindow*)> action)
        : m_name(std::move(name)), m_action(std::move(action)) {
        Start(50);
    }
    void Notify() override {
        auto* dialog = dynamic_cast<wxDialog*>(open_dialog(m_name));
        if (dialog == nullptr || !dialog->IsModal() || m_done) {
            return;
        }
        m_done = true;
        Stop();
        m_action(dialog);
    }

  private:
    wxString m_name;
    std::function<void(wxWindow*)> m_action;
    bool m_done = false;
};

inline int index_starting_with(wxCheckListBox* list, const wxString& start) {
    for (unsigned i = 0; i < list->GetCount(); ++i) {
        if (list->GetString(i).StartsWith(start)) {
            return static_cast<int>(i);
        }
    }
    return wxNOT_FOUND;
}

}  // namespace dyad::gui_test
