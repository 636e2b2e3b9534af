// Note templates are data files ("<resources>/note-templates/*.json"), so a clinic adds or
// rewords its own without rebuilding. No wx here.
#pragma once

#include <expected>
#include <string>
#include <vector>

namespace dyad::records_plugin {

struct TemplateSection {
    std::string key;  // Stored with the note; never change it once notes use it.
    std::string label;
    std::string hint;
    bool required = false;
};

struct NoteTemplate {
    std::string id;
    int version = 0;
    std::string title;
    std::string kind;  // "progress" or "psychotherapy".
    std::vector<TemplateSection> sections;
    std::string source;  // The file it came from.

    const TemplateSection* section(const std::string& key) const;
};

// Parses one template; the error names the file and what is wrong, in a sentence.
std::expected<NoteTemplate, std::string> parse_note_template(const std::string& json,
                                                             const std::string& source);

struct TemplateLibrary {
    std::vector<NoteTemplate> templates;  // Sorted by title.
    std::vector<std::string> problems;    // Broken files, each with its reason.

    const NoteTemplate* find(const std::string& id) const;
};

// Reads "<folder>/note-templates/*.json" in each folder, most specific folder first: the first
// template of an id wins, so a user's or clinic's file replaces the installed one.
TemplateLibrary load_note_templates(const std::vector<std::string>& folders);

}  // namespace dyad::records_plugin
