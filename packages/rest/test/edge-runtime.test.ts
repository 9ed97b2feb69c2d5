/**
 * The built package in Vercel's edge sandbox (`@edge-runtime/vm`): `dist/index.js` bundled
 * with the edge export conditions, talking to the emulator over real HTTP with nothing but
 * the sandbox's `fetch` — no `process`, no `Buffer`, no `require`.
 */
import { EdgeVM } from '@edge-runtime/vm';
import { startEmulator } from '@opentok/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleForEdge } from './edge-bundle.js';

const API_KEY = '2345678';
const API_SECRET = 'c0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ff';

let emulator: Awaited<ReturnType<typeof startEmulator>>;
beforeAll(async () => {
  emulator = await startEmulator({ projects: [{ apiKey: API_KEY, apiSecret: API_SECRET }] });
});
afterAll(async () => {
  await emulator?.close();
});

describe('edge runtime (EdgeVM)', () => {
  it('runs the built client against the emulator with fetch alone', async () => {
    const { code, inputs } = await bundleForEdge({ file: 'edge/probe.js' });
    expect(inputs.some((input) => input.startsWith('dist/'))).toBe(true);
    // The token package's web build (noble hashes), not its node:crypto one.
    expect(inputs.some((input) => /token\/dist\/default\.js$/.test(input))).toBe(true);
    expect(inputs.filter((input) => /\/node\.c?js$|^node:/.test(input))).toEqual([]);
    expect(code).not.toMatch(/\brequire\(|\bnode:(crypto|fs|stream|http)\b/);

    const vm = new EdgeVM();
    vm.evaluate(code);
    const run = vm.evaluate(
      `runProbe(${JSON.stringify(emulator.url)}, ${JSON.stringify(API_KEY)}, ${JSON.stringify(API_SECRET)})`,
    ) as Promise<string>;
    const report = JSON.parse(await run);

    expect(report.runtime).toEqual({
      hasProcess: false,
      hasBuffer: false,
      hasRequire: false,
      edgeRuntime: 'edge-runtime',
    });
    expect(report.session).toMatchObject({ apiKey: API_KEY, mediaMode: 'routed', archiveMode: 'manual' });
    expect(report.session.sessionId).toMatch(/^1_MX4/);
    expect(report.list).toEqual({ count: 0, items: [] });
    expect(report.missing).toEqual({
      name: 'NotFoundError',
      isNotFound: true,
      isRequestError: true,
      status: 404,
      path: `/v2/project/${API_KEY}/archive/00000000-0000-4000-8000-000000000000`,
    });
    expect(report.refused).toEqual({ name: 'AuthenticationError', status: 403 });

    const args = `${JSON.stringify(emulator.url)}, ${JSON.stringify(API_KEY)}, ${JSON.stringify(API_SECRET)}`;
    const xml = JSON.parse(await (vm.evaluate(`runXmlProbe(${args})`) as Promise<string>));
    expect(xml.contentType).toMatch(/xml/);
    expect(xml.sessionId).toMatch(/^1_MX4/);

    const fault = await fetch(`${emulator.url}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'GET', path: `/v2/project/${API_KEY}/archive`, delayMs: 1000 }),
    });
    expect(fault.status).toBe(201);
    const timeout = JSON.parse(await (vm.evaluate(`runTimeoutProbe(${args})`) as Promise<string>));
    expect(timeout).toMatchObject({ name: 'TimeoutError', status: null });
    expect(timeout.elapsed).toBeLessThan(900);
  });
});
