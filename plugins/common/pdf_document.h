// A printable document written as PDF: headings, wrapped paragraphs, "label: value" lines and
// rules, flowing over US Letter pages with a footer on each (a line of the caller's and the
// page number). Text is laid out by pango (any script, wrapped at word boundaries) and drawn
// by cairo. The file is written to "<path>.partial" and renamed by finish(), so a failure
// never leaves half a document. Thread: any, one document per thread. No wx here.
#pragma once

#include <cairo.h>

#include <expected>
#include <memory>
#include <string>
#include <vector>

namespace dyad::pdf {

// A document's pages kept in memory as cairo recordings (PdfDocument::record), for printing:
// nothing is written to disk. Each page is US Letter, 612 x 792 points. Move-only.
class RecordedPages {
  public:
    RecordedPages() = default;
    explicit RecordedPages(std::vector<cairo_surface_t*> pages) : m_pages(std::move(pages)) {}
    RecordedPages(RecordedPages&& other) noexcept : m_pages(std::move(other.m_pages)) {}
    RecordedPages& operator=(RecordedPages&& other) noexcept;
    RecordedPages(const RecordedPages&) = delete;
    RecordedPages& operator=(const RecordedPages&) = delete;
    ~RecordedPages();

    int count() const { return static_cast<int>(m_pages.size()); }
    // Draws page (0-based) onto cr with its top-left at cr's origin, one unit a point.
    void draw(int page, cairo_t* cr) const;
    // Every page into a PDF file at path (written to "<path>.partial", then renamed).
    std::expected<void, std::string> write_pdf(const std::string& path) const;

    static constexpr double kWidth = 612;
    static constexpr double kHeight = 792;

  private:
    std::vector<cairo_surface_t*> m_pages;
};

class PdfDocument {
  public:
    // footer: e.g. "Confidential: protected health information". Fails when the file cannot
    // be created.
    static std::expected<PdfDocument, std::string> create(const std::string& path,
                                                          const std::string& footer);
    // The same document drawn in memory for printing (finish_recording()); no file.
    static PdfDocument record(const std::string& footer);
    PdfDocument(PdfDocument&&) noexcept;
    PdfDocument& operator=(PdfDocument&&) noexcept;
    ~PdfDocument();  // Without finish(), removes the partial file.

    void title(const std::string& text);
    void heading(const std::string& text);
    void paragraph(const std::string& text);
    // A line of small grey text (dates, statuses).
    void note(const std::string& text);
    void field(const std::string& label, const std::string& value);
    void rule();
    void space(double points);

    int pages() const;
    // Ends the last page, closes and renames the file. Not for a recorded document.
    std::expected<void, std::string> finish();
    // A recorded document: ends the last page and hands over the pages.
    std::expected<RecordedPages, std::string> finish_recording();

  private:
    struct State;
    explicit PdfDocument(std::unique_ptr<State> state);
    void block(const std::string& markup, double size, bool bold, double grey, double indent);

    std::unique_ptr<State> m_state;
};

// text with &, < and > escaped for pango markup.
std::string escaped(const std::string& text);

}  // namespace dyad::pdf
