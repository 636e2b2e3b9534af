#include "form_panel.h"

#include <Poco/JSON/Array.h>
#include <print_pages.h>
#include <text_lists.h>
#include <wx/button.h>
#include <wx/checklst.h>
#include <wx/dialog.h>
#include <wx/filedlg.h>
#include <wx/sizer.h>
#include <wx/textctrl.h>
#include <wx/tglbtn.h>

#include <wx_text.h>
#include <dyad/accessible_wx.hpp>

#include <algorithm>
#include <ctime>
#include <dyad/show.hpp>
#include <set>

#include "../src/vision.h"
#include "../src/worksheet_pdf.h"

namespace dyad::workup {

using dyad::datafile::split_list;
using dyad::ui::utf8;
using dyad::ui::wx;
namespace {

// A section title in its larger bold font, sized by its words in that font: GTK measured it in
// the font it was created with, and its last letters were clipped ("Now" read "Nov").
void fit_title(wxStaticText* title, const wxString& label) {
    title->SetLabel(label);
    title->SetMinSize(title->GetTextExtent(label) + wxSize(4, 2));
}

std::string text_of(const Poco::JSON::Object::Ptr& answers, const std::string& key) {
    return answers->has(key) && !answers->isNull(key) ? answers->get(key).toString() : "";
}

// Words compared as typed in haste: lower case, without the accents of Spanish vowels.
wxString plain(const wxString& words) {
    wxString text = words.Lower();
    const wchar_t* accented = L"\u00e1\u00e9\u00ed\u00f3\u00fa\u00fc";
    const wchar_t* bare = L"aeiouu";
    for (int i = 0; accented[i] != 0; ++i) {
        text.Replace(wxString(accented[i]), wxString(bare[i]));
    }
    return text;
}

// What a person typed for a choice, as stored: the option whose words these are ("sí" or
// "si" is "yes"), else the words as typed (refused with the reason when saved).
std::string option_of(const Field& field, const std::string& typed) {
    for (const auto& option : field.vocabulary) {
        wxString words = plain(wx(typed));
        if (typed == option || words == plain(wx(option)) ||
            words == plain(wx(option_label(option)))) {
            return option;
        }
    }
    return typed;
}

}  // namespace

FormPanel::FormPanel(wxWindow* parent, dyad::sdk::Host host, ResponseStore& store,
                     const FormLibrary& library)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, "workup_panel"),
      m_host(host),
      m_store(store),
      m_library(library),
      m_autosave(this) {
    m_form = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxSize(220, -1), 0, nullptr, 0,
                          wxDefaultValidator, "workup_form");
    dyad::show::set_accessible_name(m_form, _("Worksheet"));
    for (const auto& form : m_library.forms) {
        m_form->Append(wx(form.title));
    }
    m_form->SetSelection(m_library.forms.empty() ? wxNOT_FOUND : 0);
    m_partner = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxSize(150, -1), 0, nullptr, 0,
                             wxDefaultValidator, "workup_partner");
    dyad::show::set_accessible_name(m_partner, _("Partner"));
    auto* both = new wxToggleButton(this, wxID_ANY, _("Side &by Side"), wxDefaultPosition,
                                    wxDefaultSize, 0, wxDefaultValidator, "workup_side_by_side");
    auto* pdf = new wxButton(this, wxID_ANY, _("Export &PDF..."), wxDefaultPosition, wxDefaultSize,
                             0, wxDefaultValidator, "workup_pdf");
    auto* vision = new wxButton(this, wxID_ANY, _("Shared &Vision..."), wxDefaultPosition,
                                wxDefaultSize, 0, wxDefaultValidator, "workup_vision");
    m_progress = new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0,
                                  "workup_progress");
    m_message =
        new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0, "workup_message");
    m_body = new wxScrolledWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxVSCROLL,
                                  "workup_body");
    m_body->SetScrollRate(0, 12);
    m_side_by_side = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT,
                                    wxDefaultValidator, "workup_compare");
    dyad::show::set_accessible_name(m_side_by_side, _("Both partners' answers"));
    m_side_by_side->Hide();
    auto* top = new wxBoxSizer(wxHORIZONTAL);
    top->Add(m_form, 0, wxRIGHT, 6);
    top->Add(m_partner, 0, wxRIGHT, 6);
    top->Add(both, 0, wxRIGHT, 6);
    top->Add(pdf, 0, wxRIGHT, 6);
    top->Add(vision, 0, wxRIGHT, 12);
    top->Add(m_progress, 0, wxALIGN_CENTER_VERTICAL);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(top, 0, wxALL, 8);
    sizer->Add(m_message, 0, wxLEFT | wxRIGHT, 8);
    sizer->Add(m_body, 1, wxEXPAND | wxALL, 8);
    sizer->Add(m_side_by_side, 1, wxEXPAND | wxALL, 8);
    SetSizer(sizer);

    m_form->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
        save_now();
        build();
        load_answers();
    });
    m_partner->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
        save_now();
        load_answers();
    });
    both->Bind(wxEVT_TOGGLEBUTTON, [this, both](wxCommandEvent&) {
        save_now();
        m_body->Show(!both->GetValue());
        m_side_by_side->Show(both->GetValue());
        if (both->GetValue()) {
            show_side_by_side();
        }
        Layout();
    });
    pdf->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { export_pdf(); });
    vision->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { shared_vision_dialog(); });
    Bind(wxEVT_TIMER, [this](wxTimerEvent&) { save_now(); });
    if (!m_library.problems.empty()) {
        // A broken form is not offered; say so where the therapist looks for it.
        auto* refused = new wxStaticText(
            this, wxID_ANY,
            wxString::Format(wxPLURAL("%zu problem in form files; that form is not offered. "
                                      "First: %s",
                                      "%zu problems in form files; those forms are not offered. "
                                      "First: %s",
                                      static_cast<unsigned>(m_library.problems.size())),
                             m_library.problems.size(), wx(m_library.problems.front())),
            wxDefaultPosition, wxDefaultSize, 0, "workup_refused");
        refused->SetForegroundColour(wxColour(176, 0, 32));
        GetSizer()->Insert(1, refused, 0, wxLEFT | wxRIGHT, 8);
    }
}

