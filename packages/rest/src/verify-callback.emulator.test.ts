/**
 * `verifyCallback` against the emulator over real HTTP: every callback kind the emulator signs
 * (session monitoring, archive, broadcast, SIP, render, captions) verifies to what
 * `parseCallback` reads from the same body; and tokens made here to be wrong (tampered body,
 * another secret, expired, no header, `alg: none`, RS256/HS256 confusion, another HMAC) are
 * refused with their reason.
 */
import { createHash, createHmac, generateKeyPairSync, sign as rsaSign } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startEmulator } from '@opentok/emulator';
import { generateToken, InvalidArgumentError, OpenTokError } from '@opentok/token';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallbackVerificationError } from './callback-verification-error.js';
import { parseCallback } from './callbacks.js';
import { type Client, createClient } from './client.js';
import { createCallbackVerifier, verifyCallback } from './verify-callback.js';

const API_KEY = '123456';
const API_SECRET = 'Zq9xW3kP7mN2vB8cR4tY6uH1jL5gF0dS3aE7wQ9z';
const CALLBACK_SECRET = 'whsec-7f3c9a1e5b2d4c6e8a0b';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}
const received: Received[] = [];
let emulator: Awaited<ReturnType<typeof startEmulator>>;
let client: Client;
let hook: Server;
let hookUrl: string;

