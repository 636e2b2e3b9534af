#include "x837.h"

#include <cstdio>
#include <expected>

#include "text_checks.h"

namespace dyad::billing {
namespace {

// 15000 -> "150", 15050 -> "150.5", 15005 -> "150.05": X12 decimals without trailing zeros.
std::string amount(std::int64_t cents) {
    std::string text = std::to_string(cents / 100);
    std::int64_t rest = (cents < 0 ? -cents : cents) % 100;
    if (rest != 0) {
        char decimals[8];
        std::snprintf(decimals, sizeof decimals, ".%02lld", static_cast<long long>(rest));
        text += decimals;
        if (text.back() == '0') {
            text.pop_back();
        }
    }
    return text;
}

std::string compact_date(const std::string& date) {
    return without_dashes(date);
}

// A fixed-width ISA element: padded with spaces to width.
std::string padded(std::string text, std::size_t width) {
    text.resize(width, ' ');
    return text;
}

struct Person {
    std::string last, first;
};

// "Maya Rivera, LMFT" -> {"RIVERA", "MAYA"}: the credential after a comma dropped, the last
// word the family name.
Person split_name(const std::string& name) {
    std::string bare = trimmed(name.substr(0, name.find(',')));
    auto space = bare.rfind(' ');
    if (space == std::string::npos) {
        return {x12_text(bare), ""};
    }
    return {x12_text(bare.substr(space + 1)), x12_text(bare.substr(0, space))};
}

class Segments {
  public:
    void add(std::vector<std::string> elements) {
        while (elements.size() > 1 && elements.back().empty()) {
            elements.pop_back();  // Trailing empty elements are left off.
        }
        std::string segment;
        for (std::size_t i = 0; i < elements.size(); ++i) {
            segment += (i == 0 ? "" : "*") + elements[i];
        }
        m_text += segment + "~\n";
        ++m_count;
    }
    int count() const { return m_count; }
    const std::string& text() const { return m_text; }

  private:
    std::string m_text;
    int m_count = 0;
};

const char* patient_relation(const std::string& relation) {
    if (relation == "spouse") {
        return "01";
    }
    if (relation == "child") {
        return "19";
    }
    return "G8";  // Other relationship.
}

}  // namespace

std::string x12_text(const std::string& text) {
    static const struct {
        const char* utf8;
        char ascii;
    } accents[] = {{"á", 'A'}, {"à", 'A'}, {"â", 'A'}, {"ä", 'A'}, {"ã", 'A'}, {"å", 'A'},
                   {"Á", 'A'}, {"À", 'A'}, {"Â", 'A'}, {"Ä", 'A'}, {"Ã", 'A'}, {"é", 'E'},
                   {"è", 'E'}, {"ê", 'E'}, {"ë", 'E'}, {"É", 'E'}, {"È", 'E'}, {"Ê", 'E'},
                   {"í", 'I'}, {"ì", 'I'}, {"î", 'I'}, {"ï", 'I'}, {"Í", 'I'}, {"ó", 'O'},
                   {"ò", 'O'}, {"ô", 'O'}, {"ö", 'O'}, {"õ", 'O'}, {"Ó", 'O'}, {"Ö", 'O'},
                   {"ú", 'U'}, {"ù", 'U'}, {"û", 'U'}, {"ü", 'U'}, {"Ú", 'U'}, {"Ü", 'U'},
                   {"ñ", 'N'}, {"Ñ", 'N'}, {"ç", 'C'}, {"Ç", 'C'}};
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            char a = static_cast<char>(c);
            if (a >= 'a' && a <= 'z') {
                a = static_cast<char>(a - 'a' + 'A');
            }
            bool kept = (a >= 'A' && a <= 'Z') || (a >= '0' && a <= '9') ||
                        std::string_view(" -.,'&/#()").find(a) != std::string_view::npos;
            out += kept ? a : ' ';
            ++i;
            continue;
        }
        char replacement = ' ';
        std::size_t length = (c >= 0xF0) ? 4 : (c >= 0xE0) ? 3 : 2;
        for (const auto& accent : accents) {
            if (text.compare(i, std::string_view(accent.utf8).size(), accent.utf8) == 0) {
                replacement = accent.ascii;
                length = std::string_view(accent.utf8).size();
                break;
            }
        }
        out += replacement;
        i += length;
    }
    // Runs of spaces made one; none at the ends.
    std::string collapsed;
    for (char c : out) {
        if (c != ' ' || (!collapsed.empty() && collapsed.back() != ' ')) {
            collapsed += c;
        }
    }
    return trimmed(collapsed);
}

