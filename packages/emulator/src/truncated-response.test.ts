import { request } from 'node:http';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { API_KEY, API_SECRET, call, connect, createSession, emulator, post } from '../test/support.js';
import { createEmulatorApp } from './create-emulator-app.js';
import { archiveMp4, MP4_SIZE } from './media/media-files.js';
import { EmulatorState } from './state.js';

/** What a raw `node:http` client saw: the head, every body byte, and how the body ended. */
interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** True when the body reached its `Content-Length`. */
  complete: boolean;
  /** The error the response or the request raised, if any. */
  error: NodeJS.ErrnoException | undefined;
}

/** One request on a fresh connection (no agent), read to the end or to the failure. */
function rawRequest(
  url: string,
  method = 'GET',
  body?: string,
  headers: Record<string, string> = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method, headers, agent: false }, (incoming) => {
      const chunks: Buffer[] = [];
      let error: NodeJS.ErrnoException | undefined;
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('error', (caught) => {
        error = caught;
      });
      incoming.on('close', () =>
        resolve({
          status: incoming.statusCode ?? 0,
          headers: incoming.headers,
          body: Buffer.concat(chunks),
          complete: incoming.complete,
          error,
        }),
      );
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const addFault = async (url: string, fault: Record<string, unknown>) => {
  const answer = await post(`${url}/_emulator/faults`, fault);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
};

/** An available archive with one video: its MP4 URL and its FLV URL. */
async function finishedArchive(url: string): Promise<{ mp4: string; flv: string }> {
  const sessionId = await createSession(url);
  expect((await connect(url, sessionId, true)).status).toBe(201);
  const started = await call('POST', `${url}/v2/project/${API_KEY}/archive`, { sessionId });
  expect(started.status).toBe(200);
  await call('POST', `${url}/v2/project/${API_KEY}/archive/${started.body.id}/stop`);
  const state = (await (await fetch(`${url}/_emulator/state`)).json()) as {
    archives: Array<{ id: string; url: string; videos: Array<{ videoId: string }> }>;
  };
  const archive = state.archives.find((candidate) => candidate.id === started.body.id)!;
  return { mp4: archive.url, flv: `${url}/_emulator/media/${archive.id}/${archive.videos[0]!.videoId}.flv` };
}

/** The emulator still answers, and the fault was used up. */
async function expectStillServing(url: string): Promise<void> {
  const state = await call('GET', `${url}/_emulator/state`);
  expect(state.status).toBe(200);
  expect(state.body.faults).toEqual([]);
}

describe('the truncateAfterBytes fault', () => {
  it('sends a real MP4 download’s head with the full Content-Length, N bytes, then drops the connection', async () => {
    const { url } = await emulator();
    const { mp4 } = await finishedArchive(url);
    const whole = await rawRequest(mp4);
    expect(whole.complete).toBe(true);
    expect(whole.body.length).toBe(MP4_SIZE);

    const fault = await addFault(url, { method: 'GET', path: '/_emulator/media/*', truncateAfterBytes: 1000 });
    expect(fault).toMatchObject({ truncateAfterBytes: 1000, times: 1 });
    const cut = await rawRequest(mp4);
    expect(cut.status).toBe(200);
    expect(cut.headers['content-type']).toBe('video/mp4');
    expect(cut.headers['content-length']).toBe(String(MP4_SIZE));
    expect(cut.body.length).toBe(1000);
    expect(cut.body.equals(whole.body.subarray(0, 1000))).toBe(true);
    expect(cut.complete).toBe(false);
    expect(cut.error?.code).toBe('ECONNRESET');

    await expectStillServing(url);
    const again = await rawRequest(mp4);
    expect(again.complete).toBe(true);
    expect(again.body.equals(archiveMp4(1000))).toBe(true);
  });

  it('cuts a legacy FLV video after its 9-byte header, and `times` cuts that many downloads', async () => {
    const { url } = await emulator();
    const { flv } = await finishedArchive(url);
    const size = Number((await rawRequest(flv)).headers['content-length']);
    expect(size).toBeGreaterThan(200_000);
    await addFault(url, { method: 'GET', path: new URL(flv).pathname, truncateAfterBytes: 9, times: 2 });
    for (let attempt = 0; attempt < 2; attempt++) {
      const cut = await rawRequest(flv);
      expect(cut.headers['content-type']).toBe('video/x-flv');
      expect(cut.headers['content-length']).toBe(String(size));
      expect(cut.body.toString('latin1', 0, 3)).toBe('FLV');
      expect(cut.body.length).toBe(9);
      expect(cut.error).toBeInstanceOf(Error);
    }
    await expectStillServing(url);
    expect((await rawRequest(flv)).body.length).toBe(size);
  });

  it('cuts a real JSON answer, and a fault’s own JSON body, whatever the method', async () => {
    const { url } = await emulator();
    const list = `${url}/v2/project/${API_KEY}/archive`;
    await addFault(url, { method: 'GET', path: '/v2/project/*', truncateAfterBytes: 5 });
    const cut = await rawRequest(list, 'GET', undefined, {
      Accept: 'application/json',
      'X-TB-PARTNER-AUTH': `${API_KEY}:${API_SECRET}`,
    });
    const full = JSON.stringify({ count: 0, items: [] });
    expect(cut.status).toBe(200);
    expect(cut.headers['content-type']).toMatch(/^application\/json/);
    expect(cut.headers['content-length']).toBe(String(full.length));
    expect(cut.body.toString()).toBe(full.slice(0, 5));
    expect(cut.error).toBeInstanceOf(Error);

    // A POST whose body the fault never reads still gets its head and bytes before the close.
    const body = { code: 503, message: 'Service unavailable, try again' };
    await addFault(url, { method: 'POST', path: '/session/create', status: 503, body, truncateAfterBytes: 12 });
    const faulted = await rawRequest(`${url}/session/create`, 'POST', 'p2p.preference=enabled&'.repeat(2000));
    expect(faulted.status).toBe(503);
    expect(faulted.headers['content-type']).toBe('application/json');
    expect(faulted.headers['content-length']).toBe(String(JSON.stringify(body).length));
    expect(faulted.body.toString()).toBe(JSON.stringify(body).slice(0, 12));
    expect(faulted.complete).toBe(false);
    await expectStillServing(url);
  });

  it('keeps a Content-Length given in the fault’s headers; 0 sends the head alone; a short body goes whole', async () => {
    const { url } = await emulator();
    await addFault(url, {
      method: 'GET',
      path: '/claim',
      status: 200,
      body: 'only a little',
      contentType: 'video/mp4',
      headers: { 'Content-Length': '100000' },
      truncateAfterBytes: 4,
    });
    const claimed = await rawRequest(`${url}/claim`);
    expect(claimed.headers['content-length']).toBe('100000');
    expect(claimed.body.toString()).toBe('only');
    expect(claimed.complete).toBe(false);

    await addFault(url, { path: '/nothing', status: 200, body: 'never sent', truncateAfterBytes: 0 });
    const headOnly = await rawRequest(`${url}/nothing`);
    expect(headOnly.status).toBe(200);
    expect(headOnly.headers['content-length']).toBe('10');
    expect(headOnly.body.length).toBe(0);
    expect(headOnly.error).toBeInstanceOf(Error);

    await addFault(url, { path: '/short', status: 200, body: 'all of it', truncateAfterBytes: 1000 });
    const whole = await rawRequest(`${url}/short`);
    expect(whole.body.toString()).toBe('all of it');
    expect(whole.complete).toBe(true);
    await expectStillServing(url);
  });

  it('sends exactly min(N, length) bytes of the answer for any N', async () => {
    const { url } = await emulator();
    const text = 'x'.repeat(300);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 400 }), async (limit) => {
        await addFault(url, { path: '/any', status: 200, body: text, truncateAfterBytes: limit });
        const cut = await rawRequest(`${url}/any`);
        expect(cut.headers['content-length']).toBe('300');
        expect(cut.body.length).toBe(Math.min(limit, 300));
        expect(cut.complete).toBe(limit >= 300);
      }),
      { numRuns: 25 },
    );
    await expectStillServing(url);
  });

  it('rejects a bad truncateAfterBytes with 400', async () => {
    const { url } = await emulator();
    for (const fault of [
      { path: '/x', truncateAfterBytes: -1 },
      { path: '/x', truncateAfterBytes: 1.5 },
      { path: '/x', truncateAfterBytes: '10' },
      { path: '/x', truncateAfterBytes: true },
      { path: '/x', truncateAfterBytes: 1_000_000_001 },
      { path: '/x', truncateAfterBytes: 10, reset: true },
      { path: '/x', truncateAfterBytes: 10, status: 204 },
      { path: '/x', truncateAfterBytes: 10, status: 304 },
    ]) {
      const answer = await post(`${url}/_emulator/faults`, fault);
      expect(answer.status, JSON.stringify(fault)).toBe(400);
      expect(answer.body.message).toMatch(/truncateAfterBytes/);
    }
    expect((await call('GET', `${url}/_emulator/faults`)).body).toEqual([]);
  });

  it('without a Node socket (app.request), streams N bytes and then errors the body', async () => {
    const state = new EmulatorState([{ apiKey: API_KEY, apiSecret: API_SECRET }], {
      processingMs: 0,
      pausedTimeoutMs: 0,
    });
    const app = createEmulatorApp({ state, sleep: async () => {}, log: () => {} });
    const added = await app.request('/_emulator/faults', {
      method: 'POST',
      body: JSON.stringify({ path: '/v2/project/*', truncateAfterBytes: 3 }),
    });
    expect(added.status).toBe(201);
    const answer = await app.request(`/v2/project/${API_KEY}/archive`, {
      headers: { Accept: 'application/json', 'X-TB-PARTNER-AUTH': `${API_KEY}:${API_SECRET}` },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-length')).toBe(String(JSON.stringify({ count: 0, items: [] }).length));
    const reader = answer.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('{"c');
    await expect(reader.read()).rejects.toThrow(/closed after 3 bytes/);
  });
});
