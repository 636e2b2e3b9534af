// The "Member consent" dialog of a unit's Overview: per member, may the practice contact them
// and may what they tell the therapist alone be shared with their partner(s) (issue 22).
// Thread: main.
#pragma once

#include <wx/checkbox.h>
#include <wx/dialog.h>

#include <vector>

#include "records/core_records.h"

namespace dyad::app {

class MemberConsentDialog : public wxDialog {
  public:
    // members: the unit's, as read for the Overview; a kind of answer the user may not change
    // is shown but disabled.
    MemberConsentDialog(wxWindow* parent, const std::vector<records::Member>& members,
                        bool may_change_contact, bool may_change_share);
    // The members with the boxes' answers (after ShowModal() returned wxID_OK).
    std::vector<records::Member> answers() const;

  private:
    std::vector<records::Member> m_members;
    std::vector<wxCheckBox*> m_contact;
    std::vector<wxCheckBox*> m_share;
};

// Saves the answers that differ from before, each audited; the first failure in words, or "".
std::string save_member_consent(records::CoreRecords& records, std::int64_t unit_id,
                                const std::vector<records::Member>& before,
                                const std::vector<records::Member>& after);

}  // namespace dyad::app
