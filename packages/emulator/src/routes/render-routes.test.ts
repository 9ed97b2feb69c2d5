import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { feedOf, liveSession, project, sessionState, token, waitFor } from '../../test/connectors.js';
import { API_KEY, call, createSession, emulator } from '../../test/support.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A local page: 200 with HTML on `/stage`, 404 elsewhere; counts its requests. */
async function page(): Promise<{ url: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(request.url ?? '');
    if (request.url === '/stage-view') {
      response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>stage</title>');
    } else response.writeHead(404).end();
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

/** A port nobody listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('Experience Composer renders', () => {
  it('starts (202 starting), fetches the page, goes started with a stream named from properties.name, stops (204)', async () => {
    const running = await emulator();
    const site = await page();
    const { sessionId } = await liveSession(running.url);
    const started = await call('POST', project(running.url, 'render'), {
      sessionId,
      token: token(sessionId, { data: 'composer' }),
      url: `${site.url}/stage-view`,
      maxDuration: 1800,
      resolution: '1920x1080',
      properties: { name: 'Stage view' },
      statusCallbackUrl: 'https://example.com/render-status',
    });
    expect(started.status).toBe(202);
    const id = started.body.id as string;
    expect(started.body).toEqual({
      id,
      sessionId,
      projectId: API_KEY,
      createdAt: expect.any(Number),
      updatedAt: expect.any(Number),
      url: `${site.url}/stage-view`,
      resolution: '1920x1080',
      status: 'starting',
      name: 'Stage view',
      callbackUrl: 'https://example.com/render-status',
      event: 'render',
    });
    // The render's connection is in the roster as soon as the start call answers.
    const first = await sessionState(running, sessionId);
    expect(first.session.connections.filter((connection) => connection.kind === 'render')).toHaveLength(1);

    const live = await waitFor(async () => {
      const render = await call('GET', project(running.url, `render/${id}`));
      return render.body.status === 'started' ? render.body : undefined;
    });
    expect(site.requests).toEqual(['/stage-view']);
    const { session } = await sessionState(running, sessionId);
    expect(session.streams).toContainEqual(expect.objectContaining({ streamId: live.streamId, name: 'Stage view' }));

    const list = await call('GET', project(running.url, 'render?offset=0&count=10'));
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ count: 1, items: [expect.objectContaining({ id, status: 'started' })] });

    const stopped = await call('DELETE', project(running.url, `render/${id}`));
    expect(stopped.status).toBe(204);
    const after = await call('GET', project(running.url, `render/${id}`));
    expect(after.body).toMatchObject({ status: 'stopped', reason: 'Stop Requested' });
    const ended = await sessionState(running, sessionId);
    expect(ended.session.connections.some((connection) => connection.kind === 'render')).toBe(false);
    expect(ended.session.streams.map((stream) => stream.streamId)).not.toContain(live.streamId);
    expect((await call('DELETE', project(running.url, `render/${id}`))).status).toBe(404);

    const statuses = (await feedOf(running.url, sessionId))
      .filter((event) => event.event === 'renderStatusChanged')
      .map((event) => event.render.status);
    expect(statuses).toEqual(['starting', 'started', 'stopped']);
  });

  it('fails with a reason when the page answers 404 or nothing listens', async () => {
    const running = await emulator();
    const site = await page();
    const { sessionId } = await liveSession(running.url);
    const start = (url: string) =>
      call('POST', project(running.url, 'render'), { sessionId, token: token(sessionId), url });
    const missing = (await start(`${site.url}/no-such-page`)).body;
    const unreachable = (await start(`http://127.0.0.1:${await closedPort()}/stage`)).body;
    for (const [render, reason] of [
      [missing, /HTTP 404/],
      [unreachable, /ECONNREFUSED|no answer/],
    ] as const) {
      const failed = await waitFor(async () => {
        const body = (await call('GET', project(running.url, `render/${render.id}`))).body;
        return body.status === 'failed' ? body : undefined;
      });
      expect(failed.reason).toMatch(/^Could not load URL/);
      expect(failed.reason).toMatch(reason);
    }
    const { session } = await sessionState(running, sessionId);
    expect(session.connections.some((connection) => connection.kind === 'render')).toBe(false);
  });

  it('stops when the last client leaves the session', async () => {
    const running = await emulator();
    const site = await page();
    const { sessionId, connectionId } = await liveSession(running.url);
    const render = (
      await call('POST', project(running.url, 'render'), {
        sessionId,
        token: token(sessionId, { role: 'moderator' }),
        url: `${site.url}/stage-view`,
      })
    ).body;
    expect(render).toMatchObject({ resolution: '1280x720', status: 'starting' });
    await running.disconnect(sessionId, connectionId);
    const body = (await call('GET', project(running.url, `render/${render.id}`))).body;
    expect(body).toMatchObject({ status: 'stopped', reason: 'Session ended' });
  });

  it('refuses bad input (400), a subscriber (403), unknown ids (404), a relayed session (409)', async () => {
    const running = await emulator();
    const { sessionId } = await liveSession(running.url);
    const good = { sessionId, token: token(sessionId), url: 'https://example.com/stage-view' };
    const start = (body: Record<string, unknown>) => call('POST', project(running.url, 'render'), body);
    for (const bad of [
      { url: 'ftp://example.com/stage-view' },
      { url: 'https://a.io' },
      { maxDuration: 59 },
      { maxDuration: 36_001 },
      { resolution: '800x600' },
      { properties: { name: '' } },
      { properties: { name: 'x'.repeat(201) } },
      { token: 'T1==garbage' },
    ]) {
      const answer = await start({ ...good, ...bad });
      expect(answer.status, JSON.stringify(bad)).toBe(400);
      expect(JSON.stringify(answer.body)).not.toContain('garbage');
    }
    expect((await start({ ...good, token: token(sessionId, { role: 'subscriber' }) })).status).toBe(403);
    const relayed = await createSession(running.url, { 'p2p.preference': 'enabled' });
    expect((await start({ ...good, sessionId: relayed, token: token(relayed) })).status).toBe(409);
    expect((await call('GET', project(running.url, 'render/8a7f4c1e-0000-4000-8000-000000000000'))).status).toBe(404);
    expect((await call('GET', project(running.url, 'render?count=0'))).status).toBe(400);
  });
});
