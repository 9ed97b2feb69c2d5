import { inspect } from 'node:util';
import {
  NetworkError,
  RateLimitError,
  RequestError,
  ResponseParseError,
  ServerError,
  TimeoutError,
} from '@opentok/rest';
import { describe, expect, it } from 'vitest';
import { API_KEY, API_SECRET, useEmulator } from './emulator-fixture.js';

const emulator = useEmulator();
const LIST = `/v2/project/${API_KEY}/archive`;
/**
 * Upper bound of "quickly", in milliseconds: loose enough for a loaded two-core machine, while
 * each fault it checks would take far longer (a minute, an hour, or forever) if unhandled.
 */
const SLOW = 10_000;

/** A client that counts the attempts it makes, and the requests it sent. */
function countingClient(options: Parameters<typeof emulator.client>[0] = {}) {
  const attempts: string[] = [];
  const client = emulator.client({
    ...options,
    hooks: { beforeRequest: [(request) => void attempts.push(`${request.method} ${new URL(request.url).pathname}`)] },
  });
  return { client, attempts };
}

/** Everything an error would show in a log, a message, `toString` or `inspect`. */
const printed = (error: unknown) =>
  `${String(error)} ${(error as Error).message} ${inspect(error, { depth: 10, showHidden: true })} ${JSON.stringify(error)}`;

describe('retry policy through fault injection', () => {
  it('retries GET after 500s and succeeds', async () => {
    const { client, attempts } = countingClient();
    await emulator.fault({
      method: 'GET',
      path: LIST,
      status: 500,
      body: { code: 500, message: 'System error' },
      times: 2,
    });
    const page = await client.archives.list();
    expect(page.items).toBeInstanceOf(Array);
    expect(attempts).toHaveLength(3);
  });

  it('gives up after the limit with ServerError carrying the service message', async () => {
    const { client, attempts } = countingClient();
    await emulator.fault({ method: 'GET', path: LIST, status: 503, body: { message: 'down for a bit' }, times: 10 });
    const error = await client.archives.list().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 503, method: 'GET', path: LIST, serviceMessage: 'down for a bit' });
    expect(attempts).toHaveLength(3);
  });

  it('retries DELETE after a connection reset', async () => {
    const { client, attempts } = countingClient();
    const path = `${LIST}/00000000-0000-4000-8000-000000000000`;
    await emulator.fault({ method: 'DELETE', path, reset: true });
    // The retry reaches the emulator, which knows no such archive.
    await expect(client.archives.delete('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      name: 'NotFoundError',
    });
    expect(attempts).toHaveLength(2);
  });

  it('never retries POST: a 500 or a reset on create surfaces at once', async () => {
    const { client, attempts } = countingClient();
    await emulator.fault({ method: 'POST', path: '/session/create', status: 500 });
    await expect(client.createSession()).rejects.toBeInstanceOf(ServerError);
    expect(attempts).toHaveLength(1);
    await emulator.fault({ method: '*', path: '/session/create', reset: true, times: 5 });
    const error = await client.createSession().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ method: 'POST', path: '/session/create', status: undefined });
    expect(attempts).toHaveLength(2);
  });

  it('never retries PUT or PATCH either', async () => {
    const { client, attempts } = countingClient();
    const id = '00000000-0000-4000-8000-000000000000';
    await emulator.fault({ method: '*', path: `${LIST}/${id}/*`, status: 502, times: 5 });
    await expect(client.archives.setLayout(id, { type: 'pip' })).rejects.toBeInstanceOf(ServerError);
    await expect(client.archives.removeStream(id, 'stream')).rejects.toBeInstanceOf(ServerError);
    expect(attempts).toHaveLength(2);
  });

  it('honours Retry-After on 429', async () => {
    const { client, attempts } = countingClient();
    await emulator.fault({
      method: 'GET',
      path: LIST,
      status: 429,
      headers: { 'Retry-After': '1' },
      body: { message: 'slow down' },
    });
    const started = Date.now();
    await client.archives.list();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(attempts).toHaveLength(2);
  });

  it('caps a long Retry-After at retry.maxRetryAfter', async () => {
    const { client, attempts } = countingClient({ retry: { limit: 1, maxRetryAfter: 50 } });
    await emulator.fault({ method: 'GET', path: LIST, status: 429, headers: { 'Retry-After': '3600' } });
    const started = Date.now();
    await client.archives.list();
    // Uncapped, the wait would be an hour; the bound is loose enough for a loaded machine.
    expect(Date.now() - started).toBeLessThan(SLOW);
    expect(attempts).toHaveLength(2);
  });

  it('raises RateLimitError with retryAfter once retries are spent', async () => {
    const { client, attempts } = countingClient({ retry: 0 });
    await emulator.fault({
      method: 'GET',
      path: LIST,
      status: 429,
      headers: { 'Retry-After': '7' },
      body: { message: 'slow down' },
    });
    const error = await client.archives.list().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, retryAfter: 7, serviceMessage: 'slow down' });
    expect(attempts).toHaveLength(1);
  });

  it('uses exponential backoff between attempts', async () => {
    const { client } = countingClient({ retry: { limit: 3, baseDelay: 100, maxDelay: 1000 } });
    await emulator.fault({ method: 'GET', path: LIST, status: 500, times: 3 });
    const started = Date.now();
    await client.archives.list();
    // 100 + 200 + 400 ms of backoff.
    expect(Date.now() - started).toBeGreaterThanOrEqual(650);
  });
});

