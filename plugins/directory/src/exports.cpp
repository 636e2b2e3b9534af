#include "exports.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <sstream>

namespace dyad::directory {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr object() {
    return new Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

Object::Ptr text_concept(const std::string& text) {
    Object::Ptr value = object();
    value->set("text", text);
    return value;
}

Object::Ptr coded(const std::string& system, const std::string& code, const std::string& display) {
    Object::Ptr coding = object();
    coding->set("system", system);
    coding->set("code", code);
    if (!display.empty()) {
        coding->set("display", display);
    }
    Array::Ptr codings = new Array;
    codings->add(coding);
    Object::Ptr value = object();
    value->set("coding", codings);
    return value;
}

Object::Ptr reference(const std::string& type, const std::string& id) {
    Object::Ptr value = object();
    value->set("reference", type + "/" + id);
    return value;
}

Array::Ptr telecom(const Profile& p) {
    Array::Ptr points = new Array;
    for (auto [system, value] : {std::pair<const char*, const std::string*>{"phone", &p.phone},
                                 {"email", &p.email},
                                 {"url", &p.website}}) {
        if (!value->empty()) {
            Object::Ptr point = object();
            point->set("system", std::string(system));
            point->set("value", *value);
            point->set("use", "work");
            points->add(point);
        }
    }
    return points;
}

std::string stable_id(const Profile& p) {
    std::string base = p.npi.empty() ? p.given_name + "-" + p.family_name : p.npi;
    std::string id;
    for (char c : base) {
        id +=
            std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '-';
    }
    return id.substr(0, 50);
}

std::vector<std::string> credential_list(const std::string& credentials) {
    std::vector<std::string> list;
    std::stringstream in(credentials);
    std::string part;
    while (std::getline(in, part, ',')) {
        auto begin = part.find_first_not_of(' ');
        if (begin != std::string::npos) {
            list.push_back(part.substr(begin, part.find_last_not_of(' ') - begin + 1));
        }
    }
    return list;
}

std::string stringify(const Object::Ptr& json) {
    std::ostringstream out;
    json->stringify(out, 1);
    return out.str() + "\n";
}

}  // namespace

std::string fhir_bundle(const Profile& p, const std::string& timestamp_utc) {
    std::string id = stable_id(p);
    Object::Ptr bundle = object();
    bundle->set("resourceType", "Bundle");
    bundle->set("type", "collection");
    bundle->set("timestamp", timestamp_utc);
    Array::Ptr entries = new Array;
    auto add = [&](const std::string& type, const std::string& resource_id, Object::Ptr resource) {
        Object::Ptr entry = object();
        entry->set("fullUrl", "https://directory.invalid/fhir/" + type + "/" + resource_id);
        entry->set("resource", resource);
        entries->add(entry);
    };

    Object::Ptr practitioner = object();
    practitioner->set("resourceType", "Practitioner");
    practitioner->set("id", "pr-" + id);
    if (!p.npi.empty()) {
        Object::Ptr npi = object();
        npi->set("system", "http://hl7.org/fhir/sid/us-npi");
        npi->set("value", p.npi);
        Array::Ptr identifiers = new Array;
        identifiers->add(npi);
        practitioner->set("identifier", identifiers);
    }
    practitioner->set("active", true);
    Object::Ptr name = object();
    name->set("family", p.family_name);
    Array::Ptr given = new Array;
    given->add(p.given_name);
    name->set("given", given);
    auto suffixes = credential_list(p.credentials);
    if (!suffixes.empty()) {
        Array::Ptr suffix = new Array;
        for (const auto& s : suffixes) {
            suffix->add(s);
        }
        name->set("suffix", suffix);
    }
    Array::Ptr names = new Array;
    names->add(name);
    practitioner->set("name", names);
    if (telecom(p)->size() > 0) {
        practitioner->set("telecom", telecom(p));
    }
    if (!p.photo_url.empty()) {
        Object::Ptr photo = object();
        photo->set("url", p.photo_url);
        Array::Ptr photos = new Array;
        photos->add(photo);
        practitioner->set("photo", photos);
    }
    Array::Ptr qualifications = new Array;
    for (const auto& licence : p.licences) {
        Object::Ptr qualification = object();
        Object::Ptr identifier = object();
        identifier->set("value", licence.number);
        Array::Ptr identifiers = new Array;
        identifiers->add(identifier);
        qualification->set("identifier", identifiers);
        qualification->set("code", text_concept(licence.kind.empty() ? "License" : licence.kind));
        if (!licence.expiry.empty()) {
            Object::Ptr period = object();
            period->set("end", licence.expiry);
            qualification->set("period", period);
        }
        Object::Ptr issuer = object();
        issuer->set("display", "State of " + licence.state);
        qualification->set("issuer", issuer);
        qualifications->add(qualification);
    }
    if (qualifications->size() > 0) {
        practitioner->set("qualification", qualifications);
    }
    Array::Ptr communication = new Array;
    for (const auto& language : p.languages) {
        communication->add(coded("urn:ietf:bcp:47", language, ""));
    }
    if (communication->size() > 0) {
        practitioner->set("communication", communication);
    }
    add("Practitioner", "pr-" + id, practitioner);

    Array::Ptr location_refs = new Array;
    for (std::size_t i = 0; i < p.offices.size(); ++i) {
        const Office& office = p.offices[i];
        std::string location_id = "loc-" + id + "-" + std::to_string(i + 1);
        Object::Ptr location = object();
        location->set("resourceType", "Location");
        location->set("id", location_id);
        location->set("status", "active");
        location->set("mode", "instance");
        Object::Ptr address = object();
        address->set("use", "work");
        Array::Ptr lines = new Array;
        lines->add(office.line);
        address->set("line", lines);
        address->set("city", office.city);
        address->set("state", office.state);
        address->set("postalCode", office.postal_code);
        address->set("country", "US");
        location->set("address", address);
        add("Location", location_id, location);
        location_refs->add(reference("Location", location_id));
    }

    Object::Ptr service = object();
    service->set("resourceType", "HealthcareService");
    service->set("id", "hs-" + id);
    service->set("active", true);
    Array::Ptr category = new Array;
    category->add(text_concept("Counseling and psychotherapy"));
    service->set("category", category);
    Array::Ptr specialty = new Array;
    for (const auto& value : p.specialties) {
        specialty->add(text_concept(value));
    }
    if (specialty->size() > 0) {
        service->set("specialty", specialty);
    }
    Array::Ptr characteristic = new Array;
    for (const auto& value : p.modalities) {
        characteristic->add(text_concept(value));
    }
    if (characteristic->size() > 0) {
        service->set("characteristic", characteristic);
    }
    if (location_refs->size() > 0) {
        service->set("location", location_refs);
    }
    service->set("name", p.given_name + " " + p.family_name + " - couples therapy");
    if (!p.bio_help.empty()) {
        service->set("comment", p.bio_help);
    }
    std::string details = p.bio_approach;
    if (p.fee_min > 0) {
        details += (details.empty() ? "" : "\n\n") + std::string("Fees: $") +
                   std::to_string(p.fee_min) +
                   (p.fee_max > p.fee_min ? "-" + std::to_string(p.fee_max) : std::string()) +
                   " per session" + (p.sliding_scale ? ", sliding scale available." : ".");
    }
    if (!details.empty()) {
        service->set("extraDetails", details);
    }
    if (communication->size() > 0) {
        service->set("communication", communication);
    }
    if (telecom(p)->size() > 0) {
        service->set("telecom", telecom(p));
    }
    add("HealthcareService", "hs-" + id, service);

    Object::Ptr role = object();
    role->set("resourceType", "PractitionerRole");
    role->set("id", "role-" + id);
    // NDH: accepting new patients, on the role.
    Object::Ptr accepting = object();
    accepting->set("url", "acceptingPatients");
    accepting->set("valueCodeableConcept",
                   coded("http://hl7.org/fhir/us/ndh/CodeSystem/AcceptingPatientsCS",
                         p.accepting_new_clients ? "newpt" : "nopt",
                         p.accepting_new_clients ? "Accepting" : "Not accepting"));
    Array::Ptr inner = new Array;
    inner->add(accepting);
    Object::Ptr newpatients = object();
    newpatients->set("url", "http://hl7.org/fhir/us/ndh/StructureDefinition/base-ext-newpatients");
    newpatients->set("extension", inner);
    Array::Ptr extensions = new Array;
    extensions->add(newpatients);
    role->set("extension", extensions);
    role->set("active", true);
    role->set("practitioner", reference("Practitioner", "pr-" + id));
    if (!p.taxonomy_code.empty()) {
        Array::Ptr codes = new Array;
        codes->add(coded("http://nucc.org/provider-taxonomy", p.taxonomy_code, p.taxonomy_label));
        role->set("code", codes);
    }
    if (location_refs->size() > 0) {
        role->set("location", location_refs);
    }
    Array::Ptr services = new Array;
    services->add(reference("HealthcareService", "hs-" + id));
    role->set("healthcareService", services);
    if (telecom(p)->size() > 0) {
        role->set("telecom", telecom(p));
    }
    add("PractitionerRole", "role-" + id, role);
    bundle->set("entry", entries);
    return stringify(bundle);
}

std::string json_ld(const Profile& p) {
    Object::Ptr doc = object();
    Object::Ptr context = object();
    context->set("@vocab", "https://schema.org/");  // Inline, so it expands offline.
    doc->set("@context", context);
    doc->set("@type", "Person");
    doc->set("name", p.given_name + " " + p.family_name);
    doc->set("givenName", p.given_name);
    doc->set("familyName", p.family_name);
    if (!p.credentials.empty()) {
        doc->set("honorificSuffix", p.credentials);
    }
    if (!p.taxonomy_label.empty()) {
        doc->set("jobTitle", p.taxonomy_label);
    }
    if (!p.npi.empty()) {
        Object::Ptr npi = object();
        npi->set("@type", "PropertyValue");
        npi->set("propertyID", "NPI");
        npi->set("value", p.npi);
        doc->set("identifier", npi);
    }
    auto list = [](const std::vector<std::string>& values) {
        Array::Ptr array = new Array;
        for (const auto& v : values) {
            array->add(v);
        }
        return array;
    };
    std::vector<std::string> about = p.specialties;
    about.insert(about.end(), p.modalities.begin(), p.modalities.end());
    if (!about.empty()) {
        doc->set("knowsAbout", list(about));
    }
    if (!p.languages.empty()) {
        doc->set("knowsLanguage", list(p.languages));
    }
    std::string description = p.bio_help;
    for (const std::string* part : {&p.bio_approach, &p.bio_about}) {
        if (!part->empty()) {
            description += (description.empty() ? "" : "\n\n") + *part;
        }
    }
    if (!description.empty()) {
        doc->set("description", description);
    }
    for (auto [key, value] : {std::pair<const char*, const std::string*>{"telephone", &p.phone},
                              {"email", &p.email},
                              {"url", &p.website},
                              {"image", &p.photo_url}}) {
        if (!value->empty()) {
            doc->set(key, *value);
        }
    }
    Array::Ptr addresses = new Array;
    for (const auto& office : p.offices) {
        Object::Ptr address = object();
        address->set("@type", "PostalAddress");
        address->set("streetAddress", office.line);
        address->set("addressLocality", office.city);
        address->set("addressRegion", office.state);
        address->set("postalCode", office.postal_code);
        address->set("addressCountry", "US");
        addresses->add(address);
    }
    if (addresses->size() > 0) {
        Object::Ptr place = object();
        place->set("@type", "Place");
        place->set("address", addresses);
        doc->set("workLocation", place);
    }
    if (p.fee_min > 0) {
        Object::Ptr price = object();
        price->set("@type", "PriceSpecification");
        price->set("minPrice", p.fee_min);
        price->set("maxPrice", p.fee_max > 0 ? p.fee_max : p.fee_min);
        price->set("priceCurrency", "USD");
        Object::Ptr offer = object();
        offer->set("@type", "Offer");
        offer->set("name", "Couples therapy session");
        offer->set("priceSpecification", price);
        doc->set("makesOffer", offer);
    }
    return stringify(doc);
}

std::string vcard_escape(const std::string& text) {
    std::string escaped;
    for (char c : text) {
        switch (c) {
            case '\\':
                escaped += "\\\\";
                break;
            case ',':
                escaped += "\\,";
                break;
            case ';':
                escaped += "\\;";
                break;
            case '\n':
                escaped += "\\n";
                break;
            case '\r':
                break;
            default:
                escaped += c;
        }
    }
    return escaped;
}

std::string vcard_fold(const std::string& line) {
    std::string folded;
    std::size_t width = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        auto byte = static_cast<unsigned char>(line[i]);
        // The length of this UTF-8 sequence, so a fold never splits a character.
        std::size_t length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2;
        if ((byte & 0xC0) == 0x80) {
            length = 1;  // A stray continuation byte: keep as is.
        }
        if (width + length > 75) {
            folded += "\r\n ";
            width = 1;
        }
        folded += line.substr(i, length);
        width += length;
        i += length - 1;
    }
    return folded + "\r\n";
}