std::vector<std::string> preflight_837p(const X12Batch& batch) {
    std::vector<std::string> problems;
    const Identity& provider = batch.provider;
    if (provider.legal_name.empty() || provider.clinician_npi.empty()) {
        problems.push_back(
            "billing provider (2010AA): the practice's billing identity "
            "(Settings > Billing)");
    } else {
        auto address = parse_address(provider.address);
        if (!address) {
            problems.push_back(
                "billing provider address (2010AA N3/N4): write it as 'street, city, ST ZIP' "
                "(Settings > Billing)");
        } else if (address->zip.size() != 9) {
            problems.push_back("billing provider ZIP (2010AA N403): nine digits, ZIP+4");
        }
        if (x12_text(provider.legal_name).empty() ||
            split_name(provider.clinician_name).last.empty()) {
            problems.push_back("billing provider name (2010AA NM103): in Latin letters");
        }
    }
    if (batch.submitter.submitter_id.empty() || batch.submitter.receiver_id.empty() ||
        x12_text(batch.submitter.receiver_name).empty()) {
        problems.push_back(
            "submitter and receiver (1000A/1000B): the clearinghouse settings "
            "(billing clearinghouse-set)");
    }
    if (without_dashes(batch.submitter.contact_phone).size() != 10 &&
        without_dashes(provider.phone).size() != 10) {
        problems.push_back("submitter contact (1000A PER): a ten-digit phone number");
    }
    if (!is_iso_date(batch.date) || batch.time.size() != 5 || batch.time[2] != ':' ||
        !digits_only(batch.time.substr(0, 2)) || !digits_only(batch.time.substr(3, 2))) {
        problems.push_back("the file's date and time (ISA09/ISA10): YYYY-MM-DD and HH:MM");
    }
    if (batch.control_number < 1 || batch.control_number > 999999999) {
        problems.push_back("interchange control number (ISA13): 1 to 999999999");
    }
    if (batch.claims.empty()) {
        problems.push_back("no claims: nothing billed to insurance is waiting in that period");
    }
    for (const auto& claim : batch.claims) {
        std::string where = "claim " + claim.claim_number + ": ";
        if (claim.claim_number.empty() || claim.claim_number.size() > 20) {
            problems.push_back(where + "the claim number (CLM01): 1 to 20 characters");
        }
        if (claim.coverage.priority > 1) {
            problems.push_back(where +
                               "a secondary or tertiary claim (SBR01 S/T) needs the "
                               "other payer's loops (2320/2330), which Dyad does not "
                               "write yet: file it in the payer's portal");
        }
        if (claim.rendering && batch.provider.group_npi.empty()) {
            problems.push_back(where + "rendered by " + claim.rendering->name +
                               ", not the practice's own clinician: a practice billing for "
                               "several clinicians bills as a group (2310B), so it needs its "
                               "group NPI (Settings > Billing)");
        }
        if (claim.rendering && split_name(claim.rendering->name).last.empty()) {
            problems.push_back(where +
                               "the rendering clinician's name in Latin letters "
                               "(2310B NM103)");
        }
        if (x12_text(claim.patient.family_name).empty() ||
            x12_text(claim.patient.given_name).empty()) {
            problems.push_back(where + "the patient's name in Latin letters (NM103/NM104)");
        }
        if (claim.coverage.relation != "self" &&
            (x12_text(claim.coverage.subscriber_family).empty() ||
             x12_text(claim.coverage.subscriber_given).empty())) {
            problems.push_back(where + "the subscriber's name in Latin letters (2010BA NM103)");
        }
        if (x12_text(claim.payer.name).empty()) {
            problems.push_back(where + "the payer's name in Latin letters (2010BB NM103)");
        }
        if (!claim.payer_claim_number.empty() && !reference_text(claim.payer_claim_number)) {
            problems.push_back(where +
                               "the payer's claim number (REF*F8): letters, digits, dashes");
        }
        if (claim.coverage.member_id.empty()) {
            problems.push_back(where +
                               "the subscriber's member id (2010BA NM109): add a "
                               "coverage in force on the date of service");
        }
        if (claim.payer.payer_id.empty()) {
            problems.push_back(where + "the payer id (2010BB NM109): the payer's settings");
        }
        if (claim.patient.date_of_birth.empty()) {
            problems.push_back(where + "the patient's date of birth (DMG02)");
        }
        if (!claim.patient_details.address.complete()) {
            problems.push_back(where + "the patient's address (N3/N4): billing details");
        }
        if (claim.coverage.relation != "self" && claim.coverage.subscriber_dob.empty()) {
            problems.push_back(where + "the subscriber's date of birth (2010BA DMG02)");
        }
        if (claim.diagnoses.empty()) {
            problems.push_back(where + "a diagnosis (HI): none in force on the date of service");
        } else if (claim.diagnoses.front()[0] == 'Z') {
            problems.push_back(where + "a primary diagnosis beyond a Z-code (HI01)");
        }
        if (claim.place_of_service.size() != 2) {
            problems.push_back(where + "the place of service (CLM05-1)");
        }
        if ((claim.frequency == "7" || claim.frequency == "8") &&
            claim.payer_claim_number.empty()) {
            problems.push_back(where +
                               "the payer's claim number of the original (REF*F8): record it "
                               "with billing claim-status");
        }
        if (claim.lines.empty()) {
            problems.push_back(where + "no service lines");
        }
        for (const auto& line : claim.lines) {
            if (line.pointers.empty()) {
                problems.push_back(where + line.date + " " + line.code +
                                   ": a diagnosis pointer (SV107)");
            }
            for (int pointer : line.pointers) {
                if (pointer < 1 || pointer > static_cast<int>(claim.diagnoses.size())) {
                    problems.push_back(where + line.date + " " + line.code +
                                       ": a pointer names a missing diagnosis position");
                }
            }
        }
    }
    return problems;
}

