#include "confirm_dialog.h"

#include <wx/button.h>
#include <wx/dialog.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

namespace dyad::ui {

bool confirm(wxWindow* owner, const wxString& question) {
    wxDialog dialog(owner, wxID_ANY, _("Please confirm"), wxDefaultPosition, wxDefaultSize,
                    wxDEFAULT_DIALOG_STYLE, "confirm_dialog");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(new wxStaticText(&dialog, wxID_ANY, question), 0, wxALL, 16);
    auto* buttons = new wxStdDialogButtonSizer();
    buttons->AddButton(new wxButton(&dialog, wxID_YES, _("&Yes")));
    auto* no = new wxButton(&dialog, wxID_NO, _("&No"));
    buttons->AddButton(no);
    buttons->Realize();
    sizer->Add(buttons, 0, wxEXPAND | wxALL, 12);
    dialog.SetSizerAndFit(sizer);
    no->SetDefault();  // Destructive steps are never the default.
    dialog.SetEscapeId(wxID_NO);
    dialog.Bind(
        wxEVT_BUTTON, [&](wxCommandEvent&) { dialog.EndModal(wxID_YES); }, wxID_YES);
    dialog.Bind(
        wxEVT_BUTTON, [&](wxCommandEvent&) { dialog.EndModal(wxID_NO); }, wxID_NO);
    return dialog.ShowModal() == wxID_YES;
}

}  // namespace dyad::ui
