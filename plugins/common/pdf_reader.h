// The pages of a PDF that Dyad wrote, read back for printing it again (an issued invoice,
// receipt, statement, superbill or estimate): each page rendered by poppler into a cairo
// recording surface, so what prints is the issued document itself and text stays text.
//
// Only for bytes whose SHA-256 the caller has matched against the fingerprint Dyad recorded
// when it wrote the file: poppler never parses a PDF that came from anywhere else (no fuzzing
// surface of our own). No wx; any thread.
#pragma once

#include <expected>
#include <string>

#include "pdf_document.h"

namespace dyad::pdf {

// Refused in words: not a PDF poppler can read, no page, more than kMaxPages pages.
std::expected<RecordedPages, std::string> pages_of_pdf(const std::string& bytes);

inline constexpr int kMaxPages = 500;

}  // namespace dyad::pdf
