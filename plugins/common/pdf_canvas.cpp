#include "pdf_canvas.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "pdf_surface.h"

#include <cstdio>

namespace dyad::pdf {

struct PdfCanvas::State {
    std::string path;
    std::string partial;
    cairo_surface_t* surface = nullptr;
    cairo_t* cr = nullptr;
    bool finished = false;

    ~State() {
        if (cr != nullptr) {
            cairo_destroy(cr);
        }
        if (surface != nullptr) {
            cairo_surface_destroy(surface);
        }
        if (!finished && !partial.empty()) {
            std::remove(partial.c_str());
        }
    }
};

std::expected<PdfCanvas, std::string> PdfCanvas::create(const std::string& path) {
    auto state = std::make_unique<State>();
    state->path = path;
    state->partial = path + ".partial";
    state->surface = cairo_pdf_surface_create(state->partial.c_str(), 612, 792);
    if (cairo_surface_status(state->surface) != CAIRO_STATUS_SUCCESS) {
        return std::unexpected("cannot create " + path + " (" +
                               cairo_status_to_string(cairo_surface_status(state->surface)) + ")");
    }
    state->cr = cairo_create(state->surface);
    cairo_set_line_width(state->cr, 0.6);
    return PdfCanvas(std::move(state));
}

PdfCanvas::PdfCanvas(std::unique_ptr<State> state) : m_state(std::move(state)) {}
PdfCanvas::PdfCanvas(PdfCanvas&&) noexcept = default;
PdfCanvas& PdfCanvas::operator=(PdfCanvas&&) noexcept = default;
PdfCanvas::~PdfCanvas() = default;

void PdfCanvas::show(double x, double y, const std::string& text, double size, double grey,
                     double width) {
    cairo_t* cr = m_state->cr;
    PangoLayout* layout = pango_cairo_create_layout(cr);
    PangoFontDescription* font = pango_font_description_from_string("Sans");
    pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
    pango_layout_set_font_description(layout, font);
    pango_layout_set_text(layout, text.c_str(), -1);
    if (width > 0) {
        pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
        pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
    }
    cairo_set_source_rgb(cr, grey, grey, grey);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, layout);
    pango_font_description_free(font);
    g_object_unref(layout);
}

void PdfCanvas::text(double x, double y, const std::string& text, double size, double width) {
    show(x, y, text, size, 0.0, width);
}

void PdfCanvas::caption(double x, double y, const std::string& text) {
    show(x + 1.5, y + 1, text, 5.5, 0.45, 0);
}

void PdfCanvas::box(double x, double y, double width, double height) {
    cairo_t* cr = m_state->cr;
    cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
    cairo_rectangle(cr, x, y, width, height);
    cairo_stroke(cr);
}

void PdfCanvas::next_page() {
    cairo_show_page(m_state->cr);
}

std::expected<void, std::string> PdfCanvas::finish() {
    State& s = *m_state;
    auto finished = finish_pdf(s.cr, s.surface, s.partial, s.path);
    s.finished = static_cast<bool>(finished);
    return finished;
}

}  // namespace dyad::pdf
