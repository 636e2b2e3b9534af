// A printable document written as PDF: headings, wrapped paragraphs, "label: value" lines and
// rules, flowing over US Letter pages with a footer on each (a line of the caller's and the
// page number). Text is laid out by pango (any script, wrapped at word boundaries) and drawn
// by cairo. The file is written to "<path>.partial" and renamed by finish(), so a failure
// never leaves half a document. Thread: any, one document per thread. No wx here.
#pragma once

#include <expected>
#include <memory>
#include <string>

namespace dyad::pdf {

class PdfDocument {
  public:
    // footer: e.g. "Confidential: protected health information". Fails when the file cannot
    // be created.
    static std::expected<PdfDocument, std::string> create(const std::string& path,
                                                          const std::string& footer);
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
    // Ends the last page, closes and renames the file.
    std::expected<void, std::string> finish();

  private:
    struct State;
    explicit PdfDocument(std::unique_ptr<State> state);
    void block(const std::string& markup, double size, bool bold, double grey, double indent);

    std::unique_ptr<State> m_state;
};

// text with &, < and > escaped for pango markup.
std::string escaped(const std::string& text);

}  // namespace dyad::pdf
