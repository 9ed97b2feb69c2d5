// Edge runtime and browser page: a classic script that leaves `runProbe` on the global
// object; the caller passes the node build's vectors and gets the report back as JSON text.
import * as library from '@opentok/token';
import { probe } from '../probe.ts';
import { rsaProbe } from '../rsa-probe.ts';

globalThis.runProbe = (foreign) => JSON.stringify(probe(library, foreign));
globalThis.runRsaProbe = (application) => rsaProbe(library, application);
