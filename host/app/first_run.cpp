#include "first_run.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/dialog.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace dyad::app {

FirstRunAnswer ask_first_run(wxWindow* parent) {
    wxDialog dialog(parent, wxID_ANY, _("Welcome to Dyad"), wxDefaultPosition, wxDefaultSize,
                    wxDEFAULT_DIALOG_STYLE, "first_run_dialog");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* intro = new wxStaticText(
        &dialog, wxID_ANY,
        _("Dyad keeps your practice on this computer, in one database you control.\n"
          "Start a practice of your own, or look around in a demo practice first."));
    auto* name_label = new wxStaticText(&dialog, wxID_ANY, _("&Practice name:"));
    auto* name = new wxTextCtrl(&dialog, wxID_ANY, _("My Practice"), wxDefaultPosition,
                                wxSize(320, -1), 0, wxDefaultValidator, "practice_name");
    auto* encrypt = new wxCheckBox(
        &dialog, wxID_ANY, _("&Encrypt the practice with a passphrase (recommended)"),
        wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator, "encrypt_practice");
    encrypt->SetValue(true);
    auto* create = new wxButton(&dialog, wxID_NEW, _("&Create Practice"));
    auto* demo = new wxButton(&dialog, wxID_OPEN, _("Open the &Demo Practice"));
    auto* quit = new wxButton(&dialog, wxID_CANCEL, _("&Quit"));
    sizer->Add(intro, 0, wxALL, 16);
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    row->Add(name_label, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 8);
    row->Add(name, 1);
    sizer->Add(row, 0, wxEXPAND | wxLEFT | wxRIGHT, 16);
    sizer->Add(encrypt, 0, wxLEFT | wxRIGHT | wxTOP, 16);
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    buttons->Add(create, 0, wxRIGHT, 8);
    buttons->Add(demo, 0, wxRIGHT, 8);
    buttons->AddStretchSpacer();
    buttons->Add(quit);
    sizer->Add(buttons, 0, wxEXPAND | wxALL, 16);
    dialog.SetSizerAndFit(sizer);
    create->SetDefault();
    FirstRunAnswer answer;
    create->Bind(wxEVT_BUTTON, [&](wxCommandEvent&) {
        if (name->GetValue().Trim().Trim(false).empty()) {
            name->SetFocus();
            return;
        }
        answer.choice = FirstRunChoice::CreatePractice;
        answer.practice_name = name->GetValue().ToStdString(wxConvUTF8);
        answer.encrypt = encrypt->GetValue();
        dialog.EndModal(wxID_NEW);
    });
    demo->Bind(wxEVT_BUTTON, [&](wxCommandEvent&) {
        answer.choice = FirstRunChoice::OpenDemo;
        dialog.EndModal(wxID_OPEN);
    });
    dialog.ShowModal();
    return answer;
}

}  // namespace dyad::app
