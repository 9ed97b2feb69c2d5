import { generateToken } from '@opentok/token';
import { describe, expect, it } from 'vitest';
import { API_SECRET, CREDENTIALS, call, connect, createSession, emulator, post } from '../../test/support.js';

describe('POST /_emulator/sessions/{sessionId}/connections', () => {
  it('admits a valid token: 201 with a connectionId, and a streamId when publishing', async () => {
    const { url } = await emulator();
    const sessionId = await createSession(url);
    const subscriber = await connect(url, sessionId, false, { role: 'subscriber', data: 'userId:7' });
    expect(subscriber.status).toBe(201);
    expect(Object.keys(subscriber.body)).toEqual(['connectionId']);
    const publisher = await connect(url, sessionId, true, { format: 't1' });
    expect(publisher.status).toBe(201);
    expect(publisher.body.streamId).toMatch(/^[0-9a-f-]{36}$/);
    // biome-ignore lint/suspicious/noExplicitAny: the state is read field by field below
    const state: any = await (await fetch(`${url}/_emulator/state`)).json();
    expect(state.sessions[0].connections).toEqual([
      expect.objectContaining({ connectionId: subscriber.body.connectionId, role: 'subscriber', data: 'userId:7' }),
      expect.objectContaining({ connectionId: publisher.body.connectionId, streamId: publisher.body.streamId }),
    ]);
    expect(JSON.stringify(state)).not.toContain(API_SECRET);
  });

  it('refuses tokens as the media server would: 403 with a reason', async () => {
    let now = Date.now();
    const { url } = await emulator({ now: () => now });
    const sessionId = await createSession(url);
    const otherSession = await createSession(url);
    const endpoint = `${url}/_emulator/sessions/${sessionId}/connections`;
    const forged = generateToken({ apiKey: '123456', apiSecret: 'f'.repeat(40) }, sessionId);
    const cases: Array<[string, boolean, string]> = [
      [forged, false, 'signature'],
      [
        generateToken({ apiKey: '999', apiSecret: API_SECRET }, '1_MX45OTl-fjE3Mzk1Mzg4OTQ5NTl-eH5-fg'),
        false,
        'api-key',
      ],
      [generateToken(CREDENTIALS, otherSession), false, 'session'],
      [generateToken(CREDENTIALS, sessionId, { role: 'subscriber' }), true, 'role'],
      ['T1==garbage', false, 'malformed'],
    ];
    for (const [token, publish, reason] of cases) {
      const answer = await post(endpoint, { token, publish }, { 'Content-Type': 'application/json' });
      expect(answer.status, reason).toBe(403);
      expect(answer.body).toMatchObject({ code: 403, reason });
      expect(JSON.stringify(answer.body)).not.toContain(token.slice(4, 40));
    }
    const expiring = generateToken(CREDENTIALS, sessionId, { expireTime: Math.floor(now / 1000) + 60 });
    now += 61_000;
    const expired = await post(endpoint, { token: expiring }, { 'Content-Type': 'application/json' });
    expect(expired.body).toMatchObject({ code: 403, reason: 'expired' });
  });

  it('answers 404 for unknown sessions and connections, 400 for malformed input', async () => {
    const { url } = await emulator();
    const sessionId = await createSession(url);
    const unknown = '1_MX4xMjM0NTZ-fjE3Mzk1Mzg4OTQ5NTl-eH5-fg';
    const token = generateToken(CREDENTIALS, unknown);
    expect((await post(`${url}/_emulator/sessions/${unknown}/connections`, { token })).status).toBe(404);
    expect((await post(`${url}/_emulator/sessions/nope/connections`, { token })).status).toBe(400);
    const endpoint = `${url}/_emulator/sessions/${sessionId}/connections`;
    for (const body of ['{', '[]', '{"token":5}', '{"token":"x","publish":"yes"}', '{"token":"x","extra":1}']) {
      const answer = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(answer.status, body).toBe(400);
      expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    }
    const leave = await fetch(`${endpoint}/00000000-0000-4000-8000-000000000000`, { method: 'DELETE' });
    expect(leave.status).toBe(404);
  });
});

