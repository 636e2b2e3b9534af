#include "pdf_document.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "pdf_surface.h"

#include <cstdio>
#include <dyad/show.hpp>

namespace dyad::pdf {
namespace {

constexpr double kPageWidth = 612;  // US Letter, points.
constexpr double kPageHeight = 792;
constexpr double kMargin = 54;
constexpr double kFooterSpace = 30;

}  // namespace

struct PdfDocument::State {
    std::string path;
    std::string partial;
    std::string footer;
    cairo_surface_t* surface = nullptr;
    cairo_t* cr = nullptr;
    bool recording = false;
    std::vector<cairo_surface_t*> recorded;  // A recorded document's finished pages.
    double y = kMargin;
    int page = 1;
    bool finished = false;

    ~State() {
        if (cr != nullptr) {
            cairo_destroy(cr);
        }
        if (surface != nullptr) {
            cairo_surface_destroy(surface);
        }
        for (cairo_surface_t* kept : recorded) {
            cairo_surface_destroy(kept);
        }
        if (!finished && !partial.empty()) {
            std::remove(partial.c_str());
        }
    }

    void draw_footer() {
        PangoLayout* layout = pango_cairo_create_layout(cr);
        PangoFontDescription* font = pango_font_description_from_string("Sans 8");
        pango_layout_set_font_description(layout, font);
        std::string text =
            footer + "    " +
            dyad::show::fill(dyad::show::tr("Page {page}"), "page", std::to_string(page));
        pango_layout_set_text(layout, text.c_str(), -1);
        cairo_set_source_rgb(cr, 0.45, 0.45, 0.45);
        cairo_move_to(cr, kMargin, kPageHeight - kMargin + 10);
        pango_cairo_show_layout(cr, layout);
        pango_font_description_free(font);
        g_object_unref(layout);
    }

    // A recording surface and its context for the next page.
    void start_recorded_page() {
        cairo_rectangle_t extents{0, 0, kPageWidth, kPageHeight};
        surface = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents);
        cr = cairo_create(surface);
    }

    void end_recorded_page() {
        cairo_destroy(cr);
        cr = nullptr;
        recorded.push_back(surface);
        surface = nullptr;
    }

    void new_page() {
        draw_footer();
        if (recording) {
            end_recorded_page();
            start_recorded_page();
        } else {
            cairo_show_page(cr);
        }
        ++page;
        y = kMargin;
    }

    double bottom() const { return kPageHeight - kMargin - kFooterSpace; }
};

std::string escaped(const std::string& text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::expected<PdfDocument, std::string> PdfDocument::create(const std::string& path,
                                                            const std::string& footer) {
    auto state = std::make_unique<State>();
    state->path = path;
    state->partial = path + ".partial";
    state->footer = footer;
    state->surface = cairo_pdf_surface_create(state->partial.c_str(), kPageWidth, kPageHeight);
    if (cairo_surface_status(state->surface) != CAIRO_STATUS_SUCCESS) {
        return std::unexpected("cannot create " + path + " (" +
                               cairo_status_to_string(cairo_surface_status(state->surface)) + ")");
    }
    state->cr = cairo_create(state->surface);
    return PdfDocument(std::move(state));
}

PdfDocument PdfDocument::record(const std::string& footer) {
    auto state = std::make_unique<State>();
    state->footer = footer;
    state->recording = true;
    state->start_recorded_page();
    return PdfDocument(std::move(state));
}

RecordedPages& RecordedPages::operator=(RecordedPages&& other) noexcept {
    if (this != &other) {
        for (cairo_surface_t* page : m_pages) {
            cairo_surface_destroy(page);
        }
        m_pages = std::move(other.m_pages);
        other.m_pages.clear();
    }
    return *this;
}

RecordedPages::~RecordedPages() {
    for (cairo_surface_t* page : m_pages) {
        cairo_surface_destroy(page);
    }
}

void RecordedPages::draw(int page, cairo_t* cr) const {
    if (page < 0 || page >= count() || cr == nullptr) {
        return;
    }
    cairo_save(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);  // The paper: a preview shows white, not the bitmap's.
    cairo_rectangle(cr, 0, 0, kWidth, kHeight);
    cairo_fill(cr);
    cairo_set_source_surface(cr, m_pages[static_cast<std::size_t>(page)], 0, 0);
    cairo_paint(cr);
    cairo_restore(cr);
}

std::expected<void, std::string> RecordedPages::write_pdf(const std::string& path) const {
    std::string partial = path + ".partial";
    cairo_surface_t* surface = cairo_pdf_surface_create(partial.c_str(), kWidth, kHeight);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surface);
        return std::unexpected("cannot create " + path);
    }
    cairo_t* cr = cairo_create(surface);
    for (int page = 0; page < count(); ++page) {
        if (page > 0) {
            cairo_show_page(cr);
        }
        draw(page, cr);
    }
    return finish_pdf(cr, surface, partial, path);
}