FormPanel::~FormPanel() {
    // Typing is never lost: a pending autosave happens before the panel goes.
    m_autosave.Stop();
    save_now();
}

const Form* FormPanel::form() const {
    int index = m_form->GetSelection();
    return index == wxNOT_FOUND ? nullptr : &m_library.forms[static_cast<std::size_t>(index)];
}

AnswersOf FormPanel::answers_of(std::int64_t client) const {
    return [this, client](const std::string& form_id) {
        auto theirs = m_store.load(m_unit_id, client, form_id);
        return theirs ? theirs->answers : Poco::JSON::Object::Ptr();
    };
}

std::int64_t FormPanel::partner() const {
    int index = m_partner->GetSelection();
    return index == wxNOT_FOUND ? 0 : m_members[static_cast<std::size_t>(index)].first;
}

void FormPanel::show_unit(std::int64_t unit_id) {
    save_now();
    m_unit_id = unit_id;
    m_members.clear();
    for (const auto& member : m_host.members(unit_id)) {
        m_members.emplace_back(member.client_id, member.given_name);
    }
    m_partner->Clear();
    for (const auto& member : m_members) {
        m_partner->Append(wx(member.second));
    }
    m_partner->SetSelection(m_members.empty() ? wxNOT_FOUND : 0);
    // The form's controls depend on the form alone: built again only when another form is
    // chosen, not for every unit (issue 19: building them was half of selecting a unit).
    if (m_built_form != form()) {
        build();
    }
    load_answers();
    if (m_side_by_side->IsShown()) {
        show_side_by_side();  // Both partners of this unit, not of the one shown before.
    }
}

