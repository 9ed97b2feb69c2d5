/**
 * The control API refuses what a web page could send: a cross-site `text/plain` POST (no CORS
 * preflight), any `Origin` but the emulator's own, a `Host` it does not listen at (DNS
 * rebinding), and, with a control token, requests without it. Real HTTP on loopback: `fetch`
 * as a browser would send, and `node:http` where the `Host` header must be forged.
 */
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { API_KEY, call, createSession, emulator, PARTNER_AUTH } from '../test/support.js';

/** One request with exactly these headers (`Host` included), over `node:http`. */
function raw(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text, headers: response.headers }));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const FAULT = { path: '/v2/project/*', status: 200, body: { planted: 'by evil.example' } };

describe('the control API and web pages', () => {
  it('refuses a cross-site text/plain POST (403), plants nothing, and the REST API answers as before', async () => {
    const { url } = await emulator();
    const planted = await fetch(`${url}/_emulator/faults`, {
      method: 'POST',
      headers: { Origin: 'http://evil.example', 'Content-Type': 'text/plain' },
      body: JSON.stringify(FAULT),
    });
    expect(planted.status).toBe(403);
    expect(planted.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await planted.json()).toEqual({
      code: 403,
      message: expect.stringMatching(/^\[@opentok\/emulator\] .*other origins/),
      reason: 'origin',
    });
    // Without an Origin (a script, not a page), text/plain is still refused: 415.
    const typed = await fetch(`${url}/_emulator/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: JSON.stringify(FAULT),
    });
    expect(typed.status).toBe(415);
    expect(await typed.json()).toMatchObject({ code: 415, reason: 'type' });
    // A body without any Content-Type is refused too (a page can send one without preflight).
    const untyped = await raw(`${url}/_emulator/faults`, 'POST', {}, JSON.stringify(FAULT));
    expect(untyped.status).toBe(415);
    // Bodiless DELETE from another origin: 403 as well.
    expect(
      (await fetch(`${url}/_emulator/faults`, { method: 'DELETE', headers: { Origin: 'http://evil.example' } })).status,
    ).toBe(403);
    expect(await (await fetch(`${url}/_emulator/faults`)).json()).toEqual([]);
    const sessionId = await createSession(url);
    const archives = await call('GET', `${url}/v2/project/${API_KEY}/archive?sessionId=${sessionId}`);
    expect(archives.status).toBe(200);
    expect(archives.body).toMatchObject({ count: 0, items: [] });
  });

  it("accepts JSON from scripts and from the emulator's own origin, and bodiless DELETEs", async () => {
    const { url } = await emulator();
    for (const origin of [undefined, url, url.replace('127.0.0.1', 'localhost')]) {
      const added = await fetch(`${url}/_emulator/faults`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json; charset=utf-8', ...(origin && { Origin: origin }) },
        body: JSON.stringify({ path: '/nothing', status: 503 }),
      });
      expect(added.status, origin).toBe(201);
    }
    expect((await fetch(`${url}/_emulator/faults`, { method: 'DELETE' })).status).toBe(204);
    expect((await fetch(`${url}/_emulator/faults`, { method: 'DELETE', headers: { Origin: url } })).status).toBe(204);
    // `Origin: null` (a sandboxed frame, a file) is no origin of the emulator's.
    expect((await fetch(`${url}/_emulator/state`, { headers: { Origin: 'null' } })).status).toBe(403);
  });

  it('refuses a rebinding Host on the state, the event feed and every control path; the REST API answers any Host', async () => {
    const running = await emulator();
    const { url, port } = running;
    const sessionId = await createSession(url);
    for (const path of ['/_emulator/state', `/_emulator/sessions/${sessionId}/events`, '/_emulator/callbacks']) {
      const refused = await raw(`${url}${path}`, 'GET', { Host: `evil.example:${port}` });
      expect(refused.status, path).toBe(403);
      expect(JSON.parse(refused.body)).toMatchObject({ code: 403, reason: 'host' });
    }
    // A percent-encoded path reaches the same guard.
    expect((await raw(`${url}/%5Femulator/state`, 'GET', { Host: `evil.example:${port}` })).status).toBe(403);
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) {
      expect((await raw(`${url}/_emulator/state`, 'GET', { Host: host })).status, host).toBe(200);
    }
    expect((await raw(`${url}/_emulator/state`, 'GET', { Host: `localhost:${port + 1}` })).status).toBe(403);
    // The OpenTok endpoints answer whatever name the SDK used.
    const created = await raw(
      `${url}/session/create`,
      'POST',
      {
        Host: `evil.example:${port}`,
        ...PARTNER_AUTH,
        Accept: 'application/json',
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      'p2p.preference=disabled',
    );
    expect(created.status).toBe(200);
  });

  it("accepts publicUrl's host and origin", async () => {
    const { url } = await emulator({ publicUrl: 'https://emulator.example.test:8443' });
    const viaTunnel = await raw(`${url}/_emulator/state`, 'GET', {
      Host: 'emulator.example.test:8443',
      Origin: 'https://emulator.example.test:8443',
    });
    expect(viaTunnel.status).toBe(200);
    expect((await raw(`${url}/_emulator/state`, 'GET', { Host: 'emulator.example.test' })).status).toBe(403);
  });
});

describe('the control token', () => {
  const TOKEN = 'ctl-0123456789abcdef-secret';

  it('is required as Authorization: Bearer on the control API (401 otherwise), never on the REST API or downloads', async () => {
    const lines: string[] = [];
    const running = await emulator({ controlToken: TOKEN, log: (line) => lines.push(line) });
    const { url } = running;
    const missing = await fetch(`${url}/_emulator/state`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const body = await missing.text();
    expect(JSON.parse(body)).toMatchObject({ code: 401, reason: 'token' });
    expect(body).not.toContain(TOKEN);
    for (const authorization of [`Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, TOKEN, `Basic ${TOKEN}`]) {
      expect((await fetch(`${url}/_emulator/state`, { headers: { authorization } })).status, authorization).toBe(401);
    }
    const sessionId = await createSession(url);
    const withToken = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
    expect((await fetch(`${url}/_emulator/state`, { headers: withToken })).status).toBe(200);
    expect((await fetch(`${url}/_emulator/sessions/${sessionId}/events?after=0`)).status).toBe(401);
    const planted = await fetch(`${url}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(FAULT),
    });
    expect(planted.status).toBe(401);
    const added = await fetch(`${url}/_emulator/faults`, {
      method: 'POST',
      headers: withToken,
      body: JSON.stringify({ path: '/nothing', status: 503 }),
    });
    expect(added.status).toBe(201);
    // Download links carry no token, as a bucket's signed links: an unknown archive is a 404.
    const download = await fetch(`${url}/_emulator/media/00000000-0000-4000-8000-000000000000/archive.mp4`);
    expect(download.status).toBe(404);
    // The in-process helpers need no token, and the token is never printed.
    expect((await running.state()).sessions).toHaveLength(1);
    expect(JSON.stringify(running) + String(running) + lines.join('\n')).not.toContain(TOKEN);
  });

  it('is checked when given: 1 to 512 visible ASCII characters', async () => {
    for (const controlToken of ['', 'has space', 'x'.repeat(513), 'naïve']) {
      await expect(emulator({ controlToken })).rejects.toThrow(/controlToken must be/);
    }
  });
});
