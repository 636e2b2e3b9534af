// The dyad executable: command line, configuration file, first run, the main window.
#include <wx/app.h>
#include <wx/cmdline.h>
#include <wx/config.h>
#include <wx/evtloop.h>
#include <wx/fileconf.h>
#include <wx/msgdlg.h>
#include <wx/weakref.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "error_text.h"
#include "first_run.h"
#include "language.h"
#include "log_window.h"
#include "main_frame.h"
#include "plugins/library_preload.h"
#include "util/log.h"
#include "util/start_trace.h"

#ifndef DYAD_VERSION
#define DYAD_VERSION "0.0.0"
#endif

namespace dyad::app {
namespace {

std::string config_file() {
    const char* xdg = std::getenv("XDG_CONFIG_HOME");
    std::filesystem::path base =
        xdg != nullptr && *xdg != '\0'
            ? std::filesystem::path(xdg)
            : std::filesystem::path(std::getenv("HOME") != nullptr ? std::getenv("HOME") : ".") /
                  ".config";
    std::error_code error;  // A folder that cannot be made: the configuration is not saved.
    std::filesystem::create_directories(base / "dyad", error);
    return (base / "dyad" / "dyad.conf").string();
}

std::string executable_path() {
    std::error_code error;
    return std::filesystem::read_symlink("/proc/self/exe", error).string();
}

}  // namespace

class DyadApp : public wxApp {
  public:
    bool OnInit() override;
    void OnInitCmdLine(wxCmdLineParser& parser) override;
    bool OnCmdLineParsed(wxCmdLineParser& parser) override;
    int OnExit() override;