void FormPanel::build() {
    m_built_form = form();
    m_body->DestroyChildren();
    m_readers.clear();
    m_writers.clear();
    m_computed.clear();
    m_section_titles.clear();
    const Form* f = form();
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    m_body->SetSizer(sizer);
    if (f == nullptr) {
        return;
    }
    for (const auto& section : f->sections) {
        auto* title = new wxStaticText(m_body, wxID_ANY, wx(section.title));
        title->SetFont(title->GetFont().Bold().Larger());
        fit_title(title, wx(section.title));
        m_section_titles.emplace_back(title, wx(section.title));
        sizer->Add(title, 0, wxTOP | wxBOTTOM, 10);
        if (!section.help.empty()) {
            sizer->Add(new wxStaticText(m_body, wxID_ANY, wx(section.help)), 0, wxBOTTOM, 6);
        }
        for (const auto& field : section.fields) {
            std::string name = "field_" + field.key;
            sizer->Add(
                new wxStaticText(m_body, wxID_ANY, wx(field.label) + (field.required ? " *" : "")),
                0, wxTOP, 6);
            if (!field.help.empty()) {
                sizer->Add(new wxStaticText(m_body, wxID_ANY, wx(field.help)), 0);
            }
            std::string key = field.key;
            if (field.type == "computed") {
                auto* text = new wxStaticText(m_body, wxID_ANY, "", wxDefaultPosition,
                                              wxDefaultSize, 0, name);
                text->SetForegroundColour(wxColour(40, 70, 120));
                m_computed[key] = text;
                sizer->Add(text, 0, wxEXPAND | wxBOTTOM, 4);
                continue;
            }
            if (field.type == "short_text" || field.type == "long_text" || field.type == "date" ||
                field.type == "group") {
                bool multi = field.type == "long_text" || field.type == "group";
                auto* text = new wxTextCtrl(m_body, wxID_ANY, "", wxDefaultPosition,
                                            wxSize(-1, multi ? 70 : -1), multi ? wxTE_MULTILINE : 0,
                                            wxDefaultValidator, name);
                if (field.type == "date") {
                    text->SetHint(_("YYYY-MM-DD"));
                }
                if (field.type == "group") {
                    wxString columns;
                    for (const auto& sub : field.fields) {
                        columns += (columns.empty() ? "" : " / ") + wx(sub.label);
                    }
                    text->SetHint(wxString::Format(_("One per line: %s"), columns));
                }
                text->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { changed(); });
                sizer->Add(text, 0, wxEXPAND);
                const Field* described = &field;
                m_readers[key] = [text, described]() -> Poco::Dynamic::Var {
                    std::string value = utf8(text->GetValue());
                    if (described->type != "group") {
                        return value;
                    }
                    Poco::JSON::Array::Ptr rows = new Poco::JSON::Array;
                    for (const auto& line : split_list(value, '\n')) {
                        Poco::JSON::Object::Ptr row = new Poco::JSON::Object;
                        auto cells = split_list(line, '/');
                        for (std::size_t c = 0; c < described->fields.size() && c < cells.size();
                             ++c) {
                            const Field& sub = described->fields[c];
                            if (sub.type == "rating") {
                                try {
                                    row->set(sub.key, std::stoi(cells[c]));
                                } catch (...) {
                                    row->set(sub.key, cells[c]);  // Refused with its reason.
                                }
                            } else {
                                row->set(sub.key, sub.type == "choice" ? option_of(sub, cells[c])
                                                                       : cells[c]);
                            }
                        }
                        rows->add(row);
                    }
                    return rows;
                };
                m_writers[key] = [text, described](const Poco::JSON::Object::Ptr& answers) {
                    if (described->type != "group") {
                        text->ChangeValue(wx(text_of(answers, described->key)));
                        return;
                    }
                    wxString lines;
                    if (answers->has(described->key)) {
                        auto rows = answers->getArray(described->key);
                        for (unsigned r = 0; !rows.isNull() && r < rows->size(); ++r) {
                            auto row = rows->getObject(r);
                            wxString line;
                            for (const auto& sub : described->fields) {
                                std::string cell = text_of(row, sub.key);
                                line += (line.empty() ? "" : " / ") +
                                        wx(sub.type == "choice" ? option_label(cell) : cell);
                            }
                            lines += line + "\n";
                        }
                    }
                    text->ChangeValue(lines.Trim());
                };
                continue;
            }
            if (field.type == "rating" || (field.type == "choice" && !field.multiple)) {
                auto* choice = new wxChoice(m_body, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0,
                                            nullptr, 0, wxDefaultValidator, name);
                choice->Append("");
                std::vector<std::string> options =
                    field.type == "rating" ? std::vector<std::string>{"1", "2", "3", "4", "5"}
                                           : field.vocabulary;
                for (const auto& option : options) {
                    choice->Append(wx(option_label(option)));  // Item i + 1 is options[i].
                }
                choice->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { changed(); });
                sizer->Add(choice, 0);
                bool rating = field.type == "rating";
                m_readers[key] = [choice, rating, options]() -> Poco::Dynamic::Var {
                    int chosen = choice->GetSelection();
                    if (chosen <= 0 || static_cast<std::size_t>(chosen) > options.size()) {
                        return Poco::Dynamic::Var();
                    }
                    const std::string& value = options[static_cast<std::size_t>(chosen - 1)];
                    return rating ? Poco::Dynamic::Var(std::stoi(value))
                                  : Poco::Dynamic::Var(value);
                };
                m_writers[key] = [choice, key, options](const Poco::JSON::Object::Ptr& answers) {
                    auto found = std::find(options.begin(), options.end(), text_of(answers, key));
                    choice->SetSelection(
                        found == options.end() ? 0 : static_cast<int>(found - options.begin()) + 1);
                };
                continue;
            }
            // Tags and multiple choices: words in a box (comma-separated), and for flagged
            // tags a checklist of the words to flag.
            auto* text = new wxTextCtrl(m_body, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0,
                                        wxDefaultValidator, name);
            if (!field.vocabulary.empty()) {
                wxString suggestions;
                for (const auto& word : field.vocabulary) {
                    suggestions += (suggestions.empty() ? "" : ", ") +
                                   wx(field.type == "choice" ? option_label(word) : word);
                }
                text->SetHint(
                    wxString::Format(_("Words separated by commas, e.g. %s"), suggestions));
                text->SetToolTip(wxString::Format(_("Suggestions: %s"), suggestions));
            }
            sizer->Add(text, 0, wxEXPAND);
            wxCheckListBox* flags = nullptr;
            if (!field.flag.empty()) {
                sizer->Add(
                    new wxStaticText(m_body, wxID_ANY,
                                     wxString::Format(_("Tick those that %s"), wx(field.flag))),
                    0, wxTOP, 2);
                flags = new wxCheckListBox(m_body, wxID_ANY, wxDefaultPosition, wxSize(-1, 70), 0,
                                           nullptr, 0, wxDefaultValidator, name + "_flags");
                flags->Bind(wxEVT_CHECKLISTBOX, [this](wxCommandEvent&) { changed(); });
                sizer->Add(flags, 0, wxEXPAND);
            }
            bool is_choice = field.type == "choice";
            const Field* described = &field;
            text->Bind(wxEVT_TEXT, [this, text, flags](wxCommandEvent&) {
                if (flags != nullptr) {
                    std::set<wxString> ticked;
                    for (unsigned i = 0; i < flags->GetCount(); ++i) {
                        if (flags->IsChecked(i)) {
                            ticked.insert(flags->GetString(i));
                        }
                    }
                    flags->Clear();
                    for (const auto& word : split_list(utf8(text->GetValue()), ',')) {
                        unsigned at = static_cast<unsigned>(flags->Append(wx(word)));
                        flags->Check(at, ticked.count(wx(word)) > 0);
                    }
                }
                changed();
            });
            m_readers[key] = [text, flags, is_choice, described]() -> Poco::Dynamic::Var {
                Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
                auto words = split_list(utf8(text->GetValue()), ',');
                for (std::size_t i = 0; i < words.size(); ++i) {
                    if (is_choice) {
                        list->add(option_of(*described, words[i]));
                        continue;
                    }
                    Poco::JSON::Object::Ptr tag = new Poco::JSON::Object;
                    tag->set("text", words[i]);
                    bool flagged = flags != nullptr && i < flags->GetCount() &&
                                   flags->IsChecked(static_cast<unsigned>(i));
                    tag->set("flagged", flagged);
                    list->add(tag);
                }
                return list;
            };
            m_writers[key] = [text, flags, key, is_choice](const Poco::JSON::Object::Ptr& answers) {
                wxString words;
                std::vector<bool> flagged;
                auto list = answers->has(key) ? answers->getArray(key) : Poco::JSON::Array::Ptr();
                for (unsigned i = 0; !list.isNull() && i < list->size(); ++i) {
                    std::string word;
                    if (is_choice) {
                        word = option_label(list->get(i).toString());
                    } else {
                        auto tag = list->getObject(i);
                        word = tag.isNull() ? "" : tag->optValue<std::string>("text", "");
                        flagged.push_back(!tag.isNull() && tag->optValue<bool>("flagged", false));
                    }
                    words += (words.empty() ? "" : ", ") + wx(word);
                }
                text->ChangeValue(words);
                if (flags != nullptr) {
                    flags->Clear();
                    for (std::size_t i = 0; i < flagged.size(); ++i) {
                        auto words_list = split_list(utf8(words), ',');
                        if (i < words_list.size()) {
                            unsigned at = static_cast<unsigned>(flags->Append(wx(words_list[i])));
                            flags->Check(at, flagged[i]);
                        }
                    }
                }
            };
        }
    }
    m_body->FitInside();
    m_body->Layout();
}

