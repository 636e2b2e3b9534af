#include "pdf_reader.h"

#include <cairo.h>
#include <poppler.h>

#include <memory>
#include <vector>

namespace dyad::pdf {
namespace {

struct Unref {
    void operator()(void* object) const { g_object_unref(object); }
};

}  // namespace

std::expected<RecordedPages, std::string> pages_of_pdf(const std::string& bytes) {
    std::unique_ptr<GBytes, decltype(&g_bytes_unref)> data(g_bytes_new(bytes.data(), bytes.size()),
                                                           &g_bytes_unref);
    GError* error = nullptr;
    std::unique_ptr<PopplerDocument, Unref> document(
        poppler_document_new_from_bytes(data.get(), nullptr, &error));
    if (!document) {
        std::string why = error != nullptr ? error->message : "unknown reason";
        g_clear_error(&error);
        return std::unexpected("the PDF could not be read: " + why);
    }
    int count = poppler_document_get_n_pages(document.get());
    if (count <= 0 || count > kMaxPages) {
        return std::unexpected("the PDF has " + std::to_string(count) + " pages");
    }
    // Owned by `pages` as soon as made, so every way out below frees them.
    std::vector<cairo_surface_t*> surfaces;
    surfaces.reserve(static_cast<std::size_t>(count));
    auto refuse = [&](const std::string& why) {
        for (auto* surface : surfaces) {
            cairo_surface_destroy(surface);
        }
        return std::unexpected(why);
    };
    for (int i = 0; i < count; ++i) {
        std::unique_ptr<PopplerPage, Unref> page(poppler_document_get_page(document.get(), i));
        if (!page) {
            return refuse("page " + std::to_string(i + 1) + " could not be read");
        }
        double width = 0;
        double height = 0;
        poppler_page_get_size(page.get(), &width, &height);
        cairo_rectangle_t extents{0, 0, width, height};
        cairo_surface_t* surface =
            cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents);
        surfaces.push_back(surface);  // Reserved: does not throw.
        cairo_t* cr = cairo_create(surface);
        poppler_page_render_for_printing(page.get(), cr);
        cairo_status_t status = cairo_status(cr);
        cairo_destroy(cr);
        if (status != CAIRO_STATUS_SUCCESS ||
            cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
            return refuse("page " + std::to_string(i + 1) + " could not be drawn (" +
                          cairo_status_to_string(status) + ")");
        }
    }
    return RecordedPages(std::move(surfaces));
}

}  // namespace dyad::pdf
