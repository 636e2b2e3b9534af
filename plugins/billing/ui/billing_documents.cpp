// The Billing tab's insurer-facing actions (issue 16): a partner's billing details and
// coverage, a superbill, a Good Faith Estimate and claims as an 837P. Each dialog gathers what a
// person types; the rules and refusals are src/'s, shown in the tab's message line.
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/dialog.h>
#include <wx/filedlg.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/utils.h>

#include <data_files.h>
#include <dyad_mail_documents.h>
#include <time_text.h>
#include <wx_text.h>

#include "../src/money.h"
#include "../src/superbill.h"
#include "billing_panel.h"
#include "form_dialog.h"

namespace dyad::billing {
namespace {

using dyad::ui::utf8;
using dyad::ui::wx;

}  // namespace

namespace {

// The native chooser's answer; when a wxModalDialogHook answered without showing it (the GUI
// tests), the path it was given.
std::string chosen_path(wxFileDialog& dialog) {
    wxString chosen = dialog.GetPath();
    return utf8(chosen.empty() ? dialog.wxFileDialogBase::GetPath() : chosen);
}

}  // namespace

std::string save_path(wxWindow* parent, const wxString& title, const wxString& name,
                      const wxString& wildcard) {
    wxFileDialog save(parent, title, "", name, wildcard, wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    return save.ShowModal() == wxID_OK ? chosen_path(save) : std::string();
}

std::string open_path(wxWindow* parent, const wxString& title, const wxString& wildcard) {
    wxFileDialog open(parent, title, "", "", wildcard, wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    return open.ShowModal() == wxID_OK ? chosen_path(open) : std::string();
}

bool BillingPanel::save_insurance(const ClientDetails& details,
                                  const std::optional<Payer>& new_payer,
                                  std::optional<Coverage> coverage) {
    if (auto saved = m_details.set_client(details); !saved) {
        show_message(wx(saved.error()), true);
        return false;
    }
    if (coverage) {
        if (new_payer) {
            auto payer = m_details.save_payer(*new_payer);
            if (!payer) {
                show_message(
                    wxString::Format(_("Details saved; the payer was not: %s"), wx(payer.error())),
                    true);
                return false;
            }
            coverage->payer_id = *payer;
        }
        if (auto added = m_details.add_coverage(*coverage); !added) {
            show_message(
                wxString::Format(_("Details saved; the coverage was not: %s"), wx(added.error())),
                true);
            return false;
        }
    }
    show_message(coverage ? _("Billing details and coverage saved.") : _("Billing details saved."),
                 false);
    return true;
}

std::string BillingPanel::superbill(const std::string& from, const std::string& to,
                                    const std::string& path) {
    auto issued = issue_superbill(m_host, m_store, m_details, m_unit_id, from, to, path, by());
    if (!issued) {
        show_message(wx(issued.error()), true);
        return {};
    }
    show_message(wxString::Format(_("Superbill %s written (%s)."), wx(issued->number),
                                  shown_money(issued->total_cents)),
                 false);
    if (auto setup = m_store.unit(m_unit_id); setup && *setup && (*setup)->identified_patient_id) {
        offer_email(*(*setup)->identified_patient_id,
                    wxString::Format(_("Superbill %s"), wx(issued->number)), path);
    }
    return issued->number;
}

std::string BillingPanel::estimate(const GfeRequest& request, const std::string& path) {
    auto issued = issue_gfe(m_host, m_store, m_catalogue, request, path, by());
    if (!issued) {
        show_message(wx(issued.error()), true);
        return {};
    }
    reload();
    show_message(wxString::Format(_("Good Faith Estimate %s written (%s)."), wx(issued->number),
                                  shown_money(issued->total_cents)) +
                     (issued->supersedes
                          ? " " + wxString::Format(_("It replaces %s."), wx(*issued->supersedes))
                          : wxString()),
                 false);
    return issued->number;
}

void BillingPanel::insurance_dialog() {
    if (m_unit_id == 0 || m_members.empty()) {
        return;
    }
    FormDialog form(this, _("Insurance and Billing Details"), "billing_insurance_dialog");
    wxArrayString names;
    for (const auto& member : m_members) {
        names.Add(wx(member.full_name()));
    }
    auto* partner = form.choice(_("&Client"), "insurance_client", names);
    // Stored as the card's letter; shown in words.
    const char* const sexes[] = {"F", "M", "U"};
    auto* sex = form.choice(_("Se&x (as on the card)"), "insurance_sex",
                            {_("F (female)"), _("M (male)"), _("U (unknown)")});
    auto* street = form.text(_("&Street"), "insurance_street");
    auto* city = form.text(_("C&ity"), "insurance_city");
    auto* state = form.text(_("S&tate"), "insurance_state");
    auto* zip = form.text(_("&ZIP"), "insurance_zip");
    wxArrayString payer_names;
    payer_names.Add(_("(no coverage to add)"));
    payer_names.Add(_("(a new payer, below)"));
    auto payers = m_details.payers();
    std::vector<Payer> known = payers ? *payers : std::vector<Payer>();
    for (const auto& payer : known) {
        payer_names.Add(wx(payer.name));
    }
    auto* payer = form.choice(_("&Payer"), "insurance_payer", payer_names);
    auto* payer_name = form.text(_("New payer's name"), "insurance_payer_name");
    auto* payer_id = form.text(_("New payer's id"), "insurance_payer_id");
    auto* tele_pos =
        form.choice(_("Telehealth place of service"), "insurance_tele_pos", {"10", "02"});
    auto* tele_modifier =
        form.choice(_("Telehealth modifier"), "insurance_tele_modifier", {"95", "GT", _("none")});
    auto* member_id = form.text(_("&Member id"), "insurance_member_id");
    auto* group = form.text(_("&Group number"), "insurance_group");
    const char* const relations[] = {"self", "spouse", "child", "other"};
    auto* relation = form.choice(_("Client is the subscriber's"), "insurance_relation",
                                 {wxGETTEXT_IN_CONTEXT("subscriber relation", "self"),
                                  wxGETTEXT_IN_CONTEXT("subscriber relation", "spouse"),
                                  wxGETTEXT_IN_CONTEXT("subscriber relation", "child"),
                                  wxGETTEXT_IN_CONTEXT("subscriber relation", "other")});
    auto* subscriber_given = form.text(_("Subscriber's given name"), "insurance_sub_given");
    auto* subscriber_family = form.text(_("Subscriber's family name"), "insurance_sub_family");
    auto* subscriber_dob = form.text(_("Subscriber's date of birth"), "insurance_sub_dob");
    auto* from =
        form.text(_("Coverage &from"), "insurance_from", wx(dyad::datafile::local_today()));
    auto fill = [&] {
        auto chosen = m_members[static_cast<std::size_t>(partner->GetSelection())].client_id;
        auto details = m_details.client(chosen);
        if (details && *details) {
            for (int i = 0; i < 3; ++i) {
                if ((*details)->sex == sexes[i]) {
                    sex->SetSelection(i);
                }
            }
            street->SetValue(wx((*details)->address.street));
            city->SetValue(wx((*details)->address.city));
            state->SetValue(wx((*details)->address.state));
            zip->SetValue(wx((*details)->address.zip));
        }
    };
    fill();
    partner->Bind(wxEVT_CHOICE, [&](wxCommandEvent&) { fill(); });
    if (!form.show(_("The address and coverage are what claims and superbills carry; they stay "
                     "in this practice file."))) {
        return;
    }
    ClientDetails details{m_members[static_cast<std::size_t>(partner->GetSelection())].client_id,
                          sexes[std::max(0, sex->GetSelection())],
                          Address{utf8(street->GetValue()), utf8(city->GetValue()),
                                  utf8(state->GetValue()), utf8(zip->GetValue())}};
    std::optional<Payer> new_payer;
    std::optional<Coverage> coverage;
    if (payer->GetSelection() > 0) {
        Coverage added;
        added.client_id = details.client_id;
        if (payer->GetSelection() == 1) {
            // The last choice is "none": no modifier.
            std::string modifier = tele_modifier->GetSelection() == 2
                                       ? std::string()
                                       : utf8(tele_modifier->GetStringSelection());
            new_payer = Payer{0, utf8(payer_name->GetValue()), utf8(payer_id->GetValue()),
                              utf8(tele_pos->GetStringSelection()), modifier};
        } else {
            added.payer_id = known[static_cast<std::size_t>(payer->GetSelection() - 2)].id;
        }
        added.member_id = utf8(member_id->GetValue());
        added.group_number = utf8(group->GetValue());
        added.relation = relations[std::max(0, relation->GetSelection())];
        added.subscriber_given = utf8(subscriber_given->GetValue());
        added.subscriber_family = utf8(subscriber_family->GetValue());
        added.subscriber_dob = utf8(subscriber_dob->GetValue());
        added.effective_from = utf8(from->GetValue());
        coverage = added;
    }
    save_insurance(details, new_payer, coverage);
}

void BillingPanel::superbill_dialog() {
    if (m_unit_id == 0) {
        return;
    }
    // The selected charge's session, else the last 30 days.
    std::string from = local_date_days_ago(30);
    std::string to = dyad::datafile::local_today();
    long row = m_charges->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (row >= 0 && static_cast<std::size_t>(row) < m_shown.size()) {
        from = to = m_shown[static_cast<std::size_t>(row)].service_date;
    }
    FormDialog form(this, _("Superbill"), "billing_superbill_dialog");
    auto* first = form.text(_("&From"), "superbill_from", wx(from));
    auto* last = form.text(_("&To"), "superbill_to", wx(to));
    if (!form.show(_("Sessions billed to insurance or a superbill between these dates (the same "
                     "date twice for one session), under the identified patient."))) {
        return;
    }
    std::string path =
        save_path(this, _("Save Superbill"), "superbill.pdf", _("PDF files (*.pdf)|*.pdf"));
    if (!path.empty()) {
        superbill(utf8(first->GetValue()), utf8(last->GetValue()), path);
    }
}

void BillingPanel::estimate_dialog() {
    if (m_unit_id == 0 || m_members.empty() || m_catalogue == nullptr) {
        return;
    }
    FormDialog form(this, _("Good Faith Estimate"), "billing_estimate_dialog");
    wxArrayString names;
    for (const auto& member : m_members) {
        names.Add(wx(member.full_name()));
    }
    auto* recipient = form.choice(_("&Recipient"), "estimate_recipient", names);
    wxArrayString codes;
    std::vector<const Service*> services;
    for (const auto& service : m_catalogue->services) {
        if (service.kind != "no_show" && service.kind != "late_cancel") {
            codes.Add(wx(service.code + "  " + service.label));
            services.push_back(&service);
        }
    }
    auto* code = form.choice(_("&Service"), "estimate_code", codes);
    for (std::size_t i = 0; i < services.size(); ++i) {
        if (services[i]->code == "90847") {
            code->SetSelection(static_cast<int>(i));
        }
    }
    auto* count = new wxSpinCtrl(&form.dialog, wxID_ANY, "12", wxDefaultPosition, wxDefaultSize,
                                 wxSP_ARROW_KEYS, 1, 366, 12, "estimate_count");
    form.row(_("&How many"), count);
    auto* evaluation =
        new wxCheckBox(&form.dialog, wxID_ANY, _("Add a diagnostic evaluation"), wxDefaultPosition,
                       wxDefaultSize, 0, wxDefaultValidator, "estimate_evaluation");
    form.row("", evaluation);
    auto* first = form.text(_("&From"), "estimate_from", wx(dyad::datafile::local_today()));
    auto* last = form.text(_("&To"), "estimate_to", wx(local_date_days_ago(-364)));
    if (!form.show(_("For self-pay clients: at most 12 months of recurring services. A new "
                     "estimate replaces the current one."))) {
        return;
    }
    GfeRequest request;
    request.unit_id = m_unit_id;
    request.recipient_id = m_members[static_cast<std::size_t>(recipient->GetSelection())].client_id;
    request.period_from = utf8(first->GetValue());
    request.period_to = utf8(last->GetValue());
    request.items.push_back(
        {services[static_cast<std::size_t>(code->GetSelection())]->code, "", count->GetValue(), 0});
    if (evaluation->GetValue()) {
        request.items.push_back({"90791", "", 1, 0});
    }
    std::string path = save_path(this, _("Save Good Faith Estimate"), "good-faith-estimate.pdf",
                                 _("PDF files (*.pdf)|*.pdf"));
    if (!path.empty()) {
        estimate(request, path);
    }
}

bool BillingPanel::apply_credit() {
    auto applied = m_store.apply_credit(m_unit_id, by());
    if (!applied) {
        show_message(wx(applied.error()), true);
        return false;
    }
    reload();
    show_message(*applied == 0
                     ? _("No credit to apply, or nothing open.")
                     : wxString::Format(_("%s of credit applied."), shown_money(*applied)),
                 false);
    return true;
}

bool BillingPanel::refund(const NewRefund& refund) {
    auto done = m_store.refund(refund, by());
    if (!done) {
        show_message(wx(done.error()), true);
        return false;
    }
    reload();
    show_message(wxString::Format(_("Refund of %s recorded."), shown_money(refund.amount_cents)),
                 false);
    return true;
}

void BillingPanel::refund_dialog() {
    if (m_unit_id == 0 || m_members.empty()) {
        return;
    }
    auto held = m_store.credit(m_unit_id);
    FormDialog form(this, _("Refund"), "billing_refund_dialog");
    auto* amount = form.text(_("&Amount"), "refund_amount",
                             held && *held > 0 ? shown_money(*held) : wxString());
    wxArrayString names;
    for (const auto& member : m_members) {
        names.Add(wx(member.full_name()));
    }
    auto* to = form.choice(wxGETTEXT_IN_CONTEXT("refund recipient", "&To"), "refund_to", names);
    wxArrayString methods;
    for (const char* each : {"card", "cash", "cheque", "transfer"}) {
        methods.Add(method_label(each));
    }
    auto* method = form.choice(_("&Method"), "refund_method", methods);
    auto* reason = form.text(_("&Reason"), "refund_reason");
    if (!form.show(wxString::Format(_("The unit holds %s of credit; a refund is at most that."),
                                    shown_money(held ? *held : 0)))) {
        return;
    }
    auto cents = parse_shown_cents(utf8(amount->GetValue()));
    if (!cents) {
        show_message(wx(cents.error()), true);
        return;
    }
    NewRefund given{m_unit_id,
                    m_members[static_cast<std::size_t>(to->GetSelection())].client_id,
                    kPaymentMethods[std::max(0, method->GetSelection())],
                    *cents,
                    dyad::datafile::local_today(),
                    utf8(reason->GetValue())};
    if (m_confirm(this, wxString::Format(_("Record a refund of %s to %s?"), shown_money(*cents),
                                         names[static_cast<std::size_t>(to->GetSelection())]))) {
        refund(given);
    }
}

void BillingPanel::offer_email(std::int64_t client_id, const wxString& shown,
                               const std::string& path) {
    const auto* mail =
        m_host.plugin_extension<dyad_mail_documents_v1>("dyad.mail", DYAD_MAIL_DOCUMENTS_EXTENSION);
    if (mail == nullptr || mail->struct_size < sizeof(dyad_mail_documents_v1)) {
        return;  // No mail plugin: the document is saved, as before.
    }
    char address[256] = {};
    if (mail->address_of(mail->self, client_id, address, sizeof address) != DYAD_OK) {
        return;  // No consent to e-mail or no account: nothing to offer.
    }
    std::string name;
    for (const auto& member : m_members) {
        if (member.client_id == client_id) {
            name = member.full_name();
        }
    }
    if (!m_confirm(this, wxString::Format(_("E-mail %s to %s at %s now?"), shown, wx(name),
                                          wx(address)))) {
        return;
    }
    std::string error;
    std::string pdf = dyad::datafile::read_user_file(path, 10 * 1024 * 1024, error);
    if (!error.empty()) {
        show_message(wxString::Format(_("Not e-mailed: %s"), wx(error)), true);
        return;
    }
    std::string file_name = path.substr(path.find_last_of('/') + 1);
    char words[512] = {};
    wxBusyCursor busy;
    // The document's title as the window names it, in the person's language ("Factura ...").
    std::string title = shown.utf8_string();
    int sent = mail->send(mail->self, client_id, title.c_str(), file_name.c_str(), pdf.data(),
                          static_cast<std::int64_t>(pdf.size()), words, sizeof words);
    show_message(m_message->GetLabel() + " " + wx(words), sent != DYAD_OK);
}

}  // namespace dyad::billing
