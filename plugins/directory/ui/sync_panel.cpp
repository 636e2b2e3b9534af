#include "sync_panel.h"

#include <confirm_dialog.h>
#include <wx/button.h>
#include <wx/clipbrd.h>
#include <wx/dialog.h>
#include <wx/listbox.h>
#include <wx/progdlg.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/utils.h>
#include <wx_text.h>

#include <time_text.h>
#include <chrono>
#include <dyad/show.hpp>
#include <future>

namespace dyad::directory {

using dyad::datafile::now_utc;
using dyad::ui::utf8;
using dyad::ui::wx;

namespace {

wxString change_text(const FieldDiff& row, const std::map<std::string, Choice>& choices) {
    auto chosen = choices.find(row.field);
    if (chosen != choices.end()) {
        return chosen->second == Choice::kOurs ? _("send mine (chosen)")
                                               : _("keep the directory's (chosen)");
    }
    switch (row.change) {
        case Change::kSame:
            return _("same");
        case Change::kOurs:
            return _("changed here: will be sent");
        case Change::kTheirs:
            return _("changed on the directory: kept");
        case Change::kConflict:
            return _("CONFLICT: choose mine or theirs");
    }
    return {};
}

wxString one_line(const std::string& text) {
    wxString line = wx(text);
    line.Replace("\n", " ");
    return line.length() > 80 ? line.Left(79) + wxString::FromUTF8("…") : line;
}

}  // namespace

SyncPanel::SyncPanel(wxWindow* parent, DirectoryServices& services)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL,
              "directory_sync"),
      m_services(services) {
    auto button = [this](const char* name, const wxString& label, auto action) {
        auto* made = new wxButton(this, wxID_ANY, label, wxDefaultPosition, wxDefaultSize, 0,
                                  wxDefaultValidator, name);
        made->Bind(wxEVT_BUTTON, [this, action](wxCommandEvent&) { (this->*action)(); });
        m_buttons[name] = made;
        return made;
    };
    m_target_list =
        new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxSize(-1, 130),
                       wxLC_REPORT | wxLC_SINGLE_SEL, wxDefaultValidator, "sync_targets");
    m_target_list->AppendColumn(_("Directory"), wxLIST_FORMAT_LEFT, 260);
    m_target_list->AppendColumn(_("How"), wxLIST_FORMAT_LEFT, 110);
    m_target_list->AppendColumn(_("Last synced"), wxLIST_FORMAT_LEFT, 170);
    m_target_list->AppendColumn(_("Status"), wxLIST_FORMAT_LEFT, 320);
    auto* target_buttons = new wxBoxSizer(wxHORIZONTAL);
    target_buttons->Add(
        button("sync_connect", _("C&onnect Directory..."), &SyncPanel::connect_directory));
    target_buttons->Add(
        button("sync_disconnect", _("&Disconnect..."), &SyncPanel::disconnect_directory), 0, wxLEFT,
        6);

    m_field_list = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxSize(-1, 200),
                                  wxLC_REPORT | wxLC_SINGLE_SEL, wxDefaultValidator, "sync_fields");
    m_field_list->AppendColumn(_("Field"), wxLIST_FORMAT_LEFT, 150);
    m_field_list->AppendColumn(_("This profile"), wxLIST_FORMAT_LEFT, 220);
    m_field_list->AppendColumn(_("Last published"), wxLIST_FORMAT_LEFT, 180);
    m_field_list->AppendColumn(_("Directory now"), wxLIST_FORMAT_LEFT, 180);
    m_field_list->AppendColumn(_("Change"), wxLIST_FORMAT_LEFT, 230);

    // The selected field in full, side by side: the therapist compares before choosing.
    m_mine = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(-1, 70),
                            wxTE_MULTILINE | wxTE_READONLY, wxDefaultValidator, "sync_mine");
    m_theirs = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(-1, 70),
                              wxTE_MULTILINE | wxTE_READONLY, wxDefaultValidator, "sync_theirs");
    auto* side_by_side = new wxFlexGridSizer(2, 2, 2, 8);
    side_by_side->AddGrowableCol(0, 1);
    side_by_side->AddGrowableCol(1, 1);
    side_by_side->Add(new wxStaticText(this, wxID_ANY, _("This profile")));
    side_by_side->Add(new wxStaticText(this, wxID_ANY, _("On the directory now")));
    side_by_side->Add(m_mine, 1, wxEXPAND);
    side_by_side->Add(m_theirs, 1, wxEXPAND);

    // API directories: the dry run, the choices, the push.
    auto* actions = new wxBoxSizer(wxHORIZONTAL);
    actions->Add(button("sync_check", _("&Check Directory"), &SyncPanel::check_directory));
    actions->Add(button("sync_mine_button", _("Keep &Mine"), &SyncPanel::keep_mine), 0, wxLEFT, 6);
    actions->Add(button("sync_theirs_button", _("Take &Theirs"), &SyncPanel::take_theirs), 0,
                 wxLEFT, 6);
    actions->Add(button("sync_push", _("&Push Approved Changes"), &SyncPanel::push_approved), 0,
                 wxLEFT, 6);
    actions->Add(button("sync_send_queued", _("Send &Queued"), &SyncPanel::send_queued), 0, wxLEFT,
                 6);
    // Directories without an API: the therapist pastes, then says so.
    auto* by_hand = new wxBoxSizer(wxHORIZONTAL);
    by_hand->Add(button("sync_copy", _("Cop&y Field"), &SyncPanel::copy_field));
    by_hand->Add(button("sync_open_site", _("Open Directory &Site"), &SyncPanel::open_site), 0,
                 wxLEFT, 6);
    by_hand->Add(button("sync_mark", _("Mark as &Updated..."), &SyncPanel::mark_as_updated), 0,
                 wxLEFT, 6);
    m_checklist =
        new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(-1, 64),
                       wxTE_MULTILINE | wxTE_READONLY, wxDefaultValidator, "sync_checklist");
    m_results = new wxListBox(this, wxID_ANY, wxDefaultPosition, wxSize(-1, 90), 0, nullptr, 0,
                              wxDefaultValidator, "sync_results");

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(new wxStaticText(this, wxID_ANY,
                                _("Nothing is sent until you push. Check a directory first: "
                                  "every field is compared with what it shows now.")),
               0, wxALL, 8);
    sizer->Add(m_target_list, 0, wxEXPAND | wxLEFT | wxRIGHT, 8);
    sizer->Add(target_buttons, 0, wxALL, 8);
    sizer->Add(m_field_list, 1, wxEXPAND | wxLEFT | wxRIGHT, 8);
    sizer->Add(side_by_side, 0, wxEXPAND | wxALL, 8);
    sizer->Add(actions, 0, wxLEFT | wxRIGHT, 8);
    sizer->Add(by_hand, 0, wxLEFT | wxRIGHT | wxTOP, 8);
    sizer->Add(m_checklist, 0, wxEXPAND | wxALL, 8);
    sizer->Add(new wxStaticText(this, wxID_ANY, _("Results")), 0, wxLEFT, 8);
    sizer->Add(m_results, 0, wxEXPAND | wxALL, 8);
    SetSizer(sizer);
    SetMinSize(wxSize(1000, 760));

    m_target_list->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { show_target(); });
    m_field_list->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { show_field(); });
    refresh_targets();
}

