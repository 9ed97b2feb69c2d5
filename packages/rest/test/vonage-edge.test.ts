/**
 * The built client in Vercel's edge sandbox (`@edge-runtime/vm`) with a Vonage application's
 * credentials: the RS256 Bearer token is signed through Web Crypto (no `node:crypto` there),
 * and the emulator over real HTTP accepts it.
 */
import { EdgeVM } from '@edge-runtime/vm';
import { createApplicationKeys, startEmulator } from '@opentok/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleForEdge } from './edge-bundle.js';

const keys = createApplicationKeys();
let emulator: Awaited<ReturnType<typeof startEmulator>>;
beforeAll(async () => {
  emulator = await startEmulator({ applications: [keys], log: () => {} });
});
afterAll(async () => {
  await emulator?.close();
});

describe('edge runtime (EdgeVM) with a Vonage application', () => {
  it('creates a session and lists archives with Bearer RS256 tokens signed by Web Crypto', async () => {
    const { code, inputs } = await bundleForEdge({ file: 'edge/vonage-probe.js' });
    expect(inputs.some((input) => /token\/dist\/default\.js$/.test(input))).toBe(true);
    const vm = new EdgeVM();
    vm.evaluate(code);
    const args = [emulator.url, keys.applicationId, keys.privateKey].map((value) => JSON.stringify(value)).join(', ');
    const report = JSON.parse(await (vm.evaluate(`runVonageProbe(${args})`) as Promise<string>));
    expect(report.hasProcess).toBe(false);
    expect(report.session.sessionId).toMatch(/^1_/);
    expect(report.list).toEqual({ count: 0, items: [] });
    expect(report.refused).toEqual({ name: 'AuthenticationError', status: 403 });
  });
});
