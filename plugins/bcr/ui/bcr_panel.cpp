#include "bcr_panel.h"

#include <print_pages.h>

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/dialog.h>
#include <wx/filedlg.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/textdlg.h>
#include <wx/wrapsizer.h>

#include <wx_text.h>
#include <dyad/accessible_wx.hpp>

#include <cmath>
#include <ctime>
#include <dyad/show.hpp>

#include "../src/agreement_pdf.h"
#include "../src/summary.h"

namespace dyad::bcr {

using dyad::ui::utf8;
using dyad::ui::wx;
namespace {

wxString day_text(const std::string& iso) {
    return wx(dyad::show::date(iso, dyad::show::DateStyle::Compact));
}

wxString state_label(State state) {
    switch (state) {
        case State::Frustration:
            return _("frustration written");
        case State::Desire:
            return _("desire named");
        case State::Requests:
            return _("three requests");
        case State::Granted:
            return _("gift granted");
        case State::Retired:
            return _("retired");
    }
    return "";
}

// Text of the SMART findings of a request, or a check mark when it passes.
wxString findings_text(const SmartChecker* checker, const std::string& request) {
    if (checker == nullptr) {
        return _("(SMART rules not available)");
    }
    auto findings = checker->check(request);
    if (findings.empty()) {
        return _("Passes: specific, measurable, attainable, time-limited, positive.");
    }
    wxString text;
    for (const auto& finding : findings) {
        // TRANSLATORS: a SMART finding: the criterion, the reason, the hint.
        text += wxString::Format(_("%s: %s. %s"), wx(criterion_label(finding.criterion)),
                                 wx(finding.reason), wx(finding.hint)) +
                "\n";
    }
    return text.Trim();
}

// A dialog with a sizer and OK/Cancel; the caller adds rows before ShowModal.
struct FormDialog {
    wxDialog dialog;
    wxFlexGridSizer* grid = new wxFlexGridSizer(2, 8, 8);
    wxStaticText* error = nullptr;