std::expected<std::string, std::vector<std::string>> write_837p(const X12Batch& batch) {
    if (auto problems = preflight_837p(batch); !problems.empty()) {
        return std::unexpected(problems);
    }
    const Identity& provider = batch.provider;
    const Submitter& submitter = batch.submitter;
    char control[16];
    std::snprintf(control, sizeof control, "%09lld", static_cast<long long>(batch.control_number));
    std::string date = compact_date(batch.date);
    std::string time = without_dashes(batch.time.substr(0, 2) + batch.time.substr(3, 2));
    std::string envelope = "ISA*00*" + padded("", 10) + "*00*" + padded("", 10) + "*ZZ*" +
                           padded(submitter.submitter_id, 15) + "*ZZ*" +
                           padded(submitter.receiver_id, 15) + "*" + date.substr(2) + "*" + time +
                           "*^*00501*" + control + "*0*" + (submitter.production ? "P" : "T") +
                           "*:~\n";
    envelope += "GS*HC*" + submitter.submitter_id + "*" + submitter.receiver_id + "*" + date + "*" +
                time + "*" + std::to_string(batch.control_number) + "*X*005010X222A1~\n";

    Segments s;
    s.add({"ST", "837", "0001", "005010X222A1"});
    s.add({"BHT", "0019", "00", std::to_string(batch.control_number), date, time, "CH"});
    std::string practice = x12_text(provider.legal_name);
    s.add({"NM1", "41", "2", practice, "", "", "", "", "46", submitter.submitter_id});
    std::string phone = without_dashes(submitter.contact_phone).size() == 10
                            ? without_dashes(submitter.contact_phone)
                            : without_dashes(provider.phone);
    s.add({"PER", "IC", practice, "TE", phone});
    s.add({"NM1", "40", "2", x12_text(submitter.receiver_name), "", "", "", "", "46",
           submitter.receiver_id});

    // 2000A: one billing provider for the file. A group NPI bills as the organisation with
    // the clinician as rendering provider; otherwise the clinician bills as a person.
    bool group = !provider.group_npi.empty();
    Person clinician = split_name(provider.clinician_name);
    s.add({"HL", "1", "", "20", "1"});
    s.add({"PRV", "BI", "PXC", provider.taxonomy});
    if (group) {
        s.add({"NM1", "85", "2", practice, "", "", "", "", "XX", provider.group_npi});
    } else {
        s.add({"NM1", "85", "1", clinician.last, clinician.first, "", "", "", "XX",
               provider.clinician_npi});
    }
    Address office = *parse_address(provider.address);
    s.add({"N3", x12_text(office.street)});
    s.add({"N4", x12_text(office.city), office.state, office.zip});
    s.add({"REF", provider.tax_id_kind == "ssn" ? "SY" : "EI", provider.tax_id});

    int hl = 1;
    for (const auto& claim : batch.claims) {
        const Coverage& coverage = claim.coverage;
        bool self = coverage.relation == "self";
        int subscriber_hl = ++hl;
        s.add({"HL", std::to_string(subscriber_hl), "1", "22", self ? "0" : "1"});
        const char* responsibility = coverage.priority == 1   ? "P"
                                     : coverage.priority == 2 ? "S"
                                                              : "T";
        s.add({"SBR", responsibility, self ? "18" : "", x12_text(coverage.group_number), "", "", "",
               "", "", claim.payer.filing_code.empty() ? "CI" : claim.payer.filing_code});
        const Address& home = claim.patient_details.address;
        if (self) {
            s.add({"NM1", "IL", "1", x12_text(claim.patient.family_name),
                   x12_text(claim.patient.given_name), "", "", "", "MI", coverage.member_id});
            s.add({"N3", x12_text(home.street)});
            s.add({"N4", x12_text(home.city), home.state, home.zip});
            s.add({"DMG", "D8", compact_date(claim.patient.date_of_birth),
                   claim.patient_details.sex});
        } else {
            s.add({"NM1", "IL", "1", x12_text(coverage.subscriber_family),
                   x12_text(coverage.subscriber_given), "", "", "", "MI", coverage.member_id});
            s.add({"DMG", "D8", compact_date(coverage.subscriber_dob), coverage.subscriber_sex});
        }
        s.add({"NM1", "PR", "2", x12_text(claim.payer.name), "", "", "", "", "PI",
               claim.payer.payer_id});
        if (!self) {
            s.add({"HL", std::to_string(++hl), std::to_string(subscriber_hl), "23", "0"});
            s.add({"PAT", patient_relation(coverage.relation)});
            s.add({"NM1", "QC", "1", x12_text(claim.patient.family_name),
                   x12_text(claim.patient.given_name)});
            s.add({"N3", x12_text(home.street)});
            s.add({"N4", x12_text(home.city), home.state, home.zip});
            s.add({"DMG", "D8", compact_date(claim.patient.date_of_birth),
                   claim.patient_details.sex});
        }
        std::int64_t total = 0;
        for (const auto& line : claim.lines) {
            total += line.charge_cents;
        }
        s.add({"CLM", claim.claim_number, amount(total), "", "",
               claim.place_of_service + ":B:" + claim.frequency, "Y", "A", "Y", "Y"});
        if (claim.frequency != "1") {
            s.add({"REF", "F8", claim.payer_claim_number});
        }
        std::vector<std::string> hi = {"HI"};
        for (std::size_t i = 0; i < claim.diagnoses.size(); ++i) {
            hi.push_back(std::string(i == 0 ? "ABK:" : "ABF:") + without_dot(claim.diagnoses[i]));
        }
        s.add(hi);
        if (group) {
            const Clinician who = claim.rendering.value_or(practice_clinician(provider));
            Person rendering = split_name(who.name);
            s.add({"NM1", "82", "1", rendering.last, rendering.first, "", "", "", "XX", who.npi});
            s.add({"PRV", "PE", "PXC", who.taxonomy});
        }
        int number = 0;
        for (const auto& line : claim.lines) {
            s.add({"LX", std::to_string(++number)});
            std::string procedure = "HC:" + line.code;
            for (const auto& modifier : line.modifiers) {
                procedure += ":" + modifier;
            }
            std::string pointers;
            for (int pointer : line.pointers) {
                pointers += (pointers.empty() ? "" : ":") + std::to_string(pointer);
            }
            s.add({"SV1", procedure, amount(line.charge_cents), "UN", std::to_string(line.units),
                   "", "", pointers});
            s.add({"DTP", "472", "D8", compact_date(line.date)});
        }
    }
    s.add({"SE", std::to_string(s.count() + 1), "0001"});
    return envelope + s.text() + "GE*1*" + std::to_string(batch.control_number) + "~\nIEA*1*" +
           control + "~\n";
}

}  // namespace dyad::billing
