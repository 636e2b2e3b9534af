#include "unit_overview.h"

#include <wx/sizer.h>
#include <wx/statbox.h>

#include <dyad/show.hpp>
#include <dyad/words.hpp>
#include <optional>

#include <dyad/words.hpp>
#include "member_consent_dialog.h"

#include "error_text.h"
#include "util/ids.h"
#include "util/log.h"

namespace dyad::app {
namespace {

// The words for the keys the records keep ("couple", "waitlist", "partner"); the key itself when
// it is not one Dyad knows.
using dyad::show::CodeWord;
using dyad::show::marked;

constexpr CodeWord kUnitKinds[] = {{"individual", marked("client unit kind", "individual")},
                                   {"couple", marked("client unit kind", "couple")},
                                   {"family", marked("client unit kind", "family")},
                                   {"group", marked("client unit kind", "group")}};
constexpr CodeWord kUnitStatuses[] = {{"active", marked("client unit status", "active")},
                                      {"waitlist", marked("client unit status", "waitlist")},
                                      {"discharged", marked("client unit status", "discharged")}};
constexpr CodeWord kMemberRoles[] = {{"self", marked("member role", "self")},
                                     {"partner", marked("member role", "partner")},
                                     {"parent", marked("member role", "parent")},
                                     {"child", marked("member role", "child")},
                                     {"member", marked("member role", "member")}};
constexpr CodeWord kSessionTypes[] = {{"couple", marked("session type", "couple")},
                                      {"individual", marked("session type", "individual")},
                                      {"family", marked("session type", "family")},
                                      {"group", marked("session type", "group")},
                                      {"intake", marked("session type", "intake")}};

template <std::size_t N>
wxString label(const char* context, const CodeWord (&words)[N], const std::string& code) {
    return wxString::FromUTF8(dyad::show::word_of(context, words, code));
}

wxString unit_kind_label(const std::string& kind) {
    return label("client unit kind", kUnitKinds, kind);
}

wxString unit_status_label(const std::string& status) {
    return label("client unit status", kUnitStatuses, status);
}

wxString member_role_label(const std::string& role) {
    return label("member role", kMemberRoles, role);
}

wxString session_type_label(const std::string& type) {
    return label("session type", kSessionTypes, type);
}

}  // namespace

UnitOverview::UnitOverview(wxWindow* parent, records::CoreRecords& records,
                           const std::vector<plugins::PanelContribution>& cards,
                           ConsentRights consent)
    : wxScrolledWindow(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                       wxTAB_TRAVERSAL | wxVSCROLL, "unit_overview"),
      m_records(records),
      m_rights(consent) {
    SetScrollRate(0, 16);
    m_title = new wxStaticText(this, wxID_ANY, _("No client unit selected"), wxDefaultPosition,
                               wxDefaultSize, 0, "overview_title");
    m_title->SetFont(m_title->GetFont().Scaled(1.5f).Bold());
    m_details = new wxStaticText(this, wxID_ANY, _("Choose a client unit on the left."),
                                 wxDefaultPosition, wxDefaultSize, 0, "overview_details");
    m_consent = new wxButton(this, wxID_ANY, _("Member &consent..."), wxDefaultPosition,
                             wxDefaultSize, 0, wxDefaultValidator, "member_consent");
    m_consent->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { edit_consent(); });
    m_consent->Enable(false);
    m_consent->Show(consent.contact || consent.share);
    m_consent_message = new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0,
                                         "member_consent_message");
    m_card_sizer = new wxWrapSizer(wxHORIZONTAL);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(m_title, 0, wxALL, 16);
    sizer->Add(m_details, 0, wxLEFT | wxRIGHT | wxBOTTOM, 16);
    auto* consent_row = new wxBoxSizer(wxHORIZONTAL);
    consent_row->Add(m_consent, 0, wxRIGHT, 12);
    consent_row->Add(m_consent_message, 1, wxALIGN_CENTER_VERTICAL);
    sizer->Add(consent_row, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 16);
    sizer->Add(m_card_sizer, 1, wxEXPAND | wxLEFT | wxRIGHT, 8);
    SetSizer(sizer);
    // The plugins' cards are made when the first unit shows (start-up shows Home; a card
    // shows nothing without a unit).
    m_pending_cards = cards;
}

void UnitOverview::make_cards() {
    std::vector<plugins::PanelContribution> cards = std::move(m_pending_cards);
    m_pending_cards.clear();
    for (const auto& contribution : cards) {
        auto* box = new wxStaticBoxSizer(wxVERTICAL, this, wxString::FromUTF8(contribution.title));
        auto* window =
            static_cast<wxWindow*>(contribution.create(contribution.user, box->GetStaticBox()));
        if (window == nullptr) {
            log_warning(contribution.plugin_id + ": Overview card '" + contribution.id +
                        "' could not be created");
            box->GetStaticBox()->Destroy();
            delete box;
            continue;
        }
        // The documented width of a card (ui.h): 360 pixels, taller when its text wraps.
        window->SetMinSize(wxSize(340, -1));
        window->SetMaxSize(wxSize(340, -1));
        box->Add(window, 1, wxEXPAND | wxALL, 8);
        m_card_sizer->Add(box, 0, wxALL, 8);
        m_cards.push_back({contribution, box, box->GetStaticBox(), window});
    }
}

