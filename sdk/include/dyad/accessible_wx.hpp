// Accessible names for wx controls (SDK 1.1, issue 19): what a screen reader announces when a
// control gets the keyboard focus. wxWidgets 3.2 sets none on GTK (wxAccessible is Windows
// only), so these name the control's GTK widget through ATK, with GTK's and ATK's functions
// looked up in the libraries wx already loaded (no GTK headers needed, nothing to link). Only a
// name and a description are written; nothing else of the widget changes. Where GTK's
// accessibility functions are not there, nothing changes and the functions say so.
//
// A button, check box or toggle has a name from its label already. A list, choice, text field,
// tree, spin control or drawn chart has none: name it where it is made, in the person's
// language:
//     dyad::show::set_accessible_name(list, _("Requests of the couple"));
// The host names whatever a plugin leaves unnamed in its tabs and cards from the label just
// before the control (a static text with no other control between them), else from a text
// field's hint, else from its tooltip (name_from_labels). Main thread only.
#pragma once

#include <dlfcn.h>
#include <wx/bookctrl.h>
#include <wx/collpane.h>
#include <wx/control.h>
#include <wx/statbox.h>
#include <wx/stattext.h>
#include <wx/textentry.h>
#include <wx/toplevel.h>
#include <wx/window.h>

#include <string>