Poco::JSON::Object::Ptr FormPanel::collect() const {
    Poco::JSON::Object::Ptr answers = new Poco::JSON::Object;
    for (const auto& [key, read] : m_readers) {
        Poco::Dynamic::Var value = read();
        if (!value.isEmpty()) {
            answers->set(key, value);
        }
    }
    return answers;
}

void FormPanel::load_answers() {
    m_dirty = false;
    const Form* f = form();
    if (f == nullptr) {
        return;
    }
    // The controls stay from one unit to the next: emptied first, so nothing of the unit
    // shown before is left on screen when this one has no partner or its answers fail.
    m_loading = true;
    Poco::JSON::Object::Ptr nothing = new Poco::JSON::Object;
    for (const auto& [key, write] : m_writers) {
        write(nothing);
    }
    m_loading = false;
    m_message->SetLabel(wxString());
    refresh_computed();  // The sentences and section marks too, even if the read fails below.
    if (partner() == 0) {
        return;
    }
    auto response = m_store.load(m_unit_id, partner(), f->id);
    if (!response) {
        m_message->SetLabel(
            wxString::Format(_("The answers could not be read: %s"), wx(response.error())));
        return;
    }
    (void)m_host.core()->audit(m_host.raw(), "view", "response", m_unit_id);
    m_loading = true;
    for (const auto& [key, write] : m_writers) {
        write(response->answers);
    }
    m_loading = false;
    m_message->SetLabel(response->form_version != 0 && response->form_version != f->version
                            ? wxString::Format(_("These answers were written for version %d of "
                                                 "the form; saving keeps them in version %d."),
                                               response->form_version, f->version)
                            : wxString());
    refresh_computed();
}

