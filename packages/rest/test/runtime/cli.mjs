// Bun and Deno: `cli.mjs <apiUrl> <apiKey> <apiSecret> <deadUrl>` prints the probe's report.
import { runProbe } from './probe-core.js';

const args = typeof Deno !== 'undefined' ? Deno.args : process.argv.slice(2);
const [apiUrl, apiKey, apiSecret, deadUrl] = args;
console.log(JSON.stringify(await runProbe({ apiUrl, apiKey, apiSecret, deadUrl })));
