#include "plan_panel.h"

#include <wx_text.h>

#include <wx/button.h>
#include <wx/choicdlg.h>
#include <wx/dialog.h>
#include <wx/sizer.h>
#include <wx/textdlg.h>

#include <dyad/accessible_wx.hpp>

#include <dyad/show.hpp>
#include <map>

#include "../src/labels.h"

namespace dyad::records_plugin {

using dyad::ui::utf8;
using dyad::ui::wx;
namespace {

class ItemData : public wxTreeItemData {
  public:
    explicit ItemData(PlanItem item) : m_item(std::move(item)) {}
    const PlanItem& item() const { return m_item; }

  private:
    PlanItem m_item;
};

wxString item_label(const PlanItem& item) {
    wxString label = wx(item.text);
    if (!item.target_date.empty()) {
        label += "  " + wxString::Format(
                            _("(target %s)"),
                            wx(dyad::show::date(item.target_date, dyad::show::DateStyle::Compact)));
    }
    if (item.status != "open") {
        label = "[" + wx(item_status_label(item.status)) + "] " + label;
    }
    return label;
}

}  // namespace

PlanPanel::PlanPanel(wxWindow* parent, dyad::sdk::Host host, PlanStore& store,
                     const std::vector<PlanTemplate>& templates, Confirm confirm)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, "plan_panel"),
      m_host(host),
      m_store(store),
      m_templates(templates),
      m_confirm(std::move(confirm)) {
    m_plan_choice = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxSize(280, -1), 0, nullptr, 0,
                                 wxDefaultValidator, "plan_choice");
    dyad::show::set_accessible_name(m_plan_choice, _("Treatment plan"));
    auto* create = new wxButton(this, wxID_ANY, _("&New Plan..."));
    m_review = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(110, -1),
                              wxTE_PROCESS_ENTER, wxDefaultValidator, "plan_review");
    dyad::show::set_accessible_name(m_review, _("Review date"));
    m_review->SetHint(_("YYYY-MM-DD"));
    auto* set_review = new wxButton(this, wxID_ANY, _("Set &Review Date"));
    m_tree = new wxTreeCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                            wxTR_DEFAULT_STYLE | wxTR_HIDE_ROOT, wxDefaultValidator, "plan_tree");
    dyad::show::set_accessible_name(m_tree, _("Problems, goals and objectives"));
    auto* add_problem = new wxButton(this, wxID_ANY, _("Add &Problem"));
    auto* add_goal = new wxButton(this, wxID_ANY, _("Add &Goal"));
    auto* add_objective = new wxButton(this, wxID_ANY, _("Add &Objective"));
    auto* edit = new wxButton(this, wxID_ANY, _("&Edit..."));
    auto* remove = new wxButton(this, wxID_ANY, _("Re&move..."));
    m_status = new wxChoice(this, wxID_ANY);
    dyad::show::set_accessible_name(m_status, _("Status"));
    for (const auto& status : item_status_codes()) {
        m_status->Append(wx(item_status_label(status)));
    }
    m_status->SetSelection(1);
    auto* apply_status = new wxButton(this, wxID_ANY, _("Set &Status"));
    m_message =
        new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0, "plan_message");

    auto* top = new wxBoxSizer(wxHORIZONTAL);
    top->Add(m_plan_choice, 0, wxRIGHT, 6);
    top->Add(create, 0, wxRIGHT, 18);
    top->Add(new wxStaticText(this, wxID_ANY, _("Review:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT,
             6);
    top->Add(m_review, 0, wxRIGHT, 6);
    top->Add(set_review, 0);
    auto* actions = new wxBoxSizer(wxHORIZONTAL);
    for (wxWindow* button : {static_cast<wxWindow*>(add_problem), static_cast<wxWindow*>(add_goal),
                             static_cast<wxWindow*>(add_objective), static_cast<wxWindow*>(edit),
                             static_cast<wxWindow*>(remove)}) {
        actions->Add(button, 0, wxRIGHT, 6);
    }
    actions->AddSpacer(12);
    actions->Add(m_status, 0, wxRIGHT, 6);
    actions->Add(apply_status, 0);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(top, 0, wxALL, 8);
    sizer->Add(m_tree, 1, wxEXPAND | wxLEFT | wxRIGHT, 8);
    sizer->Add(actions, 0, wxALL, 8);
    sizer->Add(m_message, 0, wxLEFT | wxRIGHT | wxBOTTOM, 8);
    SetSizer(sizer);

    m_plan_choice->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { show_plan(); });
    create->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { new_plan(); });
    auto review = [this](wxCommandEvent&) {
        if (current_plan() != 0) {
            report(m_store.set_review_date(current_plan(), utf8(m_review->GetValue().Trim())),
                   _("Review date saved."));
        }
    };
    set_review->Bind(wxEVT_BUTTON, review);
    m_review->Bind(wxEVT_TEXT_ENTER, review);
    add_problem->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { add_item("problem"); });
    add_goal->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { add_item("goal"); });
    add_objective->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { add_item("objective"); });
    edit->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { edit_item(); });
    m_tree->Bind(wxEVT_TREE_ITEM_ACTIVATED, [this](wxTreeEvent&) { edit_item(); });
    remove->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { remove_item(); });
    apply_status->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        auto codes = item_status_codes();
        int chosen = m_status->GetSelection();
        if (chosen >= 0 && static_cast<std::size_t>(chosen) < codes.size()) {
            set_status(codes[static_cast<std::size_t>(chosen)]);
        }
    });
}