    FormDialog(wxWindow* parent, const wxString& title, const wxString& name)
        : dialog(parent, wxID_ANY, title, wxDefaultPosition, wxSize(620, -1),
                 wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER, name) {
        grid->AddGrowableCol(1, 1);
    }
    template <class Control>
    Control* row(const wxString& label, Control* control) {
        grid->Add(new wxStaticText(&dialog, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL);
        grid->Add(control, 1, wxEXPAND);
        return control;
    }
    void finish() {
        error = new wxStaticText(&dialog, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0,
                                 "bcr_dialog_error");
        error->SetForegroundColour(wxColour(176, 0, 32));
        auto* sizer = new wxBoxSizer(wxVERTICAL);
        sizer->Add(grid, 1, wxEXPAND | wxALL, 12);
        sizer->Add(error, 0, wxLEFT | wxRIGHT, 12);
        sizer->Add(dialog.CreateSeparatedButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, 8);
        dialog.SetSizerAndFit(sizer);
    }
    // Runs the dialog; OK calls save, which returns "" to close or the error to show.
    bool run(const std::function<std::string()>& save) {
        dialog.Bind(
            wxEVT_BUTTON,
            [&](wxCommandEvent&) {
                std::string problem = save();
                if (problem.empty()) {
                    dialog.EndModal(wxID_OK);
                } else {
                    error->SetLabel(wx(problem));
                    dialog.Layout();
                }
            },
            wxID_OK);
        return dialog.ShowModal() == wxID_OK;
    }
};

}  // namespace

BcrPanel::BcrPanel(wxWindow* parent, dyad::sdk::Host host, BcrStore& store,
                   const SmartChecker* checker, Confirm confirm)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, "bcr_panel"),
      m_host(host),
      m_store(store),
      m_checker(checker),
      m_confirm(std::move(confirm)) {
    m_list = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxSize(-1, 140),
                            wxLC_REPORT | wxLC_SINGLE_SEL, wxDefaultValidator, "bcr_list");
    dyad::show::set_accessible_name(m_list, _("Requests"));
    m_list->AppendColumn(_("From"), wxLIST_FORMAT_LEFT, 110);
    m_list->AppendColumn(_("Frustration"), wxLIST_FORMAT_LEFT, 330);
    m_list->AppendColumn(_("Theme"), wxLIST_FORMAT_LEFT, 100);
    m_list->AppendColumn(_("Step"), wxLIST_FORMAT_LEFT, 140);
    m_list->AppendColumn(_("Adherence"), wxLIST_FORMAT_LEFT, 90);
    m_themes =
        new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0, "bcr_themes");
    m_details = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(-1, 150),
                               wxTE_MULTILINE | wxTE_READONLY, wxDefaultValidator, "bcr_details");
    dyad::show::set_accessible_name(m_details, _("The selected request"));
    m_chart = new ProgressChart(this);
    m_message =
        new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0, "bcr_message");

    struct Action {
        wxString label;
        const char* name;
        std::function<void()> run;
    };
    std::vector<Action> actions = {
        {_("&New Frustration..."), "bcr_new", [this] { new_dialog(); }},
        {_("&Desire..."), "bcr_desire", [this] { desire_dialog(); }},
        {_("&Requests..."), "bcr_requests", [this] { requests_dialog(); }},
        {_("&Grant Gift..."), "bcr_grant", [this] { grant_dialog(); }},
        {_("Check &In..."), "bcr_checkin", [this] { checkin_dialog(); }},
        {_("Re&new"), "bcr_renew",
         [this] {
             auto renewed = m_store.renew(m_selected);
             report(renewed ? std::expected<void, std::string>() : std::unexpected(renewed.error()),
                    _("Renewed for another period."));
         }},
        {_("Re&vise"), "bcr_revise",
         [this] { report(m_store.revise(m_selected), _("Write the new requests.")); }},
        {_("Re&tire..."), "bcr_retire",
         [this] {
             if (m_selected != 0 &&
                 m_confirm(this, _("Retire this request? It stays in the record but takes no "
                                   "more check-ins."))) {
                 report(m_store.retire(m_selected), _("Retired."));
             }
         }},
        {_("Agreements (&PDF)..."), "bcr_agreements", [this] { agreements_dialog(); }},
    };
    auto* buttons = new wxWrapSizer(wxHORIZONTAL);
    for (const auto& action : actions) {
        auto* button = new wxButton(this, wxID_ANY, action.label, wxDefaultPosition, wxDefaultSize,
                                    0, wxDefaultValidator, action.name);
        auto run = action.run;
        button->Bind(wxEVT_BUTTON, [run](wxCommandEvent&) { run(); });
        buttons->Add(button, 0, wxRIGHT | wxBOTTOM, 6);
    }
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(m_themes, 0, wxLEFT | wxRIGHT | wxTOP, 8);
    sizer->Add(m_list, 0, wxEXPAND | wxALL, 8);
    sizer->Add(buttons, 0, wxLEFT | wxRIGHT, 8);
    sizer->Add(m_message, 0, wxLEFT | wxRIGHT | wxBOTTOM, 8);
    sizer->Add(m_details, 0, wxEXPAND | wxLEFT | wxRIGHT, 8);
    sizer->Add(m_chart, 1, wxEXPAND | wxALL, 8);
    SetSizer(sizer);
    m_list->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& event) {
        auto index = static_cast<std::size_t>(event.GetIndex());
        if (index < m_shown.size()) {
            m_selected = m_shown[index].id;
            show_selected();
        }
    });
}

std::string BcrPanel::name_of(std::int64_t client_id) const {
    auto found = m_names.find(client_id);
    return found == m_names.end() ? std::string("?") : found->second;
}

void BcrPanel::show_unit(std::int64_t unit_id) {
    m_unit_id = unit_id;
    m_selected = 0;
    m_message->SetLabel("");
    reload();
}

