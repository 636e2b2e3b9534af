// Small builders for FHIR R4 JSON through Poco::JSON (key order kept as written), shared by the
// plugins' FHIR exports (records' chart, billing's charges and claims): resources, references
// to urn:uuid entries, codings and concepts, and a collection Bundle. Header-only; any thread.
#pragma once

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <sstream>
#include <string>

namespace dyad::fhir {

using Poco::JSON::Array;
using Poco::JSON::Object;

inline Object::Ptr object() {
    return new Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

inline Object::Ptr resource(const char* type) {
    Object::Ptr value = object();
    value->set("resourceType", std::string(type));
    return value;
}

inline Object::Ptr reference(const std::string& uuid) {
    Object::Ptr ref = object();
    ref->set("reference", "urn:uuid:" + uuid);
    return ref;
}

inline Object::Ptr coding(const std::string& system, const std::string& code,
                          const std::string& display = "") {
    Object::Ptr value = object();
    value->set("system", system);
    value->set("code", code);
    if (!display.empty()) {
        value->set("display", display);
    }
    return value;
}

inline Object::Ptr codeable(Object::Ptr with_coding, const std::string& text = "") {
    Object::Ptr value = object();
    if (!with_coding.isNull()) {
        Array::Ptr codings = new Array;
        codings->add(with_coding);
        value->set("coding", codings);
    }
    if (!text.empty()) {
        value->set("text", text);
    }
    return value;
}

inline Object::Ptr text_concept(const std::string& text) {
    return codeable(nullptr, text);
}

// A Money in US dollars from cents.
inline Object::Ptr money(long long cents) {
    Object::Ptr value = object();
    value->set("value", static_cast<double>(cents) / 100.0);
    value->set("currency", std::string("USD"));
    return value;
}

// A collection Bundle of urn:uuid entries.
class BundleWriter {
  public:
    explicit BundleWriter(const std::string& timestamp) {
        m_bundle->set("resourceType", "Bundle");
        m_bundle->set("type", "collection");
        m_bundle->set("timestamp", timestamp);
        m_bundle->set("entry", m_entries);
    }
    void add(const std::string& uuid, Object::Ptr resource) {
        Object::Ptr entry = object();
        entry->set("fullUrl", "urn:uuid:" + uuid);
        entry->set("resource", resource);
        m_entries->add(entry);
    }
    std::string text() const {
        std::ostringstream out;
        m_bundle->stringify(out, 1);
        return out.str() + "\n";
    }

  private:
    Object::Ptr m_bundle = object();
    Array::Ptr m_entries = new Array;
};

}  // namespace dyad::fhir
