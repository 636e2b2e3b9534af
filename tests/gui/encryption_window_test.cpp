// An encrypted practice in the window (issue 14): created with a passphrase and a recovery key
// typed back, unlocked with the passphrase after a wrong one, with the recovery key when the
// passphrase is lost, and refused (the window still usable) when the user cancels.
#include <wx/checkbox.h>
#include <wx/textctrl.h>
#include <wx/timer.h>

#include <fstream>

#include "crypto/practice_keys.h"
#include "encryption_dialogs.h"
#include "gui_fixtures.h"

using namespace dyad::gui_test;

namespace {

const std::string kPassphrase = "blue kettle on the stove";

void press(wxWindow* dialog, int id) {
    wxCommandEvent event(wxEVT_BUTTON, id);
    dialog->GetEventHandler()->ProcessEvent(event);
}

wxTextCtrl* text(wxWindow* dialog, const char* name) {
    auto* field = dynamic_cast<wxTextCtrl*>(dialog->FindWindow(name));
    EXPECT_NE(field, nullptr) << name;
    return field;
}

wxString label(wxWindow* dialog, const char* name) {
    auto* shown = dynamic_cast<wxStaticText*>(dialog->FindWindow(name));
    return shown != nullptr ? shown->GetLabel() : wxString("(missing " + wxString(name) + ")");
}

// An encrypted practice made in-process at the passphrase-hashing floor (fast); returns its
// recovery key's text.
std::string make_encrypted_practice(const std::string& data_dir) {
    auto keys = dyad::crypto::make_practice_keys(kPassphrase, dyad::crypto::kArgon2Floor);
    EXPECT_TRUE(keys);
    std::filesystem::create_directories(data_dir);
    std::string database = dyad::practice_database_path(data_dir);
    EXPECT_TRUE(dyad::crypto::write_key_file(dyad::crypto::key_file_path(database), keys->file));
    dyad::PracticeOptions options;
    options.data_dir = data_dir;
    options.load_plugins = false;
    options.key = &keys->key;
    auto practice = dyad::Practice::open(options, dyad::CreatePractice::IfMissing);
    EXPECT_TRUE(practice) << practice.error().message;
    EXPECT_TRUE(dyad::create_demo_practice((*practice)->records()));
    return keys->recovery_text;
}

}  // namespace

TEST(EncryptionWindow, AWrongPassphraseIsSaidInTheDialogAndTheRightOneOpens) {
    dyad::test::TempDir dir;
    make_encrypted_practice(dir.file("practice"));
    auto* frame = new dyad::app::MainFrame(dyad::app::AppOptions{});
    frame->Show();
    bool answered = false;
    wxTheApp->CallAfter([&] {
        pump(200);
        CancelIfStillOpen guard{"unlock_dialog"};
        wxWindow* dialog = open_dialog("unlock_dialog");
        ASSERT_NE(dialog, nullptr);
        text(dialog, "passphrase")->SetValue("not the passphrase at all");
        press(dialog, wxID_OK);
        EXPECT_EQ(label(dialog, "unlock_problem"), "wrong passphrase");
        EXPECT_TRUE(text(dialog, "passphrase")->GetValue().empty()) << "the field is wiped";
        text(dialog, "passphrase")->SetValue(kPassphrase);
        press(dialog, wxID_OK);
        answered = true;
    });
    auto opened = frame->open_practice(dir.file("practice"));
    ASSERT_TRUE(answered);
    ASSERT_TRUE(opened) << opened.error().message;
    ASSERT_NE(frame->practice()->key(), nullptr);
    EXPECT_GT(frame->navigator()->row_count(), 0) << "the demo's couples are listed";
    frame->Close(true);
    pump(100);
}