std::string vcard(const Profile& p) {
    std::string card = vcard_fold("BEGIN:VCARD") + vcard_fold("VERSION:4.0");
    std::string full =
        p.given_name + " " + p.family_name + (p.credentials.empty() ? "" : ", " + p.credentials);
    card += vcard_fold("FN:" + vcard_escape(full));
    card += vcard_fold("N:" + vcard_escape(p.family_name) + ";" + vcard_escape(p.given_name) +
                       ";;;" + vcard_escape(p.credentials));
    if (!p.taxonomy_label.empty()) {
        card += vcard_fold("TITLE:" + vcard_escape(p.taxonomy_label));
    }
    if (!p.phone.empty()) {
        std::string digits;
        for (char c : p.phone) {
            if (std::isdigit(static_cast<unsigned char>(c)) || c == '+') {
                digits += c;
            }
        }
        card += vcard_fold("TEL;TYPE=work,voice;VALUE=uri:tel:" + digits);
    }
    if (!p.email.empty()) {
        card += vcard_fold("EMAIL;TYPE=work:" + vcard_escape(p.email));
    }
    if (!p.website.empty()) {
        card += vcard_fold("URL:" + p.website);
    }
    if (!p.photo_url.empty()) {
        card += vcard_fold("PHOTO:" + p.photo_url);
    }
    for (const auto& office : p.offices) {
        card += vcard_fold("ADR;TYPE=work:;;" + vcard_escape(office.line) + ";" +
                           vcard_escape(office.city) + ";" + vcard_escape(office.state) + ";" +
                           vcard_escape(office.postal_code) + ";USA");
    }
    for (std::size_t i = 0; i < p.languages.size(); ++i) {
        card += vcard_fold("LANG;PREF=" + std::to_string(i + 1) + ":" + p.languages[i]);
    }
    std::vector<std::string> categories = p.specialties;
    categories.insert(categories.end(), p.modalities.begin(), p.modalities.end());
    if (!categories.empty()) {
        std::string line = "CATEGORIES:";
        for (std::size_t i = 0; i < categories.size(); ++i) {
            line += (i ? "," : "") + vcard_escape(categories[i]);
        }
        card += vcard_fold(line);
    }
    if (!p.npi.empty()) {
        card += vcard_fold("X-NPI:" + p.npi);
    }
    if (!p.bio_help.empty()) {
        card += vcard_fold("NOTE:" + vcard_escape(p.bio_help));
    }
    return card + vcard_fold("END:VCARD");
}

}  // namespace dyad::directory
