// What PdfDocument and PdfCanvas share (dyad_pdf's own, not installed): ending a cairo PDF
// written to "<path>.partial" and putting it at path. Any thread.
#pragma once

#include <cairo.h>

#include <cstdio>
#include <expected>
#include <string>

namespace dyad::pdf {

// Shows the last page, closes cr and surface (both left null) and renames partial to path;
// on any failure removes partial and says why.
inline std::expected<void, std::string> finish_pdf(cairo_t*& cr, cairo_surface_t*& surface,
                                                   const std::string& partial,
                                                   const std::string& path) {
    cairo_show_page(cr);
    cairo_destroy(cr);
    cr = nullptr;
    cairo_surface_finish(surface);
    cairo_status_t status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    surface = nullptr;
    if (status != CAIRO_STATUS_SUCCESS) {
        std::remove(partial.c_str());
        return std::unexpected("cannot write " + path + " (" + cairo_status_to_string(status) +
                               ")");
    }
    if (std::rename(partial.c_str(), path.c_str()) != 0) {
        std::remove(partial.c_str());
        return std::unexpected("cannot write " + path);
    }
    return {};
}

}  // namespace dyad::pdf
