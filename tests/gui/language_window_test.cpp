// The window in Spanish (issue 19): Settings > General keeps the language for the next start;
// started in Spanish, the menus, the side list, a dialogue script and a printed worksheet are
// in Spanish. And the side list itself: sections, remembered pages, Ctrl+3 onwards.
#include <gtest/gtest.h>
#include <libintl.h>
#include <wx/choice.h>
#include <wx/config.h>
#include <wx/dialog.h>
#include <wx/listctrl.h>
#include <wx/stattext.h>
#include <wx/translation.h>
#include <wx/treectrl.h>

#include <clocale>
#include <cstdlib>
#include <dyad/show.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "db/maintenance.h"
#include "gui_fixtures.h"
#include "language.h"
#include "main_frame_ids.h"
#include "plugins_dialog.h"

using namespace dyad;
using namespace dyad::gui_test;

namespace {

// The catalogs of the build tree for one test; English again afterwards, whatever happens.
struct InLanguage {
    explicit InLanguage(const std::string& code) {
        applied = app::apply_language(code, {DYAD_BUILD_LOCALE_DIR});
    }
    ~InLanguage() {
        wxTranslations::Set(nullptr);
        dyad::show::set_language("en", nullptr);
    }
    std::string applied;
};

// Everything a window and its children say (labels, choices), one per line.
void collect_labels(wxWindow* window, std::string& text) {
    if (auto* label = dynamic_cast<wxStaticText*>(window)) {
        text += label->GetLabel().utf8_string() + "\n";
    } else if (auto* choice = dynamic_cast<wxChoice*>(window)) {
        for (unsigned i = 0; i < choice->GetCount(); ++i) {
            text += choice->GetString(i).utf8_string() + "\n";
        }
    }
    for (wxWindow* child : window->GetChildren()) {
        collect_labels(child, text);
    }
}

std::int64_t ortiz_unit(app::MainFrame* frame) {
    records::UnitQuery ortiz;
    ortiz.search = "Ortiz";
    return frame->practice()->records().units(ortiz)->front().id;
}

void show_panel(app::MainFrame* frame, const char* id) {
    wxWindow* panel = frame->unit_panel(id);
    ASSERT_NE(panel, nullptr) << id;
    frame->notebook()->SetSelection(static_cast<size_t>(frame->notebook()->FindPage(panel)));
    pump(200);
}

}  // namespace

TEST(Language, SettingsKeepsTheLanguageChosenForTheNextStart) {
    PluginWindow window({"records"});
    app::set_configured_language("");
    bool chosen = false;
    window.frame->CallAfter([&] {
        pump(200);
        wxWindow* dialog = open_dialog("settings_dialog");
        ASSERT_NE(dialog, nullptr);
        auto* language = dynamic_cast<wxChoice*>(dialog->FindWindow("settings_language"));
        ASSERT_NE(language, nullptr);
        EXPECT_EQ(language->GetSelection(), 0);  // The desktop's, until chosen.
        ASSERT_NE(language->FindString(wxString::FromUTF8("Español")), wxNOT_FOUND);
        language->SetSelection(language->FindString(wxString::FromUTF8("Español")));
        chosen = true;
        click(dialog->FindWindow(wxID_OK));
    });
    wxCommandEvent open_settings(wxEVT_MENU, wxID_PREFERENCES);
    window.frame->GetEventHandler()->ProcessEvent(open_settings);
    ASSERT_TRUE(chosen);
    EXPECT_EQ(app::configured_language(), "es");
    // The window already shown keeps its language until the next start.
    EXPECT_EQ(window.frame->GetMenuBar()->GetMenuLabelText(0), "File");
    // A hand-edited code Dyad does not offer is the desktop's language, never a path.
    for (const char* edited : {"../../tmp/x", "es_ES", "klingon"}) {
        app::set_configured_language(edited);
        EXPECT_EQ(app::configured_language(), "") << edited;
    }
    app::set_configured_language("");
}

