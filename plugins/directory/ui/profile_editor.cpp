#include "profile_editor.h"

#include <text_lists.h>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/scrolwin.h>
#include <wx/sizer.h>
#include <wx_text.h>

#include <dyad/show.hpp>

namespace dyad::directory {

using dyad::datafile::join_list;
using dyad::datafile::split_list;
using dyad::ui::utf8;
using dyad::ui::wx;
namespace {

struct Row {
    const char* key;
    wxString label;
    bool multiline;
};

}  // namespace

ProfileEditor::ProfileEditor(wxWindow* parent, dyad::sdk::Host host, ProfileStore& store,
                             const AdapterLibrary& adapters)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL,
              "directory_profile"),
      m_host(host),
      m_store(store),
      m_adapters(adapters) {
    auto* body = new wxScrolledWindow(this, wxID_ANY);
    body->SetScrollRate(0, 12);
    auto* grid = new wxFlexGridSizer(2, 6, 10);
    grid->AddGrowableCol(1, 1);
    const Row rows[] = {
        {"given_name", _("First name"), false},
        {"family_name", _("Last name"), false},
        {"credentials", _("Credentials"), false},
        {"npi", _("NPI"), false},
        {"taxonomy_code", _("Taxonomy code (NUCC)"), false},
        {"taxonomy_label", _("Profession"), false},
        {"licences", _("Licences (one per line: kind / number / state / expiry)"), true},
        {"specialties", _("Specialties (comma-separated)"), false},
        {"modalities", _("Modalities (comma-separated)"), false},
        {"populations", _("Populations"), false},
        {"languages", _("Languages (en, es, ...)"), false},
        {"fee_min", _("Lowest fee ($)"), false},
        {"fee_max", _("Highest fee ($)"), false},
        {"insurance", _("Insurance"), false},
        {"offices", _("Offices (one per line: street / city / state / ZIP)"), true},
        {"telehealth_states", _("Telehealth states"), false},
        {"phone", _("Phone"), false},
        {"email", _("Email"), false},
        {"website", _("Website (https://)"), false},
        {"booking_link", _("Booking link"), false},
        {"photo_url", _("Photo (https://)"), false},
        {"bio_help", _("What can I help you with?"), true},
        {"bio_approach", _("My approach"), true},
        {"bio_about", _("About me"), true},
    };
    for (const auto& row : rows) {
        grid->Add(new wxStaticText(body, wxID_ANY, row.label), 0, wxALIGN_TOP | wxTOP, 4);
        auto* column = new wxBoxSizer(wxVERTICAL);
        auto* text =
            new wxTextCtrl(body, wxID_ANY, "", wxDefaultPosition,
                           wxSize(-1, row.multiline ? 80 : -1), row.multiline ? wxTE_MULTILINE : 0,
                           wxDefaultValidator, std::string("profile_") + row.key);
        column->Add(text, 0, wxEXPAND);
        m_texts[row.key] = text;
        std::string key = row.key;
        // Where it goes, so the therapist knows what a change reaches.
        std::vector<std::string> places = destinations(m_adapters, key);
        wxString where = places.empty()
                             ? _("In the exports (FHIR, JSON-LD, vCard) only")
                             : wxString::Format(_("Listed on %s"), wx(join_list(places, "; ")));
        auto* goes = new wxStaticText(body, wxID_ANY, where, wxDefaultPosition, wxDefaultSize, 0,
                                      "where_" + key);
        goes->SetForegroundColour(wxColour(90, 90, 90));
        goes->SetFont(goes->GetFont().Smaller());
        text->SetToolTip(where);
        column->Add(goes, 0, wxTOP, 1);
        if (key.rfind("bio_", 0) == 0) {
            auto* counter = new wxStaticText(body, wxID_ANY, "", wxDefaultPosition, wxDefaultSize,
                                             0, "counter_" + key);
            m_counters[key] = counter;
            column->Add(counter, 0, wxTOP, 2);
            text->Bind(wxEVT_TEXT, [this, key](wxCommandEvent&) { update_counter(key); });
        }
        grid->Add(column, 1, wxEXPAND);
    }
    m_sliding = new wxCheckBox(body, wxID_ANY, _("Sliding scale"));
    m_accepting = new wxCheckBox(body, wxID_ANY, _("Accepting new clients"), wxDefaultPosition,
                                 wxDefaultSize, 0, wxDefaultValidator, "profile_accepting");
    grid->Add(new wxStaticText(body, wxID_ANY, ""));
    auto* boxes = new wxBoxSizer(wxHORIZONTAL);
    boxes->Add(m_sliding, 0, wxRIGHT, 12);
    boxes->Add(m_accepting, 0);
    grid->Add(boxes);
    auto* inner = new wxBoxSizer(wxVERTICAL);
    inner->Add(grid, 1, wxEXPAND | wxALL, 10);
    body->SetSizer(inner);

    auto* save_button = new wxButton(this, wxID_ANY, _("&Save Version"), wxDefaultPosition,
                                     wxDefaultSize, 0, wxDefaultValidator, "profile_save");
    m_message = new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0,
                                 "profile_message");
    auto* bottom = new wxBoxSizer(wxHORIZONTAL);
    bottom->Add(save_button, 0, wxRIGHT, 12);
    bottom->Add(m_message, 1, wxALIGN_CENTER_VERTICAL);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(new wxStaticText(this, wxID_ANY,
                                _("Public information only: this profile is what directories "
                                  "and your website show. It never holds client data.")),
               0, wxALL, 8);
    sizer->Add(body, 1, wxEXPAND);
    sizer->Add(bottom, 0, wxEXPAND | wxALL, 8);
    SetSizer(sizer);
    save_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save(); });
    load();
}

