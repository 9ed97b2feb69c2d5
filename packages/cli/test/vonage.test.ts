/**
 * Vonage application credentials (an application ID and a private key file) from the flags,
 * the environment and a profile, against an emulator that knows the application.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApplicationKeys, type RunningEmulator, startEmulator } from '@opentok/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, environment, run, temporaryFolder } from './support.js';

const keys = createApplicationKeys();
const folder = temporaryFolder();
const keyPath = join(folder, 'private.key');
writeFileSync(keyPath, keys.privateKey, { mode: 0o600 });
/** The base64 body of the key, as it would show if it leaked. */
const keyBody = keys.privateKey.split('\n')[1]!;

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ applications: [keys], archiveProcessingMs: 0, log: () => {} });
});
afterAll(async () => {
  await emulator?.close();
});

const vonageEnv = (extra: Record<string, string> = {}) =>
  environment({
    OPENTOK_API_URL: emulator.url,
    VONAGE_APPLICATION_ID: keys.applicationId,
    VONAGE_PRIVATE_KEY_PATH: keyPath,
    ...extra,
  });

describe('Vonage application credentials', () => {
  it('from the environment: creates a session, signs and verifies a token, lists archives', async () => {
    const created = await run(['session', 'create', '--routed', '--json'], vonageEnv());
    expect(created).toMatchObject({ code: 0, stderr: '' });
    const { sessionId } = JSON.parse(created.stdout) as { sessionId: string };
    const token = await run(['token', sessionId, '--role', 'moderator'], vonageEnv());
    expect(token.code).toBe(0);
    const decoded = await run(['token', 'decode', token.stdout.trim(), '--json'], environment());
    expect(JSON.parse(decoded.stdout)).toMatchObject({ applicationId: keys.applicationId, role: 'moderator' });
    const verified = await run(['token', 'verify', token.stdout.trim()], vonageEnv());
    expect(verified.code).toBe(0);
    const list = await run(['archive', 'list', '--session', sessionId], vonageEnv());
    expect(list).toMatchObject({ code: 0, stderr: 'no archives\n' });
    for (const result of [created, token, verified, list]) expect(result.stdout + result.stderr).not.toContain(keyBody);
  });

  it('from the flags, and from a profile that stores the key path, not the key', async () => {
    const flags = await run(
      [
        '--application-id',
        keys.applicationId,
        '--private-key',
        keyPath,
        '--api-url',
        emulator.url,
        'session',
        'create',
      ],
      environment(),
    );
    expect(flags.code).toBe(0);
    expect(flags.stdout).toMatch(/^[12]_\S+\n$/);

    const env = environment();
    const add = await run(
      [
        'profile',
        'add',
        'app',
        '--application-id',
        keys.applicationId,
        '--private-key',
        keyPath,
        '--api-url',
        emulator.url,
        '--default',
      ],
      env,
    );
    expect(add.code).toBe(0);
    expect(add.stdout).toContain(`profile app (application ${keys.applicationId}) saved in `);
    const list = await run(['profile', 'list', '--json'], env);
    expect(JSON.parse(list.stdout)).toMatchObject({ name: 'app', applicationId: keys.applicationId, default: true });
    const viaProfile = await run(['session', 'create'], env);
    expect(viaProfile.code).toBe(0);
    expect(viaProfile.stdout).toMatch(/^[12]_\S+\n$/);
  });

  it('refuses a missing or unreadable key, a key that is no PKCS #8 PEM, and an unknown application', async () => {
    const noKey = await run(['session', 'create'], environment({ VONAGE_APPLICATION_ID: keys.applicationId }));
    expect(noKey).toMatchObject({
      code: 2,
      stderr: `opentok: no private key for application ${keys.applicationId}: pass --private-key PATH or set VONAGE_PRIVATE_KEY_PATH\n`,
    });
    const missing = join(folder, 'nope.key');
    const unreadable = await run(['session', 'create'], vonageEnv({ VONAGE_PRIVATE_KEY_PATH: missing }));
    expect(unreadable).toMatchObject({ code: 2, stderr: `opentok: cannot read the private key ${missing}: ENOENT\n` });
    const textPath = join(folder, 'text.key');
    writeFileSync(textPath, 'not a key');
    const text = await run(['session', 'create'], vonageEnv({ VONAGE_PRIVATE_KEY_PATH: textPath }));
    expect(text.code).toBe(2);
    expect(text.stderr).toContain('is not a private key in PEM PKCS #8 form');
    const both = await run(
      ['--api-key', '123456', '--application-id', keys.applicationId, 'session', 'create'],
      environment(),
    );
    expect(both).toMatchObject({ code: 2, stderr: 'opentok: give --api-key or --application-id, not both\n' });
    const other = createApplicationKeys();
    const otherPath = join(folder, 'other.key');
    writeFileSync(otherPath, other.privateKey);
    const unknown = await run(
      ['session', 'create', '--json'],
      vonageEnv({ VONAGE_APPLICATION_ID: other.applicationId, VONAGE_PRIVATE_KEY_PATH: otherPath }),
    );
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stderr).error).toMatchObject({ status: expect.any(Number) });
    expect(unknown.stderr).not.toContain(other.privateKey.split('\n')[1]!);
  });

  it("runs the README's snippet as written", async () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const snippet = /```sh\n(opentok profile add vonage [\s\S]*?)```/.exec(readme)?.[1];
    expect(snippet).toContain('--private-key ~/keys/private.key');
    const env = environment({ OPENTOK_API_URL: emulator.url, VONAGE_APPLICATION_ID: keys.applicationId });
    mkdirSync(join(env.HOME!, 'keys'));
    writeFileSync(join(env.HOME!, 'keys', 'private.key'), keys.privateKey, { mode: 0o600 });
    const bin = join(env.HOME!, 'bin');
    mkdirSync(bin);
    writeFileSync(
      join(bin, 'opentok'),
      `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"\n`,
    );
    chmodSync(join(bin, 'opentok'), 0o755);
    const child = spawn('bash', ['--norc', '-euo', 'pipefail', '-c', snippet!], {
      env: { ...env, PATH: `${bin}:${env.PATH}` },
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stdout += chunk));
    const [code] = await once(child, 'close');
    expect(stdout).toMatch(/^profile vonage \(application [0-9a-f-]{36}\) saved in .*\n[12]_\S+\n$/);
    expect(code).toBe(0);
  });
});
