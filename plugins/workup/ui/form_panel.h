// The Worksheets tab of a couple: any form definition rendered as fields, one partner at a
// time, saved as the partner types (autosave); the sections' completion; the computed
// sentences live; a side-by-side view of both partners; PDF export. Thin: the rules are in src/.
#pragma once

#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/panel.h>
#include <wx/scrolwin.h>
#include <wx/stattext.h>
#include <wx/timer.h>

#include <dyad/plugin.hpp>
#include <functional>
#include <map>

#include "../src/form.h"
#include "../src/response.h"
#include "../src/worksheet_pdf.h"

namespace dyad::workup {

class FormPanel : public wxPanel {
  public:
    FormPanel(wxWindow* parent, dyad::sdk::Host host, ResponseStore& store,
              const FormLibrary& library);
    ~FormPanel() override;
    void show_unit(std::int64_t unit_id);

    // Saves what is on screen now (the autosave timer calls it too); false with the message
    // shown when the answers are refused.
    bool save_now();

    // File > Print (SDK 1.1): the worksheet shown (one partner's, or both side by side) through
    // the print dialog, audited as an export; false when there is nothing to print.
    bool print(bool preview);

  private:
    // The answers shown (one partner's, or both side by side) and the couple's name.
    std::vector<PartnerAnswers> shown_answers(const Form& f, std::string& couple);
    void build();
    void load_answers();
    Poco::JSON::Object::Ptr collect() const;
    void changed();
    void refresh_computed();
    void show_side_by_side();
    void export_pdf();
    void shared_vision_dialog();
    const Form* form() const;
    // The form whose controls m_body holds (build()); nullptr before the first build.
    const Form* m_built_form = nullptr;
    std::int64_t partner() const;
    AnswersOf answers_of(std::int64_t client) const;

    dyad::sdk::Host m_host;
    ResponseStore& m_store;
    const FormLibrary& m_library;
    std::int64_t m_unit_id = 0;
    std::vector<std::pair<std::int64_t, std::string>> m_members;
    bool m_dirty = false;
    bool m_loading = false;
    // Per field key: read the control's value as JSON / write an answer into the control.
    std::map<std::string, std::function<Poco::Dynamic::Var()>> m_readers;
    std::map<std::string, std::function<void(const Poco::JSON::Object::Ptr&)>> m_writers;
    std::map<std::string, wxStaticText*> m_computed;
    std::vector<std::pair<wxStaticText*, wxString>> m_section_titles;

    wxChoice* m_form = nullptr;
    wxChoice* m_partner = nullptr;
    wxStaticText* m_progress = nullptr;
    wxStaticText* m_message = nullptr;
    wxScrolledWindow* m_body = nullptr;
    wxListCtrl* m_side_by_side = nullptr;
    wxTimer m_autosave;
};

}  // namespace dyad::workup
