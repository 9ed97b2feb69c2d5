/**
 * Signed callbacks over real HTTP: a receiver on loopback checks each delivery's JWT with
 * `node:crypto` (HS256 over the header and claims, `payload_hash` the SHA-256 of the body as
 * received); secrets come from `startEmulator`, the control API per project and per URL (the
 * URL's wins), and are never shown; a project without one sends no `Authorization`.
 */
import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InvalidArgumentError } from '@opentok/token';
import { afterEach, describe, expect, it } from 'vitest';
import { API_KEY, CREDENTIALS, call, connect, createSession, emulator } from '../test/support.js';
import { signCallback } from './callback-signing.js';
import { parseCliArguments } from './cli-arguments.js';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    }),
  );
});

async function receiver() {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks) });
      response.writeHead(204).end();
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

async function until<T>(check: () => T | undefined | false, what: string): Promise<T> {
  for (let attempt = 0; attempt < 750; attempt++) {
    const value = check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The claims of a delivery's token when it is HS256 with `secret` over this body, else `undefined`. */
function claimsOf({ headers, body }: Received, secret: string): Record<string, unknown> | undefined {
  const [, header = '', payload = '', signature = ''] =
    /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/.exec(String(headers.authorization)) ?? [];
  if (JSON.parse(Buffer.from(header, 'base64url').toString('utf8')).alg !== 'HS256') return undefined;
  if (createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url') !== signature) return undefined;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  return claims.payload_hash === createHash('sha256').update(body).digest('hex') ? claims : undefined;
}

describe('signed callbacks', () => {
  it('signs every delivery of a project with a secret; the log says signed, never the secret', async () => {
    const hook = await receiver();
    const { url } = await emulator({
      projects: [{ ...CREDENTIALS, callbackUrl: hook.url, callbackSecret: 'project-secret-1' }],
    });
    const sessionId = await createSession(url);
    await connect(url, sessionId);
    await until(() => hook.received.length >= 3, 'sessionCreated, connectionCreated, streamCreated');
    for (const delivery of hook.received) {
      expect(claimsOf(delivery, 'project-secret-1')).toEqual({
        iat: expect.any(Number),
        jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
        iss: 'Vonage',
        payload_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        api_key: API_KEY,
      });
    }
    const log = await call('GET', `${url}/_emulator/callbacks`);
    expect(log.body.length).toBeGreaterThan(0);
    expect(log.body.every((delivery: { signed: boolean }) => delivery.signed === true)).toBe(true);
    const shown = await call('GET', `${url}/_emulator/projects/${API_KEY}/callbacks`);
    expect(shown.body).toMatchObject({ archive: hook.url, callbackSecret: true });
    expect(JSON.stringify([log.body, shown.body])).not.toContain('project-secret-1');
  });

  it('takes secrets per project and per URL from the control API; the URL one wins; null clears', async () => {
    const signed = await receiver();
    const plain = await receiver();
    const { url } = await emulator();
    const configure = (body: unknown) => call('PUT', `${url}/_emulator/projects/${API_KEY}/callbacks`, body);
    const answer = await configure({
      session: signed.url,
      archive: plain.url,
      callbackSecrets: { [signed.url]: 'url-secret-2' },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ session: signed.url, archive: plain.url, callbackSecrets: [signed.url] });
    const sessionId = await createSession(url);
    await connect(url, sessionId);
    const archive = await call('POST', `${url}/v2/project/${API_KEY}/archive`, { sessionId });
    expect(archive.status).toBe(200);
    await until(() => signed.received.length >= 2 && plain.received.length >= 1, 'session and archive callbacks');
    for (const delivery of signed.received) expect(claimsOf(delivery, 'url-secret-2')).toBeDefined();
    for (const delivery of plain.received) expect(delivery.headers.authorization).toBeUndefined();
    // A project secret signs the other URL; the URL's own still wins for its URL.
    await configure({ callbackSecret: 'project-secret-3' });
    signed.received.length = 0;
    plain.received.length = 0;
    await call('POST', `${url}/v2/project/${API_KEY}/archive/${archive.body.id}/stop`);
    await connect(url, sessionId);
    await until(() => signed.received.length >= 1 && plain.received.length >= 1, 'signed callbacks');
    for (const delivery of signed.received) expect(claimsOf(delivery, 'url-secret-2')).toBeDefined();
    for (const delivery of plain.received) expect(claimsOf(delivery, 'project-secret-3')).toBeDefined();
    const cleared = await configure({ callbackSecret: null, callbackSecrets: { [signed.url]: null } });
    expect(cleared.body).toEqual({ session: signed.url, archive: plain.url });
  });

  it('refuses a bad secret with 400 (not quoting it) and in startEmulator with InvalidArgumentError', async () => {
    const { url } = await emulator();
    for (const body of [
      { callbackSecret: '' },
      { callbackSecret: 'has space' },
      { callbackSecret: 42 },
      { callbackSecrets: { 'ftp://example.com': 'secret-4' } },
      { callbackSecrets: { 'https://example.com/hook': 'x'.repeat(257) } },
      { callbackSecrets: [] },
    ]) {
      const answer = await call('PUT', `${url}/_emulator/projects/${API_KEY}/callbacks`, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(answer.body)).not.toContain('has space');
    }
    await expect(emulator({ callbackSecret: 'has space' })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(emulator({ projects: [{ ...CREDENTIALS, callbackSecret: '' }] })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
  });

  it('reads --callback-secret and OPENTOK_EMULATOR_CALLBACK_SECRET', () => {
    expect(parseCliArguments(['--callback-secret', 'cli-secret']).callbackSecret).toBe('cli-secret');
    expect(parseCliArguments([], { OPENTOK_EMULATOR_CALLBACK_SECRET: 'env-secret' }).callbackSecret).toBe('env-secret');
    expect(
      parseCliArguments(['--callback-secret=cli-secret'], { OPENTOK_EMULATOR_CALLBACK_SECRET: 'env-secret' })
        .callbackSecret,
    ).toBe('cli-secret');
  });

  it('names a Vonage application application_id', () => {
    const header = signCallback('{}', 'secret-5', { applicationId: 'a1b2' }, 1_700_000_000_000);
    const claims = JSON.parse(Buffer.from(header.split('.')[1] ?? '', 'base64url').toString('utf8'));
    expect(claims).toMatchObject({ iat: 1_700_000_000, application_id: 'a1b2' });
    expect(claims).not.toHaveProperty('api_key');
  });
});
