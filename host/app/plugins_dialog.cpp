#include "plugins_dialog.h"

#include <wx/button.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <algorithm>

namespace dyad::app {

PluginsDialog::PluginsDialog(wxWindow* parent, plugins::PluginManager& manager)
    : wxDialog(parent, wxID_ANY, _("Plugins"), wxDefaultPosition, wxSize(900, 420),
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER, "plugins_dialog"),
      m_manager(manager) {
    m_list = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                            wxLC_REPORT | wxLC_SINGLE_SEL, wxDefaultValidator, "plugins_list");
    m_list->AppendColumn(_("Plugin"), wxLIST_FORMAT_LEFT, 180);
    m_list->AppendColumn(_("Version"), wxLIST_FORMAT_LEFT, 70);
    m_list->AppendColumn(_("SDK"), wxLIST_FORMAT_LEFT, 50);
    m_list->AppendColumn(_("Folder"), wxLIST_FORMAT_LEFT, 80);
    m_list->AppendColumn(_("State"), wxLIST_FORMAT_LEFT, 110);
    m_list->AppendColumn(_("Reason"), wxLIST_FORMAT_LEFT, 400);
    auto* enable = new wxButton(this, wxID_ANY, _("&Enable"));
    auto* disable = new wxButton(this, wxID_ANY, _("&Disable"));
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    buttons->Add(enable, 0, wxRIGHT, 6);
    buttons->Add(disable, 0);
    buttons->AddStretchSpacer();
    buttons->Add(new wxButton(this, wxID_CLOSE, _("&Close")));
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(m_list, 1, wxEXPAND | wxALL, 8);
    sizer->Add(new wxStaticText(this, wxID_ANY,
                                _("Changes take effect when Dyad starts next. Plugins from your "
                                  "own plugin folder start disabled until you enable them.")),
               0, wxLEFT | wxRIGHT, 8);
    sizer->Add(buttons, 0, wxEXPAND | wxALL, 8);
    SetSizer(sizer);
    SetEscapeId(wxID_CLOSE);
    enable->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { set_enabled(true); });
    disable->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { set_enabled(false); });
    fill();
}

void PluginsDialog::fill() {
    m_list->DeleteAllItems();
    for (const auto& plugin : m_manager.plugins()) {
        long row =
            m_list->InsertItem(m_list->GetItemCount(),
                               wxString::FromUTF8(plugin.name.empty() ? plugin.id : plugin.name));
        m_list->SetItem(row, 1, wxString::FromUTF8(plugin.version));
        m_list->SetItem(row, 2, wxString::FromUTF8(plugin.sdk_version));
        m_list->SetItem(row, 3, plugins::to_string(plugin.source));
        wxString state = plugins::to_string(plugin.state);
        if (std::find(m_pending.begin(), m_pending.end(), plugin.id) != m_pending.end()) {
            state += _(" (changed)");
        }
        m_list->SetItem(row, 4, state);
        m_list->SetItem(row, 5, wxString::FromUTF8(plugin.reason));
    }
}

void PluginsDialog::set_enabled(bool enabled) {
    long row = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (row < 0) {
        wxMessageBox(_("Choose a plugin in the list first."), _("Plugins"), wxOK, this);
        return;
    }
    const auto& plugin = m_manager.plugins()[static_cast<std::size_t>(row)];
    auto done = m_manager.set_enabled(plugin.id, enabled);
    if (!done) {
        wxMessageBox(wxString::FromUTF8(done.error().message), _("Plugins"), wxOK | wxICON_ERROR,
                     this);
        return;
    }
    m_pending.push_back(plugin.id);
    fill();
}

}  // namespace dyad::app