PdfDocument::PdfDocument(std::unique_ptr<State> state) : m_state(std::move(state)) {}
PdfDocument::PdfDocument(PdfDocument&&) noexcept = default;
PdfDocument& PdfDocument::operator=(PdfDocument&&) noexcept = default;
PdfDocument::~PdfDocument() = default;

// Lays the markup out at the page width and draws it line by line, so a long paragraph flows
// onto the next page instead of running off this one.
void PdfDocument::block(const std::string& markup, double size, bool bold, double grey,
                        double indent) {
    State& s = *m_state;
    PangoLayout* layout = pango_cairo_create_layout(s.cr);
    PangoFontDescription* font = pango_font_description_new();
    pango_font_description_set_family(font, "Sans");
    pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
    pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout, font);
    pango_layout_set_width(layout,
                           static_cast<int>((kPageWidth - 2 * kMargin - indent) * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_markup(layout, markup.c_str(), -1);
    cairo_set_source_rgb(s.cr, grey, grey, grey);
    PangoLayoutIter* lines = pango_layout_get_iter(layout);
    double consumed = 0;  // Layout height already drawn on earlier pages.
    do {
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(lines, nullptr, &logical);
        double top = static_cast<double>(logical.y) / PANGO_SCALE - consumed;
        double height = static_cast<double>(logical.height) / PANGO_SCALE;
        if (s.y + top + height > s.bottom()) {
            consumed += top;
            s.new_page();
            cairo_set_source_rgb(s.cr, grey, grey, grey);
            top = 0;
        }
        int baseline = pango_layout_iter_get_baseline(lines);
        cairo_move_to(s.cr, kMargin + indent + static_cast<double>(logical.x) / PANGO_SCALE,
                      s.y + static_cast<double>(baseline) / PANGO_SCALE - consumed);
        pango_cairo_show_layout_line(s.cr, pango_layout_iter_get_line_readonly(lines));
    } while (pango_layout_iter_next_line(lines));
    int width = 0;
    int height = 0;
    pango_layout_get_size(layout, &width, &height);
    s.y += static_cast<double>(height) / PANGO_SCALE - consumed + size * 0.35;
    pango_layout_iter_free(lines);
    pango_font_description_free(font);
    g_object_unref(layout);
}

void PdfDocument::title(const std::string& text) {
    block(escaped(text), 18, true, 0.1, 0);
    space(4);
}

void PdfDocument::heading(const std::string& text) {
    if (m_state->y + 60 > m_state->bottom()) {
        m_state->new_page();  // A heading is never left alone at the foot of a page.
    }
    space(8);
    block(escaped(text), 13, true, 0.15, 0);
}

void PdfDocument::paragraph(const std::string& text) {
    block(escaped(text), 10.5, false, 0.0, 0);
}

void PdfDocument::note(const std::string& text) {
    block(escaped(text), 8.5, false, 0.4, 0);
}

void PdfDocument::field(const std::string& label, const std::string& value) {
    block("<b>" + escaped(label) + ":</b> " + escaped(value), 10.5, false, 0.0, 12);
}

void PdfDocument::rule() {
    State& s = *m_state;
    if (s.y + 8 > s.bottom()) {
        s.new_page();
    }
    cairo_set_source_rgb(s.cr, 0.7, 0.7, 0.7);
    cairo_set_line_width(s.cr, 0.5);
    cairo_move_to(s.cr, kMargin, s.y + 3);
    cairo_line_to(s.cr, kPageWidth - kMargin, s.y + 3);
    cairo_stroke(s.cr);
    s.y += 8;
}

void PdfDocument::space(double points) {
    m_state->y += points;
}

int PdfDocument::pages() const {
    return m_state->page;
}

std::expected<RecordedPages, std::string> PdfDocument::finish_recording() {
    State& s = *m_state;
    if (!s.recording || s.cr == nullptr) {
        return std::unexpected("this document is not being recorded");
    }
    s.draw_footer();
    s.end_recorded_page();
    for (cairo_surface_t* kept : s.recorded) {
        if (cairo_surface_status(kept) != CAIRO_STATUS_SUCCESS) {
            return std::unexpected(std::string("cannot draw the document (") +
                                   cairo_status_to_string(cairo_surface_status(kept)) + ")");
        }
    }
    s.finished = true;
    return RecordedPages(std::move(s.recorded));
}

std::expected<void, std::string> PdfDocument::finish() {
    State& s = *m_state;
    if (s.recording) {
        return std::unexpected("a recorded document is finished with finish_recording()");
    }
    s.draw_footer();
    auto finished = finish_pdf(s.cr, s.surface, s.partial, s.path);
    s.finished = static_cast<bool>(finished);
    return finished;
}

}  // namespace dyad::pdf
