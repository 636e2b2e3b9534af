// View > Directory Sync: every place the profile goes and whether it is in step. For an API
// directory: Check Directory (the dry run: each field as here, as last published, as the
// directory shows it now), a choice on each conflict (Keep Mine / Take Theirs, both texts side
// by side), Push Approved Changes, Send Queued. For an assisted directory: each field's
// copy-ready text with Copy, the checklist with the site's link, Mark as Updated. The network
// runs on a worker thread behind a progress dialog with Cancel; the database stays on the main
// thread. Thin: the rules are in src/sync.cpp, src/targets.cpp and src/outbox.cpp.
#pragma once

#include <wx/listctrl.h>
#include <wx/panel.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <map>
#include <optional>

#include "../src/services.h"

class wxButton;
class wxListBox;

namespace dyad::directory {

class SyncPanel : public wxPanel {
  public:
    SyncPanel(wxWindow* parent, DirectoryServices& services);

    // The actions behind the buttons (tests call them through the buttons).
    void check_directory();
    void push_approved();
    void send_queued();
    void keep_mine();    // For the selected field.
    void take_theirs();  // For the selected field.
    void copy_field();
    void open_site();
    void mark_as_updated();
    void connect_directory();
    void disconnect_directory();

  private:
    void choose(Choice choice);
    void refresh_targets();
    void show_target();
    void show_field();
    const Target* selected_target();
    // Runs work on a worker thread behind a progress dialog; false when cancelled before the
    // work finished (the work still runs to its end; its result is then dropped).
    template <typename Result>
    std::optional<Result> on_worker(const wxString& title, const wxString& what,
                                    std::function<Result()> work);
    void report(const PushReport& report);

    DirectoryServices& m_services;
    std::vector<Target> m_targets;
    std::optional<DiffPlan> m_plan;  // The dry run on screen (API targets).
    std::map<std::string, Choice> m_choices;
    wxListCtrl* m_target_list = nullptr;
    wxListCtrl* m_field_list = nullptr;
    wxTextCtrl* m_mine = nullptr;
    wxTextCtrl* m_theirs = nullptr;
    wxTextCtrl* m_checklist = nullptr;
    wxListBox* m_results = nullptr;
    std::map<std::string, wxButton*> m_buttons;
};

}  // namespace dyad::directory
