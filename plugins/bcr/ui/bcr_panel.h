// The Requests tab of a couple: frustrations and their requests, from "I don't like it when..."
// to a granted gift and its check-ins, with the SMART findings shown as the requests are typed
// and a chart of the follow-through. Thin: the rules live in src/.
#pragma once

#include <wx/listctrl.h>
#include <wx/panel.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <time_text.h>
#include <dyad/plugin.hpp>
#include <functional>
#include <map>

#include "../src/smart_check.h"
#include "../src/store.h"
#include "progress_chart.h"

namespace dyad::bcr {

class BcrPanel : public wxPanel {
  public:
    using Confirm = std::function<bool(wxWindow* parent, const wxString& question)>;

    BcrPanel(wxWindow* parent, dyad::sdk::Host host, BcrStore& store, const SmartChecker* checker,
             Confirm confirm);
    void show_unit(std::int64_t unit_id);

    // Actions behind the buttons (dialogs ask, these write); each shows its outcome.
    bool create(const NewFrustration& frustration);
    bool set_desire(const std::string& desire);
    bool set_requests(const std::array<RequestDraft, 3>& requests);
    bool grant(int position, const Commitment& commitment);
    bool check_in(const CheckIn& checkin, const std::string& appreciation);
    std::int64_t selected_id() const;
    void select(std::int64_t frustration_id);
    // File > Print (SDK 1.1): the couple's agreements (the sheet to hand them) through the
    // print dialog, audited when printed; false with no unit shown.
    bool print(bool preview);

  private:
    void reload();
    void show_selected();
    void report(const std::expected<void, std::string>& outcome, const wxString& done);
    void new_dialog();
    void desire_dialog();
    void requests_dialog();
    void grant_dialog();
    void checkin_dialog();
    void agreements_dialog();
    std::string name_of(std::int64_t client_id) const;

    dyad::sdk::Host m_host;
    BcrStore& m_store;
    const SmartChecker* m_checker;
    Confirm m_confirm;
    std::int64_t m_unit_id = 0;
    std::int64_t m_selected = 0;
    std::vector<Frustration> m_shown;
    std::map<std::int64_t, std::string> m_names;  // Client id -> given name.

    wxStaticText* m_themes = nullptr;
    wxListCtrl* m_list = nullptr;
    wxTextCtrl* m_details = nullptr;
    ProgressChart* m_chart = nullptr;
    wxStaticText* m_message = nullptr;
};

using dyad::datafile::local_today;

}  // namespace dyad::bcr
