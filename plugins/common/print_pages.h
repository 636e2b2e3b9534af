// Printing a document drawn in memory (dyad::pdf::RecordedPages) through the desktop's print
// dialog, or showing it in a Print Preview window, with wxWidgets' printing framework: each
// page is replayed with cairo onto the printer's (or the preview's) own cairo context, so text
// stays text. Main thread only.
//
// Unattended printing: when the environment variable DYAD_PRINT_TO_FILE names a file, "print"
// writes the same pages there as a PDF, without a dialog or the desktop's print system (the GUI
// tests print this way; Dyad never sets the variable itself). Preview is unaffected.
#pragma once

#include <wx/string.h>
#include <wx/window.h>

#include <pdf_document.h>

namespace dyad::ui {

// preview: a Print Preview window (the pages are kept until it closes). Returns false after
// telling the person in owner what failed; a cancelled dialog is true.
bool print_pages(wxWindow* owner, dyad::pdf::RecordedPages pages, const wxString& title,
                 bool preview);

}  // namespace dyad::ui
