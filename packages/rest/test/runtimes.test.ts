/**
 * The built package in the runtimes the README names besides Node: Bun and Deno (their
 * binaries come from the npm packages `@oven/bun-linux-x64` and `@deno/linux-x64-glibc`) and
 * Cloudflare's workerd (through miniflare, bundled with wrangler's conditions). Each runs
 * `runtime/probe-core.js` against the emulator over real HTTP; Bun and Deno also run
 * `runtime/vonage-cli.mjs` with a Vonage application (RS256 through `node:crypto`, the build
 * their `node` export condition picks). Where a binary is missing the run is skipped, except
 * under `CI=true`, where that fails.
 */
import { execFile } from 'node:child_process';
import { verify } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createApplicationKeys, startEmulator } from '@opentok/emulator';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const API_KEY = '2345678';
const API_SECRET = 'c0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ff';
const keys = createApplicationKeys();
const require = createRequire(import.meta.url);
const run = promisify(execFile);
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** A binary shipped inside an npm package, or `undefined` when the package is not installed. */
function binary(packageName: string, path: string): string | undefined {
  try {
    const file = join(dirname(require.resolve(`${packageName}/package.json`)), path);
    return existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

/** In CI a missing runtime is a failure, not a skip. */
function available(name: string, file: string | undefined): boolean {
  if (file) return true;
  if (process.env.CI === 'true') throw new Error(`${name} is not installed, and CI=true forbids skipping it`);
  return false;
}

/** A loopback port where nothing listens (not one of the ports browsers and Deno block). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let emulator: Awaited<ReturnType<typeof startEmulator>>;
let deadUrl: string;
beforeAll(async () => {
  emulator = await startEmulator({
    projects: [{ apiKey: API_KEY, apiSecret: API_SECRET }],
    applications: [keys],
    archiveProcessingMs: 0,
  });
  deadUrl = `http://127.0.0.1:${await closedPort()}`;
});
afterAll(async () => {
  await emulator?.close();
});

interface Outcome {
  name: string;
  isType: boolean;
  status: number | null;
  message: string;
}
interface Report {
  runtime: { hasProcess: boolean; bun: boolean; deno: boolean; userAgent: string | null };
  session: { apiKey: string; mediaMode: string; sessionId: string };
  list: { count: number; items: unknown[] };
  missing: Outcome;
  refused: Outcome;
  escape: Outcome;
  unreachable: Outcome;
  signed: { verified: [string, string]; tampered: string; otherSecret: string; expired: string };
}

/** What every runtime must report. */
function expectReport(report: Report) {
  expect(report.session).toMatchObject({ apiKey: API_KEY, mediaMode: 'routed' });
  expect(report.session.sessionId).toMatch(/^1_MX4/);
  expect(report.list).toEqual({ count: 0, items: [] });
  expect(report.missing).toMatchObject({ name: 'NotFoundError', isType: true, status: 404 });
  expect(report.refused).toMatchObject({ name: 'AuthenticationError', isType: true, status: 403 });
  expect(report.escape).toMatchObject({ name: 'InvalidArgumentError', isType: true, status: null });
  expect(report.unreachable).toMatchObject({ name: 'NetworkError', isType: true, status: null });
  expect(report.unreachable.message).toContain(`could not reach ${deadUrl}`);
  // verifyCallback on the runtime's own Web Crypto.
  expect(report.signed).toEqual({
    verified: ['sessionCreated', '123456'],
    tampered: 'bodyHashMismatch',
    otherSecret: 'badSignature',
    expired: 'expired',
  });
  expect(JSON.stringify(report)).not.toContain(API_SECRET);
}

const cli = here('./runtime/cli.mjs');
const args = () => [emulator.url, API_KEY, API_SECRET, deadUrl];
const vonageCli = here('./runtime/vonage-cli.mjs');
const vonageArgs = () => [emulator.url, keys.applicationId, keys.privateKey, createApplicationKeys().privateKey];

interface VonageReport {
  runtime: { bun: boolean; deno: boolean };
  tokenBuild: string;
  session: { apiKey: string; sessionId: string };
  token: string;
  joined: number;
  archive: { id: string; projectId: string; stopped: string };
  refused: { name: string; isType: boolean; status: number | null };
}

/** What every runtime must report with a Vonage application. */
function expectVonageReport(report: VonageReport) {
  // Both runtimes take the `node` condition: the build that signs RS256 with `node:crypto`.
  expect(report.tokenBuild).toMatch(/\/token\/dist\/node\.js$/);
  expect(report.session.apiKey).toBe(keys.applicationId);
  expect(report.session.sessionId).toMatch(/^1_/);
  const [header = '', payload = '', signature = ''] = report.token.split('.');
  expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toMatchObject({ alg: 'RS256' });
  expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toMatchObject({
    application_id: keys.applicationId,
    session_id: report.session.sessionId,
    role: 'moderator',
  });
  expect(
    verify('sha256', Buffer.from(`${header}.${payload}`), keys.publicKey, Buffer.from(signature, 'base64url')),
  ).toBe(true);
  expect(report.joined).toBe(201);
  expect(report.archive).toMatchObject({ projectId: keys.applicationId, stopped: 'stopped' });
  expect(report.refused).toEqual({ name: 'AuthenticationError', isType: true, status: 403 });
  expect(JSON.stringify(report)).not.toContain(keys.privateKey.split('\n')[3]);
}

describe('Bun', () => {
  const bun = binary('@oven/bun-linux-x64', 'bin/bun');
  it.runIf(available('Bun', bun))('runs the built client against the emulator', async () => {
    const { stdout } = await run(bun!, [cli, ...args()], { timeout: 60_000 });
    const report = JSON.parse(stdout) as Report;
    expect(report.runtime).toMatchObject({ bun: true, deno: false });
    expect(report.runtime.userAgent).toMatch(/^Bun\//);
    expectReport(report);
  });

  it.runIf(available('Bun', bun))('runs the built client with a Vonage application (Bearer RS256)', async () => {
    const { stdout } = await run(bun!, [vonageCli, ...vonageArgs()], { timeout: 60_000 });
    const report = JSON.parse(stdout) as VonageReport;
    expect(report.runtime).toEqual({ bun: true, deno: false });
    expectVonageReport(report);
  });
});

describe('Deno', () => {
  const deno = binary('@deno/linux-x64-glibc', 'deno');
  it.runIf(available('Deno', deno))('runs the built client against the emulator', async () => {
    const { stdout } = await run(deno!, ['run', '--allow-net', '--allow-read', '--allow-env', cli, ...args()], {
      timeout: 60_000,
      env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
    });
    const report = JSON.parse(stdout) as Report;
    expect(report.runtime).toMatchObject({ bun: false, deno: true });
    expect(report.runtime.userAgent).toMatch(/^Deno\//);
    expectReport(report);
    expect(report.unreachable.message).toMatch(/ECONNREFUSED|refused/i);
  });

  it.runIf(available('Deno', deno))('runs the built client with a Vonage application (Bearer RS256)', async () => {
    const { stdout } = await run(
      deno!,
      ['run', '--allow-net', '--allow-read', '--allow-env', vonageCli, ...vonageArgs()],
      { timeout: 60_000, env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' } },
    );
    const report = JSON.parse(stdout) as VonageReport;
    expect(report.runtime).toEqual({ bun: false, deno: true });
    expectVonageReport(report);
  });
});

describe('workerd (miniflare)', () => {
  let worker: Miniflare | undefined;
  afterAll(async () => {
    await worker?.dispose();
  }, 60_000);

  it('runs the built client, bundled with wrangler conditions, against the emulator', async () => {
    const result = await build({
      entryPoints: [here('./runtime/worker.js')],
      absWorkingDir: here('..'),
      bundle: true,
      write: false,
      metafile: true,
      platform: 'neutral',
      format: 'esm',
      conditions: ['workerd', 'worker'],
      mainFields: ['module', 'main'],
      target: 'es2022',
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((input) => /^dist\/index\.js$/.test(input))).toBe(true);
    expect(inputs.some((input) => /token\/dist\/default\.js$/.test(input))).toBe(true);
    expect(inputs.filter((input) => /^node:/.test(input))).toEqual([]);
    // No nodejs_compat flag: the worker sees only what workerd itself offers.
    worker = new Miniflare({ modules: true, script: result.outputFiles[0]!.text, compatibilityDate: '2025-07-01' });
    const response = await worker.dispatchFetch('http://worker.test/', {
      method: 'POST',
      body: JSON.stringify({ apiUrl: emulator.url, apiKey: API_KEY, apiSecret: API_SECRET, deadUrl }),
    });
    const text = await response.text();
    expect(response.status, text).toBe(200);
    const report = JSON.parse(text) as Report;
    expect(report.runtime).toMatchObject({ hasProcess: false, userAgent: 'Cloudflare-Workers' });
    expectReport(report);
  });
});