describe('timeouts', () => {
  it('raises TimeoutError when the answer is later than the timeout, without retrying', async () => {
    const { client, attempts } = countingClient({ timeout: 150 });
    // The answer would come after a minute (the emulator's close() ends the wait).
    await emulator.fault({ method: 'GET', path: LIST, delayMs: 60_000 });
    const started = Date.now();
    const error = await client.archives.list().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ method: 'GET', path: LIST, status: undefined });
    expect(Date.now() - started).toBeLessThan(SLOW);
    expect(attempts).toHaveLength(1);
  });

  it('raises TimeoutError when the body stalls after the headers, and frees the connection', async () => {
    const client = emulator.client({ timeout: 200, retry: 0 });
    await emulator.fault({
      method: 'GET',
      path: LIST,
      status: 200,
      body: '{"count": 0, "ite',
      contentType: 'application/json',
      headers: { 'Content-Length': '5000' },
    });
    const started = Date.now();
    const error = await client.archives.list().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ status: 200, method: 'GET', path: LIST });
    // The body never completes: without the timeout this would wait forever.
    expect(Date.now() - started).toBeLessThan(SLOW);
    // The next call is answered at once.
    expect((await client.archives.list()).items).toBeInstanceOf(Array);
  });

  it('raises TimeoutError for a slow create too', async () => {
    const client = emulator.client({ timeout: 100 });
    await emulator.fault({ method: 'POST', path: '/session/create', delayMs: 1000 });
    await expect(client.createSession()).rejects.toBeInstanceOf(TimeoutError);
  });
});

