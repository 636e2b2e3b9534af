// Where each value of a JSON text starts: its path ("steps[2].stems[0]", "" for the root) and
// 1-based line, so a data-file validator can say "file:14: steps[2].stems: ..." for a value
// that parses but breaks a rule. Syntax errors are the JSON parser's to report; on one, the
// lines found up to it are returned. No wx here.
#pragma once

#include <map>
#include <string>

namespace dyad::datafile {

std::map<std::string, int> json_value_lines(const std::string& json);

// The line of path, or of its nearest parent that has one (1 when none).
int line_of(const std::map<std::string, int>& lines, std::string path);

}  // namespace dyad::datafile