describe('/_emulator/faults', () => {
  it('answers the next `times` matching requests with the status, body and headers given', async () => {
    const { url } = await emulator();
    const added = await post(`${url}/_emulator/faults`, {
      method: 'post',
      path: '/session/create',
      status: 429,
      body: { code: 429, message: 'slow down' },
      headers: { 'Retry-After': '1' },
      times: 2,
    });
    expect(added.status).toBe(201);
    for (let attempt = 0; attempt < 2; attempt++) {
      const answer = await fetch(`${url}/session/create`, { method: 'POST' });
      expect(answer.status).toBe(429);
      expect(answer.headers.get('retry-after')).toBe('1');
      expect(answer.headers.get('content-type')).toBe('application/json');
      expect(await answer.json()).toEqual({ code: 429, message: 'slow down' });
    }
    expect((await fetch(`${url}/session/create`, { method: 'POST' })).status).toBe(403); // back to normal
  });

  it('matches globs and methods, delays, resets connections, and clears', async () => {
    const { url } = await emulator();
    await post(`${url}/_emulator/faults`, { method: 'GET', path: '/v2/project/*', reset: true });
    await expect(fetch(`${url}/v2/project/123456/archive`)).rejects.toThrow();
    await post(`${url}/_emulator/faults`, { method: '*', path: '/v2/*/archive', delayMs: 300 });
    const started = Date.now();
    const delayed = await call('GET', `${url}/v2/project/123456/archive`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(delayed.status).toBe(200); // a delay alone lets the request through
    await post(`${url}/_emulator/faults`, { path: '/session/create', status: 500, body: '<boom', times: 5 });
    expect(((await (await fetch(`${url}/_emulator/faults`)).json()) as unknown[])[0]).toMatchObject({
      times: 5,
      status: 500,
    });
    expect((await fetch(`${url}/_emulator/faults`, { method: 'DELETE' })).status).toBe(204);
    expect((await fetch(`${url}/session/create`, { method: 'POST' })).status).toBe(403);
    // The control API itself is never faulted.
    await post(`${url}/_emulator/faults`, { path: '/_emulator/*', status: 500 });
    expect((await fetch(`${url}/_emulator/state`)).status).toBe(200);
  });

  it('rejects malformed faults with 400', async () => {
    const { url } = await emulator();
    for (const body of [
      {},
      { path: 'relative', status: 500 },
      { path: '/x' },
      { path: '/x', status: 99 },
      { path: '/x', status: 204, body: 'x' },
      { path: '/x', delayMs: -1 },
      { path: '/x', status: 500, times: 0 },
      { path: '/x', status: 500, headers: { 'Bad Header': 'x' } },
      { path: '/x', status: 500, headers: { 'X-Injected': 'a\r\nb' } },
      { path: '/x', status: 500, method: 'GET /' },
      { path: '/x', status: 500, surprise: 1 },
    ]) {
      expect((await post(`${url}/_emulator/faults`, body)).status, JSON.stringify(body)).toBe(400);
    }
  });
});

describe('RunningEmulator connect, disconnect and state', () => {
  it('join and leave as the control API does, and refuse what it refuses', async () => {
    const started = await emulator();
    const sessionId = await createSession(started.url);
    const publisher = await started.connect(sessionId, generateToken(CREDENTIALS, sessionId), { publish: true });
    expect(publisher.streamId).toMatch(/^[0-9a-f-]{36}$/);
    const watcher = await started.connect(sessionId, generateToken(CREDENTIALS, sessionId, { role: 'subscriber' }));
    expect(Object.keys(watcher)).toEqual(['connectionId']);
    const viewed = await started.state();
    expect(viewed).toEqual(await (await fetch(`${started.url}/_emulator/state`)).json());
    expect(viewed.sessions[0]?.connections.map(({ connectionId }) => connectionId)).toEqual([
      publisher.connectionId,
      watcher.connectionId,
    ]);
    const subscriber = generateToken(CREDENTIALS, sessionId, { role: 'subscriber' });
    await expect(started.connect(sessionId, subscriber, { publish: true })).rejects.toMatchObject({
      name: 'EmulatorProblem',
      message: 'A subscriber may not publish',
    });
    await expect(started.connect('nope', subscriber)).rejects.toThrow('Invalid session ID.');
    const other = await createSession(started.url);
    await expect(started.connect(other, subscriber)).rejects.toThrow('another session');
    await started.disconnect(sessionId, publisher.connectionId);
    expect((await started.state()).sessions[0]?.streams).toEqual([]);
    await expect(started.disconnect(sessionId, publisher.connectionId)).rejects.toThrow('Connection not found');
  });
});

describe('published streams', () => {
  it('carry the name and video type given on joining, and the token’s initial layout classes', async () => {
    const started = await emulator();
    const sessionId = await createSession(started.url);
    const token = generateToken(CREDENTIALS, sessionId, { initialLayoutClassList: ['focus', 'full'] });
    const screen = await post(`${started.url}/_emulator/sessions/${sessionId}/connections`, {
      token,
      publish: true,
      name: 'Slides',
      videoType: 'screen',
    });
    expect(screen.status).toBe(201);
    const camera = await started.connect(sessionId, generateToken(CREDENTIALS, sessionId), { publish: true });
    const [session] = (await started.state()).sessions;
    expect(session?.streams).toEqual([
      expect.objectContaining({
        streamId: screen.body.streamId,
        name: 'Slides',
        videoType: 'screen',
        layoutClassList: ['focus', 'full'],
      }),
      expect.objectContaining({ streamId: camera.streamId, name: '', videoType: 'camera', layoutClassList: [] }),
    ]);
    for (const body of [
      { token, publish: true, videoType: 'webcam' },
      { token, publish: true, name: 5 },
    ]) {
      expect((await post(`${started.url}/_emulator/sessions/${sessionId}/connections`, body)).status).toBe(400);
    }
    await expect(started.connect(sessionId, token, { publish: true, videoType: 'webcam' as never })).rejects.toThrow(
      'videoType must be one of',
    );
  });
});
