// Tools > Users (issue 15; the owner): the practice's users with their roles, supervisors and
// caseloads; adding a user (a solo owner of an encrypted practice may take the practice
// passphrase as theirs, so one step opens both); who supervises whom; putting the selected
// client unit on a user's caseload or taking it off. Thread: main. The rules are host/core's
// (people/users.h); this only asks and shows.
#pragma once

#include <wx/dialog.h>
#include <wx/listctrl.h>

#include <cstdint>
#include <string>
#include <vector>

#include "people/users.h"
#include "practice.h"

namespace dyad::app {

struct NewUser {
    std::string name;
    people::Role role = people::Role::Therapist;
    std::string passphrase;
    bool practice_passphrase = false;  // The passphrase is the practice's (checked).
};

class UsersDialog : public wxDialog {
  public:
    // unit_id: the client unit selected in the main window (0: none), for the caseload buttons.
    UsersDialog(wxWindow* parent, Practice& practice, std::int64_t unit_id);

    // Actions, also reachable from the buttons (and from tests). Each returns an error message
    // in words, or "" when done.
    std::string add(const NewUser& user);
    std::string set_supervisor(std::size_t row, std::optional<std::size_t> supervisor_row);
    std::string set_passphrase(std::size_t row, const std::string& passphrase);
    std::string assign_selected_unit(std::size_t row, bool on_caseload);
    long refresh();

  private:
    void add_dialog();
    void supervisor_dialog();
    std::optional<std::size_t> selected_row() const;

    Practice& m_practice;
    std::int64_t m_unit_id;
    std::vector<people::User> m_users;
    wxListCtrl* m_list = nullptr;
};

}  // namespace dyad::app
