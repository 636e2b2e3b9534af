// Every panel switch of the real window on a large practice (issue 19: under 50 ms): the main
// window with every plugin in DYAD_PLUGIN_PATH (default: the build's shipped plugins) opens the
// practice, then for 20 units spread over the list selects the unit (each plugin's panel shows
// it) and switches to each of the unit's tabs in turn, painting it. Prints p50 and p95 per tab
// and for selecting a unit, in milliseconds. Run under Xvfb:
//   xvfb-run -a build/bench/panel_bench DATA_DIR
// (for example a practice from `dyadctl demo --clients 100000 --units 30000 --notes 1000000`).
#include <wx/app.h>
#include <wx/treebook.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

#include "main_frame.h"
#include "records/records.h"
#include "timings.h"

namespace {

using dyad::bench::Clock;
using dyad::bench::Timings;

// Until the window has painted what changed (the switch as the therapist sees it).
void settle(wxWindow* window) {
    wxTheApp->Yield(true);  // Layout and repaints queued by the switch...
    window->Update();       // ...painted before the clock stops.
}

class PanelBench : public wxApp {
  public:
    bool OnInit() override {
        if (argc < 2) {
            std::fprintf(stderr, "usage: panel_bench DATA_DIR\n");
            return false;
        }
        dyad::app::AppOptions options;
        const char* plugins = std::getenv("DYAD_PLUGIN_PATH");
        options.installed_plugin_dirs = {plugins != nullptr ? plugins : DYAD_BUILD_PLUGIN_DIR};
        options.installed_resource_dirs = {DYAD_SOURCE_RESOURCES};
        m_frame = new dyad::app::MainFrame(options);
        if (auto opened = m_frame->open_practice(argv[1].ToStdString()); !opened) {
            std::fprintf(stderr, "%s\n", opened.error().message.c_str());
            return false;
        }
        m_frame->SetSize(1280, 860);
        m_frame->Show();
        CallAfter([this] { run(); });
        return true;
    }

  private:
    void run() {
        settle(m_frame);
        dyad::records::UnitQuery query;
        auto total = m_frame->practice()->records().count_units(query);
        std::int64_t count = total ? *total : 0;
        Timings select;
        std::map<std::string, Timings> tabs;
        wxTreebook* notebook = m_frame->notebook();
        for (int i = 0; i < 20 && count > 0; ++i) {
            query.offset = (count * i) / 20;
            query.limit = 1;
            auto units = m_frame->practice()->records().units(query);
            if (!units || units->empty()) {
                continue;
            }
            auto start = Clock::now();
            m_frame->select_unit(units->front().id);
            settle(m_frame);
            if (m_frame->selected_unit() != units->front().id) {
                continue;  // Refused (not on the caseload): not a switch to time.
            }
            select.add(start);
            for (size_t page = 0; page < notebook->GetPageCount(); ++page) {
                if (notebook->GetPage(page) == nullptr) {
                    continue;  // A section of the side list: it shows its first tab.
                }
                start = Clock::now();
                notebook->SetSelection(page);
                settle(notebook->GetPage(page));
                tabs[notebook->GetPageText(page).ToStdString()].add(start);
            }
            notebook->SetSelection(0);
            settle(m_frame);
        }
        if (select.ms.empty()) {
            std::fprintf(stderr, "no unit could be selected\n");
            m_frame->Close(true);
            return;
        }
        std::printf("%-34s p50 %7.2f ms   p95 %7.2f ms   (%zu units)\n", "select a unit",
                    select.percentile(0.5), select.percentile(0.95), select.ms.size());
        for (auto& [name, timings] : tabs) {
            std::printf("%-34s p50 %7.2f ms   p95 %7.2f ms\n", ("switch to " + name).c_str(),
                        timings.percentile(0.5), timings.percentile(0.95));
        }
        m_frame->Close(true);
    }

    dyad::app::MainFrame* m_frame = nullptr;
};

}  // namespace

wxIMPLEMENT_APP_NO_MAIN(PanelBench);

int main(int argc, char** argv) {
    return wxEntry(argc, argv);
}