void ProfileEditor::update_counter(const std::string& field) {
    int length = characters(utf8(m_texts[field]->GetValue()));
    wxString text = wxString::Format(wxPLURAL("%d character", "%d characters", length), length);
    bool over = false;
    for (const auto& adapter : m_adapters.adapters) {
        for (const auto& wanted : adapter.fields) {
            if (wanted.field == field && wanted.limit > 0) {
                text += wxString::Format("   %s %d", wx(adapter.name), wanted.limit);
                if (length > wanted.limit) {
                    text += _(" (over: will be cut)");
                    over = true;
                }
            }
        }
    }
    wxStaticText* counter = m_counters[field];
    counter->SetForegroundColour(over ? wxColour(176, 0, 32) : GetForegroundColour());
    counter->SetLabel(text);
}

void ProfileEditor::load() {
    auto latest = m_store.latest();
    if (!latest) {
        m_message->SetLabel(
            wxString::Format(_("The profile could not be read: %s"), wx(latest.error())));
        return;
    }
    const Profile& p = latest->profile;
    std::vector<std::string> licences;
    for (const auto& l : p.licences) {
        licences.push_back(l.kind + " / " + l.number + " / " + l.state + " / " + l.expiry);
    }
    std::vector<std::string> offices;
    for (const auto& o : p.offices) {
        offices.push_back(o.line + " / " + o.city + " / " + o.state + " / " + o.postal_code);
    }
    std::map<std::string, std::string> values = {
        {"licences", join_list(licences, "\n")},
        {"fee_min", p.fee_min ? std::to_string(p.fee_min) : ""},
        {"fee_max", p.fee_max ? std::to_string(p.fee_max) : ""},
        {"offices", join_list(offices, "\n")},
    };
    for (const auto& field : text_fields()) {
        values[field.name] = p.*field.member;
    }
    for (const auto& field : list_fields()) {
        values[field.name] = join_list(p.*field.member, ", ");
    }
    for (const auto& [key, value] : values) {
        m_texts[key]->ChangeValue(wx(value));
    }
    m_sliding->SetValue(p.sliding_scale);
    m_accepting->SetValue(p.accepting_new_clients);
    for (const auto& [key, counter] : m_counters) {
        update_counter(key);
    }
    m_message->SetLabel(
        latest->version == 0
            ? _("No profile saved yet.")
            : wxString::Format(_("Version %d, saved %s."), latest->version,
                               wx(dyad::show::local_date_time(latest->saved_at,
                                                              dyad::show::DateStyle::Compact))));
}

Profile ProfileEditor::collect() const {
    auto text = [this](const char* key) { return utf8(m_texts.at(key)->GetValue()); };
    auto number = [&](const char* key) {
        try {
            return text(key).empty() ? 0 : std::stoi(text(key));
        } catch (...) {
            return -1;  // Refused by the checks with their message.
        }
    };
    Profile p;
    for (const auto& field : text_fields()) {
        p.*field.member = text(field.name);
    }
    for (const auto& field : list_fields()) {
        p.*field.member = split_list(text(field.name), ',');
    }
    for (const auto& line : split_list(text("licences"), '\n')) {
        auto cells = split_list(line, '/');
        cells.resize(4);
        p.licences.push_back({cells[1], cells[2], cells[3], cells[0]});
    }
    p.fee_min = number("fee_min");
    p.fee_max = number("fee_max");
    p.sliding_scale = m_sliding->GetValue();
    p.accepting_new_clients = m_accepting->GetValue();
    for (const auto& line : split_list(text("offices"), '\n')) {
        auto cells = split_list(line, '/');
        cells.resize(4);
        p.offices.push_back({cells[0], cells[1], cells[2], cells[3]});
    }
    return p;
}

bool ProfileEditor::save() {
    auto version = m_store.save(collect());
    if (!version) {
        m_message->SetForegroundColour(wxColour(176, 0, 32));
        m_message->SetLabel(wxString::Format(_("Not saved: %s"), wx(version.error())));
        Layout();
        return false;
    }
    (void)m_host.core()->audit(m_host.raw(), "update", "profile", *version);
    m_message->SetForegroundColour(GetForegroundColour());
    m_message->SetLabel(wxString::Format(_("Saved as version %d."), *version));
    return true;
}

}  // namespace dyad::directory
