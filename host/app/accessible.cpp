#include "accessible.h"

#include <dlfcn.h>
#include <wx/toplevel.h>

namespace dyad::app {
namespace {

using Callback = void (*)(void* widget, void* data);

struct Gtk {
    void* (*get_accessible)(void* widget) = nullptr;
    void (*set_name)(void* accessible, const char* name) = nullptr;
    void (*set_description)(void* accessible, const char* description) = nullptr;
    const char* (*get_name)(void* accessible) = nullptr;
    void (*forall)(void* container, Callback callback, void* data) = nullptr;
    void* (*get_focus)(void* window) = nullptr;
    bool ok() const {
        return get_accessible != nullptr && set_name != nullptr && set_description != nullptr &&
               get_name != nullptr && forall != nullptr && get_focus != nullptr;
    }
};

template <class F>
void find(F& slot, const char* symbol) {
    slot = reinterpret_cast<F>(dlsym(RTLD_DEFAULT, symbol));
}

const Gtk& gtk() {
    static const Gtk table = [] {
        Gtk t;
        find(t.get_accessible, "gtk_widget_get_accessible");
        find(t.set_name, "atk_object_set_name");
        find(t.set_description, "atk_object_set_description");
        find(t.get_name, "atk_object_get_name");
        find(t.forall, "gtk_container_forall");
        find(t.get_focus, "gtk_window_get_focus");
        return t;
    }();
    return table;
}

struct Naming {
    std::string name;
    std::string description;
    bool its_parts = true;
};

// GTK's type check for a container is a macro; every widget wx makes a control of that has
// children is one, and gtk_container_forall on a plain widget only warns. So ask GLib.
bool is_container(void* widget) {
    using TypeFromName = unsigned long (*)(const char*);
    using IsA = int (*)(void*, unsigned long);
    static auto from_name = reinterpret_cast<TypeFromName>(dlsym(RTLD_DEFAULT, "g_type_from_name"));
    static auto is_a = reinterpret_cast<IsA>(dlsym(RTLD_DEFAULT, "g_type_check_instance_is_a"));
    if (from_name == nullptr || is_a == nullptr) {
        return false;
    }
    unsigned long container = from_name("GtkContainer");
    return container != 0 && is_a(widget, container) != 0;
}

void name_widget(void* widget, void* data) {
    const auto* naming = static_cast<const Naming*>(data);
    void* accessible = gtk().get_accessible(widget);
    if (accessible != nullptr) {
        gtk().set_name(accessible, naming->name.c_str());
        if (!naming->description.empty()) {
            gtk().set_description(accessible, naming->description.c_str());
        }
    }
    if (naming->its_parts && is_container(widget)) {
        gtk().forall(widget, &name_widget, data);  // Internal children too (a choice's button).
    }
}

}  // namespace

bool set_accessible_name(wxWindow* control, const wxString& name, const wxString& description,
                         bool its_parts) {
    if (control == nullptr || control->GetHandle() == nullptr || !gtk().ok()) {
        return false;
    }
    Naming naming{name.utf8_string(), description.utf8_string(), its_parts};
    name_widget(control->GetHandle(), &naming);
    return true;
}

std::string focused_accessible_name(wxWindow* window) {
    wxWindow* top = wxGetTopLevelParent(window);
    if (top == nullptr || top->GetHandle() == nullptr || !gtk().ok()) {
        return "(no gtk)";
    }
    void* focused = gtk().get_focus(top->GetHandle());
    if (focused == nullptr) {
        return "(no focus)";
    }
    const char* text = gtk().get_name(gtk().get_accessible(focused));
    return text != nullptr ? text : "";
}

}  // namespace dyad::app
