// Bun and Deno: an ES module in a project whose node_modules holds @opentok/token; the
// runtime itself resolves the name through the package's `exports` map (the `node`
// condition, as both claim it). The caller prepends `globalThis.PROBE_FOREIGN = [...]`.
import * as library from '@opentok/token';
import { probe } from '../probe.ts';

const foreign = globalThis.PROBE_FOREIGN ?? [];
console.log(JSON.stringify({ resolved: import.meta.resolve('@opentok/token'), report: probe(library, foreign) }));
