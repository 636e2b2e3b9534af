#include "report.h"

#include <fhir_json.h>
#include <pdf_document.h>
#include <text_lists.h>

#include <algorithm>
#include <dyad/show.hpp>
#include <set>

namespace dyad::measures {
namespace {

using dyad::datafile::csv_cell;
using dyad::fhir::Array;
using dyad::fhir::Object;

std::string name_of(const ReportInput& input, std::int64_t client_id) {
    auto found = input.names.find(client_id);
    return found == input.names.end() ? "client " + std::to_string(client_id) : found->second;
}

std::set<std::string> instruments_used(const ReportInput& input) {
    std::set<std::string> used;
    for (const auto& a : input.history) {
        used.insert(a.instrument_id);
    }
    return used;
}

std::string change_word(Change change) {
    return change == Change::Improved   ? "reliable improvement"
           : change == Change::Worsened ? "reliable worsening"
                                        : "";
}

}  // namespace

std::vector<Point> points_of(const std::vector<Administration>& history,
                             const std::string& instrument_id, std::int64_t client_id) {
    std::vector<Point> points;
    for (const auto& a : history) {
        if (!a.voided && a.instrument_id == instrument_id && a.client_id == client_id) {
            points.push_back({a.date, a.score.total});
        }
    }
    return points;
}

std::string measures_csv(const InstrumentLibrary& library, const ReportInput& input) {
    std::string out =
        "date,client,instrument,version,total,band,distressed,prorated,"
        "reliable_change";
    out += input.clinician ? ",flags\n" : "\n";
    std::map<std::pair<std::string, std::int64_t>, double> baseline;
    for (const auto& a : input.history) {
        const Instrument* instrument = library.find(a.instrument_id);
        auto key = std::make_pair(a.instrument_id, a.client_id);
        auto first = baseline.emplace(key, a.score.total).first->second;
        std::string change = instrument == nullptr
                                 ? ""
                                 : change_word(reliable_change(*instrument, first, a.score.total));
        out += a.date + "," + csv_cell(name_of(input, a.client_id)) + "," + a.instrument_id + "," +
               std::to_string(a.instrument_version) + "," + number_text(a.score.total) + "," +
               csv_cell(a.score.band) + "," + (a.score.distressed ? "yes" : "no") + "," +
               (a.score.prorated ? "yes" : "no") + "," + change;
        if (input.clinician) {
            out += "," + csv_cell(dyad::datafile::join_list(a.score.flags, "; "));
        }
        out += "\n";
    }
    return out;
}

std::string measures_fhir(const InstrumentLibrary& library, const ReportInput& input,
                          const std::string& timestamp, const std::function<std::string()>& uuid) {
    using namespace dyad::fhir;
    BundleWriter bundle(timestamp);
    std::map<std::int64_t, std::string> patients;
    for (const auto& [client_id, name] : input.names) {
        Object::Ptr patient = resource("Patient");
        Object::Ptr human = object();
        human->set("text", name);
        Array::Ptr names = new Array;
        names->add(human);
        patient->set("name", names);
        patients[client_id] = uuid();
        bundle.add(patients[client_id], patient);
    }
    std::map<std::string, std::string> questionnaires;
    for (const auto& id : instruments_used(input)) {
        const Instrument* instrument = library.find(id);
        if (instrument == nullptr) {
            continue;
        }
        Object::Ptr questionnaire = resource("Questionnaire");
        questionnaire->set("url", "urn:dyad:measures:" + instrument->id);
        questionnaire->set("version", std::to_string(instrument->version));
        questionnaire->set("title", instrument->title);
        questionnaire->set("status", std::string("active"));
        questionnaire->set("copyright", instrument->licence);
        Array::Ptr items = new Array;
        for (const auto& item : instrument->items) {
            Object::Ptr entry = object();
            entry->set("linkId", item.id);
            // A bring-your-own instrument's items are the practice's licensed text: not
            // exported.
            entry->set("text", instrument->bring_your_own ? "item " + item.id : item.text);
            const AnswerSet* set = instrument->answer_set(item.answers);
            if (set == nullptr || set->line()) {
                entry->set("type", std::string("decimal"));
            } else {
                entry->set("type", std::string("choice"));
                Array::Ptr options = new Array;
                for (const auto& anchor : set->anchors) {
                    Object::Ptr option = object();
                    option->set("valueCoding",
                                coding("urn:dyad:measures:" + instrument->id + ":" + set->key,
                                       number_text(anchor.value), anchor.label));
                    options->add(option);
                }
                entry->set("answerOption", options);
            }
            entry->set("required", item.scored && instrument->max_missing == 0);
            items->add(entry);
        }
        Object::Ptr total = object();
        total->set("linkId", std::string("total"));
        total->set("text", std::string("Total score"));
        total->set("type", std::string("decimal"));
        total->set("readOnly", true);
        items->add(total);
        questionnaire->set("item", items);
        questionnaires[id] = uuid();
        bundle.add(questionnaires[id], questionnaire);
    }
    for (const auto& a : input.history) {
        const Instrument* instrument = library.find(a.instrument_id);
        if (instrument == nullptr || a.voided) {
            continue;
        }
        Object::Ptr response = resource("QuestionnaireResponse");
        response->set("questionnaire", "urn:dyad:measures:" + instrument->id + "|" +
                                           std::to_string(a.instrument_version));
        response->set("status", std::string("completed"));
        if (auto patient = patients.find(a.client_id); patient != patients.end()) {
            response->set("subject", reference(patient->second));
        }
        response->set("authored", a.date);
        // A copy for the couple carries no answers of an instrument with a risk item: the
        // others and the total would give the risk item's answer away.
        bool has_risk = std::any_of(instrument->items.begin(), instrument->items.end(),
                                    [](const Item& item) { return item.risk_above.has_value(); });
        bool answers_shown = input.clinician || !has_risk;
        Array::Ptr items = new Array;
        for (std::size_t i = 0;
             answers_shown && i < instrument->items.size() && i < a.answers.size(); ++i) {
            const Item& item = instrument->items[i];
            const AnswerSet* set = instrument->answer_set(item.answers);
            if (!a.answers[i] || set == nullptr) {
                continue;
            }
            Object::Ptr entry = object();
            entry->set("linkId", item.id);
            Object::Ptr answer = object();
            if (set->line()) {
                answer->set("valueDecimal", *a.answers[i]);
            } else {
                const Anchor* anchor = set->anchor(*a.answers[i]);
                answer->set("valueCoding",
                            coding("urn:dyad:measures:" + instrument->id + ":" + set->key,
                                   number_text(*a.answers[i]), anchor ? anchor->label : ""));
            }
            Array::Ptr answers = new Array;
            answers->add(answer);
            entry->set("answer", answers);
            items->add(entry);
        }
        Object::Ptr total = object();
        total->set("linkId", std::string("total"));
        Object::Ptr value = object();
        value->set("valueDecimal", a.score.total);
        Array::Ptr values = new Array;
        values->add(value);
        total->set("answer", values);
        items->add(total);
        response->set("item", items);
        bundle.add(uuid(), response);
    }
    return bundle.text();
}

namespace {

using dyad::show::fill;
using dyad::show::tr;

std::string report_footer(const ReportInput& input) {
    return input.clinician ? tr("Confidential: protected health information")
                           : tr("Confidential: shared with the couple");
}

std::string shown_name(const ReportInput& input, std::int64_t client_id) {
    auto found = input.names.find(client_id);
    return found == input.names.end() ? fill(tr("client {id}"), "id", std::to_string(client_id))
                                      : found->second;
}

std::string day_text(const std::string& iso) {
    return dyad::show::date(iso, dyad::show::DateStyle::Compact);
}

// The report's content, into a PDF file's document or a recorded one.
void write_report(dyad::pdf::PdfDocument* document, const InstrumentLibrary& library,
                  const ReportInput& input, const std::string& today) {
    document->title(fill(tr("Outcome measures: {unit}"), "unit", input.unit_name));
    std::string long_today = dyad::show::date(today, dyad::show::DateStyle::Long);
    document->note(fill(input.clinician ? tr("Prepared {date} for the clinician")
                                        : tr("Prepared {date} for the couple"),
                        "date", long_today));
    if (input.history.empty()) {
        document->paragraph(tr("No measures have been recorded for this unit."));
    }
    for (const auto& id : instruments_used(input)) {
        const Instrument* instrument = library.find(id);
        if (instrument == nullptr) {
            continue;
        }
        document->heading(instrument->title);
        std::string rules =
            instrument->higher_is_better ? tr("Higher is better.") : tr("Lower is better.");
        if (instrument->cutoff) {
            rules += " " + fill(fill(tr("Cut-off {value}: {label}."), "value",
                                     shown_number(*instrument->cutoff)),
                                "label", shown_label(instrument->cutoff_label));
        }
        if (instrument->reliable_change > 0) {
            rules += " " + fill(tr("Reliable change: {points} points."), "points",
                                shown_number(instrument->reliable_change));
        }
        document->note(rules);
        for (const auto& [client_id, name] : input.names) {
            auto points = points_of(input.history, id, client_id);
            if (points.empty()) {
                continue;
            }
            Trajectory path_of = trajectory(*instrument, points, input.on_track_by);
            std::string line;
            for (std::size_t i = 0; i < points.size(); ++i) {
                line += (i == 0 ? "" : "; ") + day_text(points[i].date) + ": " +
                        shown_number(points[i].total);
                if (path_of.marks[i] != Change::None) {
                    line += " (" + shown_change(path_of.marks[i]) + ")";
                }
            }
            document->field(name, line);
            if (!path_of.status.empty()) {
                document->note(name + ": " + path_of.status);
            }
        }
        if (input.clinician) {
            for (const auto& a : input.history) {
                if (a.instrument_id == id && !a.score.flags.empty()) {
                    std::vector<std::string> flags;
                    for (const auto& flag : a.score.flags) {
                        flags.push_back(shown_label(flag));
                    }
                    document->field(tr("Safety flag"), day_text(a.date) + ", " +
                                                           shown_name(input, a.client_id) + ": " +
                                                           dyad::datafile::join_list(flags, "; "));
                }
            }
        }
        document->note(fill(tr("Source: {source}"), "source", instrument->source));
    }
}

}  // namespace

std::expected<int, std::string> measures_pdf(const InstrumentLibrary& library,
                                             const ReportInput& input, const std::string& path,
                                             const std::string& today) {
    auto document = dyad::pdf::PdfDocument::create(path, report_footer(input));
    if (!document) {
        return std::unexpected(document.error());
    }
    write_report(&*document, library, input, today);
    auto finished = document->finish();
    if (!finished) {
        return std::unexpected(finished.error());
    }
    return document->pages();
}

std::expected<dyad::pdf::RecordedPages, std::string> measures_pages(
    const InstrumentLibrary& library, const ReportInput& input, const std::string& today) {
    auto document = dyad::pdf::PdfDocument::record(report_footer(input));
    write_report(&document, library, input, today);
    return document.finish_recording();
}

}  // namespace dyad::measures
