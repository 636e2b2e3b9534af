// The CMS-1500 (02/12) claim form as a PDF laid out on the form's boxes (issue 16, research.md
// 1.5): one page per claim (six service lines a page), the same claims and facts as the 837P
// (src/x837.h), for the practice's records, payer portals and secondary claims. Our own short
// captions; a payer that wants the red-ink OCR original needs the printed form. The pre-flight
// is the 837P's. Thread: any. No wx here.
#pragma once

#include <expected>
#include <string>

#include "x837.h"

namespace dyad::billing {

// Writes the batch's claims to path (through "<path>.partial"); refused with the pre-flight's
// first problem when there is one.
std::expected<void, std::string> write_cms1500(const X12Batch& batch, const std::string& path);

// "2026-10-05" -> "10 05 26", as the form's date boxes read.
std::string form_date(const std::string& date);

}  // namespace dyad::billing
