// The Overview tab: who is in the selected unit, in which roles, and its next appointments,
// then a card per plugin Overview panel (SDK 1.1 DYAD_PANEL_UNIT_SUMMARY) for the unit's kind.
#pragma once

#include <wx/button.h>
#include <wx/scrolwin.h>
#include <wx/stattext.h>
#include <wx/wrapsizer.h>

#include <vector>

#include "member_consent_dialog.h"
#include "plugins/contributions.h"
#include "records/core_records.h"

namespace dyad::app {

struct ConsentRights {
    bool contact = false;  // EditDemographics.
    bool share = false;    // EditClinical (the Overview shows only units within reach).
};

class UnitOverview : public wxScrolledWindow {
  public:
    // cards: the plugins' Overview panels the signed-in user may see, in order.
    // consent: which of a member's consent answers the signed-in user may change (the
    // Member consent button shows when either; people/consent_rules.h says who may).
    UnitOverview(wxWindow* parent, records::CoreRecords& records,
                 const std::vector<plugins::PanelContribution>& cards = {},
                 ConsentRights consent = {});
    void show_unit(std::int64_t unit_id);
    // Shows the plugin's cards (with id panel_id, or all of them for "") again with the
    // selected unit; false when it has none on screen.
    bool refresh_cards(const std::string& plugin_id, const std::string& panel_id);
    // Destroys the plugin cards' windows (before their plugins are destroyed).
    void destroy_plugin_windows();
    // The plugin card's window with this panel id, or nullptr (for tests); cards are made when
    // the first unit shows.
    wxWindow* card(const std::string& panel_id) const;
    // The first card shown now (in order) that prints (SDK 1.1 print), or {nullptr, nullptr}.
    std::pair<const plugins::PanelContribution*, wxWindow*> printable_card() const;

  private:
    void edit_consent();
    void make_cards();  // Once: the cards given to the constructor.

    struct Card {
        plugins::PanelContribution contribution;
        wxSizer* sizer = nullptr;    // The titled frame's sizer, in m_card_sizer.
        wxWindow* box = nullptr;     // The titled frame around it.
        wxWindow* window = nullptr;  // The plugin's.
    };

    records::CoreRecords& m_records;
    std::int64_t m_unit_id = 0;
    wxStaticText* m_title = nullptr;
    wxStaticText* m_details = nullptr;
    ConsentRights m_rights;
    wxButton* m_consent = nullptr;
    wxStaticText* m_consent_message = nullptr;
    wxWrapSizer* m_card_sizer = nullptr;
    std::vector<Card> m_cards;
    std::vector<plugins::PanelContribution> m_pending_cards;  // Until make_cards.
};

}  // namespace dyad::app
