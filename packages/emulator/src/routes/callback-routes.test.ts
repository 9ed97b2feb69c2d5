/**
 * Callbacks over real HTTP: a local receiver gets what the emulator POSTs (archive statuses,
 * session monitoring with reasons, broadcasts), configured through `startEmulator`, the
 * control API and the legacy `/callback` API; deliveries retry after failures and hangs, the
 * queue is bounded, and `GET /_emulator/callbacks` shows every outcome.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { API_KEY, CREDENTIALS, call, connect, createSession, emulator } from '../../test/support.js';

interface Received {
  path: string;
  body: Record<string, unknown>;
  contentType: string | undefined;
}

/** A receiver on loopback; `answer` decides each answer (status, or `hang` for none). */
async function receiver(answer: (request: number) => number | 'hang' = () => 200) {
  const received: Received[] = [];
  let requests = 0;
  const hanging: ServerResponse[] = [];
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const outcome = answer(++requests);
      if (outcome === 'hang') {
        hanging.push(response);
        return;
      }
      if (outcome >= 200 && outcome < 300) {
        received.push({
          path: request.url ?? '',
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
          contentType: request.headers['content-type'],
        });
      }
      response.writeHead(outcome).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  servers.push(() => {
    for (const response of hanging) response.destroy();
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { url, received, requests: () => requests };
}

const servers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((close) => close()));
});

