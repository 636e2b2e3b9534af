// Tools > Plugins (the owner): the same table as `dyadctl plugins list`, the chosen plugin's
// facts (id, vendor, version, file and its BLAKE2b hash, what it declares it will use), the
// folders plugins and data files are looked for in, and Enable/Disable. Enabling a plugin from
// the user's folder is a trust decision: it is asked with those facts and recorded (audited,
// the file's hash kept; a changed file is refused until enabled again).
#pragma once

#include <wx/dialog.h>
#include <wx/listctrl.h>
#include <wx/textctrl.h>

#include <functional>

#include "plugins/plugin_manager.h"

namespace dyad::app {

class PluginsDialog : public wxDialog {
  public:
    // Asks the owner to trust a plugin (the question holds its facts); true to go ahead.
    // Tests replace it.
    using Confirm = std::function<bool(wxWindow* parent, const wxString& question)>;

    PluginsDialog(wxWindow* parent, plugins::PluginManager& manager, Confirm confirm);

    // Enables or disables the plugin in row (as the buttons do); an error message, or "".
    std::string set_enabled(long row, bool enabled);
    // The details shown for row.
    wxString details(long row) const;

  private:
    void fill();

    plugins::PluginManager& m_manager;
    Confirm m_confirm;
    wxListCtrl* m_list = nullptr;
    wxTextCtrl* m_details = nullptr;
    std::vector<std::string> m_pending;  // Ids changed in this dialog: "(after restart)".
};

// The facts an owner reads before trusting a plugin, one per line.
wxString plugin_facts(const plugins::PluginRecord& plugin);

}  // namespace dyad::app
