#include "member_consent_dialog.h"

#include <wx/sizer.h>
#include <wx/statbox.h>
#include <wx/stattext.h>

namespace dyad::app {

MemberConsentDialog::MemberConsentDialog(wxWindow* parent,
                                         const std::vector<records::Member>& members,
                                         bool may_change_contact, bool may_change_share)
    : wxDialog(parent, wxID_ANY, _("Member consent"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE, "member_consent_dialog"),
      m_members(members) {
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* intro = new wxStaticText(
        this, wxID_ANY,
        _("What each member agreed to. Plugins that send messages or show one partner's entries "
          "to another follow these answers."));
    intro->Wrap(420);
    sizer->Add(intro, 0, wxALL, 12);
    for (std::size_t i = 0; i < m_members.size(); ++i) {
        const auto& member = m_members[i];
        auto* box = new wxStaticBoxSizer(wxVERTICAL, this,
                                         wxControl::EscapeMnemonics(wxString::FromUTF8(
                                             member.given_name + " " + member.family_name)));
        auto* contact =
            new wxCheckBox(box->GetStaticBox(), wxID_ANY, _("May be &contacted by the practice"),
                           wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                           "consent_contact_" + std::to_string(i));
        contact->SetValue(member.may_contact);
        contact->Enable(may_change_contact);
        auto* share = new wxCheckBox(box->GetStaticBox(), wxID_ANY,
                                     _("What they tell me alone may be &shared with their partner"),
                                     wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                                     "consent_share_" + std::to_string(i));
        share->SetValue(member.may_share_with_partner);
        share->Enable(may_change_share);
        box->Add(contact, 0, wxALL, 4);
        box->Add(share, 0, wxALL, 4);
        sizer->Add(box, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 12);
        m_contact.push_back(contact);
        m_share.push_back(share);
    }
    sizer->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, 12);
    SetSizerAndFit(sizer);
}

std::vector<records::Member> MemberConsentDialog::answers() const {
    auto answered = m_members;
    for (std::size_t i = 0; i < answered.size(); ++i) {
        answered[i].may_contact = m_contact[i]->GetValue();
        answered[i].may_share_with_partner = m_share[i]->GetValue();
    }
    return answered;
}

std::string save_member_consent(records::CoreRecords& records, std::int64_t unit_id,
                                const std::vector<records::Member>& before,
                                const std::vector<records::Member>& after) {
    for (std::size_t i = 0; i < after.size() && i < before.size(); ++i) {
        if (before[i].may_contact == after[i].may_contact &&
            before[i].may_share_with_partner == after[i].may_share_with_partner) {
            continue;
        }
        Status saved = records.set_member_consent(unit_id, after[i].client_id, after[i].may_contact,
                                                  after[i].may_share_with_partner, "user");
        if (!saved) {
            return shown_message(saved.error());
        }
    }
    return "";
}

}  // namespace dyad::app
