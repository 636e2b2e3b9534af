#include "plugins_dialog.h"

#include <wx/button.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <algorithm>

#include "plugins/abi.h"

namespace dyad::app {
namespace {

wxString folder_lines(const std::vector<std::string>& folders) {
    wxString text;
    for (const auto& folder : folders) {
        text += "\n    " + wxString::FromUTF8(folder);
    }
    return text.empty() ? wxString("\n    " + _("(none)")) : text;
}

// The words for the plugin manager's states and folders ("loaded", "installed").
wxString state_label(plugins::PluginState state) {
    switch (state) {
        case plugins::PluginState::Loaded:
            return wxGETTEXT_IN_CONTEXT("plugin state", "loaded");
        case plugins::PluginState::Disabled:
            return wxGETTEXT_IN_CONTEXT("plugin state", "disabled");
        case plugins::PluginState::Refused:
            return wxGETTEXT_IN_CONTEXT("plugin state", "refused");
        case plugins::PluginState::Quarantined:
            return wxGETTEXT_IN_CONTEXT("plugin state", "quarantined");
    }
    return plugins::to_string(state);
}

wxString source_label(plugins::PluginSource source) {
    return source == plugins::PluginSource::Installed
               ? wxGETTEXT_IN_CONTEXT("plugin folder", "installed")
               : wxGETTEXT_IN_CONTEXT("plugin folder", "user");
}

// A plugin's name or description in the person's language, from the plugin's own catalog
// (its domain is its id; the shipped plugins mark them marked("plugin name", ...) and
// marked("plugin description", ...)). As the plugin wrote it when it has no translation.
wxString plugin_words(const std::string& text, const std::string& id, const char* context) {
    if (text.empty()) {
        return {};
    }
    return wxGetTranslation(wxString::FromUTF8(text), wxString::FromUTF8(id), context);
}

}  // namespace

wxString plugin_facts(const plugins::PluginRecord& plugin) {
    wxString text;
    if (!plugin.description.empty()) {
        text << plugin_words(plugin.description, plugin.id, "plugin description") << "\n";
    }
    text << _("Id: ") << wxString::FromUTF8(plugin.id) << "\n"
         << _("Vendor: ") << wxString::FromUTF8(plugin.vendor) << "\n"
         << wxString::Format(_("Version: %s, built for SDK %s"), wxString::FromUTF8(plugin.version),
                             wxString::FromUTF8(plugin.sdk_version))
         << "\n"
         << _("File: ") << wxString::FromUTF8(plugin.path) << "\n";
    if (!plugin.file_hash.empty()) {
        text << _("BLAKE2b-256: ") << wxString::FromUTF8(plugin.file_hash) << "\n";
    }
    if (!plugin.uses) {
        text << _("It declares nothing it will use, so Dyad serves it everything (a plugin "
                  "built for SDK 1.0, or without a list).")
             << "\n";
    } else {
        text << _("It declares that it:") << "\n";
        for (const auto& word : *plugin.uses) {
            text << "  - " << wxString::FromUTF8(plugins::use_description(word)) << " ("
                 << wxString::FromUTF8(word) << ")\n";
        }
        if (plugin.uses->empty()) {
            text << "  - " << _("uses nothing") << "\n";
        }
    }
    if (!plugin.reason.empty()) {
        text << _("State: ") << wxString::FromUTF8(plugin.shown_reason()) << "\n";
    }
    return text;
}

PluginsDialog::PluginsDialog(wxWindow* parent, plugins::PluginManager& manager, Confirm confirm)
    : wxDialog(parent, wxID_ANY, _("Plugins"), wxDefaultPosition, wxSize(900, 560),
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER, "plugins_dialog"),
      m_manager(manager),
      m_confirm(std::move(confirm)) {
    m_list = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                            wxLC_REPORT | wxLC_SINGLE_SEL, wxDefaultValidator, "plugins_list");
    m_list->AppendColumn(_("Plugin"), wxLIST_FORMAT_LEFT, 180);
    m_list->AppendColumn(_("Version"), wxLIST_FORMAT_LEFT, 70);
    m_list->AppendColumn(_("SDK"), wxLIST_FORMAT_LEFT, 50);
    m_list->AppendColumn(_("Folder"), wxLIST_FORMAT_LEFT, 80);
    m_list->AppendColumn(_("State"), wxLIST_FORMAT_LEFT, 110);
    m_list->AppendColumn(_("Reason"), wxLIST_FORMAT_LEFT, 400);
    m_details =
        new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(-1, 150),
                       wxTE_MULTILINE | wxTE_READONLY, wxDefaultValidator, "plugin_details");
    auto* enable = new wxButton(this, wxID_ANY, _("&Enable..."));
    auto* disable = new wxButton(this, wxID_ANY, _("&Disable"));
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    buttons->Add(enable, 0, wxRIGHT, 6);
    buttons->Add(disable, 0);
    buttons->AddStretchSpacer();
    buttons->Add(new wxButton(this, wxID_CLOSE, _("&Close")));
    wxString folders = _("Plugins shipped with Dyad:") + folder_lines(manager.installed_folders()) +
                       "\n" + _("This practice's own plugins (start disabled):") +
                       folder_lines(manager.user_folders()) + "\n" +
                       _("Data files (templates, forms, scripts), first found wins:") +
                       folder_lines(manager.resource_folders());
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(m_list, 1, wxEXPAND | wxALL, 8);
    sizer->Add(m_details, 0, wxEXPAND | wxLEFT | wxRIGHT, 8);
    sizer->Add(new wxStaticText(this, wxID_ANY, folders, wxDefaultPosition, wxDefaultSize, 0,
                                "plugin_folders"),
               0, wxALL, 8);
    sizer->Add(new wxStaticText(
                   this, wxID_ANY,
                   _("Changes take effect when Dyad starts next. A plugin is a program running "
                     "inside Dyad: it can do anything you can. Enable only plugins you trust.")),
               0, wxLEFT | wxRIGHT, 8);
    sizer->Add(buttons, 0, wxEXPAND | wxALL, 8);
    SetSizer(sizer);
    SetEscapeId(wxID_CLOSE);
    auto selected = [this] {
        return m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    };
    m_list->Bind(wxEVT_LIST_ITEM_SELECTED,
                 [this](wxListEvent& event) { m_details->SetValue(details(event.GetIndex())); });
    auto act = [this, selected](bool enabled) {
        std::string problem = set_enabled(selected(), enabled);
        if (!problem.empty()) {
            wxMessageBox(wxString::FromUTF8(problem), _("Plugins"), wxOK | wxICON_ERROR, this);
        }
    };
    enable->Bind(wxEVT_BUTTON, [act](wxCommandEvent&) { act(true); });
    disable->Bind(wxEVT_BUTTON, [act](wxCommandEvent&) { act(false); });
    fill();
}