void FormPanel::changed() {
    if (m_loading) {
        return;
    }
    m_dirty = true;
    m_autosave.StartOnce(1200);
    refresh_computed();
}

void FormPanel::refresh_computed() {
    const Form* f = form();
    if (f == nullptr) {
        return;
    }
    Poco::JSON::Object::Ptr answers = collect();
    for (const auto& [key, label] : m_computed) {
        const Field* field = f->field(key);
        label->SetLabel(
            wx(fill_template(*f, field->template_text, answers, answers_of(partner()))));
        label->Wrap(std::max(300, m_body->GetClientSize().GetWidth() - 20));
    }
    auto complete = sections_complete(*f, answers);
    for (std::size_t i = 0; i < complete.size() && i < m_section_titles.size(); ++i) {
        fit_title(m_section_titles[i].first,
                  complete[i] ? wxString::Format(_("%s  (complete)"), m_section_titles[i].second)
                              : m_section_titles[i].second);
    }
    int done = static_cast<int>(std::count(complete.begin(), complete.end(), true));
    m_progress->SetLabel(
        wxString::Format(wxPLURAL("%d of %zu section complete", "%d of %zu sections complete",
                                  static_cast<unsigned>(complete.size())),
                         done, complete.size()));
    m_body->FitInside();
    m_body->Layout();
}

