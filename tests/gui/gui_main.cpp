// GUI test main: lists tests without a display; otherwise starts wx (under xvfb-run) once for
// every test in the binary.
#include <gtest/gtest.h>
#include <wx/app.h>
#include <wx/config.h>
#include <wx/fileconf.h>
#include <wx/image.h>

#include "test_support.h"

namespace {
class TestApp : public wxApp {
  public:
    bool OnInit() override { return true; }
};
}  // namespace

int main(int argc, char** argv) {
    ::testing::InitGoogleTest(&argc, argv);
    if (::testing::GTEST_FLAG(list_tests)) {
        return RUN_ALL_TESTS();
    }
    dyad::test::TempDir config;
    wxApp::SetInstance(new TestApp);
    if (!wxEntryStart(argc, argv) || !wxTheApp->CallOnInit()) {
        fprintf(stderr, "cannot start wxWidgets (is DISPLAY set? run under xvfb-run)\n");
        return 1;
    }
    wxInitAllImageHandlers();
    wxConfigBase::Set(new wxFileConfig("dyad-tests", "",
                                       wxString::FromUTF8(config.file("dyad.conf")), "",
                                       wxCONFIG_USE_LOCAL_FILE));
    int result = RUN_ALL_TESTS();
    delete wxConfigBase::Set(nullptr);
    wxTheApp->OnExit();
    wxEntryCleanup();
    return result;
}
