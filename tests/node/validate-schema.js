// Checks JSON data files against a JSON Schema (draft 2020-12) with ajv, so a published schema
// (e.g. resources/forms/form.schema.json) is proven to accept what Dyad ships.
// Usage: node validate-schema.js SCHEMA FILE... Exit 0 when every file is valid; 1 with each
// problem as "FILE: /json/pointer: message"; 2 on misuse.
'use strict';
const fs = require('fs');
const Ajv2020 = require('ajv/dist/2020');

if (process.argv.length < 4) {
    console.error('usage: node validate-schema.js SCHEMA FILE...');
    process.exit(2);
}
const ajv = new Ajv2020({ allErrors: true });
const validate = ajv.compile(JSON.parse(fs.readFileSync(process.argv[2], 'utf8')));
let problems = 0;
for (const file of process.argv.slice(3)) {
    if (!validate(JSON.parse(fs.readFileSync(file, 'utf8')))) {
        for (const error of validate.errors) {
            console.log(`${file}: ${error.instancePath || '/'}: ${error.message}`);
            ++problems;
        }
    }
}
if (problems === 0) {
    console.log(`valid: ${process.argv.length - 3} file(s)`);
}
process.exit(problems === 0 ? 0 : 1);
