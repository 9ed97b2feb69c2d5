/**
 * The built `opentok-emulator` bin with Vonage applications: `--new-application` writes a key
 * pair and prints the ID; `--application ID:PATH` and `OPENTOK_EMULATOR_APPLICATIONS` make the
 * emulator accept that application's Bearer RS256 tokens. Needs `pnpm build` first.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { generateRestToken } from '@opentok/token';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCliArguments } from '../src/cli-arguments.js';

const BIN = fileURLToPath(new URL('../bin/opentok-emulator.js', import.meta.url));
const clean = () => Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('OPENTOK_')));
let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'opentok-emulator-application-'));
});
afterAll(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
});

/** Starts the bin, resolves with its URL once it listens, and the child to stop. */
async function start(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [BIN, '--port', '0', ...args], { env: { ...clean(), ...env }, cwd: folder });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (/control API:.*\n/.test(output)) resolve(/listening on (\S+)/.exec(output)?.[1] ?? '');
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
  });
  return { child, url, output };
}

describe('opentok-emulator and Vonage applications', () => {
  it('parses --application and OPENTOK_EMULATOR_APPLICATIONS, refusing a non-UUID', () => {
    const id = '0f3a6e2c-8b1d-4c7e-9a52-3d4b6c8e1f20';
    expect(parseCliArguments(['--application', `${id}:key.pem`]).applications).toEqual([
      { applicationId: id, publicKeyPath: 'key.pem' },
    ]);
    expect(parseCliArguments([], { OPENTOK_EMULATOR_APPLICATIONS: `${id}:a.pem` }).applications).toHaveLength(1);
    expect(() => parseCliArguments(['--application', '123:key.pem'])).toThrow(/UUID/);
  });

  it('writes a new application, then serves it from --application and from the environment', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, '--new-application'], {
      cwd: folder,
      env: clean(),
    });
    const applicationId = stdout.split('\n')[0] ?? '';
    expect(applicationId).toMatch(/^[\da-f]{8}(-[\da-f]{4}){3}-[\da-f]{12}$/);
    const privateKey = await readFile(join(folder, `${applicationId}.private.pem`), 'utf8');
    expect(privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(stdout).not.toContain(privateKey.split('\n')[3] ?? '');
    const entry = `${applicationId}:${join(folder, `${applicationId}.public.pem`)}`;
    for (const [args, env] of [
      [['--application', entry], {}],
      [[], { OPENTOK_EMULATOR_APPLICATIONS: entry }],
    ] as const) {
      const { child, url, output } = await start([...args], env);
      try {
        expect(output).toContain(`Vonage applications: ${applicationId}`);
        const answer = await fetch(`${url}/session/create`, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${generateRestToken({ applicationId, privateKey })}`,
            Accept: 'application/json',
            'Content-Type': 'application/x-www-form-urlencoded',
          },
          body: '',
        });
        expect(answer.status).toBe(200);
      } finally {
        child.kill('SIGTERM');
      }
    }
  });
});
