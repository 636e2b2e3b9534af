// The Plan tab of a client unit: its treatment plans as a tree of problems, goals and
// objectives, started from a template (the Imago six stages) or blank. Thin: the rules live in
// src/plans.cpp.
#pragma once

#include <wx/choice.h>
#include <wx/panel.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/treectrl.h>

#include <dyad/plugin.hpp>
#include <functional>

#include "../src/plans.h"

namespace dyad::records_plugin {

class PlanPanel : public wxPanel {
  public:
    using Confirm = std::function<bool(wxWindow* parent, const wxString& question)>;

    PlanPanel(wxWindow* parent, dyad::sdk::Host host, PlanStore& store,
              const std::vector<PlanTemplate>& templates, Confirm confirm);
    void show_unit(std::int64_t unit_id);

  private:
    void reload(std::int64_t keep_plan = 0);
    void show_plan();
    std::int64_t current_plan() const;
    const PlanItem* selected_item() const;
    void new_plan();
    void add_item(const std::string& level);
    void edit_item();
    void set_status(const std::string& status);
    void remove_item();
    void report(const std::expected<void, std::string>& outcome, const wxString& done);
    bool ask_item(const wxString& title, std::string& text, std::string& target);

    dyad::sdk::Host m_host;
    PlanStore& m_store;
    const std::vector<PlanTemplate>& m_templates;
    Confirm m_confirm;
    std::int64_t m_unit_id = 0;
    std::vector<Plan> m_plans;
    std::vector<std::int64_t> m_node_items;  // Tree node data: index into the shown items.

    wxChoice* m_plan_choice = nullptr;
    wxTextCtrl* m_review = nullptr;
    wxTreeCtrl* m_tree = nullptr;
    wxChoice* m_status = nullptr;
    wxStaticText* m_message = nullptr;
};

}  // namespace dyad::records_plugin
