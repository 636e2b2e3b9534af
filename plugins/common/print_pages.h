// Printing a document drawn in memory (dyad::pdf::RecordedPages) through the desktop's print
// dialog, or showing it in a Print Preview window, with wxWidgets' printing framework: each
// page is replayed with cairo onto the printer's (or the preview's) own cairo context, so text
// stays text. Main thread only.
//
// Unattended printing: when the environment variable DYAD_PRINT_TO_FILE names a file, "print"
// writes the same pages there as a PDF, without a dialog or the desktop's print system (the GUI
// tests print this way; Dyad never sets the variable itself). `printed` is told "pdf": audit it
// as a PDF export, since the file is plain. Preview is unaffected.
#pragma once

#include <wx/string.h>
#include <wx/window.h>

#include <pdf_document.h>

#include <functional>
#include <string>

namespace dyad::ui {

// printed: called once printing really starts, with "print" (the print dialog was accepted,
// from here or from the preview's Print button) or "pdf" (unattended, to a file): audit the
// disclosure there, not before. Never called for a cancelled dialog or a preview only looked at.
using Printed = std::function<void(const std::string& format)>;

// preview: a Print Preview window (not modal; the pages are kept until it closes; File > Lock
// closes it). Returns false after telling the person in owner what failed; a cancelled dialog
// is true. The print settings chosen (printer, paper, copies) are kept for the next print.
bool print_pages(wxWindow* owner, dyad::pdf::RecordedPages pages, const wxString& title,
                 bool preview, Printed printed = {});

}  // namespace dyad::ui
