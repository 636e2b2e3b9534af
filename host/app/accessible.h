// Accessible names for the host's controls (issue 19: every control has a name a screen reader
// announces): the SDK's helpers (dyad/accessible_wx.hpp), which plugins use for their own.
#pragma once

#include <dyad/accessible_wx.hpp>

namespace dyad::app {

using show::accessible_name;
using show::focused_accessible_name;
using show::name_from_labels;
using show::set_accessible_name;

}  // namespace dyad::app
