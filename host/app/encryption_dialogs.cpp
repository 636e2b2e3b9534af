#include "encryption_dialogs.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/dialog.h>
#include <wx/filedlg.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/utils.h>

#include "error_text.h"

#include <dyad/show.hpp>
#include <filesystem>

#include "pdf_document.h"

namespace dyad::app {
namespace {

void wipe(wxTextCtrl* field) {
    field->ChangeValue(wxString(' ', field->GetValue().length()));
    field->Clear();
}

std::string take(wxTextCtrl* field) {
    std::string text = field->GetValue().ToStdString(wxConvUTF8);
    wipe(field);
    return text;
}

}  // namespace

wxStaticText* problem_label(wxWindow* parent, const char* name) {
    auto* label = new wxStaticText(parent, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0, name);
    label->SetForegroundColour(*wxRED);
    return label;
}

std::optional<crypto::PracticeKey> ask_unlock(wxWindow* parent, const std::string& database_path,
                                              std::string* typed_passphrase) {
    if (auto remembered = crypto::unlock_with_keyring(database_path)) {
        return std::move(*remembered);
    }
    wxDialog dialog(parent, wxID_ANY, _("Unlock the Practice"), wxDefaultPosition, wxDefaultSize,
                    wxDEFAULT_DIALOG_STYLE, "unlock_dialog");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* intro = new wxStaticText(
        &dialog, wxID_ANY,
        wxString::Format(
            _("The practice in %s is encrypted.\nEnter its passphrase to open it."),
            wxString::FromUTF8(std::filesystem::path(database_path).parent_path().string())));
    auto* field =
        new wxTextCtrl(&dialog, wxID_ANY, "", wxDefaultPosition, wxSize(360, -1),
                       wxTE_PASSWORD | wxTE_PROCESS_ENTER, wxDefaultValidator, "passphrase");
    auto* use_recovery =
        new wxCheckBox(&dialog, wxID_ANY, _("I lost the passphrase: use the &recovery key instead"),
                       wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator, "use_recovery");
    auto* problem = problem_label(&dialog, "unlock_problem");
    sizer->Add(intro, 0, wxALL, 16);
    sizer->Add(field, 0, wxEXPAND | wxLEFT | wxRIGHT, 16);
    sizer->Add(use_recovery, 0, wxLEFT | wxRIGHT | wxTOP, 16);
    sizer->Add(problem, 0, wxALL, 16);
    sizer->Add(dialog.CreateButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, 16);
    dialog.SetSizerAndFit(sizer);
    if (auto* ok = dynamic_cast<wxButton*>(dialog.FindWindow(wxID_OK))) {
        ok->SetLabel(_("&Unlock"));
    }
    std::optional<crypto::PracticeKey> key;
    auto attempt = [&] {
        std::string secret = take(field);
        wxBusyCursor busy;
        auto unlocked = use_recovery->GetValue()
                            ? crypto::unlock_with_recovery_key(database_path, secret)
                            : crypto::unlock_with_passphrase(database_path, secret);
        if (unlocked && typed_passphrase != nullptr && !use_recovery->GetValue()) {
            *typed_passphrase = secret;
        }
        std::fill(secret.begin(), secret.end(), '\0');
        if (unlocked) {
            key = std::move(*unlocked);
            dialog.EndModal(wxID_OK);
            return;
        }
        problem->SetLabel(error_text(unlocked.error()));
        dialog.Fit();
        field->SetFocus();
    };
    dialog.Bind(
        wxEVT_BUTTON, [&](wxCommandEvent&) { attempt(); }, wxID_OK);
    field->Bind(wxEVT_TEXT_ENTER, [&](wxCommandEvent&) { attempt(); });
    use_recovery->Bind(wxEVT_CHECKBOX, [&](wxCommandEvent&) {
        field->SetHint(use_recovery->GetValue() ? _("XXXXX-XXXXX-...") : wxString());
        field->SetFocus();
    });
    field->SetFocus();
    dialog.ShowModal();
    return key;
}

std::optional<NewPassphrase> ask_new_passphrase(wxWindow* parent, const wxString& title,
                                                bool offer_remember) {
    wxDialog dialog(parent, wxID_ANY, title, wxDefaultPosition, wxDefaultSize,
                    wxDEFAULT_DIALOG_STYLE, "new_passphrase_dialog");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(new wxStaticText(&dialog, wxID_ANY,
                                _("Choose a passphrase: several words are easy to remember and "
                                  "hard to guess.\nWithout it (or the recovery key you get next) "
                                  "nobody can read the practice, not even Dyad's support.")),
               0, wxALL, 16);
    auto* first = new wxTextCtrl(&dialog, wxID_ANY, "", wxDefaultPosition, wxSize(360, -1),
                                 wxTE_PASSWORD, wxDefaultValidator, "new_passphrase");
    auto* again = new wxTextCtrl(&dialog, wxID_ANY, "", wxDefaultPosition, wxSize(360, -1),
                                 wxTE_PASSWORD, wxDefaultValidator, "new_passphrase_again");
    first->SetHint(_("Passphrase"));
    again->SetHint(_("The same passphrase again"));
    sizer->Add(first, 0, wxEXPAND | wxLEFT | wxRIGHT, 16);
    sizer->Add(again, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 16);
    wxCheckBox* remember = nullptr;
    if (offer_remember) {
        remember =
            new wxCheckBox(&dialog, wxID_ANY,
                           _("Remember on this computer (the desktop keyring opens it "
                             "without asking)"),
                           wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator, "remember");
        sizer->Add(remember, 0, wxLEFT | wxRIGHT | wxTOP, 16);
    }
    auto* problem = problem_label(&dialog, "passphrase_problem");
    sizer->Add(problem, 0, wxALL, 16);
    sizer->Add(dialog.CreateButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, 16);
    dialog.SetSizerAndFit(sizer);
    std::optional<NewPassphrase> answer;
    dialog.Bind(
        wxEVT_BUTTON,
        [&](wxCommandEvent&) {
            std::string text = first->GetValue().ToStdString(wxConvUTF8);
            std::string problem_text = crypto::passphrase_problem(text);
            if (problem_text.empty() && again->GetValue() != first->GetValue()) {
                problem_text = _("the two passphrases differ").utf8_string();
            }
            if (!problem_text.empty()) {
                std::fill(text.begin(), text.end(), '\0');
                problem->SetLabel(
                    wxString::FromUTF8(show::tr_in(kErrorContext, problem_text.c_str())));
                dialog.Fit();
                return;
            }
            answer = NewPassphrase{std::move(text), remember != nullptr && remember->GetValue()};
            wipe(first);
            wipe(again);
            dialog.EndModal(wxID_OK);
        },
        wxID_OK);
    first->SetFocus();
    dialog.ShowModal();
    return answer;
}

std::string save_recovery_sheet(const std::string& path, const std::string& recovery_text) {
    auto document = pdf::PdfDocument::create(
        path, show::tr("Dyad recovery key: keep it apart from the computer"));
    if (!document) {
        return document.error();
    }
    document->title(show::tr("Dyad recovery key"));
    document->paragraph(
        show::tr("This key opens your encrypted practice when its passphrase is lost. Keep this "
                 "page somewhere safe and away from the computer (a locked drawer, a safe): "
                 "anyone holding it and a copy of the practice can read it."));
    document->space(12);
    document->field(show::tr("Recovery key"), recovery_text);
    document->space(12);
    document->note(
        show::tr("Type it with or without the dashes; letters may be small or capital."));
    auto finished = document->finish();
    return finished ? "" : finished.error();
}

bool show_recovery_key(wxWindow* parent, const std::string& recovery_text) {
    wxDialog dialog(parent, wxID_ANY, _("Your Recovery Key"), wxDefaultPosition, wxDefaultSize,
                    wxDEFAULT_DIALOG_STYLE, "recovery_key_dialog");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(new wxStaticText(&dialog, wxID_ANY,
                                _("This recovery key opens the practice if the passphrase is "
                                  "ever lost. It is shown this once.\nPrint it or write it down, "
                                  "and keep it away from this computer.")),
               0, wxALL, 16);
    auto* shown = new wxTextCtrl(&dialog, wxID_ANY, wxString::FromUTF8(recovery_text),
                                 wxDefaultPosition, wxSize(520, -1), wxTE_READONLY | wxTE_CENTER,
                                 wxDefaultValidator, "recovery_key");
    shown->SetFont(wxFont(wxFontInfo(13).Family(wxFONTFAMILY_TELETYPE)));
    sizer->Add(shown, 0, wxEXPAND | wxLEFT | wxRIGHT, 16);
    auto* save = new wxButton(&dialog, wxID_SAVE, _("&Save as PDF to Print..."));
    sizer->Add(save, 0, wxALL, 16);
    sizer->Add(new wxStaticText(&dialog, wxID_ANY,
                                _("Type the recovery key back to show it is "
                                  "kept:")),
               0, wxLEFT | wxRIGHT, 16);
    auto* typed = new wxTextCtrl(&dialog, wxID_ANY, "", wxDefaultPosition, wxSize(520, -1), 0,
                                 wxDefaultValidator, "recovery_key_typed");
    sizer->Add(typed, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 16);
    auto* problem = problem_label(&dialog, "recovery_problem");
    sizer->Add(problem, 0, wxALL, 16);
    sizer->Add(dialog.CreateButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, 16);
    dialog.SetSizerAndFit(sizer);
    save->Bind(wxEVT_BUTTON, [&](wxCommandEvent&) {
        wxFileDialog file(&dialog, _("Save the recovery key sheet"), "", "dyad-recovery-key.pdf",
                          _("PDF files (*.pdf)|*.pdf"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
        if (file.ShowModal() != wxID_OK) {
            return;
        }
        std::string failed =
            save_recovery_sheet(file.GetPath().ToStdString(wxConvUTF8), recovery_text);
        if (!failed.empty()) {
            wxMessageBox(
                wxString::Format(_("The sheet was not saved: %s"), wxString::FromUTF8(failed)),
                _("Recovery Key"), wxOK | wxICON_ERROR, &dialog);
        } else {
            wxMessageBox(_("Saved. Print it, then delete the file: a recovery key belongs on "
                           "paper, not on this computer."),
                         _("Recovery Key"), wxOK | wxICON_INFORMATION, &dialog);
        }
    });
    bool confirmed = false;
    dialog.Bind(
        wxEVT_BUTTON,
        [&](wxCommandEvent&) {
            auto entered = crypto::parse_recovery_key(typed->GetValue().ToStdString(wxConvUTF8));
            auto expected = crypto::parse_recovery_key(recovery_text);
            if (!entered || !expected || !entered->equals(*expected)) {
                problem->SetLabel(_("That is not the recovery key shown above."));
                dialog.Fit();
                return;
            }
            confirmed = true;
            dialog.EndModal(wxID_OK);
        },
        wxID_OK);
    typed->SetFocus();
    dialog.ShowModal();
    return confirmed;
}

}  // namespace dyad::app
