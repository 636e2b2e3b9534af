// Edit > Settings: the host's General page (the language of the window) and every plugin's
// settings page. Main thread; modal.
#pragma once

#include <wx/window.h>

#include <vector>

#include "plugins/contributions.h"

namespace dyad::app {

// Shows the dialog; OK applies each plugin page (a page that refuses keeps the dialog open and
// says which) and keeps the language for the next start.
void show_settings(wxWindow* parent, const std::vector<plugins::SettingsPageContribution>& pages);

}  // namespace dyad::app
