// A PDF of fixed-layout pages (a form printed on its boxes, such as the CMS-1500): text placed
// at points, boxes drawn; US Letter. Written to "<path>.partial" and renamed by finish(), so a
// failure never leaves half a file. Thread: any, one canvas per thread. No wx here.
#pragma once

#include <expected>
#include <memory>
#include <string>

namespace dyad::pdf {

class PdfCanvas {
  public:
    static std::expected<PdfCanvas, std::string> create(const std::string& path);
    PdfCanvas(PdfCanvas&&) noexcept;
    PdfCanvas& operator=(PdfCanvas&&) noexcept;
    ~PdfCanvas();  // Without finish(), removes the partial file.

    // Text whose top-left is at (x, y) points from the page's top-left, cut at width points
    // (an ellipsis) when it would run past its box; 0 leaves it whole.
    void text(double x, double y, const std::string& text, double size = 9, double width = 0);
    // A box's caption: small grey text in its top-left corner.
    void caption(double x, double y, const std::string& text);
    void box(double x, double y, double width, double height);
    void next_page();
    std::expected<void, std::string> finish();

  private:
    struct State;
    explicit PdfCanvas(std::unique_ptr<State> state);
    void show(double x, double y, const std::string& text, double size, double grey, double width);
    std::unique_ptr<State> m_state;
};

}  // namespace dyad::pdf
