#include "settings_dialog.h"

#include <wx/choice.h>
#include <wx/dialog.h>
#include <wx/listbook.h>
#include <wx/msgdlg.h>
#include <wx/panel.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <dyad/sdk.h>

#include "accessible.h"
#include "language.h"

namespace dyad::app {
namespace {

// The General page: the language, with the note that it applies at the next start.
wxChoice* add_general_page(wxListbook* book) {
    auto* page = new wxPanel(book, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL,
                             "settings_general");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    auto* label = new wxStaticText(page, wxID_ANY, _("&Language:"));
    auto* choice = new wxChoice(page, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0,
                                wxDefaultValidator, "settings_language");
    std::string current = configured_language();
    for (const auto& option : language_options()) {
        choice->Append(option.name);
        if (option.code == current) {
            choice->SetSelection(static_cast<int>(choice->GetCount()) - 1);
        }
    }
    if (choice->GetSelection() == wxNOT_FOUND) {
        choice->SetSelection(0);
    }
    set_accessible_name(choice, _("Language"), wxString(), false);
    row->Add(label, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 8);
    row->Add(choice, 1);
    sizer->Add(row, 0, wxEXPAND | wxALL, 12);
    sizer->Add(new wxStaticText(page, wxID_ANY,
                                _("The window, printed documents and data files (dialogue "
                                  "scripts, worksheets, note templates) change language the "
                                  "next time Dyad starts.")),
               0, wxLEFT | wxRIGHT, 12);
    page->SetSizer(sizer);
    book->AddPage(page, _("General"));
    return choice;
}

}  // namespace

void show_settings(wxWindow* parent, const std::vector<plugins::SettingsPageContribution>& pages) {
    wxDialog dialog(parent, wxID_ANY, _("Settings"), wxDefaultPosition, wxSize(640, 440),
                    wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER, "settings_dialog");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* book = new wxListbook(&dialog, wxID_ANY);
    wxChoice* language = add_general_page(book);
    std::vector<std::pair<const plugins::SettingsPageContribution*, wxWindow*>> created;
    for (const auto& page : pages) {
        auto* holder = new wxPanel(book);
        auto* window = static_cast<wxWindow*>(page.create(page.user, holder));
        if (window == nullptr) {
            holder->Destroy();
            continue;
        }
        auto* holder_sizer = new wxBoxSizer(wxVERTICAL);
        holder_sizer->Add(window, 1, wxEXPAND | wxALL, 8);
        holder->SetSizer(holder_sizer);
        book->AddPage(holder, wxString::FromUTF8(page.title));
        created.emplace_back(&page, window);
    }
    sizer->Add(book, 1, wxEXPAND | wxALL, 8);
    sizer->Add(dialog.CreateSeparatedButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, 8);
    dialog.SetSizer(sizer);
    dialog.Bind(
        wxEVT_BUTTON,
        [&](wxCommandEvent&) {
            for (const auto& [page, window] : created) {
                if (page->apply != nullptr && page->apply(page->user, window) != DYAD_OK) {
                    wxMessageBox(wxString::Format(_("The settings on the page \"%s\" were not "
                                                    "saved; please correct them."),
                                                  wxString::FromUTF8(page->title)),
                                 _("Settings"), wxOK | wxICON_WARNING, &dialog);
                    return;
                }
            }
            // Kept for the next start (the page says so): strings already shown stay as they are.
            auto options = language_options();
            int chosen = language->GetSelection();
            if (chosen >= 0 && static_cast<std::size_t>(chosen) < options.size()) {
                set_configured_language(options[static_cast<std::size_t>(chosen)].code);
            }
            dialog.EndModal(wxID_OK);
        },
        wxID_OK);
    dialog.ShowModal();
    // The plugin windows die with the dialog, before any plugin could be destroyed.
}

}  // namespace dyad::app
