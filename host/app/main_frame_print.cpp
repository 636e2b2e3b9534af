// File > Print and Print Preview: the tab shown decides what is printed (its plugin's print,
// SDK 1.1 ui.h); the host only finds it and says when nothing here prints.
#include "main_frame.h"

#include <wx/msgdlg.h>
#include <wx/notebook.h>

#include "unit_overview.h"
#include "util/log.h"

namespace dyad::app {

std::pair<const plugins::PanelContribution*, wxWindow*> MainFrame::printable_page() const {
    if (!m_practice || m_notebook == nullptr || locked()) {
        return {nullptr, nullptr};
    }
    wxWindow* shown = shown_page(m_notebook);
    if (shown != nullptr && shown == m_overview) {
        return m_overview->printable_card();
    }
    for (const auto& page : m_unit_pages) {
        if (page.window == shown && page.content != nullptr && page.contribution.print != nullptr) {
            return {&page.contribution, page.content};
        }
    }
    return {nullptr, nullptr};
}

void MainFrame::print_shown(bool preview) {
    auto [contribution, window] = printable_page();
    if (contribution == nullptr || m_selected_unit == 0) {
        SetStatusText(_("Nothing on this tab prints: open a client unit's tab that does (Notes, "
                        "Worksheets...)."),
                      0);
        return;
    }
    std::string plugin = contribution->plugin_id;
    int result = contribution->print(contribution->user, window, preview ? 1 : 0);
    (void)m_practice->plugins().close_abandoned_transactions();
    if (result == DYAD_NOT_FOUND) {
        SetStatusText(_("There is nothing to print here yet."), 0);
    } else if (result != DYAD_OK) {
        log_warning(plugin + ": printing failed");
        wxMessageBox(_("The document could not be printed; the log (Tools > Log) says why."),
                     _("Print"), wxOK | wxICON_ERROR, this);
    }
}

}  // namespace dyad::app
