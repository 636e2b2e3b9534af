#include "print_pages.h"

#include <wx/dcmemory.h>
#include <wx/dcprint.h>
#include <wx/graphics.h>
#include <wx/msgdlg.h>
#include <wx/print.h>

#include <cstdlib>
#include <memory>
#include <string>

namespace dyad::ui {
namespace {

// One recorded page per printed page, scaled to fit the paper (US Letter fills it).
class PagesPrintout : public wxPrintout {
  public:
    PagesPrintout(std::shared_ptr<const dyad::pdf::RecordedPages> pages, const wxString& title,
                  Printed printed = {})
        : wxPrintout(title), m_pages(std::move(pages)), m_printed(std::move(printed)) {}

    // Printing starts (after the dialog was accepted): the one moment a copy leaves.
    void OnBeginPrinting() override {
        if (m_printed && !IsPreview()) {
            m_printed("print");
        }
    }

    bool HasPage(int page) override { return page >= 1 && page <= m_pages->count(); }

    void GetPageInfo(int* min_page, int* max_page, int* from, int* to) override {
        *min_page = 1;
        *max_page = m_pages->count();
        *from = 1;
        *to = m_pages->count();
    }

    bool OnPrintPage(int page) override {
        wxDC* dc = GetDC();
        if (dc == nullptr || !HasPage(page)) {
            return false;
        }
        // Logical units are points on the paper, then a graphics context over the same DC
        // (a printer's or the preview's bitmap), whose cairo context takes the recording.
        FitThisSizeToPaper(wxSize(static_cast<int>(dyad::pdf::RecordedPages::kWidth),
                                  static_cast<int>(dyad::pdf::RecordedPages::kHeight)));
        std::unique_ptr<wxGraphicsContext> context;
        if (auto* printer = dynamic_cast<wxPrinterDC*>(dc)) {
            context.reset(wxGraphicsContext::Create(*printer));
        } else if (auto* memory = dynamic_cast<wxMemoryDC*>(dc)) {
            context.reset(wxGraphicsContext::Create(*memory));
        }
        auto* cr = context ? static_cast<cairo_t*>(context->GetNativeContext()) : nullptr;
        if (cr == nullptr) {
            return false;
        }
        m_pages->draw(page - 1, cr);
        return true;
    }

  private:
    std::shared_ptr<const dyad::pdf::RecordedPages> m_pages;
    Printed m_printed;
};

// The print settings of this process (printer, paper, copies), kept between prints; the paper
// starts as the desktop's default (the pages are scaled to fit it).
wxPrintDialogData& remembered() {
    static wxPrintDialogData data;
    return data;
}

}  // namespace

bool print_pages(wxWindow* owner, dyad::pdf::RecordedPages pages, const wxString& title,
                 bool preview, Printed printed) {
    if (pages.count() == 0) {
        wxMessageBox(_("There is nothing to print."), title, wxOK | wxICON_INFORMATION, owner);
        return false;
    }
    auto shared = std::make_shared<const dyad::pdf::RecordedPages>(std::move(pages));
    if (preview) {
        // The preview owns its printouts and is freed with its frame; its Print button prints
        // (and audits) through the second one.
        auto* shown = new wxPrintPreview(new PagesPrintout(shared, title),
                                         new PagesPrintout(shared, title, printed), &remembered());
        if (!shown->IsOk()) {
            delete shown;
            wxMessageBox(_("The print preview could not be prepared: is a printer set up?"), title,
                         wxOK | wxICON_ERROR, owner);
            return false;
        }
        auto* frame =
            new wxPreviewFrame(shown, owner, wxString::Format(_("Print Preview: %s"), title),
                               wxDefaultPosition, wxSize(820, 900));
        frame->SetName("print_preview");
        frame->InitializeWithModality(wxPreviewFrame_NonModal);
        frame->Show();
        return true;
    }
    // Unattended (tests, automation): the same pages as a plain PDF file, without the
    // desktop's print system (GTK's print-to-file cannot be driven without its dialog).
    if (const char* to_file = std::getenv("DYAD_PRINT_TO_FILE"); to_file != nullptr && *to_file) {
        if (auto written = shared->write_pdf(to_file); !written) {
            wxMessageBox(wxString::FromUTF8(written.error()), title, wxOK | wxICON_ERROR, owner);
            return false;
        }
        if (printed) {
            printed("pdf");
        }
        return true;
    }
    wxPrinter printer(&remembered());
    PagesPrintout printout(shared, title, printed);
    if (printer.Print(owner, &printout, true)) {
        remembered() = printer.GetPrintDialogData();
        return true;
    }
    if (wxPrinter::GetLastError() == wxPRINTER_CANCELLED) {
        return true;
    }
    wxMessageBox(_("The document could not be printed. Check the printer and try again."), title,
                 wxOK | wxICON_ERROR, owner);
    return false;
}

}  // namespace dyad::ui
