// The Billing tab's claims (issue 16): the unit's claims with their latest status, and what a
// biller does with them by hand: file new claims (an 837P for the clearinghouse or CMS-1500
// pages to print), record the payer's answer (submitted, paid, denied with the reason,
// resubmitted, voided, and the payer's claim number), and file a replacement or a void. The
// rules and refusals are src/claims.cpp's, shown in the dialog's message line.
#include <wx/button.h>
#include <wx/dialog.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <time_text.h>
#include <wx_text.h>

#include "billing_panel.h"
#include "form_dialog.h"

namespace dyad::billing {

using dyad::ui::utf8;
using dyad::ui::wx;

namespace {

// A claim's statuses as stored, and their names in the chosen language.
const char* const kStatuses[] = {"submitted", "paid", "denied", "resubmitted", "voided"};

wxString status_label(const std::string& status) {
    if (status == "created") {
        return wxGETTEXT_IN_CONTEXT("claim status", "created");
    }
    if (status == "submitted") {
        return wxGETTEXT_IN_CONTEXT("claim status", "submitted");
    }
    if (status == "paid") {
        return wxGETTEXT_IN_CONTEXT("claim status", "paid");
    }
    if (status == "denied") {
        return wxGETTEXT_IN_CONTEXT("claim status", "denied");
    }
    if (status == "resubmitted") {
        return wxGETTEXT_IN_CONTEXT("claim status", "resubmitted");
    }
    return status == "voided" ? wxGETTEXT_IN_CONTEXT("claim status", "voided") : wx(status);
}

}  // namespace

std::string BillingPanel::file_claims(const std::string& from, const std::string& to,
                                      const std::string& path, const std::string& format) {
    auto filed = m_claims.file_claims(m_unit_id, from, to, path, by(), format);
    if (!filed) {
        show_message(wx(filed.error()), true);
        return {};
    }
    int count = static_cast<int>(filed->claim_numbers.size());
    show_message(format == "cms1500"
                     ? wxString::Format(wxPLURAL("%d claim written as CMS-1500 pages.",
                                                 "%d claims written as CMS-1500 pages.", count),
                                        count)
                     : wxString::Format(wxPLURAL("%d claim written to the 837P file (interchange "
                                                 "%lld).",
                                                 "%d claims written to the 837P file (interchange "
                                                 "%lld).",
                                                 count),
                                        count, static_cast<long long>(filed->control_number)),
                 false);
    return filed->claim_numbers.front();
}

void BillingPanel::claims_dialog() {
    if (m_unit_id == 0) {
        return;
    }
    wxDialog dialog(this, wxID_ANY, _("Claims"), wxDefaultPosition, wxDefaultSize,
                    wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER, "billing_claims_manager");
    auto* list = new wxListCtrl(&dialog, wxID_ANY, wxDefaultPosition, wxSize(720, 220),
                                wxLC_REPORT | wxLC_SINGLE_SEL, wxDefaultValidator, "claims_list");
    const std::pair<wxString, int> columns[] = {
        {_("Claim"), 110},  {_("Session"), 100},        {_("Kind"), 110},  {_("Total"), 90},
        {_("Status"), 100}, {_("Payer's number"), 120}, {_("Reason"), 160}};
    for (const auto& [title, width] : columns) {
        list->AppendColumn(title, wxLIST_FORMAT_LEFT, width);
    }
    auto* message = new wxStaticText(&dialog, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0,
                                     "claims_message");
    auto button = [&](const wxString& label, const char* name) {
        return new wxButton(&dialog, wxID_ANY, label, wxDefaultPosition, wxDefaultSize, 0,
                            wxDefaultValidator, name);
    };
    auto* file_new = button(_("&File New Claims..."), "claims_new");
    auto* status = button(_("Record &Status..."), "claims_status");
    auto* replace = button(_("&Replace..."), "claims_replace");
    auto* void_claim = button(_("&Void..."), "claims_void");
    auto* close = new wxButton(&dialog, wxID_CANCEL, _("Close"));

    std::vector<ClaimSummary> shown;
    auto fill = [&] {
        list->DeleteAllItems();
        auto claims = m_claims.claims(m_unit_id);
        shown = claims ? *claims : std::vector<ClaimSummary>{};
        if (!claims) {
            message->SetLabel(wx(claims.error()));
        }
        for (const auto& claim : shown) {
            long row = list->InsertItem(list->GetItemCount(), wx(claim.number));
            list->SetItem(row, 1, shown_date(claim.service_date));
            list->SetItem(row, 2,
                          claim.frequency == "7"
                              ? wxString::Format(_("replaces %s"), wx(claim.original_number))
                          : claim.frequency == "8"
                              ? wxString::Format(_("voids %s"), wx(claim.original_number))
                              : _("original"));
            list->SetItem(row, 3, shown_money(claim.total_cents));
            list->SetItem(row, 4, status_label(claim.status));
            list->SetItem(row, 5, wx(claim.payer_claim_number));
            list->SetItem(row, 6, wx(claim.reason));
        }
    };
    auto say = [&](const wxString& text) {
        message->SetLabel(text);
        message->Wrap(700);
        dialog.Layout();
    };
    auto selected = [&]() -> const ClaimSummary* {
        long row = list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
        if (row < 0 || static_cast<std::size_t>(row) >= shown.size()) {
            say(_("Choose a claim first."));
            return nullptr;
        }
        return &shown[static_cast<std::size_t>(row)];
    };

    file_new->Bind(wxEVT_BUTTON, [&](wxCommandEvent&) {
        FormDialog form(&dialog, _("File New Claims"), "billing_claims_dialog");
        auto* first = form.text(_("&From"), "claims_from", wx(local_date_days_ago(30)));
        auto* last = form.text(_("&To"), "claims_to", wx(dyad::datafile::local_today()));
        auto* format =
            form.choice(_("&As"), "claims_format",
                        {_("837P file for the clearinghouse"), _("CMS-1500 pages (PDF)")});
        if (!form.show(_("Each session billed to insurance and not claimed yet becomes one claim "
                         "under the identified patient. Upload the 837P in your clearinghouse's "
                         "portal, or print the CMS-1500 pages on the red form."))) {
            return;
        }
        bool paper = format->GetSelection() == 1;
        std::string path = paper ? save_path(this, _("Save CMS-1500 Pages"), "claims.pdf",
                                             _("PDF files (*.pdf)|*.pdf"))
                                 : save_path(this, _("Save 837P File"), "claims.837",
                                             _("X12 837P files (*.837)|*.837"));
        if (path.empty()) {
            return;
        }
        file_claims(utf8(first->GetValue()), utf8(last->GetValue()), path,
                    paper ? "cms1500" : "837p");
        fill();
        say(m_message->GetLabel());
    });
    status->Bind(wxEVT_BUTTON, [&](wxCommandEvent&) {
        const ClaimSummary* claim = selected();
        if (claim == nullptr) {
            return;
        }
        FormDialog form(&dialog, wxString::Format(_("Status of %s"), wx(claim->number)),
                        "billing_claim_status_dialog");
        wxArrayString statuses;
        for (const char* each : kStatuses) {
            statuses.Add(status_label(each));
        }
        auto* choice = form.choice(_("&Status"), "claim_status", statuses);
        auto* reason = form.text(_("&Reason (a denial's)"), "claim_reason");
        auto* number = form.text(_("&Payer's claim number"), "claim_payer_number",
                                 wx(claim->payer_claim_number));
        if (!form.show(_("As the payer or the clearinghouse answered. A denial needs its reason; "
                         "a replacement or a void needs the payer's claim number."))) {
            return;
        }
        auto done = m_claims.set_status(claim->id, kStatuses[std::max(0, choice->GetSelection())],
                                        utf8(reason->GetValue()), utf8(number->GetValue()), by());
        std::string claim_number = claim->number;
        fill();
        say(done ? wxString::Format(_("Claim %s is %s."), wx(claim_number),
                                    choice->GetStringSelection())
                 : wx(done.error()));
    });
    auto correct = [&](const std::string& frequency) {
        const ClaimSummary* claim = selected();
        if (claim == nullptr) {
            return;
        }
        if (frequency == "8" &&
            !m_confirm(&dialog, wxString::Format(_("Void claim %s? A void claim is written for "
                                                   "the payer; the original stays on record."),
                                                 wx(claim->number)))) {
            return;
        }
        std::string path = save_path(
            this, frequency == "7" ? _("Save Replacement 837P File") : _("Save Void 837P File"),
            frequency == "7" ? "replacement.837" : "void.837", _("X12 837P files (*.837)|*.837"));
        if (path.empty()) {
            return;
        }
        auto filed = m_claims.file_correction(claim->id, frequency, path, by());
        fill();
        say(filed ? wxString::Format(
                        frequency == "7" ? _("Replacement %s written.") : _("Void %s written."),
                        wx(filed->claim_numbers.front()))
                  : wx(filed.error()));
    };
    replace->Bind(wxEVT_BUTTON, [&](wxCommandEvent&) { correct("7"); });
    void_claim->Bind(wxEVT_BUTTON, [&](wxCommandEvent&) { correct("8"); });

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    for (wxButton* each : {file_new, status, replace, void_claim}) {
        buttons->Add(each, 0, wxRIGHT, 6);
    }
    buttons->AddStretchSpacer();
    buttons->Add(close, 0);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(list, 1, wxEXPAND | wxALL, 12);
    sizer->Add(message, 0, wxEXPAND | wxLEFT | wxRIGHT, 12);
    sizer->Add(buttons, 0, wxEXPAND | wxALL, 12);
    dialog.SetSizerAndFit(sizer);
    dialog.SetEscapeId(wxID_CANCEL);
    fill();
    dialog.ShowModal();
    reload();
}

}  // namespace dyad::billing