const Target* SyncPanel::selected_target() {
    long row = m_target_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    return row < 0 || row >= static_cast<long>(m_targets.size())
               ? nullptr
               : &m_targets[static_cast<std::size_t>(row)];
}

void SyncPanel::refresh_targets() {
    std::string selected = selected_target() ? selected_target()->id : "";
    m_targets = m_services.targets();
    auto rows = drift(m_services.profiles, m_services.sync, m_services.outbox, m_targets);
    m_target_list->DeleteAllItems();
    if (!rows) {
        m_results->Append(
            wxString::Format(_("The sync state could not be read: %s"), wx(rows.error())));
        return;
    }
    for (std::size_t i = 0; i < rows->size(); ++i) {
        const Drift& row = (*rows)[i];
        long item = m_target_list->InsertItem(static_cast<long>(i), wx(row.name));
        m_target_list->SetItem(item, 1, row.transport == "api" ? _("API") : _("by hand"));
        m_target_list->SetItem(
            item, 2,
            row.synced_at.empty()
                ? _("never")
                : wx(dyad::show::local_date_time(row.synced_at, dyad::show::DateStyle::Compact)));
        m_target_list->SetItem(item, 3, wx(row.status()));
        if (row.target == selected) {
            m_target_list->SetItemState(item, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
        }
    }
    show_target();
}

void SyncPanel::show_target() {
    const Target* target = selected_target();
    bool api = target != nullptr && target->api();
    for (const char* name :
         {"sync_check", "sync_push", "sync_mine_button", "sync_theirs_button", "sync_disconnect"}) {
        m_buttons[name]->Enable(api);
    }
    m_buttons["sync_copy"]->Enable(target != nullptr && !api);
    m_buttons["sync_open_site"]->Enable(target != nullptr && !api &&
                                        !target->adapter->profile_url.empty());
    m_buttons["sync_mark"]->Enable(target != nullptr && !api);
    if (m_plan && (target == nullptr || m_plan->target != target->id)) {
        m_plan.reset();
        m_choices.clear();
    }
    m_field_list->DeleteAllItems();
    m_mine->Clear();
    m_theirs->Clear();
    m_checklist->ChangeValue("");
    if (target == nullptr) {
        return;
    }
    if (!api) {
        // Assisted: the copy-ready text, the changes since it was last marked updated.
        auto plan = make_plan(m_services.profiles, m_services.sync, *target, std::nullopt);
        if (!plan) {
            m_results->Append(wx(plan.error()));
            return;
        }
        m_plan = *plan;
        wxString checklist = wx(target->adapter->profile_url);
        for (std::size_t i = 0; i < target->adapter->checklist.size(); ++i) {
            checklist += wxString::Format("\n%zu. ", i + 1) + wx(target->adapter->checklist[i]);
        }
        m_checklist->ChangeValue(checklist);
    }
    if (!m_plan) {
        m_checklist->ChangeValue(_("Check Directory to compare this profile with the listing."));
        return;
    }
    auto state = m_services.sync.state(target->id);
    for (std::size_t i = 0; i < m_plan->fields.size(); ++i) {
        const FieldDiff& row = m_plan->fields[i];
        long item = m_field_list->InsertItem(static_cast<long>(i), wx(row.label));
        m_field_list->SetItem(item, 1, one_line(row.local));
        m_field_list->SetItem(item, 2, one_line(row.published));
        bool never_marked = state && state->synced_at.empty();
        if (api) {
            m_field_list->SetItem(item, 3, one_line(row.remote));
            m_field_list->SetItem(item, 4, change_text(row, m_choices));
        } else {
            m_field_list->SetItem(item, 3, _("(not readable)"));
            m_field_list->SetItem(
                item, 4,
                row.change == Change::kOurs || never_marked ? _("update it there") : _("same"));
        }
        if (row.change == Change::kConflict && !m_choices.count(row.field)) {
            m_field_list->SetItemTextColour(item, wxColour(176, 0, 32));
        }
    }
}

void SyncPanel::show_field() {
    long row = m_field_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (!m_plan || row < 0 || row >= static_cast<long>(m_plan->fields.size())) {
        return;
    }
    const FieldDiff& field = m_plan->fields[static_cast<std::size_t>(row)];
    m_mine->ChangeValue(wx(field.local));
    m_theirs->ChangeValue(m_plan->remote_read ? wx(field.remote) : _("(not readable)"));
}

template <typename Result>
std::optional<Result> SyncPanel::on_worker(const wxString& title, const wxString& what,
                                           std::function<Result()> work) {
    auto future = std::async(std::launch::async, std::move(work));
    wxProgressDialog progress(title, what, 100, this,
                              wxPD_APP_MODAL | wxPD_CAN_ABORT | wxPD_ELAPSED_TIME);
    bool cancelled = false;
    while (future.wait_for(std::chrono::milliseconds(50)) != std::future_status::ready) {
        if (!cancelled && !progress.Pulse()) {
            // The request in flight ends by itself (answer or timeout); nothing more starts.
            cancelled = true;
            progress.Update(0, _("Stopping after the request in flight..."));
        }
        wxYield();
    }
    Result result = future.get();
    if (cancelled) {
        return std::nullopt;
    }
    return result;
}

void SyncPanel::check_directory() {
    const Target* target = selected_target();
    if (target == nullptr || !target->api()) {
        return;
    }
    auto read = m_services.remote_read(*target);
    if (!read) {
        m_results->Append(wx(read.error()));
        return;
    }
    auto remote = on_worker<std::expected<Remote, std::string>>(
        _("Check Directory"),
        wxString::Format(_("Reading your listing on %s..."), wx(target->name)), *read);
    if (!remote) {
        m_results->Append(_("Check cancelled; nothing was sent."));
        return;
    }
    if (!*remote) {
        m_results->Append(wx((*remote).error()));
        m_services.host.log(DYAD_LOG_WARNING, "directory check failed: " + (*remote).error());
        return;
    }
    auto plan = make_plan(m_services.profiles, m_services.sync, *target, **remote);
    if (!plan) {
        m_results->Append(wx(plan.error()));
        return;
    }
    m_plan = *plan;
    m_choices.clear();
    const int conflicts = m_plan->changes(Change::kConflict);
    m_results->Append(wxString::Format(
        wxPLURAL("%s: %d to send, %d changed on the directory, %d conflict.",
                 "%s: %d to send, %d changed on the directory, %d conflicts.", conflicts),
        wx(target->name), m_plan->changes(Change::kOurs), m_plan->changes(Change::kTheirs),
        conflicts));
    show_target();
}

void SyncPanel::choose(Choice choice) {
    long row = m_field_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (!m_plan || !m_plan->remote_read || row < 0 ||
        row >= static_cast<long>(m_plan->fields.size())) {
        return;
    }
    m_choices[m_plan->fields[static_cast<std::size_t>(row)].field] = choice;
    show_target();
    m_field_list->SetItemState(row, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
}

void SyncPanel::keep_mine() {
    choose(Choice::kOurs);
}

void SyncPanel::take_theirs() {
    choose(Choice::kTheirs);
}

void SyncPanel::push_approved() {
    const Target* target = selected_target();
    if (target == nullptr || !target->api()) {
        return;
    }
    if (!m_plan) {
        m_results->Append(_("Check the directory first: you approve what you have seen."));
        return;
    }
    auto queued = queue_plan(m_services.outbox, *m_plan, m_choices);
    if (!queued) {
        m_results->Append(wxString::Format(_("Not pushed: %s"), wx(queued.error())));
        m_results->EnsureVisible(static_cast<int>(m_results->GetCount()) - 1);
        wxBell();
        return;
    }
    m_plan.reset();
    m_choices.clear();
    send_queued();
}

void SyncPanel::send_queued() {
    PushOptions options = m_services.push_options();
    std::size_t number = 0;
    std::size_t total = 0;
    options.progress = [&](std::size_t done, std::size_t count) {
        number = done + 1;
        total = count;
    };
    // The request runs on a worker; the database stays on this thread (push_due).
    options.send = [&](const OutboxItem& item, const Connection& connection,
                       const std::string& token) {
        int timeout = options.timeout_seconds;
        std::string base_url = connection.base_url;
        return on_worker<SendOutcome>(
            _("Push"),
            wxString::Format(_("Sending change %zu of %zu to %s..."), number, total,
                             wx(connection.name)),
            [item, base_url, token, timeout] { return send_item(item, base_url, token, timeout); });
    };
    PushReport result = m_services.push_queued(options);
    if (result.messages.empty()) {
        result.messages.push_back(utf8(_("Nothing is queued.")));
    }
    report(result);
    refresh_targets();
}

void SyncPanel::report(const PushReport& result) {
    for (const auto& message : result.messages) {
        m_results->Append(wx(message));
    }
    if (!m_results->IsEmpty()) {
        m_results->EnsureVisible(static_cast<int>(m_results->GetCount()) - 1);
    }
}

void SyncPanel::copy_field() {
    long row = m_field_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (!m_plan || row < 0 || row >= static_cast<long>(m_plan->fields.size())) {
        m_results->Append(_("Select a field to copy."));
        return;
    }
    const FieldDiff& field = m_plan->fields[static_cast<std::size_t>(row)];
    if (wxTheClipboard->Open()) {
        wxTheClipboard->SetData(new wxTextDataObject(wx(field.local)));
        wxTheClipboard->Close();
        m_results->Append(
            wxString::Format(_("%s: copied; paste it on the directory's page."), wx(field.label)));
    } else {
        m_results->Append(_("The clipboard is busy; try again."));
    }
}

void SyncPanel::open_site() {
    const Target* target = selected_target();
    if (target != nullptr && !target->adapter->profile_url.empty() &&
        !wxLaunchDefaultBrowser(wx(target->adapter->profile_url))) {
        m_results->Append(_("No web browser opened; the address is in the checklist."));
    }
}

void SyncPanel::mark_as_updated() {
    const Target* target = selected_target();
    if (target == nullptr || target->api()) {
        return;
    }
    if (!dyad::ui::confirm(this, wxString::Format(_("Did you update every field on %s with "
                                                    "this profile?"),
                                                  wx(target->name)))) {
        return;
    }
    if (auto marked = mark_updated(m_services.profiles, m_services.sync, *target, now_utc());
        !marked) {
        m_results->Append(wx(marked.error()));
        return;
    }
    (void)m_services.host.core()->audit(m_services.host.raw(), "update",
                                        ("listing-marked:" + target->id).c_str(), 0);
    m_results->Append(wxString::Format(_("%s: marked as updated."), wx(target->name)));
    refresh_targets();
}

void SyncPanel::connect_directory() {
    wxDialog dialog(this, wxID_ANY, _("Connect Directory"), wxDefaultPosition, wxDefaultSize,
                    wxDEFAULT_DIALOG_STYLE, "sync_connect_dialog");
    auto field = [&](const char* name, long style = 0) {
        return new wxTextCtrl(&dialog, wxID_ANY, "", wxDefaultPosition, wxSize(320, -1), style,
                              wxDefaultValidator, name);
    };
    wxTextCtrl* id = field("connect_id");
    wxTextCtrl* name = field("connect_name");
    wxTextCtrl* url = field("connect_url");
    wxTextCtrl* token = field("connect_token", wxTE_PASSWORD);
    auto* per_minute = new wxSpinCtrl(&dialog, wxID_ANY, "30", wxDefaultPosition, wxDefaultSize,
                                      wxSP_ARROW_KEYS, 1, 600, 30, "connect_per_minute");
    auto* error = new wxStaticText(&dialog, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0,
                                   "connect_error");
    auto* grid = new wxFlexGridSizer(2, 6, 8);
    grid->Add(new wxStaticText(&dialog, wxID_ANY, _("Short name (imago-network)")));
    grid->Add(id);
    grid->Add(new wxStaticText(&dialog, wxID_ANY, _("Shown as")));
    grid->Add(name);
    grid->Add(new wxStaticText(&dialog, wxID_ANY, _("API address (https://)")));
    grid->Add(url);
    grid->Add(new wxStaticText(&dialog, wxID_ANY, _("Access token")));
    grid->Add(token);
    grid->Add(new wxStaticText(&dialog, wxID_ANY, _("Requests a minute at most")));
    grid->Add(per_minute);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(grid, 0, wxALL, 10);
    sizer->Add(new wxStaticText(&dialog, wxID_ANY,
                                wxString::Format(_("The token is kept in %s."),
                                                 wx(m_services.credentials.where()))),
               0, wxLEFT | wxRIGHT, 10);
    sizer->Add(error, 0, wxALL, 10);
    sizer->Add(dialog.CreateStdDialogButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, 10);
    dialog.SetSizerAndFit(sizer);
    dialog.Bind(
        wxEVT_BUTTON,
        [&](wxCommandEvent&) {
            Connection connection{utf8(id->GetValue()), "open-directory", utf8(name->GetValue()),
                                  utf8(url->GetValue()), per_minute->GetValue()};
            if (auto saved = m_services.sync.save_connection(connection); !saved) {
                error->SetLabel(wx(saved.error()));
                return;
            }
            if (!token->GetValue().empty()) {
                (void)m_services.credentials.store(connection.id, utf8(token->GetValue()));
            }
            dialog.EndModal(wxID_OK);
        },
        wxID_OK);
    if (dialog.ShowModal() == wxID_OK) {
        m_results->Append(wxString::Format(_("Connected %s; the token is in %s."), id->GetValue(),
                                           wx(m_services.credentials.where())));
        refresh_targets();
    }
}

void SyncPanel::disconnect_directory() {
    const Target* target = selected_target();
    if (target == nullptr || !target->api()) {
        return;
    }
    std::string id = target->id;
    if (!dyad::ui::confirm(this, wxString::Format(_("Disconnect %s and forget its token? Your "
                                                    "listing there stays as it is."),
                                                  wx(target->name)))) {
        return;
    }
    if (auto removed = m_services.sync.remove_connection(id); !removed) {
        m_results->Append(wx(removed.error()));
        return;
    }
    (void)m_services.credentials.forget(id);
    refresh_targets();
}

}  // namespace dyad::directory