void BcrPanel::reload() {
    m_names.clear();
    for (const auto& member : m_host.members(m_unit_id)) {
        m_names[member.client_id] = member.given_name;
    }
    m_list->DeleteAllItems();
    auto found = m_store.for_unit(m_unit_id);
    if (!found) {
        m_message->SetLabel(
            wxString::Format(_("The requests could not be read: %s"), wx(found.error())));
        return;
    }
    m_shown = std::move(*found);
    (void)m_host.core()->audit(m_host.raw(), "view", "request", m_unit_id);
    std::string today = local_today();
    for (std::size_t i = 0; i < m_shown.size(); ++i) {
        const auto& f = m_shown[i];
        long row = m_list->InsertItem(static_cast<long>(i), wx(name_of(f.sender_id)));
        m_list->SetItem(row, 1, wx(f.text));
        m_list->SetItem(row, 2, wx(f.theme));
        m_list->SetItem(row, 3, state_label(f.state));
        if (const Gift* gift = f.current_gift(); gift != nullptr) {
            Adherence so_far = adherence(gift->commitment, gift->checkins, today);
            m_list->SetItem(row, 4,
                            so_far.due == 0
                                ? wxString("-")
                                : wx(dyad::show::percent(std::lround(so_far.rate() * 100))));
        }
        if (f.id == m_selected) {
            m_list->SetItemState(row, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
        }
    }
    wxString by_theme;
    for (const auto& [theme, count] : themes(m_shown)) {
        by_theme += wxString::Format("%s%s (%d)", by_theme.empty() ? "" : ", ", wx(theme), count);
    }
    m_themes->SetLabel(by_theme.empty() ? wxString() : wxString::Format(_("Themes: %s"), by_theme));
    if (m_selected == 0 && !m_shown.empty()) {
        m_selected = m_shown.front().id;
        m_list->SetItemState(0, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
    }
    show_selected();
}

void BcrPanel::show_selected() {
    const Frustration* f = nullptr;
    for (const auto& shown : m_shown) {
        if (shown.id == m_selected) {
            f = &shown;
        }
    }
    if (f == nullptr) {
        m_details->SetValue(
            _("No frustration yet. Start with New Frustration: the sender "
              "completes \"I don't like it when...\" about a behaviour."));
        m_chart->set_points({}, "");
        return;
    }
    wxString text = wx(name_of(f->sender_id) + ": " + f->text) + "\n";
    if (!f->feeling.empty()) {
        text += wxString::Format(_("Feeling: %s"), wx(f->feeling)) + "\n";
    }
    if (!f->desire.empty()) {
        text += wxString::Format(_("Desire: %s"), wx(f->desire)) + "\n";
    }
    for (const auto& request : f->requests) {
        const Gift* gift = f->current_gift();
        bool granted = gift != nullptr && gift->active && gift->request_id == request.id;
        wxString line = wxString::Format("%d. %s", request.position, wx(request.text));
        text +=
            (granted ? "  * " + wxString::Format(_("%s  (granted)"), line) : "  " + line) + "\n";
    }
    std::string today = local_today();
    if (const Gift* gift = f->current_gift(); gift != nullptr) {
        Adherence so_far = adherence(gift->commitment, gift->checkins, today);
        text += wxString::Format(
                    wxPLURAL("Gift from %s to %s, %d of %d check-in recorded",
                             "Gift from %s to %s, %d of %d check-ins recorded", so_far.due),
                    day_text(gift->commitment.start), day_text(gift->commitment.last_day()),
                    so_far.recorded, so_far.due) +
                "\n";
        m_chart->set_points(weekly(gift->commitment, gift->checkins, today),
                            wxString::Format(_("%s's gift to %s"), wx(name_of(f->receiver_id)),
                                             wx(name_of(f->sender_id))));
    } else {
        m_chart->set_points({}, "");
    }
    text += "\n" + _("Timeline:") + "\n";
    for (const auto& line : timeline(*f)) {
        text += "  " + wx(line) + "\n";
    }
    m_details->SetValue(text);
}

std::int64_t BcrPanel::selected_id() const {
    return m_selected;
}

void BcrPanel::select(std::int64_t frustration_id) {
    m_selected = frustration_id;
    reload();
}

void BcrPanel::report(const std::expected<void, std::string>& outcome, const wxString& done) {
    if (m_selected == 0 && !outcome) {
        m_message->SetLabel(_("Choose a frustration first."));
        return;
    }
    m_message->SetForegroundColour(outcome ? GetForegroundColour() : wxColour(176, 0, 32));
    m_message->SetLabel(outcome ? done : wx(outcome.error()));
    if (outcome) {
        (void)m_host.core()->audit(m_host.raw(), "update", "request", m_selected);
        reload();
    }
}

bool BcrPanel::create(const NewFrustration& frustration) {
    auto created = m_store.create(frustration);
    if (!created) {
        m_message->SetLabel(wx(created.error()));
        return false;
    }
    (void)m_host.core()->audit(m_host.raw(), "create", "request", *created);
    m_selected = *created;
    m_message->SetLabel(_("Frustration written. Next: the desire behind it."));
    reload();
    return true;
}

bool BcrPanel::set_desire(const std::string& desire) {
    auto done = m_store.set_desire(m_selected, desire);
    report(done, _("Desire named. Next: three requests."));
    return done.has_value();
}

bool BcrPanel::set_requests(const std::array<RequestDraft, 3>& requests) {
    auto done = m_store.set_requests(m_selected, requests);
    report(done, _("Three requests written. The receiver chooses one as a gift."));
    return done.has_value();
}

bool BcrPanel::grant(int position, const Commitment& commitment) {
    auto done = m_store.grant(m_selected, position, commitment, local_today());
    report(done ? std::expected<void, std::string>() : std::unexpected(done.error()),
           _("Gift granted."));
    return done.has_value();
}

bool BcrPanel::check_in(const CheckIn& checkin, const std::string& appreciation) {
    auto done = m_store.check_in(m_selected, checkin, appreciation, local_today());
    report(done, _("Check-in recorded."));
    return done.has_value();
}

void BcrPanel::new_dialog() {
    if (m_names.size() < 2) {
        m_message->SetLabel(_("Requests are made between two partners; choose a couple."));
        return;
    }
    FormDialog form(this, _("New Frustration"), "bcr_new_dialog");
    auto* sender = form.row(_("Sender:"), new wxChoice(&form.dialog, wxID_ANY));
    std::vector<std::int64_t> ids;
    for (const auto& [id, name] : m_names) {
        sender->Append(wx(name));
        ids.push_back(id);
    }
    sender->SetSelection(0);
    sender->SetName("bcr_sender");
    auto text = [&](const wxString& label, const char* name) {
        return form.row(label, new wxTextCtrl(&form.dialog, wxID_ANY, "", wxDefaultPosition,
                                              wxDefaultSize, 0, wxDefaultValidator, name));
    };
    auto* frustration = text(_("I don't like it when..."), "bcr_frustration");
    auto* feeling = text(_("and I feel (optional):"), "bcr_feeling");
    auto* fear = text(_("my fear (optional):"), "bcr_fear");
    auto* echo = text(_("it reminds me of (optional):"), "bcr_echo");
    auto* theme = text(_("Theme (optional):"), "bcr_theme");
    form.finish();
    bool saved = form.run([&] {
        std::size_t chosen = static_cast<std::size_t>(sender->GetSelection());
        NewFrustration f;
        f.unit_id = m_unit_id;
        f.sender_id = ids[chosen];
        f.receiver_id = ids[chosen == 0 ? 1 : 0];
        f.text = utf8(frustration->GetValue());
        f.feeling = utf8(feeling->GetValue());
        f.fear = utf8(fear->GetValue());
        f.echo = utf8(echo->GetValue());
        f.theme = utf8(theme->GetValue());
        auto created = m_store.create(f);
        if (!created) {
            return created.error();
        }
        (void)m_host.core()->audit(m_host.raw(), "create", "request", *created);
        m_selected = *created;
        return std::string();
    });
    if (saved) {
        m_message->SetLabel(_("Frustration written. Next: the desire behind it."));
    }
    reload();
}

void BcrPanel::desire_dialog() {
    wxTextEntryDialog dialog(this,
                             _("The deeper desire behind the frustration, phrased positively\n"
                               "(\"I would like to feel safe and relaxed when you drive.\"):"),
                             _("Desire"));
    if (dialog.ShowModal() == wxID_OK) {
        set_desire(utf8(dialog.GetValue()));
    }
}

void BcrPanel::requests_dialog() {
    FormDialog form(this, _("Three Requests"), "bcr_requests_dialog");
    std::array<wxTextCtrl*, 3> texts{};
    std::array<wxStaticText*, 3> findings{};
    std::array<wxSpinCtrl*, 3> importance{};
    std::array<wxSpinCtrl*, 3> difficulty{};
    for (std::size_t i = 0; i < 3; ++i) {
        texts[i] = form.row(
            wxString::Format(_("Request %zu:"), i + 1),
            new wxTextCtrl(&form.dialog, wxID_ANY, "", wxDefaultPosition, wxSize(420, -1), 0,
                           wxDefaultValidator, wxString::Format("bcr_request_%zu", i + 1)));
        findings[i] = form.row(
            "", new wxStaticText(&form.dialog, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0,
                                 wxString::Format("bcr_findings_%zu", i + 1)));
        findings[i]->SetForegroundColour(wxColour(120, 70, 0));
        importance[i] = form.row(_("Importance (0 = not rated):"),
                                 new wxSpinCtrl(&form.dialog, wxID_ANY, "", wxDefaultPosition,
                                                wxDefaultSize, wxSP_ARROW_KEYS, 0, 5, 0));
        difficulty[i] = form.row(_("Difficulty (0 = not rated):"),
                                 new wxSpinCtrl(&form.dialog, wxID_ANY, "", wxDefaultPosition,
                                                wxDefaultSize, wxSP_ARROW_KEYS, 0, 5, 0));
        auto* text = texts[i];
        auto* label = findings[i];
        text->Bind(wxEVT_TEXT, [this, text, label, &form](wxCommandEvent&) {
            label->SetLabel(findings_text(m_checker, utf8(text->GetValue())));
            label->Wrap(420);
            form.dialog.Layout();
            form.dialog.Fit();
        });
    }
    form.finish();
    bool saved = form.run([&] {
        std::array<RequestDraft, 3> drafts;
        for (std::size_t i = 0; i < 3; ++i) {
            drafts[i] = {utf8(texts[i]->GetValue()), importance[i]->GetValue(),
                         difficulty[i]->GetValue()};
        }
        auto done = m_store.set_requests(m_selected, drafts);
        return done ? std::string() : done.error();
    });
    if (saved) {
        m_message->SetLabel(_("Three requests written. The receiver chooses one as a gift."));
    }
    reload();
}

void BcrPanel::grant_dialog() {
    const Frustration* f = nullptr;
    for (const auto& shown : m_shown) {
        if (shown.id == m_selected) {
            f = &shown;
        }
    }
    if (f == nullptr || f->requests.size() != 3) {
        m_message->SetLabel(_("Write the three requests before a gift is chosen."));
        return;
    }
    FormDialog form(this, _("Grant a Gift"), "bcr_grant_dialog");
    auto* which = form.row(_("The receiver gives:"), new wxChoice(&form.dialog, wxID_ANY));
    for (const auto& request : f->requests) {
        which->Append(wx(request.text));
    }
    which->SetSelection(0);
    which->SetName("bcr_grant_request");
    auto* start =
        form.row(_("Starting (YYYY-MM-DD):"),
                 new wxTextCtrl(&form.dialog, wxID_ANY, wx(local_today()), wxDefaultPosition,
                                wxDefaultSize, 0, wxDefaultValidator, "bcr_grant_start"));
    auto* days =
        form.row(_("For (days):"), new wxSpinCtrl(&form.dialog, wxID_ANY, "", wxDefaultPosition,
                                                  wxDefaultSize, wxSP_ARROW_KEYS, 7, 365, 21));
    auto* weekdays = new wxBoxSizer(wxHORIZONTAL);
    std::array<wxCheckBox*, 7> boxes{};
    for (int day = 0; day < 7; ++day) {
        boxes[static_cast<std::size_t>(day)] =  // 0 = Monday; dyad::show's 0 is Sunday.
            new wxCheckBox(&form.dialog, wxID_ANY,
                           wx(dyad::show::weekday_name((day + 1) % 7, true)));
        weekdays->Add(boxes[static_cast<std::size_t>(day)], 0, wxRIGHT, 6);
    }
    form.grid->Add(new wxStaticText(&form.dialog, wxID_ANY, _("Check in on (none: daily):")), 0,
                   wxALIGN_CENTER_VERTICAL);
    form.grid->Add(weekdays);
    form.finish();
    bool saved = form.run([&] {
        Commitment commitment{utf8(start->GetValue().Trim().Trim(false)), days->GetValue(), {}};
        for (int day = 0; day < 7; ++day) {
            if (boxes[static_cast<std::size_t>(day)]->GetValue()) {
                commitment.check_days.push_back(day);
            }
        }
        auto granted =
            m_store.grant(m_selected, which->GetSelection() + 1, commitment, local_today());
        return granted ? std::string() : granted.error();
    });
    if (saved) {
        m_message->SetLabel(_("Gift granted. Check in on the days agreed."));
    }
    reload();
}

void BcrPanel::checkin_dialog() {
    FormDialog form(this, _("Check In"), "bcr_checkin_dialog");
    auto* date =
        form.row(_("Date (YYYY-MM-DD):"),
                 new wxTextCtrl(&form.dialog, wxID_ANY, wx(local_today()), wxDefaultPosition,
                                wxDefaultSize, 0, wxDefaultValidator, "bcr_checkin_date"));
    auto* outcome = form.row(_("The gift was:"), new wxChoice(&form.dialog, wxID_ANY));
    outcome->Append(_("done"));
    outcome->Append(_("partly done"));
    outcome->Append(_("not done"));
    outcome->SetSelection(0);
    outcome->SetName("bcr_checkin_outcome");
    auto* impact = form.row(_("Felt impact 1-5 (0 = not rated):"),
                            new wxSpinCtrl(&form.dialog, wxID_ANY, "", wxDefaultPosition,
                                           wxDefaultSize, wxSP_ARROW_KEYS, 0, 5, 0));
    impact->SetName("bcr_checkin_impact");
    auto* note = form.row(_("Appreciation (optional):"),
                          new wxTextCtrl(&form.dialog, wxID_ANY, "", wxDefaultPosition,
                                         wxDefaultSize, 0, wxDefaultValidator, "bcr_checkin_note"));
    form.finish();
    bool saved = form.run([&] {
        static const Outcome kOutcomes[] = {Outcome::Done, Outcome::Partly, Outcome::NotDone};
        CheckIn checkin{utf8(date->GetValue().Trim().Trim(false)),
                        kOutcomes[outcome->GetSelection()], impact->GetValue()};
        auto done = m_store.check_in(m_selected, checkin, utf8(note->GetValue()), local_today());
        if (done) {
            (void)m_host.core()->audit(m_host.raw(), "update", "request", m_selected);
        }
        return done ? std::string() : done.error();
    });
    if (saved) {
        m_message->SetLabel(_("Check-in recorded."));
    }
    reload();
}

bool BcrPanel::print(bool preview) {
    if (m_unit_id == 0) {
        return false;
    }
    std::string couple;
    for (const auto& [id, name] : m_names) {
        couple += (couple.empty() ? "" : " & ") + name;
    }
    auto pages = agreements_pages(m_shown, m_names, couple, local_today());
    if (!pages) {
        m_message->SetLabel(wxString::Format(_("Not printed: %s"), wx(pages.error())));
        return true;
    }
    std::int64_t unit = m_unit_id;
    dyad::ui::print_pages(this, std::move(*pages), _("Our agreements"), preview,
                          [host = m_host, unit](const std::string& format) {
                              (void)host.core()->record_export(
                                  host.raw(), "unit", unit, ("bcr-agreements-" + format).c_str());
                          });
    return true;
}

void BcrPanel::agreements_dialog() {
    wxFileDialog dialog(this, _("Save the couple's agreements"), "", "agreements.pdf",
                        _("PDF files (*.pdf)|*.pdf"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dialog.ShowModal() != wxID_OK) {
        return;
    }
    std::string couple;
    for (const auto& [id, name] : m_names) {
        couple += (couple.empty() ? "" : " & ") + name;
    }
    auto pages = agreements_pdf(m_shown, m_names, couple, local_today(), utf8(dialog.GetPath()));
    if (pages) {
        (void)m_host.core()->record_export(m_host.raw(), "unit", m_unit_id, "bcr-agreements-pdf");
    }
    m_message->SetLabel(pages ? _("Agreements saved.")
                              : wxString::Format(_("Not saved: %s"), wx(pages.error())));
}

}  // namespace dyad::bcr
