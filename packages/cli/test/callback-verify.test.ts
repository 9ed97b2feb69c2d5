/**
 * `opentok callback verify`: a callback the emulator signed, saved as it came over the wire (and
 * as JSON), verifies with the secret from the environment (exit 0); a changed body, another
 * secret, a missing secret or a file that is no request are refused with the reason, and the
 * secret is never printed.
 */
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startEmulator } from '@opentok/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, API_SECRET, environment, run, temporaryFolder, until } from './support.js';

const SECRET = 'cli-callback-secret-3e8a61f0';
const saved: Array<{ wire: Buffer; headers: Record<string, string>; body: string }> = [];
let hook: Server;
let emulator: Awaited<ReturnType<typeof startEmulator>>;
const folder = temporaryFolder();

beforeAll(async () => {
  hook = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const head = [`${request.method} ${request.url} HTTP/1.1`];
      for (let index = 0; index < request.rawHeaders.length; index += 2) {
        head.push(`${request.rawHeaders[index]}: ${request.rawHeaders[index + 1]}`);
      }
      const body = Buffer.concat(chunks);
      saved.push({
        wire: Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), body]),
        headers: request.headers as Record<string, string>,
        body: body.toString('utf8'),
      });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  emulator = await startEmulator({
    projects: [{ apiKey: API_KEY, apiSecret: API_SECRET }],
    callbackUrl: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hooks`,
    callbackSecret: SECRET,
    log: () => {},
  });
  const created = await fetch(`${emulator.url}/session/create`, {
    method: 'POST',
    headers: {
      'X-TB-PARTNER-AUTH': `${API_KEY}:${API_SECRET}`,
      Accept: 'application/json',
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'p2p.preference=disabled',
  });
  const [{ session_id: sessionId }] = (await created.json()) as Array<{ session_id: string }>;
  const { generateToken } = await import('opentok');
  await emulator.connect(sessionId, generateToken({ apiKey: API_KEY, apiSecret: API_SECRET }, sessionId));
  await until(() => saved.length >= 2);
});
afterAll(async () => {
  await emulator?.close();
  hook?.closeAllConnections();
  await new Promise((resolve) => hook?.close(resolve));
});

function file(name: string, content: string | Buffer): string {
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
}

describe('opentok callback verify', () => {
  it('verifies a saved request (wire and JSON) with the secret of the environment', async () => {
    const [first] = saved;
    const wire = await run(
      ['callback', 'verify', file('wire.http', first!.wire)],
      environment({ OPENTOK_CALLBACK_SECRET: SECRET }),
    );
    expect(wire).toMatchObject({ code: 0, stderr: '' });
    expect(wire.stdout).toMatch(/^valid +true/m);
    expect(wire.stdout).toMatch(/^event +sessionCreated$/m);
    const json = await run(
      ['callback', 'verify', file('saved.json', JSON.stringify(first)), '--json', '--secret-env', 'HOOK_SECRET'],
      environment({ HOOK_SECRET: SECRET }),
    );
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      valid: true,
      callback: { event: 'sessionCreated', projectId: API_KEY },
    });
  });

  it('refuses a changed body, another secret, and an old token with --max-age, saying why', async () => {
    const [first] = saved;
    const changed = Buffer.from(first!.wire.toString('latin1').replace('sessionCreated', 'sessionDestroyed'), 'latin1');
    const tampered = await run(
      ['callback', 'verify', file('changed.http', changed), '--json'],
      environment({ OPENTOK_CALLBACK_SECRET: SECRET }),
    );
    expect(tampered.code).toBe(1);
    expect(JSON.parse(tampered.stderr).error).toMatchObject({
      name: 'CallbackVerificationError',
      reason: 'bodyHashMismatch',
    });
    const other = await run(
      ['callback', 'verify', file('other.http', first!.wire)],
      environment({ OPENTOK_CALLBACK_SECRET: 'another-secret' }),
    );
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/signature does not match/);
    expect(other.stderr + other.stdout).not.toContain(SECRET);
    // Issued at least a second ago: `--max-age 0` refuses it.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const older = await run(
      ['callback', 'verify', file('older.http', first!.wire), '--max-age', '0'],
      environment({ OPENTOK_CALLBACK_SECRET: SECRET }),
    );
    expect(older.code).toBe(1);
    expect(older.stderr).toMatch(/older than 0 s/);
  });

  it('exits 2 without the secret or for a file that is no request', async () => {
    const missing = await run(['callback', 'verify', file('any.http', saved[0]!.wire)], environment());
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('OPENTOK_CALLBACK_SECRET');
    const garbage = await run(
      ['callback', 'verify', file('garbage.http', 'not a request')],
      environment({ OPENTOK_CALLBACK_SECRET: SECRET }),
    );
    expect(garbage.code).toBe(2);
    const absent = await run(
      ['callback', 'verify', join(folder, 'absent.http')],
      environment({ OPENTOK_CALLBACK_SECRET: SECRET }),
    );
    expect(absent.code).toBe(2);
  });
});