TEST(Language, StartedInSpanishTheWindowADialogueScriptAndAPrintedWorksheetAreSpanish) {
    InLanguage spanish("es");
    ASSERT_EQ(spanish.applied, "es") << "no Spanish catalog in " << DYAD_BUILD_LOCALE_DIR;
    // links_sqlite: a plugin refused for bringing a second SQLite, for its reason in Spanish.
    PluginWindow window({"records", "workup", "dialogue", "bcr", test::fixture("links_sqlite")},
                        wxSize(1200, 860), true);
    app::MainFrame* frame = window.frame;
    frame->select_unit(ortiz_unit(frame));
    pump(300);

    // The host's words, a plugin's tab title and the section it stands in.
    EXPECT_EQ(frame->GetMenuBar()->GetMenuLabelText(0), "Archivo");
    EXPECT_EQ(frame->notebook()->GetPageText(0), "Inicio");
    EXPECT_NE(app::find_section(frame->notebook(), "imago"), wxNOT_FOUND);
    EXPECT_EQ(app::section_title("imago"), "Trabajo Imago");
    wxWindow* forms = frame->unit_panel("workup.forms");
    ASSERT_NE(forms, nullptr);
    EXPECT_EQ(
        frame->notebook()->GetPageText(static_cast<size_t>(frame->notebook()->FindPage(forms))),
        "Hojas de trabajo");
    {
        // Plugins' names and descriptions, from each plugin's own catalog.
        app::PluginsDialog dialog(frame, frame->practice()->plugins(),
                                  [](wxWindow*, const wxString&) { return false; });
        auto* list = dynamic_cast<wxListCtrl*>(dialog.FindWindow("plugins_list"));
        ASSERT_NE(list, nullptr);
        std::string names;
        long records = -1;
        for (long row = 0; row < list->GetItemCount(); ++row) {
            names += list->GetItemText(row).utf8_string() + "\n";
            if (list->GetItemText(row) == wxString::FromUTF8("Historias clínicas")) {
                records = row;
            }
        }
        EXPECT_NE(names.find("Hojas de trabajo Imago"), std::string::npos) << names;
        EXPECT_NE(names.find("Guía del Diálogo Imago"), std::string::npos) << names;
        ASSERT_NE(records, -1) << names;
        EXPECT_NE(
            dialog.details(records).utf8_string().find("Notas de evolución y de psicoterapia"),
            std::string::npos);
        // Why a plugin was refused: Spanish in the window, English in the log and dyadctl.
        std::string reasons;
        for (long row = 0; row < list->GetItemCount(); ++row) {
            reasons += list->GetItemText(row, 5).utf8_string() + "\n";
        }
        EXPECT_NE(reasons.find("enlaza su propia copia de SQLite (libsqlcipher"), std::string::npos)
            << reasons;
        bool english = false;
        for (const auto& plugin : frame->practice()->plugins().plugins()) {
            english = english || plugin.reason.starts_with("it links its own copy of SQLite");
        }
        EXPECT_TRUE(english);
        // A quarantine's reason, kept in English in the practice, is read back into its parts.
        Reason crashed = plugins::quarantine_words(
            "it crashed Dyad while loading (a segmentation fault, 2026-12-04T06:00:00Z); enable "
            "it again to retry");
        EXPECT_EQ(crashed.shown(),
                  "hizo fallar a Dyad mientras se cargaba (un fallo de segmentación, "
                  "2026-12-04T06:00:00Z); actívelo de nuevo para volver a intentarlo");
        EXPECT_EQ(plugins::quarantine_words("kept by an older Dyad").shown(),
                  "kept by an older Dyad");
        // A core error core code marked as a whole sentence (the unlock dialog's), and one it
        // did not (shown as it is).
        EXPECT_EQ(app::error_text(Error{ErrorCode::Refused, "wrong passphrase"}).utf8_string(),
                  "frase de contraseña incorrecta");
        EXPECT_EQ(app::error_text(Error{ErrorCode::Io, "disk full: /tmp/x"}), "disk full: /tmp/x");

        // Core errors from the real code: a whole sentence, one with a value, one inside
        // another's words. English stays in the message (the log, dyadctl).
        records::AppointmentFields backwards;
        backwards.unit_id = ortiz_unit(frame);
        backwards.starts_at = "2026-12-04T10:00:00Z";
        backwards.ends_at = "2026-12-04T09:00:00Z";
        auto appointment = frame->practice()->records().create_appointment(backwards, "user");
        ASSERT_FALSE(appointment);
        EXPECT_EQ(appointment.error().message, "The appointment ends before it starts.");
        EXPECT_EQ(app::error_text(appointment.error()).utf8_string(),
                  "La cita termina antes de empezar.");
        auto nobody = frame->practice()->records().unit(987654);
        ASSERT_FALSE(nobody);
        EXPECT_EQ(nobody.error().message, "No such client unit (id 987654).");
        EXPECT_EQ(app::error_text(nobody.error()).utf8_string(),
                  "No existe esa unidad de clientes (id 987654).");
        test::TempDir folder;
        std::string junk = folder.file("junk.dyadbackup");
        std::ofstream(junk) << "not a backup";
        auto restored = db::restore_database(junk, folder.file("live.db"), 0);
        ASSERT_FALSE(restored);
        EXPECT_TRUE(restored.error().message.ends_with("; the current database was not touched"))
            << restored.error().message;
        std::string shown = app::error_text(restored.error()).utf8_string();
        EXPECT_TRUE(shown.ends_with("; no se tocó la base de datos actual")) << shown;
        EXPECT_EQ(shown.find("backup"), std::string::npos) << shown;
    }

    frame->notebook()->SetSelection(1);  // The Overview, for the record.
    pump(200);
    screenshot(frame, "spanish-overview");

    // A dialogue script: the Spanish file's title and, in the coach, its sentence stems.
    show_panel(frame, "dialogue.coach");
    wxWindow* dialogue = frame->unit_panel("dialogue.coach");
    auto* script = dynamic_cast<wxChoice*>(dialogue->FindWindow("dialogue_script"));
    ASSERT_NE(script, nullptr);
    int couple = script->FindString(wxString::FromUTF8("Diálogo de Pareja"));
    ASSERT_NE(couple, wxNOT_FOUND);
    script->SetSelection(couple);
    click(dialogue->FindWindow("dialogue_start"));
    wxWindow* coach = open_dialog("dialogue_coach");
    ASSERT_NE(coach, nullptr) << "the coach did not open";
    pump(200);
    std::string said;
    collect_labels(coach, said);
    EXPECT_NE(said.find("Me gustaría tener un diálogo"), std::string::npos) << said;
    // Closing the coach asks for the fidelity checklist: answered, so the test goes on.
    WhenOpen checklist("dialogue_checklist", [](wxWindow* dialog) {
        dynamic_cast<wxDialog*>(dialog)->EndModal(wxID_CANCEL);
    });
    coach->Close(true);
    pump(200);

    // A printed worksheet: the Spanish form's words and a Spanish date.
    std::string printed = window.dir.file("worksheet.pdf");
    PrintToFile to_file(printed);
    show_panel(frame, "workup.forms");
    frame->print_shown(false);
    ASSERT_TRUE(pump_until([&] { return std::filesystem::exists(printed); }, 15000))
        << "the worksheet was not printed";
    pump_until([&] { return std::filesystem::file_size(printed) > 1000; }, 5000);
    auto text = test::run_process({DYAD_PDFTOTEXT, printed, "-"});
    ASSERT_EQ(text.exit_code, 0) << text.err;
    EXPECT_NE(text.out.find("Conductas de Cuidado: Ana"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("Página"), std::string::npos) << text.out;
}

// The side list: sections with their tabs under them, each unit opens on the page last shown
// for it, and Ctrl+3 onwards go to the sections in their order.
TEST(SideList, SectionsHoldTheTabsAndEachUnitOpensWhereItWasLeft) {
    PluginWindow window({"records", "workup", "dialogue", "bcr", "billing", "measures", "mail"},
                        wxSize(1200, 860));
    app::MainFrame* frame = window.frame;
    wxTreebook* book = frame->notebook();
    EXPECT_EQ(book->GetPageText(0), "Home");
    EXPECT_EQ(book->GetPageText(1), "Overview");
    const char* sections[] = {"chart", "imago", "billing", "contact"};
    int last = 1;
    for (const char* group : sections) {
        int at = app::find_section(book, group);
        ASSERT_NE(at, wxNOT_FOUND) << group;
        EXPECT_GT(at, last) << group << " out of order";
        EXPECT_EQ(book->GetPage(static_cast<size_t>(at)), nullptr);
        last = at;
    }
    // Every tab stands under its section.
    auto parent_of = [&](const char* panel) {
        return book->GetPageParent(static_cast<size_t>(book->FindPage(frame->unit_panel(panel))));
    };
    EXPECT_EQ(parent_of("records.notes"), app::find_section(book, "chart"));
    EXPECT_EQ(parent_of("measures.unit"), app::find_section(book, "chart"));
    EXPECT_EQ(parent_of("workup.forms"), app::find_section(book, "imago"));
    EXPECT_EQ(parent_of("bcr.requests"), app::find_section(book, "imago"));
    EXPECT_EQ(parent_of("billing.unit"), app::find_section(book, "billing"));
    EXPECT_EQ(parent_of("mail.unit"), app::find_section(book, "contact"));

    // Ana & Ben on their Requests, Carla on her Notes: each opens where it was left.
    std::int64_t ortiz = ortiz_unit(frame);
    records::UnitQuery query;
    query.search = "Carla";
    std::int64_t carla = frame->practice()->records().units(query)->front().id;
    frame->select_unit(ortiz);
    show_panel(frame, "bcr.requests");
    frame->select_unit(carla);
    pump(100);
    show_panel(frame, "records.notes");
    frame->select_unit(ortiz);
    pump(100);
    EXPECT_EQ(book->GetCurrentPage(), frame->unit_panel("bcr.requests"));
    frame->select_unit(carla);
    pump(100);
    EXPECT_EQ(book->GetCurrentPage(), frame->unit_panel("records.notes"));

    // A section itself selected (a click on its title): its first tab is what shows and prints.
    book->SetSelection(static_cast<size_t>(app::find_section(book, "chart")));
    pump(100);
    EXPECT_EQ(app::shown_page(book), frame->unit_panel("records.clients"));

    // Ctrl+4: the second section (Imago work) shows its first tab, the tree focused.
    ASSERT_TRUE(run_menu_command(frame, "View", "Imago work"));
    pump(100);
    EXPECT_EQ(book->GetPageParent(static_cast<size_t>(book->GetSelection())) ==
                      app::find_section(book, "imago") ||
                  book->GetSelection() == app::find_section(book, "imago"),
              true);
    wxMenuItem* item =
        frame->GetMenuBar()->FindItem(frame->GetMenuBar()->FindMenuItem("View", "Imago work"));
    ASSERT_NE(item, nullptr);
    EXPECT_EQ(item->GetItemLabel().AfterFirst('\t'), "Ctrl+4");
}

// GTK's own words (a file or print dialog's buttons) come from gettext and LANGUAGE, which
// main() sets from the language kept in the configuration before GTK starts.
TEST(Language, GtksOwnDialogsFollowTheLanguageChosenInSettings) {
    test::TempDir dir;
    std::string config = dir.file("dyad.conf");
    wxConfigBase* in_use = wxConfigBase::Get(false);
    const char* before = std::getenv("LANGUAGE");
    std::string kept = before != nullptr ? before : "";
    struct Restore {
        const char* before;
        std::string kept;
        ~Restore() {
            if (before != nullptr) {
                setenv("LANGUAGE", kept.c_str(), 1);
            } else {
                unsetenv("LANGUAGE");
            }
        }
    } restore{before, kept};

    EXPECT_EQ(app::set_toolkit_language(config), "");  // No file yet: the desktop's.
    EXPECT_EQ(std::getenv("LANGUAGE") != nullptr ? std::string(std::getenv("LANGUAGE")) : "", kept);
    std::ofstream(config) << "[ui]\nlanguage=es\n";
    EXPECT_EQ(app::set_toolkit_language(config), "es");
    ASSERT_NE(std::getenv("LANGUAGE"), nullptr);
    EXPECT_STREQ(std::getenv("LANGUAGE"), "es");
    // GTK's catalog (libgtk-3-common) then answers in Spanish (under any locale but "C", where
    // gettext ignores LANGUAGE; C.UTF-8 is always there).
    std::string messages = setlocale(LC_MESSAGES, nullptr);
    ASSERT_NE(setlocale(LC_MESSAGES, "C.UTF-8"), nullptr);
    EXPECT_STREQ(dgettext("gtk30", "_Cancel"), "_Cancelar");
    setlocale(LC_MESSAGES, messages.c_str());
    std::ofstream(config) << "[ui]\nlanguage=../x\n";  // Not offered: left alone.
    setenv("LANGUAGE", "fr", 1);
    EXPECT_EQ(app::set_toolkit_language(config), "");
    EXPECT_STREQ(std::getenv("LANGUAGE"), "fr");
    EXPECT_EQ(wxConfigBase::Get(false), in_use);  // The configuration in use is kept.
}