/** Waits until `check` holds, polling every 20 ms for up to 15 s. */
async function until<T>(check: () => T | undefined | false, what: string): Promise<T> {
  for (let attempt = 0; attempt < 750; attempt++) {
    const value = check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const events = (received: Received[]) => received.map(({ body }) => body.event);

describe('callbacks from startEmulator({ projects: [{ callbackUrl }] })', () => {
  it('POSTs session monitoring and every archive status, in order, as JSON', async () => {
    const hook = await receiver();
    const { url } = await emulator({ projects: [{ ...CREDENTIALS, callbackUrl: `${hook.url}/hooks/s3cr3t` }] });
    const sessionId = await createSession(url);
    const joined = await connect(url, sessionId, true, { data: 'userId=42' });
    const started = await call('POST', `${url}/v2/project/${API_KEY}/archive`, { sessionId, name: 'standup' });
    expect(started.status).toBe(200);
    await call('POST', `${url}/v2/project/${API_KEY}/archive/${started.body.id}/stop`);
    await until(() => hook.received.some(({ body }) => body.status === 'available'), 'available');
    expect(events(hook.received)).toEqual([
      'sessionCreated',
      'connectionCreated',
      'streamCreated',
      'archive',
      'archive',
      'archive',
    ]);
    expect(hook.received.map(({ body }) => body.status).slice(3)).toEqual(['started', 'stopped', 'available']);
    expect(hook.received.every(({ path }) => path === '/hooks/s3cr3t')).toBe(true);
    expect(hook.received.every(({ contentType }) => contentType === 'application/json')).toBe(true);
    const [session, connection, stream, archive] = hook.received.map(({ body }) => body);
    expect(session).toMatchObject({ sessionId, projectId: API_KEY, event: 'sessionCreated' });
    expect(connection).toMatchObject({
      event: 'connectionCreated',
      connection: { id: joined.body.connectionId, data: 'userId=42' },
    });
    expect(stream).toMatchObject({
      event: 'streamCreated',
      stream: { id: joined.body.streamId, connection: { id: joined.body.connectionId }, videoType: 'camera' },
    });
    expect(archive).toMatchObject({ id: started.body.id, name: 'standup', sessionId, partnerId: 123456 });
    expect((archive?.createdAt as number) % 1000).toBe(0);
    const available = hook.received.at(-1)?.body;
    expect(available?.url).toBe(`${url}/_emulator/media/${started.body.id}/archive.mp4`);
    expect(available?.size).toBeGreaterThan(0);
  });

  it('sends streamDestroyed and connectionDestroyed with their reason, then sessionDestroyed; the archive pauses', async () => {
    const hook = await receiver();
    const { url } = await emulator({ callbackUrl: hook.url });
    const sessionId = await createSession(url);
    const joined = await connect(url, sessionId, true);
    await call('POST', `${url}/v2/project/${API_KEY}/archive`, { sessionId });
    await fetch(`${url}/_emulator/sessions/${sessionId}/connections/${joined.body.connectionId}`, { method: 'DELETE' });
    await until(() => hook.received.some(({ body }) => body.status === 'paused'), 'paused');
    const tail = hook.received
      .slice(-4)
      .map(({ body }) => [body.event, body.event === 'archive' ? body.status : body.reason]);
    expect(tail).toEqual([
      ['streamDestroyed', 'clientDisconnected'],
      ['connectionDestroyed', 'clientDisconnected'],
      ['sessionDestroyed', undefined],
      ['archive', 'paused'],
    ]);
  });

  it('sends every broadcast status, HLS and RTMP status change', async () => {
    const hook = await receiver();
    const { url } = await emulator({ callbackUrl: { broadcast: hook.url }, broadcastLiveMs: 200 });
    const sessionId = await createSession(url);
    await connect(url, sessionId, true);
    const started = await call('POST', `${url}/v2/project/${API_KEY}/broadcast`, {
      sessionId,
      outputs: { hls: {}, rtmp: [{ serverUrl: 'rtmp://example.com/live', streamName: 'k' }] },
    });
    expect(started.status).toBe(200);
    await until(
      () => hook.received.some(({ body }) => (body.broadcastUrls as { hlsStatus?: string })?.hlsStatus === 'live'),
      'live',
    );
    await call('POST', `${url}/v2/project/${API_KEY}/broadcast/${started.body.id}/stop`);
    await until(() => hook.received.some(({ body }) => body.status === 'stopped'), 'stopped');
    // Only the broadcast group goes to this URL: no session monitoring.
    expect(new Set(events(hook.received))).toEqual(new Set(['broadcast']));
    const statuses = hook.received.map(({ body }) => {
      const urls = body.broadcastUrls as { hlsStatus: string; rtmp: Array<{ status: string }> } | null;
      return urls ? `${body.status} ${urls.hlsStatus} ${urls.rtmp[0]?.status}` : `${body.status}`;
    });
    expect(statuses[0]).toBe('started connecting connecting');
    expect(statuses).toContain('started live live');
    expect(statuses.at(-1)).toBe('stopped');
  });
});

describe('configuring callbacks', () => {
  it('PUT /_emulator/projects/{apiKey}/callbacks sets one URL per group or one for all; null turns a group off', async () => {
    const archives = await receiver();
    const rest = await receiver();
    const { url } = await emulator();
    const put = (body: unknown) => call('PUT', `${url}/_emulator/projects/${API_KEY}/callbacks`, body);
    expect((await put({ url: `${rest.url}/all` })).body).toMatchObject({ session: `${rest.url}/all` });
    const answer = await put({ archive: `${archives.url}/archives`, broadcast: null });
    expect(answer.status).toBe(200);
    expect(answer.body.archive).toBe(`${archives.url}/archives`);
    expect(answer.body.broadcast).toBeUndefined();
    expect((await put({ archive: 'ftp://example.com' })).status).toBe(400);
    expect((await put({ sessions: rest.url })).status).toBe(400);
    expect((await call('PUT', `${url}/_emulator/projects/999/callbacks`, { url: rest.url })).status).toBe(404);
    const sessionId = await createSession(url);
    await connect(url, sessionId, true);
    await call('POST', `${url}/v2/project/${API_KEY}/archive`, { sessionId });
    await until(() => archives.received.length === 1 && rest.received.length === 3, 'both receivers');
    expect(events(archives.received)).toEqual(['archive']);
    expect(events(rest.received)).toEqual(['sessionCreated', 'connectionCreated', 'streamCreated']);
  });

  it('serves the legacy /callback API and POSTs to the registered URLs of a group and event', async () => {
    const hook = await receiver();
    const { url } = await emulator();
    const base = `${url}/v2/project/${API_KEY}/callback`;
    const registered = await call('POST', base, { group: 'connection', event: 'created', url: `${hook.url}/c` });
    expect(registered.status).toBe(200);
    expect(registered.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      group: 'connection',
      event: 'created',
      url: `${hook.url}/c`,
      createdAt: expect.any(Number),
    });
    expect((await call('POST', base, { group: 'connection', event: 'created', url: 'nope' })).status).toBe(400);
    expect((await call('POST', base, { event: 'created', url: hook.url })).status).toBe(400);
    const listed = await call('GET', base);
    expect(listed.body).toEqual([registered.body]);
    const sessionId = await createSession(url);
    await connect(url, sessionId, true);
    await until(() => hook.received.length === 1, 'connectionCreated');
    expect(events(hook.received)).toEqual(['connectionCreated']);
    expect((await call('DELETE', `${base}/${registered.body.id}`)).status).toBe(204);
    expect((await call('DELETE', `${base}/${registered.body.id}`)).status).toBe(404);
    expect((await call('GET', base)).body).toEqual([]);
    const unauthenticated = await fetch(base);
    expect(unauthenticated.status).toBe(403);
  });
});

describe('delivery', () => {
  it('retries a receiver that fails twice with 503 and delivers within seconds; the log shows the attempts', async () => {
    const hook = await receiver((request) => (request <= 2 ? 503 : 200));
    const { url } = await emulator({ callbackUrl: { session: hook.url } });
    const sessionId = await createSession(url);
    await connect(url, sessionId, false);
    const started = Date.now();
    await until(() => hook.received.length === 2, 'two events');
    // Default backoff: 250 ms then 500 ms; well within a few seconds even on a loaded machine.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(events(hook.received)).toEqual(['sessionCreated', 'connectionCreated']);
    const log = (await call('GET', `${url}/_emulator/callbacks`)).body as Array<Record<string, unknown>>;
    expect(log.map(({ event, status, attempts }) => [event, status, attempts])).toEqual([
      ['sessionCreated', 'delivered', 3],
      ['connectionCreated', 'delivered', 1],
    ]);
    expect(log[0]).toMatchObject({ url: hook.url, responseStatus: 200, sessionId });
  });

  it('gives up after the last attempt on 5xx, and at once on a 4xx', async () => {
    const failing = await receiver(() => 500);
    const refusing = await receiver(() => 410);
    const { url } = await emulator({
      callbackUrl: { session: failing.url, archive: refusing.url },
      callbackDelivery: { attempts: 3, baseDelayMs: 10 },
    });
    const sessionId = await createSession(url);
    await connect(url, sessionId, true);
    await call('POST', `${url}/v2/project/${API_KEY}/archive`, { sessionId });
    const deliveries = async () =>
      (await call('GET', `${url}/_emulator/callbacks`)).body as Array<Record<string, unknown>>;
    let log: Array<Record<string, unknown>> = [];
    for (
      let attempt = 0;
      attempt < 500 && !(log.length === 4 && log.every(({ status }) => status !== 'pending'));
      attempt++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      log = await deliveries();
    }
    expect(log.map(({ event, status, attempts, error }) => [event, status, attempts, error])).toEqual([
      ['sessionCreated', 'failed', 3, 'HTTP 500'],
      ['connectionCreated', 'failed', 3, 'HTTP 500'],
      ['streamCreated', 'failed', 3, 'HTTP 500'],
      ['archive', 'failed', 1, 'HTTP 410'],
    ]);
    expect(failing.requests()).toBe(9);
  });

  it('times out a receiver that hangs, retries, and never holds up an API answer', async () => {
    const hook = await receiver((request) => (request === 1 ? 'hang' : 200));
    const { url } = await emulator({ callbackUrl: hook.url, callbackDelivery: { timeoutMs: 300, baseDelayMs: 10 } });
    const sessionId = await createSession(url);
    await connect(url, sessionId, true);
    // The first delivery hangs; API calls go on answering meanwhile.
    const archive = await call('POST', `${url}/v2/project/${API_KEY}/archive`, { sessionId });
    expect(archive.status).toBe(200);
    await until(() => hook.received.some(({ body }) => body.event === 'archive'), 'archive event');
    expect(events(hook.received)).toEqual(['sessionCreated', 'connectionCreated', 'streamCreated', 'archive']);
    const log = (await call('GET', `${url}/_emulator/callbacks`)).body as Array<Record<string, unknown>>;
    expect(log[0]).toMatchObject({ event: 'sessionCreated', status: 'delivered', attempts: 2 });
    expect(log[0]?.error).toBeUndefined();
  });

  it('bounds the queue: events beyond the limit are dropped and logged while the receiver is down', async () => {
    const { url } = await emulator({
      callbackUrl: { session: 'http://127.0.0.1:9/down' },
      callbackDelivery: { queueLimit: 2, attempts: 50, baseDelayMs: 1000 },
    });
    const sessionId = await createSession(url);
    for (let index = 0; index < 3; index++) await connect(url, sessionId, false);
    const log = (await call('GET', `${url}/_emulator/callbacks`)).body as Array<Record<string, unknown>>;
    // sessionCreated + 3 connectionCreated: two queued, the rest dropped.
    expect(log.map(({ status }) => status)).toEqual(['pending', 'pending', 'dropped', 'dropped']);
    expect(log[2]).toMatchObject({ error: 'queue full', attempts: 0 });
    expect((await call('DELETE', `${url}/_emulator/callbacks`)).status).toBe(204);
    const after = (await call('GET', `${url}/_emulator/callbacks`)).body as Array<Record<string, unknown>>;
    expect(after.map(({ status }) => status)).toEqual(['pending', 'pending']);
  });
});