void PlanPanel::show_unit(std::int64_t unit_id) {
    m_unit_id = unit_id;
    m_message->SetLabel("");
    reload();
}

std::int64_t PlanPanel::current_plan() const {
    int index = m_plan_choice->GetSelection();
    return index == wxNOT_FOUND || static_cast<std::size_t>(index) >= m_plans.size()
               ? 0
               : m_plans[static_cast<std::size_t>(index)].id;
}

void PlanPanel::reload(std::int64_t keep_plan) {
    m_plan_choice->Clear();
    m_plans.clear();
    if (m_unit_id != 0) {
        auto plans = m_store.plans_for_unit(m_unit_id);
        if (!plans) {
            m_message->SetLabel(wx(plans.error()));
        } else {
            m_plans = std::move(*plans);
        }
    }
    int select = m_plans.empty() ? wxNOT_FOUND : 0;
    for (std::size_t i = 0; i < m_plans.size(); ++i) {
        m_plan_choice->Append(wx(m_plans[i].title) + " (" +
                              wx(plan_status_label(m_plans[i].status)) + ")");
        if (m_plans[i].id == keep_plan) {
            select = static_cast<int>(i);
        }
    }
    m_plan_choice->SetSelection(select);
    show_plan();
}

void PlanPanel::show_plan() {
    m_tree->DeleteAllItems();
    wxTreeItemId root = m_tree->AddRoot("plan");
    int index = m_plan_choice->GetSelection();
    if (index == wxNOT_FOUND) {
        m_review->SetValue("");
        return;
    }
    const Plan& plan = m_plans[static_cast<std::size_t>(index)];
    m_review->ChangeValue(wx(plan.review_date));
    std::map<std::int64_t, wxTreeItemId> nodes;
    for (const auto& item : plan.items) {
        wxTreeItemId parent = item.parent_id == 0 ? root : nodes[item.parent_id];
        nodes[item.id] = m_tree->AppendItem(parent, item_label(item), -1, -1, new ItemData(item));
    }
    m_tree->ExpandAll();
    (void)m_host.core()->audit(m_host.raw(), "view", "plan", plan.id);
}

const PlanItem* PlanPanel::selected_item() const {
    wxTreeItemId selection = m_tree->GetSelection();
    if (!selection.IsOk()) {
        return nullptr;
    }
    auto* data = dynamic_cast<ItemData*>(m_tree->GetItemData(selection));
    return data != nullptr ? &data->item() : nullptr;
}

void PlanPanel::report(const std::expected<void, std::string>& outcome, const wxString& done) {
    if (!outcome) {
        m_message->SetLabel(wx(outcome.error()));
        return;
    }
    (void)m_host.core()->audit(m_host.raw(), "update", "plan", current_plan());
    reload(current_plan());
    m_message->SetLabel(done);
}

