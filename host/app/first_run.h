// The first start without a practice: create one, or open the demo practice.
#pragma once

#include <wx/window.h>

#include <string>

namespace dyad::app {

enum class FirstRunChoice { CreatePractice = 1, OpenDemo, Quit };

struct FirstRunAnswer {
    FirstRunChoice choice = FirstRunChoice::Quit;
    std::string practice_name;
};

FirstRunAnswer ask_first_run(wxWindow* parent);

}  // namespace dyad::app