describe('hostile and broken bodies', () => {
  const bomb =
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' +
    Array.from({ length: 9 }, (_, level) => `<!ENTITY lol${level + 1} "${`&lol${level || ''};`.repeat(10)}">`).join(
      '',
    ) +
    ']><sessions><Session><session_id>&lol9;</session_id></Session></sessions>';

  it('refuses an XML entity bomb quickly, with ResponseParseError', async () => {
    const client = emulator.client();
    await emulator.fault({ method: 'POST', path: '/session/create', status: 200, body: bomb, contentType: 'text/xml' });
    const started = Date.now();
    const error = await client.createSession().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResponseParseError);
    expect((error as ResponseParseError).excerpt.length).toBeLessThanOrEqual(120);
    // Expanded, the bomb is a billion entities: far beyond this bound.
    expect(Date.now() - started).toBeLessThan(SLOW);
  });

  it('refuses an entity bomb in a manifest', async () => {
    const client = emulator.client();
    const id = '00000000-0000-4000-8000-000000000000';
    const manifestBomb = bomb.replace(
      '<sessions><Session><session_id>&lol9;</session_id></Session></sessions>',
      '<manifest archiveid="&lol9;"/>',
    );
    await emulator.fault({
      method: 'GET',
      path: `/archive/getmanifest/${id}`,
      status: 200,
      body: manifestBomb,
      contentType: 'text/xml',
    });
    await expect(client.getArchiveManifest(id)).rejects.toBeInstanceOf(ResponseParseError);
  });

  it('refuses a body over the size cap without reading it all', async () => {
    const client = emulator.client();
    const huge = `[{"session_id":"${'x'.repeat(900 * 1024)}"}]`;
    await emulator.fault({
      method: 'POST',
      path: '/session/create',
      status: 200,
      body: huge,
      contentType: 'application/json',
    });
    const error = await client.createSession().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResponseParseError);
    expect((error as Error).message).toMatch(/larger than 65536 bytes/);
  });

  it('raises ResponseParseError with an excerpt for malformed JSON, HTML and wrong shapes', async () => {
    const client = emulator.client();
    const cases = [
      { body: '{"items": [', contentType: 'application/json' },
      { body: '<html><body>Welcome to nginx</body></html>', contentType: 'text/html' },
      { body: { items: 'no' }, contentType: 'application/json' },
      { body: { count: 1, items: [{ id: 'a' }] }, contentType: 'application/json' },
    ];
    for (const answer of cases) {
      await emulator.fault({ method: 'GET', path: LIST, status: 200, ...answer });
      const error = await client.archives.list().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ResponseParseError);
      expect(error).toMatchObject({ status: 200, method: 'GET', path: LIST });
      expect(typeof (error as ResponseParseError).excerpt).toBe('string');
    }
  });

  it('maps an HTML 502 from a proxy to ServerError without a service message', async () => {
    const client = emulator.client({ retry: 0 });
    await emulator.fault({
      method: 'GET',
      path: LIST,
      status: 502,
      body: '<html><h1>Bad Gateway</h1></html>',
      contentType: 'text/html',
    });
    const error = await client.archives.list().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).serviceMessage).toBeUndefined();
  });

  it('never shows the secret or a token, even when the server echoes them back', async () => {
    const seenTokens: string[] = [];
    const client = emulator.client({
      retry: 0,
      hooks: { beforeRequest: [(request) => void seenTokens.push(request.headers.get('x-opentok-auth') ?? '')] },
    });
    const errors: unknown[] = [];
    await emulator.fault({ method: 'GET', path: LIST, status: 400, body: { message: `bad secret ${API_SECRET}` } });
    errors.push(await client.archives.list().catch((caught: unknown) => caught));
    await emulator.fault({
      method: 'GET',
      path: LIST,
      status: 200,
      body: `not json ${API_SECRET}`,
      contentType: 'application/json',
    });
    errors.push(await client.archives.list().catch((caught: unknown) => caught));
    await emulator.fault({ method: 'GET', path: LIST, reset: true });
    errors.push(await client.archives.list().catch((caught: unknown) => caught));
    await emulator.fault({ method: 'GET', path: LIST, delayMs: 500 });
    errors.push(
      await emulator
        .client({ timeout: 50, retry: 0 })
        .archives.list()
        .catch((caught: unknown) => caught),
    );
    const legacyToken = await emulator
      .client({ retry: 0 })
      .getArchiveManifest('00000000-0000-4000-8000-000000000000')
      .catch((caught: unknown) => caught);
    errors.push(legacyToken);
    expect(seenTokens.length).toBeGreaterThan(0);
    for (const error of errors) {
      expect(RequestError.isInstance(error)).toBe(true);
      const text = printed(error);
      expect(text).not.toContain(API_SECRET);
      for (const token of seenTokens) expect(text).not.toContain(token);
      expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
      expect(text).not.toMatch(/T1==/);
    }
  });
});
