// The Clients tab of a client unit: each member with contact, consent and emergency contact;
// edit (core fields and the plugin's details in one dialog) and archive with confirmation.
#pragma once

#include <wx/listctrl.h>
#include <wx/panel.h>
#include <wx/stattext.h>

#include <functional>

#include "../src/clients.h"

namespace dyad::records_plugin {

class ClientsPanel : public wxPanel {
  public:
    using Confirm = std::function<bool(wxWindow* parent, const wxString& question)>;

    ClientsPanel(wxWindow* parent, ClientStore& store, Confirm confirm);
    void show_unit(std::int64_t unit_id);
    // Opens the edit dialog for the selected member; true when saved.
    bool edit_selected();
    bool archive_selected();

  private:
    void reload();
    const MemberRecord* selected() const;

    ClientStore& m_store;
    Confirm m_confirm;
    std::int64_t m_unit_id = 0;
    std::vector<MemberRecord> m_members;
    wxListCtrl* m_list = nullptr;
    wxStaticText* m_message = nullptr;
};

}  // namespace dyad::records_plugin
