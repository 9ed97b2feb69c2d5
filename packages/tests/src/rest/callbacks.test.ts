/**
 * Callbacks across packages: `@opentok/emulator` POSTs every kind of event to a real HTTP
 * server on loopback, and `parseCallback` of `@opentok/rest` reads each raw body back into the
 * variant its `event` names — archive, broadcast, session monitoring (with the reasons a
 * connection or stream ended), SIP calls, renders and captions (also to their own
 * `statusCallbackUrl`). Then delivery under a receiver that fails or hangs: retries, the
 * bounded queue, and `GET /_emulator/callbacks`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RunningEmulator, startEmulator } from '@opentok/emulator';
import { CALLBACK_EVENTS, type Callback, type Client, createClient, parseCallback } from '@opentok/rest';
import { generateToken } from '@opentok/token';
import { afterEach, describe, expect, it } from 'vitest';

const API_KEY = '7654321';
const API_SECRET = 'c0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ff';
const CREDENTIALS = { apiKey: API_KEY, apiSecret: API_SECRET };

interface Delivery {
  path: string;
  raw: Buffer;
  callback: Callback;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * A receiver: GET answers a page (what a render loads); POST bodies are parsed with
 * `parseCallback` from the raw bytes. `answer` picks each POST's status, or `hang`.
 */