void PlanPanel::new_plan() {
    if (m_unit_id == 0) {
        m_message->SetLabel(_("Choose a client unit first."));
        return;
    }
    wxArrayString choices;
    choices.Add(_("Blank plan"));
    for (const auto& plan_template : m_templates) {
        choices.Add(wx(plan_template.title));
    }
    wxSingleChoiceDialog which(this, _("Start the plan from:"), _("New Plan"), choices);
    if (which.ShowModal() != wxID_OK) {
        return;
    }
    int index = which.GetSelection();
    const PlanTemplate* from =
        index <= 0 ? nullptr : &m_templates[static_cast<std::size_t>(index - 1)];
    wxTextEntryDialog title(this, _("Title of the plan:"), _("New Plan"),
                            from != nullptr ? wx(from->title) : _("Treatment plan"));
    if (title.ShowModal() != wxID_OK) {
        return;
    }
    auto created = m_store.create(m_unit_id, utf8(title.GetValue()), from);
    if (!created) {
        m_message->SetLabel(wx(created.error()));
        return;
    }
    (void)m_host.core()->audit(m_host.raw(), "create", "plan", *created);
    reload(*created);
    m_message->SetLabel(_("Plan created."));
}

bool PlanPanel::ask_item(const wxString& title, std::string& text, std::string& target) {
    wxDialog dialog(this, wxID_ANY, title, wxDefaultPosition, wxSize(520, 260),
                    wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER, "plan_item_dialog");
    auto* description = new wxTextCtrl(&dialog, wxID_ANY, wx(text), wxDefaultPosition,
                                       wxDefaultSize, wxTE_MULTILINE);
    auto* date = new wxTextCtrl(&dialog, wxID_ANY, wx(target));
    date->SetHint(_("YYYY-MM-DD (optional)"));
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(new wxStaticText(&dialog, wxID_ANY, _("&Description:")), 0, wxALL, 8);
    sizer->Add(description, 1, wxEXPAND | wxLEFT | wxRIGHT, 8);
    sizer->Add(new wxStaticText(&dialog, wxID_ANY, _("&Target date:")), 0, wxALL, 8);
    sizer->Add(date, 0, wxEXPAND | wxLEFT | wxRIGHT, 8);
    sizer->Add(dialog.CreateSeparatedButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, 8);
    dialog.SetSizer(sizer);
    if (dialog.ShowModal() != wxID_OK) {
        return false;
    }
    text = utf8(description->GetValue());
    target = utf8(date->GetValue().Trim().Trim(false));
    return true;
}

void PlanPanel::add_item(const std::string& level) {
    std::int64_t plan = current_plan();
    if (plan == 0) {
        m_message->SetLabel(_("Start a plan first (New Plan)."));
        return;
    }
    std::int64_t parent = 0;
    if (level != "problem") {
        const PlanItem* item = selected_item();
        std::string wanted = level == "goal" ? "problem" : "goal";
        if (item == nullptr || item->level != wanted) {
            m_message->SetLabel(level == "goal" ? _("Select the problem this goal belongs to.")
                                                : _("Select the goal this objective belongs to."));
            return;
        }
        parent = item->id;
    }
    std::string text;
    std::string target;
    wxString title = level == "problem" ? _("Add Problem")
                     : level == "goal"  ? _("Add Goal")
                                        : _("Add Objective");
    if (!ask_item(title, text, target)) {
        return;
    }
    auto added = m_store.add_item(plan, parent, level, text, target);
    if (!added) {
        m_message->SetLabel(wx(added.error()));
        return;
    }
    report({}, _("Added."));
}

void PlanPanel::edit_item() {
    const PlanItem* item = selected_item();
    if (item == nullptr) {
        m_message->SetLabel(_("Select an item of the plan first."));
        return;
    }
    std::string text = item->text;
    std::string target = item->target_date;
    std::int64_t id = item->id;
    wxString title = item->level == "problem" ? _("Edit Problem")
                     : item->level == "goal"  ? _("Edit Goal")
                                              : _("Edit Objective");
    if (ask_item(title, text, target)) {
        report(m_store.update_item(id, text, target), _("Saved."));
    }
}

void PlanPanel::set_status(const std::string& status) {
    const PlanItem* item = selected_item();
    if (item == nullptr) {
        m_message->SetLabel(_("Select an item of the plan first."));
        return;
    }
    report(m_store.set_item_status(item->id, status), _("Status saved."));
}

void PlanPanel::remove_item() {
    const PlanItem* item = selected_item();
    if (item == nullptr) {
        m_message->SetLabel(_("Select an item of the plan first."));
        return;
    }
    std::int64_t id = item->id;
    if (!m_confirm(this, _("Remove this item and everything under it from the plan?"))) {
        return;
    }
    report(m_store.remove_item(id), _("Removed."));
}

}  // namespace dyad::records_plugin
