// Draws Dyad's icon (the shapes of org.dyad.Dyad.svg) as a PNG of the given size, so the
// package has the icon at the usual sizes without an SVG renderer at build time.
// Usage: draw_icon SIZE OUT.png
#include <cairo.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace {

void rounded_square(cairo_t* cr, double x, double y, double side, double radius) {
    cairo_new_sub_path(cr);
    cairo_arc(cr, x + side - radius, y + radius, radius, -M_PI / 2, 0);
    cairo_arc(cr, x + side - radius, y + side - radius, radius, 0, M_PI / 2);
    cairo_arc(cr, x + radius, y + side - radius, radius, M_PI / 2, M_PI);
    cairo_arc(cr, x + radius, y + radius, radius, M_PI, 3 * M_PI / 2);
    cairo_close_path(cr);
}

void ring(cairo_t* cr, double cx, double r, double g, double b) {
    cairo_new_path(cr);
    cairo_arc(cr, cx, 128, 56, 0, 2 * M_PI);
    cairo_set_source_rgb(cr, r, g, b);
    cairo_set_line_width(cr, 20);
    cairo_stroke(cr);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: draw_icon SIZE OUT.png\n");
        return 2;
    }
    int size = std::atoi(argv[1]);
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, size, size);
    cairo_t* cr = cairo_create(surface);
    cairo_scale(cr, size / 256.0, size / 256.0);  // The SVG's 256-unit canvas.
    rounded_square(cr, 16, 16, 224, 48);
    cairo_set_source_rgb(cr, 0x2f / 255.0, 0x48 / 255.0, 0x58 / 255.0);
    cairo_fill(cr);
    ring(cr, 100, 0xf6 / 255.0, 0xae / 255.0, 0x2d / 255.0);
    ring(cr, 156, 0x86 / 255.0, 0xbb / 255.0, 0xd8 / 255.0);
    cairo_destroy(cr);
    cairo_status_t written = cairo_surface_write_to_png(surface, argv[2]);
    cairo_surface_destroy(surface);
    if (written != CAIRO_STATUS_SUCCESS) {
        std::fprintf(stderr, "draw_icon: cannot write %s\n", argv[2]);
        return 1;
    }
    return 0;
}