namespace dyad::show {
namespace detail {

struct Atk {
    using Callback = void (*)(void* widget, void* data);
    void* (*get_accessible)(void* widget) = nullptr;
    void (*set_name)(void* accessible, const char* name) = nullptr;
    void (*set_description)(void* accessible, const char* description) = nullptr;
    const char* (*get_name)(void* accessible) = nullptr;
    void (*forall)(void* container, Callback callback, void* data) = nullptr;
    void* (*get_focus)(void* window) = nullptr;
    unsigned long (*type_from_name)(const char* name) = nullptr;
    int (*is_a)(void* instance, unsigned long type) = nullptr;
    bool ok() const {
        return get_accessible != nullptr && set_name != nullptr && set_description != nullptr &&
               get_name != nullptr && forall != nullptr && get_focus != nullptr &&
               type_from_name != nullptr && is_a != nullptr;
    }
};

template <class F>
void look_up(F& slot, const char* symbol) {
    slot = reinterpret_cast<F>(dlsym(RTLD_DEFAULT, symbol));
}

inline const Atk& atk() {
    static const Atk table = [] {
        Atk t;
        look_up(t.get_accessible, "gtk_widget_get_accessible");
        look_up(t.set_name, "atk_object_set_name");
        look_up(t.set_description, "atk_object_set_description");
        look_up(t.get_name, "atk_object_get_name");
        look_up(t.forall, "gtk_container_forall");
        look_up(t.get_focus, "gtk_window_get_focus");
        look_up(t.type_from_name, "g_type_from_name");
        look_up(t.is_a, "g_type_check_instance_is_a");
        return t;
    }();
    return table;
}

struct Naming {
    std::string name;
    std::string description;
    bool its_parts = true;
};

// GTK's type check for a container is a macro; gtk_container_forall on a plain widget only
// warns. So ask GLib.
inline bool is_container(void* widget) {
    unsigned long container = atk().type_from_name("GtkContainer");
    return container != 0 && atk().is_a(widget, container) != 0;
}

inline void name_widget(void* widget, void* data) {
    const auto* naming = static_cast<const Naming*>(data);
    if (void* accessible = atk().get_accessible(widget); accessible != nullptr) {
        atk().set_name(accessible, naming->name.c_str());
        if (!naming->description.empty()) {
            atk().set_description(accessible, naming->description.c_str());
        }
    }
    if (naming->its_parts && is_container(widget)) {
        atk().forall(widget, &name_widget, data);  // Internal children too (a choice's button).
    }
}

inline std::string name_of(void* widget) {
    void* accessible = widget != nullptr ? atk().get_accessible(widget) : nullptr;
    const char* text = accessible != nullptr ? atk().get_name(accessible) : nullptr;
    return text != nullptr ? text : "";
}

// A label's words as a name: no mnemonic marks, no trailing colon.
inline wxString label_words(const wxString& label) {
    wxString words = wxStaticText::RemoveMnemonics(label).Strip(wxString::both);
    while (!words.empty() && (words.Last() == ':' || words.Last() == ' ')) {
        words.RemoveLast();
    }
    return words;
}

inline bool has_focusable_children(wxWindow* window) {
    for (wxWindow* child : window->GetChildren()) {
        if (child->AcceptsFocus() || has_focusable_children(child)) {
            return true;
        }
    }
    return false;
}

// The name for an unnamed control: the label just before it among its siblings (no other
// control between), else its hint, else its tooltip; "" when none.
inline wxString inferred_name(wxWindow* control) {
    if (wxWindow* parent = control->GetParent(); parent != nullptr) {
        const wxWindowList& siblings = parent->GetChildren();
        auto at = siblings.Find(control);
        for (auto* node = at != nullptr ? at->GetPrevious() : nullptr; node != nullptr;
             node = node->GetPrevious()) {
            wxWindow* before = node->GetData();
            if (!before->IsShown()) {
                continue;
            }
            if (auto* label = dynamic_cast<wxStaticText*>(before)) {
                wxString words = label_words(label->GetLabel());
                if (!words.empty()) {
                    return words;
                }
                continue;
            }
            if (before->AcceptsFocus() || has_focusable_children(before)) {
                break;  // Another control's label, not this one's.
            }
        }
    }
    if (auto* entry = dynamic_cast<wxTextEntry*>(control); entry != nullptr) {
        if (wxString hint = entry->GetHint(); !hint.empty()) {
            return hint;
        }
    }
    return control->GetToolTipText().BeforeFirst('\n');
}

// Windows that hold other controls (named each by its own label), as opposed to a control
// made of parts (a list and its inner window, a date picker and its field).
inline bool holds_controls(wxWindow* window) {
    bool control = dynamic_cast<wxControl*>(window) != nullptr &&
                   dynamic_cast<wxStaticBox*>(window) == nullptr &&
                   dynamic_cast<wxBookCtrlBase*>(window) == nullptr &&
                   dynamic_cast<wxCollapsiblePaneBase*>(window) == nullptr;
    return !control && has_focusable_children(window);
}

inline int name_unnamed(wxWindow* window) {
    int named = 0;
    for (wxWindow* child : window->GetChildren()) {
        if (!child->IsShown() || child->IsTopLevel()) {
            continue;
        }
        if (holds_controls(child)) {
            named += name_unnamed(child);
            continue;
        }
        bool takes_focus = child->AcceptsFocus() || has_focusable_children(child);
        if (takes_focus && child->GetHandle() != nullptr && name_of(child->GetHandle()).empty()) {
            if (wxString name = inferred_name(child); !name.empty()) {
                Naming naming{name.utf8_string(), std::string(), true};
                name_widget(child->GetHandle(), &naming);
                ++named;
            }
        }
    }
    return named;
}

}  // namespace detail

// Names the control for assistive technology; the description, when given, is read after the
// name. With its_parts, each GTK widget inside it is named too (a choice's button, a list's
// inner window): only for a control without controls of its own inside (never a panel holding
// other controls, whose names would be overwritten). False when GTK's accessibility functions
// are not there or the control has no widget yet (nothing is changed then).
inline bool set_accessible_name(wxWindow* control, const wxString& name,
                                const wxString& description = wxString(), bool its_parts = true) {
    if (control == nullptr || control->GetHandle() == nullptr || !detail::atk().ok()) {
        return false;
    }
    detail::Naming naming{name.utf8_string(), description.utf8_string(), its_parts};
    detail::name_widget(control->GetHandle(), &naming);
    return true;
}

// The control's accessible name ("" when it has none or GTK's functions are not there).
inline std::string accessible_name(wxWindow* control) {
    if (control == nullptr || control->GetHandle() == nullptr || !detail::atk().ok()) {
        return "";
    }
    return detail::name_of(control->GetHandle());
}

// Names each shown control under window that takes the keyboard focus and has no name yet:
// from the label just before it among its siblings (a static text with no other control
// between them; "&" marks and a trailing ":" dropped), else a text field's hint, else the
// first line of its tooltip. A control none of these names stays unnamed. Returns how many it
// named (0 without GTK's functions). The host runs it over a plugin's tabs and cards each time
// they are shown for a unit; a plugin may run it over its own dialogs.
inline int name_from_labels(wxWindow* window) {
    if (window == nullptr || !detail::atk().ok()) {
        return 0;
    }
    return detail::name_unnamed(window);
}

// The accessible name of the widget that has the keyboard focus in window's top-level window
// ("" when it has none; "(no focus)" when nothing has the focus). For tests and checks.
inline std::string focused_accessible_name(wxWindow* window) {
    wxWindow* top = wxGetTopLevelParent(window);
    if (top == nullptr || top->GetHandle() == nullptr || !detail::atk().ok()) {
        return "(no gtk)";
    }
    void* focused = detail::atk().get_focus(top->GetHandle());
    if (focused == nullptr) {
        return "(no focus)";
    }
    return detail::name_of(focused);
}

}  // namespace dyad::show
