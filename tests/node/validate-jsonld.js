// Checks that a file is JSON-LD: jsonld expands it (offline: the document's context must be
// inline) to at least one node with a type, and prints the expanded type IRIs.
// Usage: node validate-jsonld.js FILE. Exit 0 when it expands; 1 with the reason; 2 on misuse.
'use strict';
const fs = require('fs');
const jsonld = require('jsonld');

if (process.argv.length !== 3) {
    console.error('usage: node validate-jsonld.js FILE');
    process.exit(2);
}
const refuseRemote = async (url) => {
    throw new Error(`remote context ${url} refused: the test runs offline`);
};
(async () => {
    try {
        const doc = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
        const expanded = await jsonld.expand(doc, { documentLoader: refuseRemote });
        const types = expanded.flatMap((node) => node['@type'] || []);
        if (types.length === 0) {
            console.log('no typed node after expansion');
            process.exit(1);
        }
        const nquads = await jsonld.toRDF(doc, { format: 'application/n-quads',
                                                 documentLoader: refuseRemote });
        console.log(`valid JSON-LD: ${types.join(' ')}; ${nquads.trim().split('\n').length} triples`);
    } catch (error) {
        console.log(`not valid JSON-LD: ${error.message}`);
        process.exit(1);
    }
})();
