// Validates a FHIR R4 JSON resource (a Bundle from `dyadctl records export --format fhir`)
// with the fhir package's validator (structure, cardinality, value sets, unknown properties),
// and checks that every reference inside a Bundle names one of its entries (urn:uuid exactly,
// relative Type/id against the entries' fullUrls).
// Usage: node validate.js FILE. Exit 0 when valid; 1 with every problem listed; 2 on misuse.
'use strict';
const fs = require('fs');
const { Fhir, Versions } = require('fhir');
const { ParseConformance } = require('fhir/parseConformance');

if (process.argv.length !== 3) {
    console.error('usage: node validate.js FILE');
    process.exit(2);
}
const resource = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const fhir = new Fhir(new ParseConformance(true, Versions.R4));
const result = fhir.validate(resource, { errorOnUnexpected: true });
const problems = result.messages
    .filter((m) => m.severity === 'error')
    .map((m) => `${m.location}: ${m.message}`);

if (resource.resourceType === 'Bundle') {
    const known = new Set((resource.entry || []).map((e) => e.fullUrl));
    const walk = (value, where) => {
        if (Array.isArray(value)) {
            value.forEach((item, i) => walk(item, `${where}[${i}]`));
        } else if (value && typeof value === 'object') {
            // A relative reference ("Location/1") resolves against the entries' fullUrls
            // (FHIR's rule for RESTful fullUrls); urn:uuid references must match exactly.
            const resolves = (reference) => known.has(reference) ||
                (/^[A-Za-z]+\/[A-Za-z0-9\-.]+$/.test(reference) &&
                 [...known].some((url) => url.endsWith('/' + reference)));
            if (typeof value.reference === 'string' && !resolves(value.reference)) {
                problems.push(`${where}: reference ${value.reference} is not in the Bundle`);
            }
            Object.entries(value).forEach(([key, item]) => walk(item, `${where}.${key}`));
        }
    };
    (resource.entry || []).forEach((e, i) => walk(e.resource, `Bundle.entry[${i}].resource`));
}

if (problems.length > 0) {
    problems.forEach((p) => console.log(p));
    process.exit(1);
}
console.log(`valid FHIR R4 ${resource.resourceType}` +
    (resource.entry ? ` with ${resource.entry.length} entries` : ''));