TEST(EncryptionWindow, TheRecoveryKeyOpensAPracticeWhosePassphraseIsLostAndCancelIsSafe) {
    dyad::test::TempDir dir;
    std::string recovery = make_encrypted_practice(dir.file("practice"));
    auto* frame = new dyad::app::MainFrame(dyad::app::AppOptions{});
    frame->Show();
    // Cancel: nothing opens, the window says so and stays usable.
    wxTheApp->CallAfter([&] {
        pump(200);
        wxWindow* dialog = open_dialog("unlock_dialog");
        ASSERT_NE(dialog, nullptr);
        dynamic_cast<wxDialog*>(dialog)->EndModal(wxID_CANCEL);
    });
    auto refused = frame->open_practice(dir.file("practice"));
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("not unlocked"), std::string::npos);
    EXPECT_EQ(frame->practice(), nullptr);

    bool answered = false;
    wxTheApp->CallAfter([&] {
        pump(200);
        CancelIfStillOpen guard{"unlock_dialog"};
        wxWindow* dialog = open_dialog("unlock_dialog");
        ASSERT_NE(dialog, nullptr);
        dynamic_cast<wxCheckBox*>(dialog->FindWindow("use_recovery"))->SetValue(true);
        std::string sloppy = recovery;
        std::transform(sloppy.begin(), sloppy.end(), sloppy.begin(), ::tolower);
        text(dialog, "passphrase")->SetValue(sloppy);
        press(dialog, wxID_OK);
        answered = true;
    });
    auto opened = frame->open_practice(dir.file("practice"));
    ASSERT_TRUE(answered);
    ASSERT_TRUE(opened) << opened.error().message;
    EXPECT_NE(frame->practice()->key(), nullptr);
    frame->Close(true);
    pump(100);
}

TEST(EncryptionWindow, ANewPracticeIsEncryptedOnlyOnceItsRecoveryKeyIsTypedBack) {
    dyad::test::TempDir dir;
    auto* frame = new dyad::app::MainFrame(dyad::app::AppOptions{});
    frame->Show();
    std::string shown_key;
    bool answered = false;
    std::unique_ptr<WhenOpen> sheet_driver;
    wxTheApp->CallAfter([&] {
        pump(200);
        wxWindow* dialog = open_dialog("new_passphrase_dialog");
        ASSERT_NE(dialog, nullptr);
        text(dialog, "new_passphrase")->SetValue("short");
        text(dialog, "new_passphrase_again")->SetValue("short");
        press(dialog, wxID_OK);
        EXPECT_TRUE(label(dialog, "passphrase_problem").Contains("at least 10 characters"));
        text(dialog, "new_passphrase")->SetValue(kPassphrase);
        text(dialog, "new_passphrase_again")->SetValue(kPassphrase + "x");
        press(dialog, wxID_OK);
        EXPECT_TRUE(label(dialog, "passphrase_problem").Contains("differ"));
        text(dialog, "new_passphrase_again")->SetValue(kPassphrase);
        sheet_driver = std::make_unique<WhenOpen>("recovery_key_dialog", [&](wxWindow* sheet) {
            CancelIfStillOpen guard{"recovery_key_dialog"};
            shown_key = text(sheet, "recovery_key")->GetValue().ToStdString();
            text(sheet, "recovery_key_typed")->SetValue("AAAAA-BBBBB");
            press(sheet, wxID_OK);
            EXPECT_TRUE(label(sheet, "recovery_problem").Contains("not the recovery key"));
            text(sheet, "recovery_key_typed")->SetValue(shown_key);
            press(sheet, wxID_OK);
            answered = true;
        });
        press(dialog, wxID_OK);
    });
    auto created = frame->create_encrypted_practice(dir.file("practice"));
    ASSERT_TRUE(answered);
    ASSERT_TRUE(created) << created.error().message;
    ASSERT_NE(frame->practice(), nullptr);
    ASSERT_NE(frame->practice()->key(), nullptr);
    frame->close_practice();
    // The key shown opens it; the database on disk is not a plain SQLite file.
    std::string database = dyad::practice_database_path(dir.file("practice"));
    EXPECT_TRUE(dyad::crypto::unlock_with_recovery_key(database, shown_key));
    EXPECT_TRUE(dyad::crypto::unlock_with_passphrase(database, kPassphrase));
    std::ifstream in(database, std::ios::binary);
    std::string head(16, '\0');
    in.read(head.data(), 16);
    EXPECT_EQ(head.substr(0, 8), "DyadEnc1");
    // The sheet to print.
    std::string failed = dyad::app::save_recovery_sheet(dir.file("sheet.pdf"), shown_key);
    EXPECT_EQ(failed, "");
    std::ifstream pdf(dir.file("sheet.pdf"), std::ios::binary);
    std::string magic(5, '\0');
    pdf.read(magic.data(), 5);
    EXPECT_EQ(magic, "%PDF-");
    frame->Close(true);
    pump(100);
}
