#include "unit_book.h"

#include <wx/treectrl.h>

#include <algorithm>

namespace dyad::app {
namespace {

const char* const kHostSections[] = {"chart", "imago", "billing", "contact"};

}  // namespace

wxString section_title(const std::string& group) {
    if (group == "chart") {
        return _("Chart");
    }
    if (group == "imago") {
        return _("Imago work");
    }
    if (group == "billing") {
        return _("Billing");
    }
    if (group == "contact") {
        return _("Contact");
    }
    return wxString::FromUTF8(group);
}

std::vector<std::string> section_order(const std::vector<const UnitPage*>& pages) {
    std::vector<std::string> order;
    for (const char* group : kHostSections) {
        if (std::any_of(pages.begin(), pages.end(),
                        [&](const UnitPage* page) { return page->contribution.group == group; })) {
            order.emplace_back(group);
        }
    }
    bool ungrouped = false;
    for (const UnitPage* page : pages) {
        const std::string& group = page->contribution.group;
        if (group.empty()) {
            ungrouped = true;
        } else if (std::find(order.begin(), order.end(), group) == order.end()) {
            order.push_back(group);
        }
    }
    if (ungrouped) {
        order.emplace_back();
    }
    return order;
}

bool lay_out_unit_pages(wxTreebook* book, const std::vector<const UnitPage*>& pages,
                        std::size_t fixed) {
    // The layout wanted, as (section, window) in side-list order; compared with the book's.
    std::vector<std::pair<std::string, wxWindow*>> wanted;
    for (const auto& group : section_order(pages)) {
        for (const UnitPage* page : pages) {
            if (page->contribution.group == group) {
                wanted.emplace_back(group, page->window);
            }
        }
    }
    std::vector<wxWindow*> current;
    for (std::size_t i = fixed; i < book->GetPageCount(); ++i) {
        if (book->GetPage(i) != nullptr) {
            current.push_back(book->GetPage(i));
        }
    }
    std::vector<wxWindow*> wanted_windows;
    for (const auto& entry : wanted) {
        wanted_windows.push_back(entry.second);
    }
    if (current == wanted_windows) {
        return false;
    }
    wxWindow* shown = shown_page(book);
    book->Freeze();
    // Nothing removed is the page shown (wxTreebook would select a page it is removing), and
    // no page-changed event is sent for it.
    book->ChangeSelection(0);
    // Leaves first (from the end), then the emptied section nodes: RemovePage keeps windows.
    for (std::size_t i = book->GetPageCount(); i > fixed; --i) {
        wxWindow* window = book->GetPage(i - 1);
        book->RemovePage(i - 1);
        if (window != nullptr) {
            window->Hide();
        }
    }
    std::string section = "\x01";  // No section started yet.
    for (const auto& [group, window] : wanted) {
        const UnitPage* page = *std::find_if(
            pages.begin(), pages.end(), [&](const UnitPage* p) { return p->window == window; });
        wxString title = wxString::FromUTF8(page->contribution.title);
        window->Show();  // GTK keeps a hidden page hidden.
        if (group.empty()) {
            book->AddPage(window, title);
            continue;
        }
        if (group != section) {
            book->AddPage(nullptr, section_title(group));
            section = group;
        }
        book->AddSubPage(window, title);
    }
    for (std::size_t i = fixed; i < book->GetPageCount(); ++i) {
        if (book->GetPage(i) == nullptr) {
            book->ExpandNode(i);
        }
    }
    int again = shown != nullptr ? book->FindPage(shown) : wxNOT_FOUND;
    book->SetSelection(again != wxNOT_FOUND ? static_cast<std::size_t>(again) : fixed - 1);
    book->Thaw();
    return true;
}

wxWindow* page_at_or_after(wxTreebook* book, int index) {
    for (int i = index; i >= 0 && static_cast<std::size_t>(i) < book->GetPageCount(); ++i) {
        if (wxWindow* page = book->GetPage(static_cast<std::size_t>(i)); page != nullptr) {
            return page;
        }
    }
    return nullptr;
}

wxWindow* shown_page(wxTreebook* book) {
    return page_at_or_after(book, book->GetSelection());
}

int find_section(wxTreebook* book, const std::string& group) {
    wxString title = section_title(group);
    for (std::size_t i = 0; i < book->GetPageCount(); ++i) {
        if (book->GetPage(i) == nullptr && book->GetPageText(i) == title) {
            return static_cast<int>(i);
        }
    }
    return wxNOT_FOUND;
}

}  // namespace dyad::app
