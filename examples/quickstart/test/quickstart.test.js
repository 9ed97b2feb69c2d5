import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '@opentok/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const main = fileURLToPath(new URL('../src/main.js', import.meta.url));
/** Where `pnpm start` runs: the example's folder. */
const packageRoot = fileURLToPath(new URL('..', import.meta.url));
let output;

/**
 * Runs `pnpm start` as a user would (node src/main.js) and returns its exit code and output.
 * `environment` adds variables; `undefined` removes one.
 */
function start(environment, args = []) {
  const env = { ...process.env, QUICKSTART_OUTPUT: output };
  for (const name of ['OPENTOK_API_KEY', 'OPENTOK_API_SECRET', 'OPENTOK_API_URL', 'INIT_CWD']) delete env[name];
  for (const [name, value] of Object.entries(environment)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return new Promise((resolve) => {
    const began = performance.now();
    execFile(process.execPath, [main, ...args], { env, cwd: packageRoot, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (error.code ?? 1) : 0, stdout, stderr, seconds: (performance.now() - began) / 1000 });
    });
  });
}

/** The plain `pnpm start` run, made once and read by several tests. */
let plainRun;
const plain = () => {
  plainRun ??= start({});
  return plainRun;
};

beforeAll(async () => {
  output = await mkdtemp(join(tmpdir(), 'quickstart-test-'));
});
afterAll(async () => {
  await rm(output, { recursive: true, force: true });
});

