#include "cms1500.h"

#include <pdf_canvas.h>

#include "identity.h"
#include "money.h"
#include "text_checks.h"

namespace dyad::billing {
namespace {

constexpr double kLeft = 24;

std::string person(const std::string& family, const std::string& given) {
    return x12_text(family) + ", " + x12_text(given);
}

std::string address_lines(const Address& address) {
    return x12_text(address.street) + "\n" + x12_text(address.city) + ", " + address.state + " " +
           address.zip;
}

// Box 1 from the payer's claim filing code.
const char* coverage_kind(const std::string& filing_code) {
    if (filing_code == "MB") {
        return "Medicare";
    }
    if (filing_code == "MC") {
        return "Medicaid";
    }
    if (filing_code == "CH") {
        return "TRICARE";
    }
    return filing_code == "VA" ? "CHAMPVA" : "Group health plan";
}

// The form has boxes for M and F only: unknown is left blank.
std::string form_sex(const std::string& sex) {
    return sex == "U" ? std::string() : sex;
}

const char* relation_word(const std::string& relation) {
    if (relation == "self") {
        return "Self";
    }
    if (relation == "spouse") {
        return "Spouse";
    }
    return relation == "child" ? "Child" : "Other";
}

// A row of boxes: each {width, caption, value}; returns the next row's y.
struct Cell {
    double width;
    std::string caption;
    std::string value;
};

double row(dyad::pdf::PdfCanvas& canvas, double y, double height, const std::vector<Cell>& cells) {
    double x = kLeft;
    for (const auto& cell : cells) {
        canvas.box(x, y, cell.width, height);
        canvas.caption(x, y, cell.caption);
        canvas.text(x + 3, y + 9, cell.value, 8.5, cell.width - 6);
        x += cell.width;
    }
    return y + height;
}

void draw_claim(dyad::pdf::PdfCanvas& canvas, const X12Batch& batch, const X12Claim& claim,
                std::size_t first_line) {
    const Identity& p = batch.provider;
    const Coverage& c = claim.coverage;
    bool self = c.relation == "self";
    canvas.text(kLeft, 18, "HEALTH INSURANCE CLAIM FORM", 11);
    canvas.text(kLeft, 31, "CMS-1500 (02/12) layout, printed by Dyad", 6.5);
    canvas.text(330, 16, x12_text(claim.payer.name) + "  (payer id " + claim.payer.payer_id + ")",
                8.5, 258);
    double y = 44;
    y = row(canvas, y, 24,
            {{282, "1 Coverage", coverage_kind(claim.payer.filing_code)},
             {282, "1a Insured's ID number", c.member_id}});
    std::string insured = self ? person(claim.patient.family_name, claim.patient.given_name)
                               : person(c.subscriber_family, c.subscriber_given);
    y = row(canvas, y, 24,
            {{220, "2 Patient's name (last, first)",
              person(claim.patient.family_name, claim.patient.given_name)},
             {100, "3 Birth date / sex",
              form_date(claim.patient.date_of_birth) + "  " + form_sex(claim.patient_details.sex)},
             {244, "4 Insured's name (last, first)", insured}});
    double address_y = y;
    y = row(canvas, y, 34,
            {{220, "5 Patient's address", ""},
             {100, "6 Relationship to insured", relation_word(c.relation)},
             {244, "7 Insured's address", self ? "(same)" : ""}});
    canvas.text(kLeft + 3, address_y + 9, address_lines(claim.patient_details.address), 8, 214);
    y = row(
        canvas, y, 24,
        {{220, "11 Insured's group number", c.group_number},
         {100, "11a Insured's birth date / sex",
          self ? form_date(claim.patient.date_of_birth) + "  " + form_sex(claim.patient_details.sex)
               : form_date(c.subscriber_dob) + "  " + form_sex(c.subscriber_sex)},
         {244, "11c Plan", x12_text(claim.payer.name)}});
    y = row(canvas, y, 22,
            {{188, "10a-c Condition related to employment, auto, other accident", "No   No   No"},
             {94, "10d Claim codes", ""},
             {282, "11d Another health benefit plan?", "No"}});
    y = row(canvas, y, 22,
            {{282, "12 Patient's signature", "Signature on file"},
             {282, "13 Insured's signature", "Signature on file"}});
    // 21: ICD indicator 0 (ICD-10), A-L in four columns.
    double diagnoses_y = y;
    std::string resubmission =
        claim.frequency == "1" ? "" : claim.frequency + "   original " + claim.payer_claim_number;
    y = row(canvas, y, 46,
            {{400, "21 Diagnoses (ICD ind. 0)", ""},
             {164, "22 Resubmission code / original ref.", resubmission}});
    for (std::size_t i = 0; i < claim.diagnoses.size() && i < 12; ++i) {
        canvas.text(kLeft + 6 + static_cast<double>(i % 4) * 98,
                    diagnoses_y + 10 + static_cast<double>(i / 4) * 11,
                    std::string(1, pointer_letter(static_cast<int>(i) + 1)) + ". " +
                        without_dot(claim.diagnoses[i]),
                    8);
    }
    // 24: six service lines.
    const std::vector<Cell> columns = {{110, "24A Date(s) of service", ""},
                                       {40, "B POS", ""},
                                       {150, "D CPT/HCPCS  modifier", ""},
                                       {60, "E Dx pointer", ""},
                                       {80, "F Charges", ""},
                                       {44, "G Units", ""},
                                       {80, "J Rendering NPI", ""}};
    y = row(canvas, y, 12, columns);
    std::int64_t total = 0;  // This page's lines: each page adds up on its own.
    for (std::size_t n = 0; n < 6; ++n) {
        std::size_t index = first_line + n;
        std::vector<Cell> cells = columns;
        for (auto& cell : cells) {
            cell.caption.clear();
        }
        if (index < claim.lines.size()) {
            const X12Line& line = claim.lines[index];
            std::string modifiers;
            for (const auto& modifier : line.modifiers) {
                modifiers += "  " + modifier;
            }
            std::string pointers;
            for (int pointer : line.pointers) {
                pointers += pointer_letter(pointer);
            }
            cells[0].value = form_date(line.date) + "  " + form_date(line.date);
            cells[1].value = claim.place_of_service;
            cells[2].value = line.code + modifiers;
            cells[3].value = pointers;
            cells[4].value = plain_cents(line.charge_cents);
            total += line.charge_cents;
            cells[5].value = std::to_string(line.units);
            cells[6].value = claim.rendering ? claim.rendering->npi : p.clinician_npi;
        }
        y = row(canvas, y, 20, cells);
    }
    std::string tax = p.tax_id_kind == "ssn" ? "SSN  " : "EIN  ";
    y = row(canvas, y, 24,
            {{160, "25 Federal tax ID", tax + formatted_tax_id(p)},
             {130, "26 Patient's account no.", claim.claim_number},
             {84, "27 Accept assignment", "Yes"},
             {96, "28 Total charge", plain_cents(total)},
             {94, "29 Amount paid", ""}});
    double bottom_y = y;
    y = row(canvas, y, 56,
            {{160, "31 Signature of physician or supplier", ""},
             {180, "32 Service facility location", ""},
             {224, "33 Billing provider info & phone", ""}});
    const Clinician who = claim.rendering.value_or(practice_clinician(p));
    canvas.text(kLeft + 3, bottom_y + 10,
                x12_text(who.name.substr(0, who.name.find(','))) + ", " + who.licence_type +
                    "\nSigned " + form_date(batch.date),
                8, 154);
    canvas.text(kLeft + 163, bottom_y + 10, x12_text(p.legal_name) + "\n" + x12_text(p.address), 8,
                174);
    canvas.text(kLeft + 343, bottom_y + 10,
                x12_text(p.legal_name) + "   " + p.phone + "\n" + x12_text(p.address) +
                    "\n33a NPI " + (p.group_npi.empty() ? p.clinician_npi : p.group_npi),
                8, 218);
    canvas.text(kLeft, y + 8,
                "Printed from Dyad's records of claim " + claim.claim_number +
                    ". Payers that read paper claims by OCR want the red-ink printed form.",
                6.5);
}

}  // namespace

std::string form_date(const std::string& date) {
    if (date.size() != 10) {
        return date;
    }
    return date.substr(5, 2) + " " + date.substr(8, 2) + " " + date.substr(2, 2);
}

std::expected<void, std::string> write_cms1500(const X12Batch& batch, const std::string& path) {
    if (auto problems = preflight_837p(batch); !problems.empty()) {
        return std::unexpected(problems.front());
    }
    auto canvas = dyad::pdf::PdfCanvas::create(path);
    if (!canvas) {
        return std::unexpected(canvas.error());
    }
    bool first = true;
    for (const auto& claim : batch.claims) {
        for (std::size_t line = 0; line < claim.lines.size(); line += 6) {
            if (!first) {
                canvas->next_page();
            }
            first = false;
            draw_claim(*canvas, batch, claim, line);
        }
    }
    return canvas->finish();
}

}  // namespace dyad::billing
