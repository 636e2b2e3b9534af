// The first start without a practice: create one, or open the demo practice.
#pragma once

#include <wx/window.h>

#include <string>

namespace dyad::app {

enum class FirstRunChoice { CreatePractice = 1, OpenDemo, Quit };

struct FirstRunAnswer {
    FirstRunChoice choice = FirstRunChoice::Quit;
    std::string practice_name;
    bool encrypt = true;  // "Encrypt the practice (recommended)", on by default.
};

FirstRunAnswer ask_first_run(wxWindow* parent);

}  // namespace dyad::app
