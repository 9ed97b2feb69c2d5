// Node, ESM: run by `node --input-type=module`; Node itself resolves `@opentok/token`
// through the package's `exports` map.
import * as library from '@opentok/token';
import { probe } from '../probe.ts';

const foreign = JSON.parse(process.env.PROBE_FOREIGN ?? '[]');
console.log(JSON.stringify({ resolved: import.meta.resolve('@opentok/token'), report: probe(library, foreign) }));