describe('the quickstart', () => {
  it('runs as a Vonage application with --vonage: RS256 tokens, Bearer calls, the archive downloaded', async () => {
    const run = await start({}, ['--vonage', '--full-tokens']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const applicationId = /Vonage application ([\da-f-]{36})/.exec(run.stdout)?.[1];
    expect(applicationId).toBeDefined();
    const token = /publisher {3}JWT (\S+)/.exec(run.stdout)?.[1] ?? '';
    const [header, payload] = token
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
    expect(header).toEqual({ alg: 'RS256', typ: 'JWT' });
    expect(payload).toMatchObject({ application_id: applicationId, role: 'publisher' });
    expect(run.stdout).toContain('1.0 archive calls take a project');
    expect(run.stdout).toMatch(/archive: {11}[\da-f-]{36} \(available\)/);
    expect(run.stdout).toMatch(/video downloaded: {2}\d+\.\d KB/);
  });

  it('runs the whole flow against its own emulator in seconds and exits 0', async () => {
    const run = await plain();
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    for (const step of [
      '1. Sessions',
      '2. Tokens',
      '3. A publisher joins',
      '4. Record',
      '5. Read it back',
      '6. Download',
    ]) {
      expect(run.stdout).toContain(step);
    }
    expect(run.stdout).toMatch(/1\.0 manifest: .+ 1 video\(s\)/);
    expect(run.stdout).toMatch(/video downloaded: {2}\d+\.\d KB/);
    expect(run.seconds).toBeLessThan(20);
    const files = await readdir(output);
    expect(files.some((file) => file.endsWith('.mp4'))).toBe(true);
  });

  it('prints durations in ms below a second and every size of the screen in one unit', async () => {
    const run = await plain();
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/\b0(\.0+)? s\b/);
    expect(run.stdout).toMatch(/done in (\d+ ms|\d+\.\d\d s)\n/);
    expect(run.stdout).toMatch(/available: [\d.]+ KB, (\d+ ms|\d+\.\d\d s) long/);
    const units = new Set([...run.stdout.matchAll(/\b\d+(?:\.\d+)? (B|KB|MB|bytes)\b/g)].map((match) => match[1]));
    expect([...units]).toEqual(['KB']);
  });

  it('shows tokens cut short by default and whole with --full-tokens', async () => {
    const jwt = /eyJ[\w-]+\.[\w-]+\.[\w-]+/;
    const short = await plain();
    expect(short.stdout).toMatch(/publisher {3}JWT eyJ[\w-]{17}… \(\d+ chars\)/);
    expect(short.stdout).not.toMatch(jwt);
    const full = await start({}, ['--full-tokens']);
    expect(full.code).toBe(0);
    const tokens = [...full.stdout.matchAll(/^ {4}(?:subscriber|publisher|moderator) +JWT (\S+)$/gm)].map((m) => m[1]);
    expect(tokens).toHaveLength(3);
    for (const token of tokens) expect(token).toMatch(new RegExp(`^${jwt.source}$`));
    expect(full.stdout).toMatch(/T1 {2}T1==[A-Za-z0-9+/=]+ \(1\.0 form\)/);
  });

  it('leaves no temporary folder behind without QUICKSTART_OUTPUT', async () => {
    const temporary = await mkdtemp(join(tmpdir(), 'quickstart-tmpdir-'));
    try {
      const run = await start({ QUICKSTART_OUTPUT: undefined, TMPDIR: temporary });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`saved `);
      expect(run.stdout).toContain(temporary);
      expect(await readdir(temporary)).toEqual([]);
    } finally {
      await rm(temporary, { recursive: true, force: true });
    }
  });

  it('ends with where to go next: the flow and the package READMEs, as paths that exist', async () => {
    const run = await plain();
    const next = run.stdout.slice(run.stdout.lastIndexOf('\nNext\n'));
    expect(next.length).toBeGreaterThan(0);
    expect(run.stdout.trimEnd().endsWith(next.trimEnd())).toBe(true);
    const paths = [...next.matchAll(/ {2}(\S+\.(?:js|md))$/gm)].map((match) => match[1]);
    expect(paths).toContain('src/flow.js');
    for (const name of ['opentok', 'token', 'rest', 'emulator']) {
      expect(paths).toContain(`../../packages/${name}/README.md`);
    }
    for (const path of paths) expect(existsSync(resolve(packageRoot, path))).toBe(true);
  });

  it('gives those paths from where the user typed the command (INIT_CWD, as pnpm sets it)', async () => {
    const repository = resolve(packageRoot, '../..');
    const run = await start({ INIT_CWD: repository });
    expect(run.code).toBe(0);
    const next = run.stdout.slice(run.stdout.lastIndexOf('\nNext\n'));
    const paths = [...next.matchAll(/ {2}(\S+\.(?:js|md))$/gm)].map((match) => match[1]);
    expect(paths).toContain('examples/quickstart/src/flow.js');
    expect(paths).toContain('packages/opentok/README.md');
    for (const path of paths) expect(existsSync(resolve(repository, path))).toBe(true);
  });

  it('finds an emulator started by hand through its control API and runs every step', async () => {
    const service = await startEmulator({ host: '127.0.0.1', port: 0 });
    try {
      const [{ apiKey, apiSecret }] = service.projects;
      const run = await start({ OPENTOK_API_KEY: apiKey, OPENTOK_API_SECRET: apiSecret, OPENTOK_API_URL: service.url });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`against the emulator at ${service.url} (project ${apiKey})`);
      expect(run.stdout).toContain('3. A publisher joins');
      expect(run.stdout).toContain('6. Download');
      expect(run.stdout).not.toContain(apiSecret);
      const { sessions } = await service.state();
      expect(sessions.some((session) => session.connections.length === 1)).toBe(true);
    } finally {
      await service.close();
    }
  });

  it('against a service without the control API, stops after the tokens and prints what a browser needs whole', async () => {
    // The real service has no /_emulator/: an emulator behind a proxy that hides it stands in.
    const service = await startEmulator({ host: '127.0.0.1', port: 0 });
    const proxy = createServer(async (request, response) => {
      if (request.url.startsWith('/_emulator/')) return response.writeHead(404).end();
      const chunks = [];
      for await (const chunk of request) chunks.push(chunk);
      const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => name !== 'host'));
      const answer = await fetch(new URL(request.url, service.url), {
        method: request.method,
        headers,
        body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
      });
      response
        .writeHead(answer.status, Object.fromEntries(answer.headers))
        .end(Buffer.from(await answer.arrayBuffer()));
    });
    await new Promise((listening) => proxy.listen(0, '127.0.0.1', listening));
    const url = `http://127.0.0.1:${proxy.address().port}`;
    try {
      const [{ apiKey, apiSecret }] = service.projects;
      const run = await start({ OPENTOK_API_KEY: apiKey, OPENTOK_API_SECRET: apiSecret, OPENTOK_API_URL: url });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`against ${url} (project ${apiKey})`);
      expect(run.stdout).toContain('Recording needs a client in the session');
      expect(run.stdout).not.toContain('4. Record');
      const token = /^ {4}token: {6}(\S+)$/m.exec(run.stdout)?.[1];
      const sessionId = /^ {4}sessionId: {2}(\S+)$/m.exec(run.stdout)?.[1];
      expect(token).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
      // The printed token is whole: the service admits it into the printed session.
      const joined = await service.connect(sessionId, token, { publish: true });
      expect(joined.streamId).toBeTruthy();
      expect(run.stdout).not.toContain(apiSecret);
    } finally {
      proxy.close();
      await service.close();
    }
  });

  it('exits 1 with a clear message when the credentials are wrong', async () => {
    const service = await startEmulator({ host: '127.0.0.1', port: 0 });
    try {
      const [{ apiKey }] = service.projects;
      const run = await start({
        OPENTOK_API_KEY: apiKey,
        OPENTOK_API_SECRET: 'wrong-secret',
        OPENTOK_API_URL: service.url,
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/Quickstart failed: AuthenticationError: .*403/);
      expect(run.stderr + run.stdout).not.toContain('wrong-secret');
    } finally {
      await service.close();
    }
  });
});
