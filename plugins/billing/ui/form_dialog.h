// The Billing tab's dialogs laid out as label/control rows, with OK and Cancel (named so the
// GUI tests find them). Thin wx only.
#pragma once

#include <wx/choice.h>
#include <wx/dialog.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <initializer_list>

namespace dyad::billing {

// A dialog laid out as label/control rows, with OK and Cancel.
struct FormDialog {
    wxDialog dialog;
    wxFlexGridSizer* grid;

    FormDialog(wxWindow* parent, const wxString& title, const char* name)
        : dialog(parent, wxID_ANY, title, wxDefaultPosition, wxDefaultSize,
                 wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER, name),
          grid(new wxFlexGridSizer(2, 6, 12)) {
        grid->AddGrowableCol(1);
    }
    wxTextCtrl* text(const wxString& label, const char* name, const wxString& value = "") {
        auto* control = new wxTextCtrl(&dialog, wxID_ANY, value, wxDefaultPosition, wxSize(260, -1),
                                       0, wxDefaultValidator, name);
        row(label, control);
        return control;
    }
    wxChoice* choice(const wxString& label, const char* name, const wxArrayString& items) {
        auto* control = new wxChoice(&dialog, wxID_ANY, wxDefaultPosition, wxDefaultSize, items, 0,
                                     wxDefaultValidator, name);
        control->SetSelection(0);
        row(label, control);
        return control;
    }
    wxChoice* choice(const wxString& label, const char* name,
                     std::initializer_list<wxString> items) {
        wxArrayString strings;
        for (const wxString& item : items) {
            strings.Add(item);
        }
        return choice(label, name, strings);
    }
    void row(const wxString& label, wxWindow* control) {
        grid->Add(new wxStaticText(&dialog, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL);
        grid->Add(control, 1, wxEXPAND);
    }
    bool show(const wxString& note = "") {
        auto* sizer = new wxBoxSizer(wxVERTICAL);
        sizer->Add(grid, 1, wxEXPAND | wxALL, 12);
        if (!note.empty()) {
            auto* text = new wxStaticText(&dialog, wxID_ANY, note);
            text->Wrap(460);
            sizer->Add(text, 0, wxLEFT | wxRIGHT, 12);
        }
        sizer->Add(dialog.CreateButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, 12);
        dialog.SetSizerAndFit(sizer);
        return dialog.ShowModal() == wxID_OK;
    }
};

}  // namespace dyad::billing
