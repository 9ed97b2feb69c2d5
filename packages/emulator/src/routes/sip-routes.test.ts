import { describe, expect, it } from 'vitest';
import { feedOf, liveSession, project, sessionState, token } from '../../test/connectors.js';
import { API_KEY, call, createSession, emulator } from '../../test/support.js';

const SIP = { uri: 'sip:+15551234567@sip.example.com;transport=tls', from: '15557654321@example.com' };

describe('SIP dial', () => {
  it('adds a connection and an audio stream named from `from`, answers { id, connectionId, streamId }', async () => {
    const running = await emulator();
    const { sessionId } = await liveSession(running.url);
    const dialed = await call('POST', project(running.url, 'dial'), {
      sessionId,
      token: token(sessionId, { data: 'phone' }),
      sip: { ...SIP, headers: { 'X-Room': '7' }, auth: { username: 'bob', password: 'hunter2-secret' } },
    });
    expect(dialed.status).toBe(200);
    expect(dialed.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      projectId: API_KEY,
      sessionId,
      connectionId: expect.any(String),
      streamId: expect.any(String),
      createdAt: expect.any(Number),
      updatedAt: expect.any(Number),
    });
    const { state, session } = await sessionState(running, sessionId);
    expect(session.connections).toContainEqual(
      expect.objectContaining({ connectionId: dialed.body.connectionId, kind: 'sip', data: 'phone' }),
    );
    expect(session.streams).toContainEqual(
      expect.objectContaining({
        streamId: dialed.body.streamId,
        name: SIP.from,
        hasAudio: true,
        hasVideo: false,
      }),
    );
    const [sipCall] = state.sipCalls;
    expect(sipCall).toMatchObject({
      id: dialed.body.id,
      state: 'ACTIVE',
      headerNames: ['X-Room'],
      authUsername: 'bob',
    });
    expect(JSON.stringify(state)).not.toContain('hunter2-secret');
    const created = (await feedOf(running.url, sessionId)).find((event) => event.event === 'sipCallCreated');
    expect(created?.call).toMatchObject({ id: dialed.body.id, connectionId: dialed.body.connectionId });
  });

  it('publishes video when asked, accepts rb string booleans and the /call alias', async () => {
    const running = await emulator();
    const { sessionId } = await liveSession(running.url);
    const dialed = await call('POST', project(running.url, 'call'), {
      sessionId,
      token: token(sessionId, { role: 'moderator' }),
      sip: { uri: 'sips:desk@pbx.example.com', video: 'true', observeForceMute: 'true', secure: true, extra: 1 },
    });
    expect(dialed.status).toBe(200);
    const { state, session } = await sessionState(running, sessionId);
    expect(session.streams.find((stream) => stream.streamId === dialed.body.streamId)).toMatchObject({
      hasVideo: true,
      name: '',
    });
    expect(state.sipCalls[0]).toMatchObject({ video: true, observeForceMute: true, secure: true });
  });

  it('refuses a bad URI or token (400), a subscriber (403), an unknown session (404), a relayed session (409)', async () => {
    const running = await emulator();
    const { sessionId } = await liveSession(running.url);
    const dial = (body: Record<string, unknown>) => call('POST', project(running.url, 'dial'), body);
    const good = { sessionId, token: token(sessionId), sip: SIP };
    expect((await dial({ ...good, sip: { uri: 'tel:+15551234567' } })).status).toBe(400);
    expect((await dial({ ...good, sip: undefined })).status).toBe(400);
    const forged = `${good.token.slice(0, -4)}AAAA`;
    const badToken = await dial({ ...good, token: forged });
    expect(badToken.status).toBe(400);
    expect(JSON.stringify(badToken.body)).not.toContain(forged);
    expect((await dial({ ...good, sessionId: 'not-a-session' })).status).toBe(400);
    expect((await dial({ ...good, token: token(sessionId, { role: 'subscriber' }) })).status).toBe(403);
    const other = await createSession(running.url);
    expect((await dial({ ...good, token: token(other) })).status).toBe(400);
    const unknown = other.replace(/.{6}$/, 'AAAAAA');
    expect([400, 404]).toContain((await dial({ ...good, sessionId: unknown })).status);
    const relayed = await createSession(running.url, { 'p2p.preference': 'enabled' });
    expect((await dial({ sessionId: relayed, token: token(relayed), sip: SIP })).status).toBe(409);
  });
});