bool FormPanel::save_now() {
    const Form* f = form();
    if (!m_dirty || f == nullptr || partner() == 0) {
        return true;
    }
    auto saved = m_store.save(m_unit_id, partner(), *f, collect());
    if (!saved) {
        m_message->SetForegroundColour(wxColour(176, 0, 32));
        m_message->SetLabel(wxString::Format(_("Not saved: %s"), wx(saved.error())));
        return false;
    }
    m_dirty = false;
    (void)m_host.core()->audit(m_host.raw(), "update", "response", m_unit_id);
    std::time_t now = std::time(nullptr);
    std::tm parts{};
    localtime_r(&now, &parts);
    m_message->SetForegroundColour(GetForegroundColour());
    m_message->SetLabel(
        wxString::Format(_("Saved %s"), wx(dyad::show::time_of_day(parts.tm_hour, parts.tm_min))));
    m_host.refresh_panels("workup.progress");  // The Overview's card counts the new answers.
    return true;
}

void FormPanel::show_side_by_side() {
    const Form* f = form();
    m_side_by_side->ClearAll();
    if (f == nullptr) {
        return;
    }
    m_side_by_side->AppendColumn(_("Field"), wxLIST_FORMAT_LEFT, 220);
    std::vector<Poco::JSON::Object::Ptr> answers;
    for (const auto& [client, name] : m_members) {
        m_side_by_side->AppendColumn(wx(name), wxLIST_FORMAT_LEFT, 330);
        auto response = m_store.load(m_unit_id, client, f->id);
        answers.push_back(response ? response->answers
                                   : Poco::JSON::Object::Ptr(new Poco::JSON::Object));
    }
    long row = 0;
    for (const auto& section : f->sections) {
        for (const auto& field : section.fields) {
            m_side_by_side->InsertItem(row, wx(field.label));
            for (std::size_t p = 0; p < answers.size(); ++p) {
                std::string value = field.type == "computed"
                                        ? fill_template(*f, field.template_text, answers[p],
                                                        answers_of(m_members[p].first))
                                        : answer_text(field, answers[p]);
                m_side_by_side->SetItem(row, static_cast<int>(p + 1), wx(value));
            }
            ++row;
        }
    }
}

std::vector<PartnerAnswers> FormPanel::shown_answers(const Form& f, std::string& couple) {
    std::vector<PartnerAnswers> partners;
    bool both = m_side_by_side->IsShown();
    for (const auto& [client, name] : m_members) {
        couple += (couple.empty() ? "" : " & ") + name;
        if (!both && client != partner()) {
            continue;
        }
        auto response = m_store.load(m_unit_id, client, f.id);
        if (response) {
            partners.push_back({name, response->answers, answers_of(client)});
        }
    }
    return partners;
}

bool FormPanel::print(bool preview) {
    const Form* f = form();
    if (f == nullptr || m_unit_id == 0) {
        return false;
    }
    if (!save_now()) {
        return true;  // What is on screen was refused (the message says why): not printed.
    }
    std::string couple;
    auto partners = shown_answers(*f, couple);
    if (partners.empty()) {
        return false;
    }
    auto pages = worksheet_pages(*f, partners, couple);
    if (!pages) {
        m_message->SetLabel(wxString::Format(_("Not printed: %s"), wx(pages.error())));
        return true;
    }
    std::int64_t unit = m_unit_id;
    dyad::ui::print_pages(this, std::move(*pages), wx(f->title), preview,
                          [host = m_host, unit](const std::string& format) {
                              (void)host.core()->record_export(host.raw(), "unit", unit,
                                                               ("workup-" + format).c_str());
                          });
    return true;
}

