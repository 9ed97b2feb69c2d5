// Node, CommonJS: run by `node -e`; `require` resolves `@opentok/token` through the
// package's `exports` map.
const library = require('@opentok/token');
const { probe } = require('../probe.ts');

const foreign = JSON.parse(process.env.PROBE_FOREIGN ?? '[]');
const report = probe(library, foreign);
const loaded = Object.keys(require.cache).filter((file) => file.includes('/dist/') || file.includes('@noble'));
console.log(JSON.stringify({ resolved: require.resolve('@opentok/token'), loaded, report }));
