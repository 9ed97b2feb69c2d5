import { once } from 'node:events';
import { createServer } from 'node:http';
import { startEmulator } from '@opentok/emulator';
import { verifyToken } from 'opentok';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, renderPage } from '../src/app.js';

let emulator;
let server;
let base;
let sessionId;
let credentials;
const lines = [];

beforeAll(async () => {
  emulator = await startEmulator({ host: '127.0.0.1', port: 0 });
  credentials = emulator.projects[0];
  const app = await createApp({ ...credentials, apiUrl: emulator.url, log: (line) => lines.push(line) });
  sessionId = app.sessionId;
  server = createServer(app.handler).listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${server.address().port}`;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve());
  await emulator?.close();
});

describe('the token server', () => {
  it('shows each visitor the session and a fresh publisher token that verifies', async () => {
    const first = await fetch(`${base}/`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await first.text();
    expect(html).toContain(sessionId);
    const token = /Token \(publisher\)<\/th><td><code>([^<]+)<\/code>/.exec(html)?.[1];
    expect(verifyToken(token, credentials)).toMatchObject({ sessionId, role: 'publisher' });

    const second = await (await fetch(`${base}/token`)).json();
    expect(second).toMatchObject({ apiKey: credentials.apiKey, sessionId });
    expect(second.token).not.toBe(token);
  });

  it('hands out subscriber tokens on request, never moderator ones', async () => {
    const { token } = await (await fetch(`${base}/token?role=subscriber`)).json();
    expect(verifyToken(token, credentials).role).toBe('subscriber');
    expect((await fetch(`${base}/token?role=moderator`)).status).toBe(400);
  });

  it('gives tokens the service accepts: a visitor joins and publishes through the emulator', async () => {
    const { token } = await (await fetch(`${base}/token`)).json();
    const joined = await fetch(`${emulator.url}/_emulator/sessions/${encodeURIComponent(sessionId)}/connections`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, publish: true }),
    });
    expect(joined.status).toBe(201);
    expect(await joined.json()).toHaveProperty('streamId');
  });

  it('answers 404 for other paths and 405 for other methods', async () => {
    expect((await fetch(`${base}/admin`)).status).toBe(404);
    const post = await fetch(`${base}/`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('never logs a token or the secret', () => {
    const log = lines.join('\n');
    expect(log).toContain('a publisher token');
    expect(log).not.toMatch(/T1==|eyJ/);
    expect(log).not.toContain(credentials.apiSecret);
  });
});

describe('renderPage', () => {
  it('escapes what it shows', () => {
    const html = renderPage({ apiKey: '1', sessionId: '<script>', token: 't"', role: 'publisher' });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;');
  });
});
