// The baseline for the start-up benchmark: a bare wx frame built with the same flags as dyad,
// shown and closed at the first idle, like `dyad --exit-when-shown`.
#include <wx/app.h>
#include <wx/frame.h>

#include <iostream>

#include "util/start_trace.h"

class BareApp : public wxApp {
  public:
    bool OnInit() override {
        dyad::start_mark("app");
        auto* frame = new wxFrame(nullptr, wxID_ANY, "bare", wxDefaultPosition, wxSize(1100, 720));
        dyad::start_mark("frame");
        frame->Show();
        CallAfter([frame] {
            dyad::start_mark("shown");
            std::cout << "shown" << std::endl;
            frame->Close(true);
        });
        return true;
    }
};

wxIMPLEMENT_APP(BareApp);
