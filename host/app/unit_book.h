// The side list of a unit's pages (issue 19): Home and the Overview at the top, then each
// section (Chart, Imago work, Billing, Contact, or a plugin's own) with its tabs under it, then
// tabs of no section. Scales to any number of plugin tabs without hiding one behind scroll
// arrows. Main thread.
#pragma once

#include <wx/treebook.h>

#include <string>
#include <vector>

#include "plugins/contributions.h"

namespace dyad::app {

struct UnitPage {
    plugins::PanelContribution contribution;
    wxWindow* window =
        nullptr;  // The page: child of the book; shown or not, destroyed by the frame.
    // The plugin's own window inside the page, made when the page is first shown (or asked
    // for): nullptr until then, and when the plugin could not make it (the page says so).
    wxWindow* content = nullptr;
    bool tried = false;  // The plugin was asked for its window.
};

// The title of a section: the host's words for "chart", "imago", "billing" and "contact", the
// group text itself otherwise.
wxString section_title(const std::string& group);

// The sections in the order the side list shows them: the host's four first, then others in
// the order of their first tab; "" (tabs of no section) last.
std::vector<std::string> section_order(const std::vector<const UnitPage*>& pages);

// Puts exactly `pages` (in their order within each section) after the book's first `fixed`
// pages, each section a node with its tabs under it, expanded. Pages not given leave the book
// and are hidden (not destroyed). The page shown before stays shown when it is still there;
// otherwise page `fixed - 1` (the Overview) is. Returns whether the book changed.
bool lay_out_unit_pages(wxTreebook* book, const std::vector<const UnitPage*>& pages,
                        std::size_t fixed);

// The page at index, or for a section's node (its page is NULL) the first tab after it;
// nullptr when there is none (or index is wxNOT_FOUND).
wxWindow* page_at_or_after(wxTreebook* book, int index);

// The page on screen: page_at_or_after the selection.
wxWindow* shown_page(wxTreebook* book);

// The index of the section node titled like `group`'s section, or wxNOT_FOUND.
int find_section(wxTreebook* book, const std::string& group);

}  // namespace dyad::app