wxString PluginsDialog::details(long row) const {
    if (row < 0 || static_cast<std::size_t>(row) >= m_manager.plugins().size()) {
        return {};
    }
    return plugin_facts(m_manager.plugins()[static_cast<std::size_t>(row)]);
}

void PluginsDialog::fill() {
    m_list->DeleteAllItems();
    for (const auto& plugin : m_manager.plugins()) {
        long row = m_list->InsertItem(m_list->GetItemCount(),
                                      plugin.name.empty()
                                          ? wxString::FromUTF8(plugin.id)
                                          : plugin_words(plugin.name, plugin.id, "plugin name"));
        m_list->SetItem(row, 1, wxString::FromUTF8(plugin.version));
        m_list->SetItem(row, 2, wxString::FromUTF8(plugin.sdk_version));
        m_list->SetItem(row, 3, source_label(plugin.source));
        wxString state = state_label(plugin.state);
        if (std::find(m_pending.begin(), m_pending.end(), plugin.id) != m_pending.end()) {
            // TRANSLATORS: a plugin's state in Tools > Plugins once it was enabled or disabled
            // (the change applies at the next start): "disabled (changed)".
            state = wxString::Format(_("%s (changed)"), state);
        }
        m_list->SetItem(row, 4, state);
        m_list->SetItem(row, 5, wxString::FromUTF8(plugin.shown_reason()));
    }
}

std::string PluginsDialog::set_enabled(long row, bool enabled) {
    if (row < 0 || static_cast<std::size_t>(row) >= m_manager.plugins().size()) {
        return _("Choose a plugin in the list first.").utf8_string();
    }
    const auto& plugin = m_manager.plugins()[static_cast<std::size_t>(row)];
    if (enabled && plugin.source == plugins::PluginSource::User &&
        !m_confirm(this, _("Trust this plugin?") + "\n\n" + plugin_facts(plugin) + "\n" +
                             _("A plugin runs inside Dyad as a program: it can read every "
                               "client's records and do anything you can, whatever it "
                               "declares. Your decision is recorded in the audit trail with "
                               "the file's hash; if the file changes, Dyad refuses it until "
                               "you enable it again."))) {
        return {};
    }
    std::string id = plugin.id;
    auto done = m_manager.set_enabled(plugin.path, enabled, plugin.file_hash);
    if (!done) {
        return shown_message(done.error());
    }
    m_pending.push_back(id);
    fill();
    return {};
}

}  // namespace dyad::app
