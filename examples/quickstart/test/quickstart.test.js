import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '@opentok/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const main = fileURLToPath(new URL('../src/main.js', import.meta.url));
let output;

/** Runs `pnpm start` as a user would (node src/main.js) and returns its exit code and output. */
function start(environment) {
  const env = { ...process.env, QUICKSTART_OUTPUT: output, ...environment };
  for (const name of ['OPENTOK_API_KEY', 'OPENTOK_API_SECRET', 'OPENTOK_API_URL']) {
    if (!(name in environment)) delete env[name];
  }
  return new Promise((resolve) => {
    const began = performance.now();
    execFile(process.execPath, [main], { env, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (error.code ?? 1) : 0, stdout, stderr, seconds: (performance.now() - began) / 1000 });
    });
  });
}

beforeAll(async () => {
  output = await mkdtemp(join(tmpdir(), 'quickstart-test-'));
});
afterAll(async () => {
  await rm(output, { recursive: true, force: true });
});

describe('the quickstart', () => {
  it('runs the whole flow against its own emulator in seconds and exits 0', async () => {
    const run = await start({});
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
    expect(run.stdout).toMatch(/video downloaded: {2}[1-9]\d* bytes/);
    expect(run.seconds).toBeLessThan(10);
    const files = await readdir(output);
    expect(files.some((file) => file.endsWith('.mp4'))).toBe(true);
  });

  it('with credentials in the environment, talks to that service and skips what needs a client', async () => {
    const service = await startEmulator({ host: '127.0.0.1', port: 0 });
    try {
      const [{ apiKey, apiSecret }] = service.projects;
      const run = await start({ OPENTOK_API_KEY: apiKey, OPENTOK_API_SECRET: apiSecret, OPENTOK_API_URL: service.url });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`against ${service.url} (project ${apiKey})`);
      expect(run.stdout).toContain('Recording needs a client in the session');
      expect(run.stdout).not.toContain(apiSecret);
    } finally {
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