async function receiver(answer: (request: number) => number | 'hang' = () => 204) {
  const deliveries: Delivery[] = [];
  const refused: string[] = [];
  let posts = 0;
  const hanging: ServerResponse[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    if (request.method === 'GET') {
      response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>stage</title>');
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const outcome = answer(++posts);
      if (outcome === 'hang') {
        hanging.push(response);
        return;
      }
      if (outcome < 300) {
        const raw = Buffer.concat(chunks);
        try {
          deliveries.push({ path: request.url ?? '', raw, callback: parseCallback(raw) });
        } catch (error) {
          refused.push(String(error));
        }
      }
      response.writeHead(outcome).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    for (const response of hanging) response.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, deliveries, refused, posts: () => posts };
}

async function emulatorWith(options: Parameters<typeof startEmulator>[0]): Promise<RunningEmulator> {
  const emulator = await startEmulator({ projects: [CREDENTIALS], archiveProcessingMs: 50, log: () => {}, ...options });
  cleanups.push(() => emulator.close());
  return emulator;
}

/** Waits until `check` holds, polling every 25 ms for up to 20 s. */
async function until<T>(check: () => T | undefined | false | Promise<T | undefined | false>, what: string): Promise<T> {
  for (let attempt = 0; attempt < 800; attempt++) {
    const value = await check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const token = (sessionId: string, role: 'publisher' | 'moderator' = 'publisher', data?: string) =>
  generateToken(CREDENTIALS, sessionId, { role, ...(data === undefined ? {} : { data }) });

describe('every event kind, from the emulator to a real server, parsed by parseCallback', () => {
  it('delivers archive, broadcast, session monitoring, SIP, render and captions events', async () => {
    const hooks = await receiver();
    const statuses = await receiver();
    const emulator = await emulatorWith({ callbackUrl: `${hooks.url}/hooks/9f8e7d6c`, broadcastLiveMs: 200 });
    const client: Client = createClient({ ...CREDENTIALS, apiUrl: emulator.url });
    const { sessionId } = await client.sessions.create({ mediaMode: 'routed' });
    const host = await emulator.connect(sessionId, token(sessionId, 'moderator', 'role=host'), { publish: true });
    const guest = await emulator.connect(sessionId, token(sessionId), { publish: true, videoType: 'screen' });

    const archive = await client.archives.start(sessionId, { name: 'all events' });
    await client.archives.stop(archive.id);
    const broadcast = await client.broadcasts.start(sessionId, { outputs: { hls: {} } });
    await until(
      () =>
        hooks.deliveries.some(
          ({ callback }) => callback.event === 'broadcast' && callback.broadcastUrls?.hlsStatus === 'live',
        ),
      'a live broadcast',
    );
    await client.broadcasts.stop(broadcast.id);

    const call = await client.sip.dial(sessionId, token(sessionId), {
      uri: 'sip:+15551234567@sip.example.com',
      observeForceMute: true,
    });
    await client.sessions.muteAll(sessionId);
    await client.connections.disconnect(sessionId, call.connectionId);

    const render = await client.renders.start({
      sessionId,
      token: token(sessionId),
      url: `${statuses.url}/stage-page`,
      statusCallbackUrl: `${statuses.url}/render-status`,
    });
    await until(
      () => hooks.deliveries.some(({ callback }) => callback.event === 'render' && callback.status === 'started'),
      'a started render',
    );
    await client.renders.stop(render.id);
    const { captionsId } = await client.captions.start(sessionId, token(sessionId, 'moderator'), {
      statusCallbackUrl: `${statuses.url}/captions-status`,
    });
    await client.captions.stop(captionsId);

    await client.connections.disconnect(sessionId, guest.connectionId);
    await emulator.disconnect(sessionId, host.connectionId);
    await until(
      () => hooks.deliveries.some(({ callback }) => callback.event === 'sessionDestroyed'),
      'the session to end',
    );
    await until(() => hooks.deliveries.some(({ callback }) => callback.event === 'captions'), 'captions');

    expect(hooks.refused).toEqual([]);
    expect(statuses.refused).toEqual([]);
    const seen = new Set(hooks.deliveries.map(({ callback }) => callback.event));
    expect([...CALLBACK_EVENTS].filter((event) => !seen.has(event))).toEqual([]);
    expect(hooks.deliveries.every(({ path }) => path === '/hooks/9f8e7d6c')).toBe(true);

    const all = hooks.deliveries.map(({ callback }) => callback);
    const of = <E extends Callback['event']>(event: E) =>
      all.filter((callback): callback is Extract<Callback, { event: E }> => callback.event === event);
    // Archives: every status, in order, the last with its download URL.
    const archives = of('archive').filter(({ id }) => id === archive.id);
    expect(archives.map(({ status }) => status)).toEqual(['started', 'stopped', 'available']);
    expect(archives.at(-1)?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/_emulator\/media\//);
    expect(archives.every(({ projectId, partnerId }) => projectId === API_KEY && partnerId === API_KEY)).toBe(true);
    // Broadcasts: started, live, stopped with no URLs.
    const broadcasts = of('broadcast').filter(({ id }) => id === broadcast.id);
    expect(broadcasts[0]?.broadcastUrls?.hlsStatus).toBe('connecting');
    expect(broadcasts.at(-1)).toMatchObject({ status: 'stopped', broadcastUrls: null });
    // Session monitoring, with connection data and reasons.
    expect(of('sessionCreated')).toHaveLength(1);
    expect(of('connectionCreated').find(({ connection }) => connection.id === host.connectionId)?.connection.data).toBe(
      'role=host',
    );
    const screen = of('streamCreated').find(({ stream }) => stream.id === guest.streamId);
    expect(screen?.stream).toMatchObject({ videoType: 'screen', connection: { id: guest.connectionId } });
    const reasons = (id: string | undefined) => [
      of('streamDestroyed').find(({ stream }) => stream.id === id)?.reason,
      of('connectionDestroyed').find(
        ({ connection }) => connection.id === (id === guest.streamId ? guest.connectionId : host.connectionId),
      )?.reason,
    ];
    expect(reasons(guest.streamId)).toEqual(['forceDisconnected', 'forceDisconnected']);
    expect(reasons(host.streamId)).toEqual(['clientDisconnected', 'clientDisconnected']);
    expect(of('connectionDestroyed').find(({ connection }) => connection.id === call.connectionId)?.reason).toBe(
      'forceDisconnected',
    );
    // SIP: created, answered, muted, hung up, destroyed.
    const sip = all.filter(
      (callback) => 'call' in callback && (callback as { call: { id: string } }).call.id === call.id,
    );
    expect(
      sip.map((callback) =>
        callback.event === 'callUpdated' ? `${callback.event} ${callback.state}` : callback.event,
      ),
    ).toEqual(['callCreated', 'callUpdated ACTIVE', 'muteForced', 'callUpdated HANGUP', 'callDestroyed']);
    expect(of('callDestroyed')[0]).toMatchObject({ reason_code: 700, call: { connectionId: call.connectionId } });
    // Renders and captions: to the project's URL and to their own statusCallbackUrl.
    expect(of('render').map(({ status }) => status)).toEqual(expect.arrayContaining(['started', 'stopped']));
    expect(of('captions').map(({ status }) => status)).toEqual(['started', 'stopped']);
    expect(of('captions')[0]?.captionId).toBe(captionsId);
    const byPath = (path: string) => statuses.deliveries.filter((delivery) => delivery.path === path);
    expect(byPath('/render-status').map(({ callback }) => callback.event)).toContain('render');
    expect(
      byPath('/captions-status').map(({ callback }) => [callback.event, 'status' in callback && callback.status]),
    ).toEqual([
      ['captions', 'started'],
      ['captions', 'stopped'],
    ]);
    // And the emulator's log agrees: every delivery delivered at the first attempt.
    const log = (await (await fetch(`${emulator.url}/_emulator/callbacks`)).json()) as Array<{
      status: string;
      attempts: number;
    }>;
    expect(log.length).toBe(hooks.deliveries.length + statuses.deliveries.length);
    expect(log.every(({ status, attempts }) => status === 'delivered' && attempts === 1)).toBe(true);
  });

  it('registers, lists and removes legacy callbacks through client.callbacks, and POSTs to them', async () => {
    const hooks = await receiver();
    const emulator = await emulatorWith({});
    const client = createClient({ ...CREDENTIALS, apiUrl: emulator.url });
    const registration = await client.callbacks.register({ group: 'stream', event: 'created', url: `${hooks.url}/s` });
    expect(registration).toMatchObject({ group: 'stream', event: 'created', url: `${hooks.url}/s` });
    expect(await client.callbacks.list()).toEqual([registration]);
    const { sessionId } = await client.sessions.create({ mediaMode: 'routed' });
    await emulator.connect(sessionId, token(sessionId), { publish: true });
    await until(() => hooks.deliveries.length === 1, 'streamCreated');
    expect(hooks.deliveries.map(({ callback }) => callback.event)).toEqual(['streamCreated']);
    await client.callbacks.unregister(registration.id);
    expect(await client.callbacks.list()).toEqual([]);
    await expect(client.callbacks.unregister(registration.id)).rejects.toMatchObject({ status: 404 });
    await expect(
      client.callbacks.register({ group: 'stream', event: 'created', url: 'ftp://x' }),
    ).rejects.toMatchObject({
      name: 'InvalidArgumentError',
    });
  });
});

describe('delivery under a receiver that fails or hangs', () => {
  it('a receiver that fails twice gets every event, in order, within seconds', async () => {
    const hooks = await receiver((post) => (post <= 2 ? 502 : 204));
    const emulator = await emulatorWith({ callbackUrl: { session: hooks.url, archive: hooks.url } });
    const client = createClient({ ...CREDENTIALS, apiUrl: emulator.url });
    const { sessionId } = await client.sessions.create({ mediaMode: 'routed' });
    await emulator.connect(sessionId, token(sessionId), { publish: true });
    const archive = await client.archives.start(sessionId);
    await client.archives.stop(archive.id);
    const started = Date.now();
    await until(() => hooks.deliveries.length === 6, 'six events');
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(
      hooks.deliveries.map(({ callback }) => (callback.event === 'archive' ? callback.status : callback.event)),
    ).toEqual(['sessionCreated', 'connectionCreated', 'streamCreated', 'started', 'stopped', 'available']);
    expect(hooks.posts()).toBe(8);
  });

  it('a receiver that hangs times out, is retried, and never slows an API answer', async () => {
    const hooks = await receiver((post) => (post <= 2 ? 'hang' : 204));
    const emulator = await emulatorWith({
      callbackUrl: hooks.url,
      callbackDelivery: { timeoutMs: 400, baseDelayMs: 20 },
    });
    const client = createClient({ ...CREDENTIALS, apiUrl: emulator.url, retry: 0, timeout: 5000 });
    const { sessionId } = await client.sessions.create({ mediaMode: 'routed' });
    await emulator.connect(sessionId, token(sessionId), { publish: true });
    // While the receiver hangs, the API answers as usual.
    for (let index = 0; index < 5; index++) await client.archives.list({ sessionId });
    await until(() => hooks.deliveries.length >= 3, 'the events after the hangs');
    const log = (await (await fetch(`${emulator.url}/_emulator/callbacks`)).json()) as Array<Record<string, unknown>>;
    expect(log[0]).toMatchObject({ event: 'sessionCreated', status: 'delivered', attempts: 3 });
  });

  it('keeps the queue bounded while the receiver is down, and says what it dropped', async () => {
    const hooks = await receiver(() => 503);
    const emulator = await emulatorWith({
      callbackUrl: { session: hooks.url },
      callbackDelivery: { queueLimit: 5, attempts: 3, baseDelayMs: 20 },
    });
    const client = createClient({ ...CREDENTIALS, apiUrl: emulator.url });
    const { sessionId } = await client.sessions.create({ mediaMode: 'routed' });
    for (let index = 0; index < 10; index++) await emulator.connect(sessionId, token(sessionId));
    const log = await until(async () => {
      const entries = (await (await fetch(`${emulator.url}/_emulator/callbacks`)).json()) as Array<{
        status: string;
        attempts: number;
        error?: string;
      }>;
      return entries.every(({ status }) => status !== 'pending') && entries;
    }, 'every delivery settled');
    // sessionCreated and 10 connectionCreated: at most 5 queued, each tried 3 times; the rest dropped.
    expect(log).toHaveLength(11);
    const failed = log.filter(({ status }) => status === 'failed');
    const dropped = log.filter(({ status }) => status === 'dropped');
    expect(failed.length).toBeGreaterThanOrEqual(5);
    expect(failed.length + dropped.length).toBe(11);
    expect(dropped.length).toBeGreaterThan(0);
    expect(failed.every(({ attempts, error }) => attempts === 3 && error === 'HTTP 503')).toBe(true);
    expect(dropped.every(({ attempts, error }) => attempts === 0 && error === 'queue full')).toBe(true);
    expect(hooks.posts()).toBe(failed.length * 3);
  });
});
