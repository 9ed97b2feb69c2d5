/**
 * Callbacks of a Vonage application over real HTTP: every body a receiver gets for the
 * application names it `applicationId` (a string), as its REST answers do, never `projectId` or
 * `partnerId`; a project's callbacks in the same emulator keep `projectId`. Covered: session
 * monitoring, archive and broadcast statuses, SIP call monitoring, render and captions
 * statuses, and a URL registered through the legacy `/callback` API with a Bearer token.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateRestToken, generateToken } from '@opentok/token';
import { afterEach, describe, expect, it } from 'vitest';
import { API_KEY, call, connect, createSession, emulator } from '../test/support.js';
import { createApplicationKeys } from './applications.js';

const keys = createApplicationKeys();
const { applicationId, privateKey } = keys;
const application = { applicationId, privateKey };

// biome-ignore lint/suspicious/noExplicitAny: bodies are read field by field and asserted
type Body = Record<string, any>;

/** A loopback server: POSTs are callbacks (kept), a GET is the page a render loads. */
async function receiver() {
  const received: Array<{ path: string; body: Body }> = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method === 'POST') {
        received.push({ path: request.url ?? '', body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        response.writeHead(200).end();
      } else response.writeHead(200, { 'content-type': 'text/html' }).end('<p>stage</p>');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function until<T>(check: () => T | undefined | false, what: string): Promise<T> {
  for (let attempt = 0; attempt < 750; attempt++) {
    const value = check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A request of the application (`Authorization: Bearer <RS256>`), JSON both ways. */
async function send(
  url: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Body }> {
  const response = await fetch(`${url}/v2/project/${applicationId}/${path}`, {
    method,
    headers: {
      authorization: `Bearer ${generateRestToken(application)}`,
      accept: 'application/json',
      'content-type': 'application/json',
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {} };
}

/** A routed session of the application, with one client joined with an RS256 token. */
async function live(url: string) {
  const created = await fetch(`${url}/session/create`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${generateRestToken(application)}`,
      accept: 'application/json',
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'p2p.preference=disabled',
  });
  const [session] = (await created.json()) as Array<{ session_id: string }>;
  const sessionId = session?.session_id ?? '';
  const joined = await fetch(`${url}/_emulator/sessions/${sessionId}/connections`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: generateToken(application, sessionId, { data: 'userId=7' }), publish: true }),
  });
  const { connectionId } = (await joined.json()) as { connectionId: string };
  return { sessionId, connectionId };
}

/** Every key of a body, at any depth. */
function keysOf(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) keysOf(item, found);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      found.add(key);
      keysOf(item, found);
    }
  }
  return found;
}

/** What every callback body of the application must show. */
function expectApplicationBody(body: Body) {
  expect(body.applicationId, JSON.stringify(body)).toBe(applicationId);
  const names = keysOf(body);
  expect(names.has('projectId'), JSON.stringify(body)).toBe(false);
  expect(names.has('partnerId'), JSON.stringify(body)).toBe(false);
}

describe('callbacks of a Vonage application', () => {
  it('name it applicationId: session monitoring, archive and broadcast statuses; a project keeps projectId', async () => {
    const hook = await receiver();
    const { url } = await emulator({ applications: [keys], callbackUrl: hook.url, broadcastLiveMs: 50 });
    const { sessionId, connectionId } = await live(url);
    const archive = await send(url, 'POST', 'archive', { sessionId, name: 'vonage' });
    expect(archive.status).toBe(200);
    await send(url, 'POST', `archive/${archive.body.id}/stop`);
    const broadcast = await send(url, 'POST', 'broadcast', { sessionId, outputs: { hls: {} } });
    expect(broadcast.status).toBe(200);
    await send(url, 'POST', `broadcast/${broadcast.body.id}/stop`);
    await fetch(`${url}/_emulator/sessions/${sessionId}/connections/${connectionId}`, { method: 'DELETE' });
    await until(() => hook.received.some(({ body }) => body.status === 'available'), 'an available archive');
    await until(() => hook.received.some(({ body }) => body.event === 'sessionDestroyed'), 'sessionDestroyed');
    await until(
      () => hook.received.some(({ body }) => body.event === 'broadcast' && body.status === 'stopped'),
      'a stopped broadcast',
    );
    const mine = hook.received.filter(({ body }) => body.sessionId === sessionId).map(({ body }) => body);
    expect(new Set(mine.map((body) => body.event))).toEqual(
      new Set([
        'sessionCreated',
        'connectionCreated',
        'streamCreated',
        'archive',
        'broadcast',
        'streamDestroyed',
        'connectionDestroyed',
        'sessionDestroyed',
      ]),
    );
    for (const body of mine) expectApplicationBody(body);
    expect(mine.find((body) => body.event === 'connectionCreated')).toMatchObject({
      connection: { id: connectionId, data: 'userId=7' },
    });

    // A project's session in the same emulator: its callbacks still say projectId.
    const projectSession = await createSession(url);
    await connect(url, projectSession, false);
    const created = await until(
      () => hook.received.find(({ body }) => body.sessionId === projectSession && body.event === 'connectionCreated'),
      "the project's connectionCreated",
    );
    expect(created.body).toMatchObject({ projectId: API_KEY });
    expect(created.body).not.toHaveProperty('applicationId');
  });

  it('name it applicationId in SIP call monitoring, render and captions statuses', async () => {
    const hook = await receiver();
    const { url } = await emulator({ applications: [keys], callbackUrl: hook.url });
    const { sessionId } = await live(url);
    const dialed = await send(url, 'POST', 'dial', {
      sessionId,
      token: generateToken(application, sessionId),
      sip: { uri: 'sip:alice@sip.example.com' },
    });
    expect(dialed.status).toBe(200);
    const render = await send(url, 'POST', 'render', {
      sessionId,
      token: generateToken(application, sessionId),
      url: `${hook.url}/stage-view`,
    });
    expect(render.status).toBe(202);
    const captions = await send(url, 'POST', 'captions', {
      sessionId,
      token: generateToken(application, sessionId, { role: 'moderator' }),
      statusCallbackUrl: `${hook.url}/captions`,
    });
    expect(captions.status).toBe(202);
    await until(() => hook.received.some(({ body }) => body.event === 'render' && body.status === 'started'), 'render');
    await send(url, 'DELETE', `render/${render.body.id}`);
    await send(url, 'POST', `captions/${captions.body.captionsId}/stop`);
    await call('DELETE', `${url}/_emulator/sessions/${sessionId}/connections/${dialed.body.connectionId}`);
    const seen = (event: string) => hook.received.some(({ body }) => body.event === event);
    await until(() => seen('callDestroyed') && seen('captions') && seen('render'), 'SIP, captions and render');
    const events = new Set(hook.received.map(({ body }) => body.event));
    for (const event of ['callCreated', 'callUpdated', 'callDestroyed', 'render', 'captions']) {
      expect(events.has(event), event).toBe(true);
    }
    for (const { body } of hook.received) expectApplicationBody(body);
    // The captions' own statusCallbackUrl gets the same body.
    const direct = hook.received.filter(({ path }) => path === '/captions');
    expect(direct.length).toBeGreaterThan(0);
    for (const { body } of direct) expect(body).toMatchObject({ event: 'captions', applicationId });
  });

  it('name it applicationId for a URL registered through the legacy /callback API with a Bearer token', async () => {
    const hook = await receiver();
    const { url } = await emulator({ applications: [keys] });
    const registered = await send(url, 'POST', 'callback', {
      group: 'connection',
      event: 'created',
      url: `${hook.url}/legacy`,
    });
    expect(registered.status).toBe(200);
    expect(registered.body).toMatchObject({ group: 'connection', event: 'created', url: `${hook.url}/legacy` });
    const { sessionId, connectionId } = await live(url);
    const { body } = await until(() => hook.received.find(({ path }) => path === '/legacy'), 'the legacy callback');
    expect(body).toMatchObject({ event: 'connectionCreated', sessionId, connection: { id: connectionId } });
    expectApplicationBody(body);
  });
});
