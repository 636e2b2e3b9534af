// The Notes tab of a client unit: the unit's notes, a draft editor built from the template
// (autosaved as the therapist types), signing with confirmation, amendments after signing.
// Thin: every rule lives in src/notes.cpp.
#pragma once

#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/datectrl.h>
#include <wx/listctrl.h>
#include <wx/panel.h>
#include <wx/scrolwin.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/timer.h>

#include <dyad/plugin.hpp>
#include <functional>
#include <map>

#include "../src/notes.h"

namespace dyad::records_plugin {

class NotesPanel : public wxPanel {
  public:
    // Asks the therapist to confirm; true to go ahead. Tests replace it.
    using Confirm = std::function<bool(wxWindow* parent, const wxString& question)>;

    NotesPanel(wxWindow* parent, dyad::sdk::Host host, NoteStore& store,
               const TemplateLibrary& templates, Confirm confirm);
    ~NotesPanel() override;

    void show_unit(std::int64_t unit_id);
    // Actions, also reachable from buttons (and from tests).
    std::int64_t create_note(const std::string& template_id);
    void select_note(std::int64_t note_id);
    bool sign_selected();
    // A supervisor's co-signature of the selected signed note (who and when, audited).
    bool co_sign_selected();
    bool amend_selected(const std::string& reason, const std::string& body);
    // Shares the selected signed couple-session note into client_id's own chart.
    bool share_selected(std::int64_t client_id);
    void save_now();

  private:
    void reload_list();
    void build_editor();
    void on_text_changed(const std::string& key);
    void show_message(const wxString& text, bool error);
    void share_dialog();
    const NoteSummary* selected_summary() const;

    dyad::sdk::Host m_host;
    NoteStore& m_store;
    const TemplateLibrary& m_templates;
    Confirm m_confirm;
    std::int64_t m_unit_id = 0;
    std::int64_t m_note_id = 0;
    std::vector<NoteSummary> m_notes;
    std::map<std::string, wxTextCtrl*> m_fields;
    std::map<std::string, bool> m_dirty;

    wxChoice* m_template = nullptr;
    wxDatePickerCtrl* m_date = nullptr;
    wxCheckBox* m_show_process = nullptr;
    wxListCtrl* m_list = nullptr;
    wxScrolledWindow* m_editor = nullptr;
    wxStaticText* m_message = nullptr;
    wxTimer m_autosave;
};

}  // namespace dyad::records_plugin