beforeAll(async () => {
  hook = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      // The render's page is fetched here too (a GET): only callbacks are kept.
      if (request.method === 'POST') {
        received.push({ path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks) });
      }
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}`;
  emulator = await startEmulator({
    projects: [{ apiKey: API_KEY, apiSecret: API_SECRET, callbackUrl: hookUrl, callbackSecret: CALLBACK_SECRET }],
    archiveProcessingMs: 0,
    log: () => {},
  });
  client = createClient({ apiKey: API_KEY, apiSecret: API_SECRET, apiUrl: emulator.url, retry: 0 });
});
afterAll(async () => {
  await emulator?.close();
  hook?.closeAllConnections();
  await new Promise((resolve) => hook?.close(resolve));
});

async function until<T>(check: () => T | undefined | false, what: string): Promise<T> {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const value = check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const base64Url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** A token as the service makes one, with any header, claims and key. */
function token(
  body: string | Buffer,
  {
    secret = CALLBACK_SECRET,
    header = { alg: 'HS256', typ: 'JWT' } as Record<string, unknown>,
    claims = {} as Record<string, unknown>,
  } = {},
): string {
  const payload = {
    iat: Math.floor(Date.now() / 1000),
    jti: '5b0e2f3c-1d7a-4c59-9d0e-2a1f3b4c5d6e',
    iss: 'Vonage',
    payload_hash: createHash('sha256').update(body).digest('hex'),
    api_key: API_KEY,
    ...claims,
  };
  const signingInput = `${base64Url(JSON.stringify(header))}.${base64Url(JSON.stringify(payload))}`;
  return `${signingInput}.${createHmac('sha256', secret).update(signingInput).digest('base64url')}`;
}

const BODY = JSON.stringify({
  event: 'archive',
  id: 'a1',
  sessionId: 's1',
  status: 'available',
  partnerId: 123456,
  url: 'https://example.com/a.mp4',
});

const reasonOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (error: unknown) => (CallbackVerificationError.isInstance(error) ? error.reason : String(error)),
  );

describe('verifyCallback with the emulator', () => {
  it('verifies every callback kind the emulator signs, to what parseCallback reads', async () => {
    const { sessionId } = await client.sessions.create({ mediaMode: 'routed' });
    const publisher = generateToken({ apiKey: API_KEY, apiSecret: API_SECRET }, sessionId);
    const moderator = generateToken({ apiKey: API_KEY, apiSecret: API_SECRET }, sessionId, { role: 'moderator' });
    const joined = await emulator.connect(sessionId, publisher, { publish: true });
    const archive = await client.archives.start(sessionId);
    await client.archives.stop(archive.id);
    const broadcast = await client.broadcasts.start(sessionId, { outputs: { hls: {} } });
    await client.broadcasts.stop(broadcast.id);
    const call = await client.sip.dial(sessionId, publisher, { uri: 'sip:alice@sip.example.com' });
    const render = await client.renders.start({ sessionId, token: publisher, url: `${hookUrl}/stage-view` });
    const captions = await client.captions.start(sessionId, moderator, {});
    const seen = (event: string, status?: string) =>
      received.some(({ body }) => {
        const json = JSON.parse(body.toString('utf8'));
        return json.event === event && (status === undefined || json.status === status);
      });
    await until(() => seen('render', 'started') && seen('archive', 'available'), 'render and archive');
    await client.renders.stop(render.id);
    await client.captions.stop(captions.captionsId);
    await emulator.disconnect(sessionId, call.connectionId);
    await emulator.disconnect(sessionId, joined.connectionId);
    const kinds = [
      'sessionCreated',
      'connectionCreated',
      'streamCreated',
      'archive',
      'broadcast',
      'callCreated',
      'callUpdated',
      'callDestroyed',
      'render',
      'captions',
      'streamDestroyed',
      'connectionDestroyed',
      'sessionDestroyed',
    ];
    await until(() => kinds.every((kind) => seen(kind)), `every kind of ${kinds.join(', ')}`);

    const verify = createCallbackVerifier(CALLBACK_SECRET);
    for (const { headers, body } of received) {
      expect(headers.authorization, body.toString('utf8')).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
      const verified = await verifyCallback({ headers, body }, CALLBACK_SECRET);
      expect(verified).toEqual(parseCallback(body));
      // The same with a fetch Headers object, a string body and a precomputed verifier.
      const fetchHeaders = new Headers({ Authorization: String(headers.authorization) });
      expect(await verify({ headers: fetchHeaders, body: body.toString('utf8') })).toEqual(verified);
      // Another secret: refused.
      expect(await reasonOf(verifyCallback({ headers, body }, 'another-secret'))).toBe('badSignature');
    }
    const claims = JSON.parse(
      Buffer.from(String(received[0]?.headers.authorization).split('.')[1] ?? '', 'base64url').toString('utf8'),
    );
    expect(claims).toEqual({
      iat: expect.any(Number),
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
      iss: 'Vonage',
      payload_hash: createHash('sha256')
        .update(received[0]?.body ?? '')
        .digest('hex'),
      api_key: API_KEY,
    });
    const log = (await (await fetch(`${emulator.url}/_emulator/callbacks`)).json()) as Array<{ signed: boolean }>;
    expect(log.length).toBeGreaterThan(0);
    expect(log.every((delivery) => delivery.signed)).toBe(true);
    expect(JSON.stringify(log)).not.toContain(CALLBACK_SECRET);
  }, 60_000);

  it('refuses a tampered body, another secret, an old or future token, no header', async () => {
    const good = token(BODY);
    const headers = { authorization: `Bearer ${good}` };
    expect(await verifyCallback({ headers, body: BODY }, CALLBACK_SECRET)).toMatchObject({ event: 'archive' });
    const tampered = BODY.replace('available', 'failed');
    expect(await reasonOf(verifyCallback({ headers, body: tampered }, CALLBACK_SECRET))).toBe('bodyHashMismatch');
    // Re-serialised JSON (a framework's parsed body) is another body.
    const reserialised = JSON.stringify(JSON.parse(BODY), null, 1);
    expect(await reasonOf(verifyCallback({ headers, body: reserialised }, CALLBACK_SECRET))).toBe('bodyHashMismatch');
    const other = `Bearer ${token(BODY, { secret: 'not-the-secret' })}`;
    expect(await reasonOf(verifyCallback({ headers: { authorization: other }, body: BODY }, CALLBACK_SECRET))).toBe(
      'badSignature',
    );
    const now = Math.floor(Date.now() / 1000);
    const old = `Bearer ${token(BODY, { claims: { iat: now - 301 } })}`;
    expect(await reasonOf(verifyCallback({ headers: { authorization: old }, body: BODY }, CALLBACK_SECRET))).toBe(
      'expired',
    );
    // A longer maxAge or a tolerance accepts it; `now` replays it as of when it arrived.
    await verifyCallback({ headers: { authorization: old }, body: BODY }, CALLBACK_SECRET, { maxAge: 600 });
    await verifyCallback({ headers: { authorization: old }, body: BODY }, CALLBACK_SECRET, { clockTolerance: 30 });
    await verifyCallback({ headers: { authorization: old }, body: BODY }, CALLBACK_SECRET, { now: (now - 300) * 1000 });
    const future = `Bearer ${token(BODY, { claims: { iat: now + 120 } })}`;
    expect(await reasonOf(verifyCallback({ headers: { authorization: future }, body: BODY }, CALLBACK_SECRET))).toBe(
      'expired',
    );
    const expired = `Bearer ${token(BODY, { claims: { exp: now - 10 } })}`;
    expect(await reasonOf(verifyCallback({ headers: { authorization: expired }, body: BODY }, CALLBACK_SECRET))).toBe(
      'expired',
    );
    expect(await reasonOf(verifyCallback({ headers: {}, body: BODY }, CALLBACK_SECRET))).toBe('missingHeader');
    expect(await reasonOf(verifyCallback({ headers: new Headers(), body: BODY }, CALLBACK_SECRET))).toBe(
      'missingHeader',
    );
    expect(
      await reasonOf(verifyCallback({ headers: { authorization: 'Basic dXNlcjpwYXNz' }, body: BODY }, CALLBACK_SECRET)),
    ).toBe('malformed');
    const noHash = `Bearer ${token(BODY, { claims: { payload_hash: undefined } })}`;
    expect(await reasonOf(verifyCallback({ headers: { authorization: noHash }, body: BODY }, CALLBACK_SECRET))).toBe(
      'malformed',
    );
  });

  it('refuses alg none, RS256 (algorithm confusion) and other HMACs', async () => {
    const claims = base64Url(
      JSON.stringify({
        iat: Math.floor(Date.now() / 1000),
        payload_hash: createHash('sha256').update(BODY).digest('hex'),
      }),
    );
    const none = `${base64Url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${claims}.`;
    expect(
      await reasonOf(verifyCallback({ headers: { authorization: `Bearer ${none}` }, body: BODY }, CALLBACK_SECRET)),
    ).toBe('algorithm');
    // An RS256 token whose "signature" is the HMAC with the secret: a verifier that trusted
    // the header's alg and keyed RS256 with the secret as a public key could be fooled.
    const confused = token(BODY, { header: { alg: 'RS256', typ: 'JWT' } });
    expect(
      await reasonOf(verifyCallback({ headers: { authorization: `Bearer ${confused}` }, body: BODY }, CALLBACK_SECRET)),
    ).toBe('algorithm');
    // A real RS256 token, signed with a private key.
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const rsInput = `${base64Url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }))}.${claims}`;
    const rs = `${rsInput}.${rsaSign('sha256', Buffer.from(rsInput), privateKey).toString('base64url')}`;
    expect(
      await reasonOf(verifyCallback({ headers: { authorization: `Bearer ${rs}` }, body: BODY }, CALLBACK_SECRET)),
    ).toBe('algorithm');
    for (const alg of ['HS512', 'HS384', 'hs256', 'ES256', undefined]) {
      const other = token(BODY, { header: { alg, typ: 'JWT' } });
      expect(
        await reasonOf(verifyCallback({ headers: { authorization: `Bearer ${other}` }, body: BODY }, CALLBACK_SECRET)),
        String(alg),
      ).toBe('algorithm');
    }
  });

  it('refuses a parsed body, an empty secret and bad options as arguments, never quoting the secret', async () => {
    const headers = { authorization: `Bearer ${token(BODY)}` };
    await expect(verifyCallback({ headers, body: JSON.parse(BODY) }, CALLBACK_SECRET)).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    await expect(verifyCallback({ headers, body: BODY }, '')).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(
      verifyCallback({ headers, body: BODY }, CALLBACK_SECRET, { maxAge: -1 } as never),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
    const error = await verifyCallback({ headers, body: BODY }, `${CALLBACK_SECRET}x`).catch((caught: Error) => caught);
    expect((error as Error).message).toMatch(/^\[@opentok\/rest\] /);
    expect((error as Error).message).not.toContain(CALLBACK_SECRET);
    expect((error as Error).message).not.toContain(token(BODY).slice(0, 20));
  });

  it('lets only its own errors out for random headers and bodies', async () => {
    const good = token(BODY);
    const part = fc.string({ unit: fc.constantFrom(...'AZaz09-_.=+/ '.split('')), maxLength: 60 });
    const authorization = fc.oneof(
      fc.string({ maxLength: 80 }),
      part.map((text) => `Bearer ${text}`),
      fc.integer({ min: 0, max: good.length - 1 }).map((cut) => `Bearer ${good.slice(0, cut)}${good.slice(cut + 1)}`),
      fc.constant(`Bearer ${good}`),
    );
    const body = fc.oneof(fc.constant(BODY), fc.string({ maxLength: 80 }), fc.uint8Array({ maxLength: 80 }));
    await fc.assert(
      fc.asyncProperty(authorization, body, async (header, raw) => {
        try {
          await verifyCallback({ headers: { authorization: header }, body: raw }, CALLBACK_SECRET);
        } catch (error) {
          expect(OpenTokError.isInstance(error)).toBe(true);
          expect((error as Error).message).not.toContain(CALLBACK_SECRET);
        }
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
