/**
 * Credentials inside connector URLs (userinfo, query values) never show in the emulator's own
 * views, `GET /_emulator/state`, `emulator.state()` and the session event feed, while the real
 * connections (the page fetched, the WebSocket opened, the render callback) use them intact.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { feedOf, liveSession, project, token, waitFor } from '../../test/connectors.js';
import { call, emulator } from '../../test/support.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** An HTTP server on loopback answering 200 to everything; keeps each request's URL and headers. */
async function httpServer(): Promise<{ base: string; host: string; requests: IncomingMessage[] }> {
  const requests: IncomingMessage[] = [];
  const server: Server = createServer((request, response) => {
    requests.push(request);
    request.resume();
    response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base: `http://${host}`, host, requests };
}

/** Everything the emulator shows: the state (HTTP and in-process) and the session's feed. */
async function shown(running: Awaited<ReturnType<typeof emulator>>, sessionId: string): Promise<string> {
  const state = await (await fetch(`${running.url}/_emulator/state`)).text();
  return state + JSON.stringify(await running.state()) + JSON.stringify(await feedOf(running.url, sessionId));
}

describe('credentials in connector URLs', () => {
  it('Audio Connector: the socket opens with the userinfo and query; the views show ***', async () => {
    const running = await emulator();
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    closers.push(async () => {
      for (const client of server.clients) client.terminate();
      await new Promise((resolve) => server.close(resolve));
    });
    await new Promise<void>((resolve) => server.once('listening', resolve));
    const upgrades: IncomingMessage[] = [];
    server.on('connection', (_socket, request) => upgrades.push(request));
    const port = (server.address() as AddressInfo).port;
    const { sessionId } = await liveSession(running.url);
    const started = await call('POST', project(running.url, 'connect'), {
      sessionId,
      token: token(sessionId),
      websocket: { uri: `ws://bot:ws-pass-secret@127.0.0.1:${port}/audio?token=ws-query-secret&room=7` },
    });
    expect(started.status).toBe(200);
    const upgrade = await waitFor(() => upgrades[0]);
    expect(upgrade.url).toBe('/audio?token=ws-query-secret&room=7');
    expect(upgrade.headers.authorization).toBe(`Basic ${Buffer.from('bot:ws-pass-secret').toString('base64')}`);
    await waitFor(async () => {
      const state = await running.state();
      return state.audioConnections[0]?.status === 'connected' ? true : undefined;
    });
    const text = await shown(running, sessionId);
    expect(text).not.toContain('ws-pass-secret');
    expect(text).not.toContain('ws-query-secret');
    expect((await running.state()).audioConnections[0]?.uri).toBe(
      `ws://***@127.0.0.1:${port}/audio?token=***&room=***`,
    );
  });

  it('render: the page and the status callback get their real URLs; the views show ***', async () => {
    const running = await emulator();
    const site = await httpServer();
    const hooks = await httpServer();
    const { sessionId } = await liveSession(running.url);
    const started = await call('POST', project(running.url, 'render'), {
      sessionId,
      token: token(sessionId, { role: 'moderator' }),
      url: `${site.base}/stage?access_token=page-query-secret`,
      statusCallbackUrl: `${hooks.base}/render-hook?sig=hook-query-secret`,
    });
    expect(started.status).toBe(202);
    // The REST API answers the render as created, as the service does.
    expect(started.body.url).toBe(`${site.base}/stage?access_token=page-query-secret`);
    await waitFor(() => site.requests[0]);
    expect(site.requests[0]?.url).toBe('/stage?access_token=page-query-secret');
    await waitFor(() => hooks.requests.find((request) => request.url === '/render-hook?sig=hook-query-secret'));
    await waitFor(async () => ((await running.state()).renders[0]?.status === 'started' ? true : undefined));
    const text = await shown(running, sessionId);
    expect(text).not.toContain('page-query-secret');
    expect(text).not.toContain('hook-query-secret');
    expect((await running.state()).renders[0]).toMatchObject({
      url: `${site.base}/stage?access_token=***`,
      callbackUrl: `${hooks.base}/render-hook?sig=***`,
    });
  });

  it('SIP: the URI shows its user but not its password or header values', async () => {
    const running = await emulator();
    const { sessionId } = await liveSession(running.url);
    const dialed = await call('POST', project(running.url, 'dial'), {
      sessionId,
      token: token(sessionId),
      sip: { uri: 'sip:alice:sip-pass-secret@sip.example.com;transport=tls?X-Token=sip-query-secret' },
    });
    expect(dialed.status).toBe(200);
    const text = await shown(running, sessionId);
    expect(text).not.toContain('sip-pass-secret');
    expect(text).not.toContain('sip-query-secret');
    expect((await running.state()).sipCalls[0]?.uri).toBe('sip:alice:***@sip.example.com;transport=tls?X-Token=***');
  });
});
