/**
 * Redirects are never followed with credentials: an API server on loopback answers 302, 307 or
 * 308 pointing at a second loopback server on another port (another origin), which records
 * every request it gets. Calls fail with a `RedirectError` naming the status and the target's
 * origin, and the second server hears nothing. Download URLs, which carry no credentials, do
 * follow, and the second server sees that no auth header came along.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { inspect } from 'node:util';
import { generateToken } from '@opentok/token';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RedirectError, RequestError } from './errors.js';
import { createClient, downloadArchive } from './node.js';

const API_KEY = '123456';
const SECRET = 'Zq9xW3kP7mN2vB8cR4tY6uH1jL5gF0dS3aE7wQ9z';
const SESSION = '1_MX4xMjM0NTZ-fjE3Mzk1Mzg4OTQ5NTl-UTltY1hHMVFyTjNUSVl1OHkrcHB4L2dzfn5-';
const ARCHIVE = '5b1521e6-115f-4efd-bed9-e527b87f0699';

interface Heard {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A loopback server that records what it hears and answers with `reply`. */
async function listen(reply: (heard: Heard) => { status: number; headers?: Record<string, string>; body?: string }) {
  const heard: Heard[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const record = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString(),
      };
      heard.push(record);
      const { status, headers = {}, body = '' } = reply(record);
      response.writeHead(status, headers).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  };
  return { url, heard, close };
}

let other: Awaited<ReturnType<typeof listen>>;
let api: Awaited<ReturnType<typeof listen>>;
/** What the API server answers next: a status and the Location it points to. */
let redirect: { status: number; location: string };

beforeAll(async () => {
  other = await listen(() => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{}' }));
  api = await listen(() => ({
    status: redirect.status,
    headers: { location: redirect.location, 'content-type': 'text/plain' },
    body: `Redirecting to ${redirect.location}`,
  }));
});
afterAll(async () => {
  await api?.close();
  await other?.close();
});
beforeEach(() => {
  api.heard.length = 0;
  other.heard.length = 0;
});

/** A Location on the other origin whose path, query and userinfo must never be shown. */
const elsewhere = () => `${other.url.replace('//', '//thief:pass-in-userinfo@')}/collect/path-secret?q=query-secret`;

const client = () => createClient({ apiKey: API_KEY, apiSecret: SECRET, apiUrl: api.url, retry: { limit: 0 } });

async function refusal(promise: Promise<unknown>): Promise<RedirectError> {
  const error = await promise.then(
    () => expect.unreachable('the call should have failed'),
    (caught: unknown) => caught,
  );
  expect(RedirectError.isInstance(error)).toBe(true);
  expect(RequestError.isInstance(error)).toBe(true);
  return error as RedirectError;
}

/** Checks the error names the status and the origin only, and that nobody else was called. */
function expectRefused(error: RedirectError, status: number) {
  expect(error.status).toBe(status);
  expect(error.location).toBe(other.url);
  expect(error.message).toMatch(/^\[@opentok\/rest\] /);
  expect(error.message).toContain(`failed with ${status}`);
  expect(error.message).toContain(`to ${other.url}`);
  const shown = `${error.message}\n${inspect(error, { depth: 5 })}`;
  for (const hidden of ['path-secret', 'query-secret', 'pass-in-userinfo', 'thief', SECRET]) {
    expect(shown).not.toContain(hidden);
  }
  expect(api.heard).toHaveLength(1);
  expect(other.heard).toEqual([]);
}

describe('redirects of API calls are not followed', () => {
  it.each([301, 302, 303, 307, 308])(
    'a JSON call answered %i: RedirectError, nothing sent elsewhere',
    async (status) => {
      redirect = { status, location: elsewhere() };
      const error = await refusal(client().archives.get(ARCHIVE));
      expectRefused(error, status);
      expect(api.heard[0]!.headers['x-opentok-auth']).toBeDefined();
    },
  );

  it('sip.dial answered 307 does not re-send the body (SIP password, client token) elsewhere', async () => {
    redirect = { status: 307, location: elsewhere() };
    const token = generateToken({ apiKey: API_KEY, apiSecret: SECRET }, SESSION);
    const dial = client().sip.dial(SESSION, token, {
      uri: 'sip:+15551234567@sip.example.com',
      auth: { username: 'trunk', password: 'sip-password-1' },
    });
    const error = await refusal(dial);
    expectRefused(error, 307);
    expect(api.heard[0]!.body).toContain('sip-password-1');
    expect(`${error.message}\n${inspect(error)}`).not.toContain('sip-password-1');
  });

  it('a 1.0 archive call (X-TB-TOKEN-AUTH) answered 302', async () => {
    redirect = { status: 302, location: elsewhere() };
    const error = await refusal(client().legacy.getArchiveManifest(ARCHIVE));
    expectRefused(error, 302);
    expect(api.heard[0]!.headers['x-tb-token-auth']).toBeDefined();
  });

  it('a Vonage application (Authorization: Bearer) answered 302', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    redirect = { status: 302, location: elsewhere() };
    const vonage = createClient({
      applicationId: '0f8ba6b4-1a54-4d6f-a9f2-3d2c6f0a8b91',
      privateKey: pem,
      apiUrl: api.url,
    } as Parameters<typeof createClient>[0]);
    expectRefused(await refusal(vonage.archives.get(ARCHIVE)), 302);
  });

  it('a relative Location names the API origin; a missing one, no origin', async () => {
    redirect = { status: 302, location: '/elsewhere?q=query-secret' };
    const relative = await refusal(client().archives.get(ARCHIVE));
    expect(relative.location).toBe(api.url);
    expect(relative.message).not.toContain('query-secret');
    redirect = { status: 302, location: '' };
    const empty = await refusal(client().archives.get(ARCHIVE));
    expect(empty.location).toBe(api.url);
    expect(other.heard).toEqual([]);
  });

  it('is not retried, even for GET', async () => {
    redirect = { status: 302, location: elsewhere() };
    const retrying = createClient({ apiKey: API_KEY, apiSecret: SECRET, apiUrl: api.url });
    await refusal(retrying.archives.get(ARCHIVE));
    expect(api.heard).toHaveLength(1);
  });
});

/** A Writable that keeps nothing. */
const sink = () => new Writable({ write: (_chunk, _encoding, done) => done() });

describe('download URLs carry no credentials, and follow redirects', () => {
  it('downloadArchive follows a 302 to another origin, sending no auth header there', async () => {
    redirect = { status: 302, location: `${other.url}/bucket/archive.mp4` };
    await downloadArchive(`${api.url}/storage/archive.mp4?X-Signature=abc`, sink());
    expect(other.heard).toHaveLength(1);
    expect(other.heard[0]!.url).toBe('/bucket/archive.mp4');
    for (const heard of [...api.heard, ...other.heard]) {
      expect(Object.keys(heard.headers).filter((name) => /auth/.test(name))).toEqual([]);
    }
  });

  it('client.archives.download follows a 302 to another origin, sending no auth header anywhere', async () => {
    redirect = { status: 302, location: `${other.url}/bucket/archive.mp4` };
    await client().archives.download(`${api.url}/storage/archive.mp4?X-Signature=abc`, sink());
    expect(other.heard).toHaveLength(1);
    for (const heard of [...api.heard, ...other.heard]) {
      expect(Object.keys(heard.headers).filter((name) => /auth/.test(name))).toEqual([]);
    }
  });
});
