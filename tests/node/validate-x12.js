// Parses an X12 file (Dyad's 837P claims) back with the node-x12 package in strict mode and
// checks the envelope's counts against what the parser found: the ISA header is 106 characters,
// each transaction's SE01 equals its segment count (ST and SE included) and SE02 its ST02, each
// group's GE01 its transaction count, the IEA01 the group count, and the control numbers match.
// Usage: node validate-x12.js FILE. Prints "valid X12: G group(s), T transaction(s), S
// segment(s), C claim(s)" and exits 0; exits 1 with every problem listed; 2 on misuse.
'use strict';
const fs = require('fs');
const { X12Parser } = require('node-x12');

if (process.argv.length !== 3) {
    console.error('usage: node validate-x12.js FILE');
    process.exit(2);
}
const text = fs.readFileSync(process.argv[2], 'utf8');
const problems = [];
if (!text.startsWith('ISA') || text.indexOf('~') !== 105) {
    problems.push('the ISA segment is not 106 characters');
}
let interchange;
try {
    interchange = new X12Parser(true).parse(text);
} catch (error) {
    console.error(`not parsed: ${error.message}`);
    process.exit(1);
}
const element = (segment, n) => segment.valueOf(n);
const groups = interchange.functionalGroups;
let transactions = 0;
let segments = 0;
let claims = 0;
for (const group of groups) {
    if (Number(element(group.trailer, 1)) !== group.transactions.length) {
        problems.push(`GE01 ${element(group.trailer, 1)} but ${group.transactions.length} transaction(s)`);
    }
    if (element(group.trailer, 2) !== element(group.header, 6)) {
        problems.push('GE02 does not match GS06');
    }
    for (const transaction of group.transactions) {
        transactions += 1;
        const count = transaction.segments.length + 2;
        segments += count;
        claims += transaction.segments.filter((s) => s.tag === 'CLM').length;
        if (Number(element(transaction.trailer, 1)) !== count) {
            problems.push(`SE01 ${element(transaction.trailer, 1)} but ${count} segment(s)`);
        }
        if (element(transaction.trailer, 2) !== element(transaction.header, 2)) {
            problems.push('SE02 does not match ST02');
        }
        if (element(transaction.header, 3) !== '005010X222A1') {
            problems.push('ST03 is not 005010X222A1');
        }
    }
}
if (Number(element(interchange.trailer, 1)) !== groups.length) {
    problems.push(`IEA01 ${element(interchange.trailer, 1)} but ${groups.length} group(s)`);
}
if (element(interchange.trailer, 2) !== element(interchange.header, 13)) {
    problems.push('IEA02 does not match ISA13');
}
if (problems.length > 0) {
    console.log(problems.join('\n'));
    process.exit(1);
}
console.log(`valid X12: ${groups.length} group(s), ${transactions} transaction(s), ` +
    `${segments} segment(s), ${claims} claim(s)`);