  private:
    std::string m_data_dir;
    plugins::LibraryPreloader m_preloader;
    bool m_demo = false;
    bool m_exit_when_shown = false;
};

void DyadApp::OnInitCmdLine(wxCmdLineParser& parser) {
    wxApp::OnInitCmdLine(parser);
    parser.AddOption("", "data-dir", _("folder of the practice to open"));
    parser.AddSwitch("", "demo", _("open the demo practice (created on first use)"));
    parser.AddSwitch("", "version", _("print the version and exit"));
    parser.AddSwitch("", "exit-when-shown", _("quit once the window is shown (benchmarks)"));
}

bool DyadApp::OnCmdLineParsed(wxCmdLineParser& parser) {
    wxString data_dir;
    if (parser.Found("data-dir", &data_dir)) {
        m_data_dir = data_dir.ToStdString(wxConvUTF8);
    }
    m_demo = parser.Found("demo");
    m_exit_when_shown = parser.Found("exit-when-shown");
    return wxApp::OnCmdLineParsed(parser);
}

bool DyadApp::OnInit() {
    dyad::start_mark("app");
    if (!wxApp::OnInit()) {
        return false;
    }
    SetAppName("dyad");
    std::string config = config_file();
    // The libraries the last start's plugins linked load on another thread while the window is
    // built (library_preload.h); the plugins wait for it before they load.
    std::string preload_list =
        (std::filesystem::path(config).parent_path() / "preload-libraries").string();
    std::vector<std::string> plugin_dirs = installed_plugin_dirs(executable_path());
    bool preloading = m_preloader.start(preload_list, plugin_dirs);
    wxConfigBase::Set(
        new wxFileConfig("dyad", "", wxString::FromUTF8(config), "", wxCONFIG_USE_LOCAL_FILE));
    connect_log_window();
    if (!preloading) {
        log_info(
            "start-up: not loading plugin libraries ahead this time: an earlier start "
            "ended while it did, or another is doing it now");
    }
    // The language chosen in Settings (the desktop's by default), before any window or plugin.
    apply_language(configured_language(), installed_locale_dirs(executable_path()));

    AppOptions options;
    options.installed_plugin_dirs = std::move(plugin_dirs);
    options.installed_resource_dirs = installed_resource_dirs(executable_path());
    options.exit_when_shown = m_exit_when_shown;
    options.preloader = &m_preloader;
    options.preload_list = preload_list;
    auto* frame = new MainFrame(options);
    dyad::start_mark("frame");

    std::string data_dir = m_data_dir;
    std::string demo_dir = (std::filesystem::path(default_data_dir()) / "demo").string();
    bool fill_demo = false;
    std::string new_practice_name;
    bool encrypt_new = false;
    if (data_dir.empty() && m_demo) {
        data_dir = demo_dir;
    }
    if (data_dir.empty()) {
        wxString remembered;
        if (wxConfigBase::Get()->Read("/practice/data_dir", &remembered) &&
            practice_present(remembered.ToStdString(wxConvUTF8))) {
            data_dir = remembered.ToStdString(wxConvUTF8);
        } else if (practice_present(default_data_dir())) {
            data_dir = default_data_dir();
        }
    }
    if (data_dir.empty()) {
        FirstRunAnswer answer = ask_first_run(nullptr);
        if (answer.choice == FirstRunChoice::Quit) {
            frame->Destroy();
            return false;
        }
        if (answer.choice == FirstRunChoice::OpenDemo) {
            data_dir = demo_dir;
        } else {
            data_dir = default_data_dir();
            new_practice_name = answer.practice_name;
            encrypt_new = answer.encrypt;
        }
    }
    fill_demo = data_dir == demo_dir && !practice_present(data_dir);
    Status opened =
        encrypt_new ? frame->create_encrypted_practice(data_dir) : frame->open_practice(data_dir);
    if (!opened) {
        wxMessageBox(wxString::Format(_("The practice could not be opened:\n%s"),
                                      error_text(opened.error())),
                     _("Dyad"), wxOK | wxICON_ERROR);
    } else if (data_dir == demo_dir) {
        // A new demo, or one whose plugins were interrupted while filling it.
        Result<plugins::DemoReport> demo = plugins::DemoReport{};
        if (fill_demo) {
            demo = fill_demo_practice(*frame->practice());
        } else if (auto pending = finish_demo_practice(*frame->practice()); !pending) {
            demo = std::unexpected(pending.error());
        } else if (*pending) {
            demo = std::move(**pending);
        }
        if (!demo) {
            wxMessageBox(error_text(demo.error()), _("Dyad"), wxOK | wxICON_ERROR);
        } else if (!demo->problems.empty()) {
            std::string problems;
            for (const auto& problem : demo->problems) {
                problems += "\n" + problem;
            }
            wxMessageBox(wxString::Format(_("The demo practice is open, but some plugins could "
                                            "not fill their part:%s"),
                                          wxString::FromUTF8(problems)),
                         _("Dyad"), wxOK | wxICON_WARNING);
        }
    } else if (!new_practice_name.empty()) {
        (void)frame->practice()->records().set_practice_name(new_practice_name, "user");
    }
    dyad::start_mark("show");
    frame->Show();
    // A transaction a plugin left open when its event handler returned to the main event loop
    // is rolled back at the next idle moment there (and logged), so it cannot block the
    // practice's later writes (docs/confinement.md). Not inside a modal dialog or a yield: a
    // plugin may keep a transaction open across its own progress dialog.
    wxWeakRef<MainFrame> weak_frame(frame);
    Bind(wxEVT_IDLE, [weak_frame](wxIdleEvent& event) {
        event.Skip();
        wxEventLoopBase* loop = wxEventLoopBase::GetActive();
        if (loop == nullptr || !loop->IsMain() || loop->IsYielding()) {
            return;
        }
        if (weak_frame && weak_frame->practice() != nullptr) {
            (void)weak_frame->practice()->plugins().close_abandoned_transactions();
        }
    });
    if (m_exit_when_shown) {
        // The first idle after Show: the window has been mapped and painted. "shown" is the
        // moment bench/startup.sh measures; closing (WAL checkpoint) is not start-up.
        CallAfter([frame] {
            dyad::start_mark("shown");
            std::cout << "shown" << std::endl;
            frame->Close(true);
        });
    }
    return true;
}

int DyadApp::OnExit() {
    Logger::instance().set_listener({});
    delete wxConfigBase::Set(nullptr);
    return wxApp::OnExit();
}

}  // namespace dyad::app

wxIMPLEMENT_APP_NO_MAIN(dyad::app::DyadApp);

// --version answers before GTK starts, so it works without a display (packaging checks, ssh).
int main(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        if (std::string(argv[i]) == "--version") {
            std::cout << "dyad " << DYAD_VERSION << " (SDK " << DYAD_SDK_VERSION_MAJOR << "."
                      << DYAD_SDK_VERSION_MINOR << ", " << wxVERSION_NUM_DOT_STRING << ")\n";
            return 0;
        }
    }
    // GTK's own dialogs in the language chosen in Settings, not only the desktop's.
    dyad::start_mark("main");
    dyad::app::set_toolkit_language(dyad::app::config_file());
    return wxEntry(argc, argv);
}
