// Tools > Plugins: the same table as `dyadctl plugins list`, with Enable and Disable.
#pragma once

#include <wx/dialog.h>
#include <wx/listctrl.h>

#include "plugins/plugin_manager.h"

namespace dyad::app {

class PluginsDialog : public wxDialog {
  public:
    PluginsDialog(wxWindow* parent, plugins::PluginManager& manager);

  private:
    void fill();
    void set_enabled(bool enabled);

    plugins::PluginManager& m_manager;
    wxListCtrl* m_list = nullptr;
    std::vector<std::string> m_pending;  // Ids changed in this dialog: "(after restart)".
};

}  // namespace dyad::app
