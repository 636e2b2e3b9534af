// The main window's menu ids and host shortcuts, shared by its source files.
#pragma once

#include <wx/defs.h>

#include <string>

namespace dyad::app {

enum MenuId {
    kNewPractice = wxID_HIGHEST + 1,
    kOpenPractice,
    kBackup,
    kRestore,
    kFind,
    kHome,
    kOverview,
    kLog,
    kNewClient,
    kNewCouple,
    kPlugins,
    kCheck,
    kShortcuts,
    kEncrypt,
    kChangePassphrase,
    kRotateKey,
    kRemember,
    kForget,
    kLock,
    kAuditTrail,
    kUsers,
    kFindAll,
    kPrint,
    kPrintPreview,
};

// Host shortcuts; plugin shortcuts that clash with these (or each other) are dropped.
inline const char* const kHostShortcuts[] = {
    "Ctrl+O", "Ctrl+Shift+B", "Ctrl+Q", "Ctrl+F", "Ctrl+,", "Ctrl+1", "Ctrl+2", "Ctrl+L",
    "Ctrl+Shift+L", "Ctrl+N", "Ctrl+Shift+N", "Ctrl+Shift+P", "F1", "Ctrl+Shift+F", "Ctrl+P",
    // The side list's sections (View menu), however many there are.
    "Ctrl+3", "Ctrl+4", "Ctrl+5", "Ctrl+6", "Ctrl+7", "Ctrl+8", "Ctrl+9"};

inline std::string normalized_shortcut(const std::string& text) {
    wxAcceleratorEntry entry;
    if (!entry.FromString(wxString::FromUTF8(text))) {
        return {};
    }
    return entry.ToString().ToStdString(wxConvUTF8);
}

}  // namespace dyad::app