void FormPanel::export_pdf() {
    const Form* f = form();
    if (f == nullptr) {
        return;
    }
    save_now();
    wxFileDialog dialog(this, _("Save the worksheet as PDF"), "", f->id + ".pdf",
                        _("PDF files (*.pdf)|*.pdf"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dialog.ShowModal() != wxID_OK) {
        return;
    }
    std::string couple;
    auto partners = shown_answers(*f, couple);
    auto pages = worksheet_pdf(*f, partners, couple, utf8(dialog.GetPath()));
    if (pages) {
        (void)m_host.core()->record_export(m_host.raw(), "unit", m_unit_id, "workup-pdf");
    }
    m_message->SetLabel(pages ? _("Worksheet saved as PDF.")
                              : wxString::Format(_("Not saved: %s"), wx(pages.error())));
}

void FormPanel::shared_vision_dialog() {
    save_now();
    const Form* vision_form = m_library.find("relationship-vision");
    if (vision_form == nullptr) {
        m_message->SetLabel(_("The Relationship Vision form is not installed."));
        return;
    }
    std::vector<PartnerVision> partners;
    for (const auto& [client, name] : m_members) {
        auto response = m_store.load(m_unit_id, client, vision_form->id);
        if (response) {
            partners.push_back({name, response->answers});
        }
    }
    std::vector<VisionItem> merged = merge_visions(partners);
    VisionStore store{dyad::sdk::Database(m_host)};
    auto kept = store.versions(m_unit_id);
    wxDialog dialog(this, wxID_ANY, _("Our Shared Relationship Vision"), wxDefaultPosition,
                    wxSize(760, 460), wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER,
                    "workup_vision_dialog");
    auto* list = new wxListCtrl(&dialog, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT,
                                wxDefaultValidator, "workup_vision_list");
    list->AppendColumn(_("Statement"), wxLIST_FORMAT_LEFT, 380);
    list->AppendColumn(_("In common"), wxLIST_FORMAT_LEFT, 90);
    list->AppendColumn(_("Importance"), wxLIST_FORMAT_LEFT, 90);
    list->AppendColumn(_("Hard"), wxLIST_FORMAT_LEFT, 60);
    list->AppendColumn(_("From"), wxLIST_FORMAT_LEFT, 120);
    for (std::size_t i = 0; i < merged.size(); ++i) {
        const auto& item = merged[i];
        long row = list->InsertItem(static_cast<long>(i), wx(item.text));
        list->SetItem(row, 1, item.in_common ? _("shared") : wxString());
        list->SetItem(row, 2, wx(dyad::show::number(item.importance)));
        list->SetItem(row, 3, item.hard ? _("hard") : wxString());
        wxString authors;
        for (const auto& author : item.authors) {
            authors += (authors.empty() ? "" : ", ") + wx(author);
        }
        list->SetItem(row, 4, authors);
        if (item.in_common) {
            wxFont font = list->GetFont();
            font.SetUnderlined(true);  // Items in common are underlined, as on paper.
            list->SetItemFont(row, font.Bold());
        }
    }
    int versions = kept ? static_cast<int>(kept->size()) : 0;
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    wxString statements = wxString::Format(
        wxPLURAL("%zu statement", "%zu statements", static_cast<unsigned>(merged.size())),
        merged.size());
    wxString kept_so_far = wxString::Format(
        wxPLURAL("%d version kept so far.", "%d versions kept so far.", versions), versions);
    // TRANSLATORS: "3 statements" and "1 version kept so far."
    sizer->Add(
        new wxStaticText(&dialog, wxID_ANY, wxString::Format(_("%s; %s"), statements, kept_so_far)),
        0, wxALL, 8);
    sizer->Add(list, 1, wxEXPAND | wxLEFT | wxRIGHT, 8);
    auto* buttons = new wxStdDialogButtonSizer();
    auto* keep =
        new wxButton(&dialog, wxID_OK, wxString::Format(_("&Keep as Version %d"), versions + 1));
    keep->Enable(!merged.empty());
    buttons->AddButton(keep);
    buttons->AddButton(new wxButton(&dialog, wxID_CANCEL, _("Close")));
    buttons->Realize();
    sizer->Add(buttons, 0, wxEXPAND | wxALL, 8);
    dialog.SetSizer(sizer);
    if (dialog.ShowModal() != wxID_OK) {
        return;
    }
    auto version = store.keep(m_unit_id, merged);
    if (version) {
        (void)m_host.core()->audit(m_host.raw(), "create", "vision", m_unit_id);
    }
    m_message->SetLabel(version ? wxString::Format(_("Shared vision kept as version %d."), *version)
                                : wxString::Format(_("Not kept: %s"), wx(version.error())));
}

}  // namespace dyad::workup
