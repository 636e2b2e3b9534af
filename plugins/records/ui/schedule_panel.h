// The Schedule tab of a client unit: its sessions, booking (single, weekly, every other week),
// attendance, and moving one session or the rest of its series. Thin: rules in src/schedule.cpp.
#pragma once

#include <wx/listctrl.h>
#include <wx/panel.h>
#include <wx/stattext.h>

#include <dyad/plugin.hpp>
#include <functional>

#include "../src/schedule.h"

namespace dyad::records_plugin {

class SchedulePanel : public wxPanel {
  public:
    // reminders (optional): an appointment's e-mail reminder state in words (the mail plugin's
    // dyad.mail.reminders/1); when given, a Reminders column shows it.
    SchedulePanel(wxWindow* parent, ScheduleStore& store,
                  std::function<std::string(std::int64_t appointment_id)> reminders = {});
    void show_unit(std::int64_t unit_id);

  private:
    void reload();
    std::int64_t selected() const;
    void book();
    void move();
    void change_details();
    void set_status(const std::string& status);

    ScheduleStore& m_store;
    std::function<std::string(std::int64_t)> m_reminders;
    std::int64_t m_unit_id = 0;
    std::vector<Session> m_sessions;
    wxListCtrl* m_list = nullptr;
    wxStaticText* m_message = nullptr;
};

}  // namespace dyad::records_plugin