describe('play DTMF', () => {
  it('records the digits as an event for the session or the one connection', async () => {
    const running = await emulator();
    const { sessionId } = await liveSession(running.url);
    const dial = () => call('POST', project(running.url, 'dial'), { sessionId, token: token(sessionId), sip: SIP });
    const first = (await dial()).body;
    const second = (await dial()).body;
    const all = await call('POST', project(running.url, `session/${sessionId}/play-dtmf`), { digits: '1713#p2' });
    expect(all.status).toBe(200);
    expect(all.body).toBe('');
    const one = await call(
      'POST',
      project(running.url, `session/${sessionId}/connection/${second.connectionId}/play-dtmf`),
      {
        digits: '*9',
      },
    );
    expect(one.status).toBe(200);
    const { state } = await sessionState(running, sessionId);
    const digits = (id: string) => state.sipCalls.find((sip) => sip.id === id)?.dtmf.map((entry) => entry.digits);
    expect(digits(first.id)).toEqual(['1713#p2']);
    expect(digits(second.id)).toEqual(['1713#p2', '*9']);
    const dtmf = (await feedOf(running.url, sessionId)).filter((event) => event.event === 'dtmf');
    expect(dtmf).toEqual([
      expect.objectContaining({ digits: '1713#p2', connectionId: null, to: [first.connectionId, second.connectionId] }),
      expect.objectContaining({ digits: '*9', connectionId: second.connectionId, to: [second.connectionId] }),
    ]);
  });

  it('answers 400 Invalid DTMF Digits, 404 for an unknown session or connection', async () => {
    const running = await emulator();
    const { sessionId } = await liveSession(running.url);
    const invalid = await call('POST', project(running.url, `session/${sessionId}/play-dtmf`), { digits: '12a' });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ message: 'Invalid DTMF Digits' });
    expect((await call('POST', project(running.url, `session/${sessionId}/play-dtmf`), {})).status).toBe(400);
    const path = `session/${sessionId}/connection/0b7e2b2e-0000-4000-8000-000000000000/play-dtmf`;
    expect((await call('POST', project(running.url, path), { digits: '1' })).status).toBe(404);
    const unknown = sessionId.replace(/.{6}$/, 'AAAAAA');
    expect([400, 404]).toContain(
      (await call('POST', project(running.url, `session/${unknown}/play-dtmf`), { digits: '1' })).status,
    );
  });
});

describe('ending a SIP call', () => {
  it('ends when its connection is disconnected: HANGUP, its stream leaves, sipCallDestroyed in the feed', async () => {
    const running = await emulator();
    const { sessionId } = await liveSession(running.url);
    const dialed = (await call('POST', project(running.url, 'dial'), { sessionId, token: token(sessionId), sip: SIP }))
      .body;
    await running.disconnect(sessionId, dialed.connectionId);
    const { state, session } = await sessionState(running, sessionId);
    expect(state.sipCalls[0]).toMatchObject({ state: 'HANGUP', reason: expect.any(String) });
    expect(session.streams.map((stream) => stream.streamId)).not.toContain(dialed.streamId);
    const feed = await feedOf(running.url, sessionId);
    expect(feed.map((event) => event.event)).toContain('sipCallDestroyed');
  });
});

describe('observeForceMute', () => {
  it('a call that observes force mute follows mute all (sipMuteForced on and off); one that does not, does not', async () => {
    const running = await emulator();
    const { sessionId } = await liveSession(running.url);
    const dial = async (observeForceMute: boolean) =>
      (
        await call('POST', project(running.url, 'dial'), {
          sessionId,
          token: token(sessionId),
          sip: { ...SIP, observeForceMute },
        })
      ).body;
    const observing = await dial(true);
    const ignoring = await dial(false);
    const mute = (body: Record<string, unknown>) =>
      call('POST', project(running.url, `session/${sessionId}/mute`), body);
    expect((await mute({ active: true, excludedStreamIds: [] })).status).toBe(200);
    const forced = async () => {
      const { state } = await sessionState(running, sessionId);
      return Object.fromEntries(state.sipCalls.map((sip) => [sip.id, sip.muteForced]));
    };
    expect(await forced()).toEqual({ [observing.id]: true, [ignoring.id]: false });
    expect((await mute({ active: false })).status).toBe(200);
    expect(await forced()).toEqual({ [observing.id]: false, [ignoring.id]: false });
    const events = (await feedOf(running.url, sessionId)).filter((event) => event.event === 'sipMuteForced');
    expect(events.map((event) => [event.call.id, event.active])).toEqual([
      [observing.id, true],
      [observing.id, false],
    ]);
  });
});