bool UnitOverview::refresh_cards(const std::string& plugin_id, const std::string& panel_id) {
    bool found = false;
    for (const auto& card : m_cards) {
        if (card.contribution.plugin_id == plugin_id &&
            (panel_id.empty() || card.contribution.id == panel_id) && card.box->IsShown()) {
            found = true;
            if (card.contribution.show_unit != nullptr) {
                card.contribution.show_unit(card.contribution.user, card.window, m_unit_id);
            }
        }
    }
    if (found) {
        Layout();
        FitInside();
    }
    return found;
}

void UnitOverview::destroy_plugin_windows() {
    m_pending_cards.clear();  // Their plugins are going.
    for (auto& card : m_cards) {
        card.window->Destroy();
        card.box->Destroy();
    }
    m_cards.clear();
    m_card_sizer->Clear(false);
}

wxWindow* UnitOverview::card(const std::string& panel_id) const {
    for (const auto& c : m_cards) {
        if (c.contribution.id == panel_id) {
            return c.window;
        }
    }
    return nullptr;
}

std::pair<const plugins::PanelContribution*, wxWindow*> UnitOverview::printable_card() const {
    for (const auto& c : m_cards) {
        if (c.contribution.print != nullptr && c.box != nullptr && c.box->IsShown()) {
            return {&c.contribution, c.window};
        }
    }
    return {nullptr, nullptr};
}

void UnitOverview::edit_consent() {
    auto members = m_records.members(m_unit_id);
    if (!members) {
        m_consent_message->SetLabel(error_text(members.error()));
        return;
    }
    MemberConsentDialog dialog(this, *members, m_rights.contact, m_rights.share);
    if (dialog.ShowModal() != wxID_OK) {
        return;
    }
    std::string problem = save_member_consent(m_records, m_unit_id, *members, dialog.answers());
    std::int64_t unit = m_unit_id;
    show_unit(unit);
    m_consent_message->SetLabel(
        problem.empty() ? _("Consent saved.")
                        : wxString::Format(_("Not saved: %s"), wxString::FromUTF8(problem)));
    Layout();
}

void UnitOverview::show_unit(std::int64_t unit_id) {
    m_unit_id = unit_id;
    m_consent->Enable(unit_id != 0);
    m_consent_message->SetLabel("");
    std::optional<records::Unit> unit;
    std::string problem;
    if (unit_id != 0) {
        auto read = m_records.unit(unit_id);
        if (read) {
            unit = std::move(*read);
        } else {
            problem = shown_message(read.error());
        }
    }
    // The plugins' cards for this kind of unit; none while no unit is selected.
    if (unit_id != 0 && !m_pending_cards.empty()) {
        make_cards();
    }
    for (const auto& card : m_cards) {
        bool shown = unit && card.contribution.for_kind(unit->kind);
        m_card_sizer->Show(card.sizer, shown, true);
        if (shown && card.contribution.show_unit != nullptr) {
            card.contribution.show_unit(card.contribution.user, card.window, unit_id);
        }
    }
    FitInside();
    if (unit_id == 0) {
        m_title->SetLabel(_("No client unit selected"));
        m_details->SetLabel(_("Choose a client unit on the left."));
        Layout();
        return;
    }
    if (!unit) {
        m_title->SetLabel(_("This client unit could not be read"));
        m_details->SetLabel(wxString::FromUTF8(problem));
        Layout();
        return;
    }
    m_title->SetLabel(wxControl::EscapeMnemonics(wxString::FromUTF8(unit->display_name)));
    // TRANSLATORS: a client unit's kind and status on the Overview: "couple, active".
    wxString text = wxString::Format(_("%s, %s"), unit_kind_label(unit->kind),
                                     unit_status_label(unit->status)) +
                    "\n\n" + _("Members") + "\n";
    if (auto members = m_records.members(unit_id)) {
        for (const auto& member : *members) {
            text += "  " +
                    wxString::Format(
                        // TRANSLATORS: a member on the Overview: name, role in the unit, the two
                        // consents ("Ben Ortiz  (partner)  may be contacted, does not share...").
                        _("%s  (%s)  %s, %s"),
                        wxControl::EscapeMnemonics(
                            wxString::FromUTF8(member.given_name + " " + member.family_name)),
                        member_role_label(member.role),
                        member.may_contact ? _("may be contacted") : _("not to be contacted"),
                        member.may_share_with_partner ? _("shares with partner")
                                                      : _("does not share with partner")) +
                    "\n";
        }
    }
    text += "\n" + _("Upcoming appointments") + "\n";
    int shown = 0;
    if (auto upcoming = m_records.appointments_between(now_utc_iso(), "9999-12-31T00:00:00Z")) {
        for (const auto& appointment : *upcoming) {
            if (appointment.fields.unit_id != unit_id || shown == 5) {
                continue;
            }
            wxString when = wxString::FromUTF8(
                show::local_date_time(appointment.fields.starts_at, show::DateStyle::Medium));
            wxString type = session_type_label(appointment.fields.session_type);
            text += "  " +
                    (appointment.fields.telehealth
                         // TRANSLATORS: an upcoming telehealth appointment on the Overview: when
                         // and the session type ("Wed, Dec 2, 2026, 2:30 PM  couple, telehealth").
                         ? wxString::Format(_("%s  %s, telehealth"), when, type)
                         : when + "  " + type) +
                    "\n";
            ++shown;
        }
    }
    if (shown == 0) {
        text += "  " + _("None scheduled") + "\n";
    }
    m_details->SetLabel(text);
    Layout();
    FitInside();
}

}  // namespace dyad::app
