/**
 * The dashboard over real HTTP on loopback: where a browser lands, what the pages hold (no
 * secret until asked), the live feed, and its actions, which answer only as the control API
 * does (same origin, JSON bodies, the control token).
 */
import { describe, expect, it } from 'vitest';
import { API_KEY, API_SECRET, createSession, emulator } from '../../test/support.js';

const json = { 'Content-Type': 'application/json' };

describe('the dashboard', () => {
  it('is where a browser opening / lands; other clients still get the 404 of the API', async () => {
    const { url } = await emulator();
    const browser = await fetch(`${url}/`, { headers: { Accept: 'text/html,*/*' }, redirect: 'manual' });
    expect(browser.status).toBe(302);
    expect(browser.headers.get('location')).toBe('/_emulator/dashboard');
    expect((await fetch(`${url}/`)).status).toBe(404);
    const page = await fetch(`${url}/_emulator/dashboard`);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(`OPENTOK_API_KEY=${API_KEY}`);
    expect(html).not.toContain(API_SECRET);
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)[a-z]/i); // no CDN: everything is served here
  });

  it('runs its actions through the API code: create, join with role/data/publish, signal, mute, archive, fault', async () => {
    const running = await emulator();
    const act = async (action: string, body: Record<string, unknown>) => {
      const answer = await fetch(`${running.url}/_emulator/dashboard/actions/${action}`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify(body),
      });
      return { status: answer.status, body: (await answer.json()) as Record<string, string> };
    };
    const created = await act('create-session', { mediaMode: 'routed' });
    expect(created.status).toBe(200);
    const { sessionId } = created.body as { sessionId: string };
    const joined = await act('join', {
      sessionId,
      role: 'moderator',
      data: 'userId=7',
      publish: 'screen',
      name: 'Slides',
    });
    expect(joined.body).toEqual({ connectionId: expect.any(String), streamId: expect.any(String) });
    const session = (await running.state()).sessions.find((candidate) => candidate.sessionId === sessionId);
    expect(session?.connections).toMatchObject([{ role: 'moderator', data: 'userId=7' }]);
    expect(session?.streams).toMatchObject([{ name: 'Slides', videoType: 'screen' }]);
    expect((await act('signal', { sessionId, type: 'chat', data: 'hi' })).status).toBe(200);
    expect((await act('mute', { sessionId, streamId: joined.body.streamId })).status).toBe(200);
    const archive = await act('start-archive', { sessionId, name: 'from the dashboard' });
    expect(archive.body.status).toBe('started');
    expect((await act('fail-archive', { archiveId: archive.body.id })).body.status).toBe('failed');
    expect((await act('add-fault', { path: '/v2/*', status: 503 })).status).toBe(200);
    expect((await running.state()).faults).toHaveLength(1);
    expect((await act('clear-faults', {})).status).toBe(200);
    expect((await act('disconnect', { sessionId, connectionId: joined.body.connectionId })).status).toBe(200);
    expect((await act('join', { sessionId, role: 'king' })).status).toBe(400);
    expect((await act('nope', {})).status).toBe(404);
    expect((await act('credentials', { apiKey: API_KEY })).body.apiSecret).toBe(API_SECRET);
    const page = await (await fetch(`${running.url}/_emulator/dashboard/sessions/${sessionId}`)).text();
    expect(page).toContain('type=&quot;chat&quot; data=&quot;hi&quot;');
    expect(page).toContain('Slides');
  });

  it('refuses its actions from another origin (403), without JSON (415), without the control token (401)', async () => {
    const { url } = await emulator();
    const action = `${url}/_emulator/dashboard/actions/create-session`;
    const foreign = await fetch(action, {
      method: 'POST',
      headers: { ...json, Origin: 'http://127.0.0.1:1' },
      body: '{}',
    });
    expect(foreign.status).toBe(403);
    const plain = await fetch(action, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' });
    expect(plain.status).toBe(415);
    const guarded = await emulator({ controlToken: 'dashboard-token' });
    const page = await fetch(`${guarded.url}/_emulator/dashboard`);
    expect(page.status).toBe(401);
    const refused = await fetch(`${guarded.url}/_emulator/dashboard/actions/create-session`, {
      method: 'POST',
      headers: json,
      body: '{}',
    });
    expect(refused.status).toBe(401);
    const allowed = await fetch(`${guarded.url}/_emulator/dashboard/actions/create-session`, {
      method: 'POST',
      headers: { ...json, Authorization: 'Bearer dashboard-token' },
      body: '{}',
    });
    expect(allowed.status).toBe(200);
  });

  it('tells a page following /live when something changes', async () => {
    const { url } = await emulator();
    const controller = new AbortController();
    const live = await fetch(`${url}/_emulator/dashboard/live`, { signal: controller.signal });
    expect(live.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = (live.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (pattern: RegExp) => {
      while (!pattern.test(text)) {
        const { value, done } = await reader.read();
        if (done) throw new Error('the live feed ended');
        text += decoder.decode(value, { stream: true });
      }
    };
    await readUntil(/event: ready/);
    await createSession(url);
    await readUntil(/event: change/);
    controller.abort();
  });
});
