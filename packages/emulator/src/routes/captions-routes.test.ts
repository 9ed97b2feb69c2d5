import { describe, expect, it } from 'vitest';
import { feedOf, liveSession, project, token } from '../../test/connectors.js';
import { API_KEY, call, createSession, emulator } from '../../test/support.js';

describe('live captions', () => {
  it('starts (202 { captionsId }), one per session (409), reads the status, stops (202), events in the feed', async () => {
    const running = await emulator();
    const { sessionId } = await liveSession(running.url);
    const moderator = token(sessionId, { role: 'moderator' });
    const started = await call('POST', project(running.url, 'captions'), {
      sessionId,
      token: moderator,
      languageCode: 'fr-FR',
      maxDuration: 600,
      partialCaptions: 'false',
      statusCallbackUrl: null,
    });
    expect(started.status).toBe(202);
    expect(started.body).toEqual({ captionsId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const { captionsId } = started.body;

    const second = await call('POST', project(running.url, 'captions'), { sessionId, token: moderator });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 60003 });

    const status = await call('GET', project(running.url, `captions/${captionsId}`));
    expect(status.status).toBe(200);
    expect(status.body).toEqual({
      captionId: captionsId,
      projectId: API_KEY,
      sessionId,
      status: 'started',
      createdAt: expect.any(Number),
      updatedAt: expect.any(Number),
      duration: expect.any(Number),
      languageCode: 'fr-FR',
      provider: 'aws-transcribe',
    });

    const stopped = await call('POST', project(running.url, `captions/${captionsId}/stop`));
    expect(stopped.status).toBe(202);
    expect(stopped.body).toBe('');
    expect((await call('GET', project(running.url, `captions/${captionsId}`))).body).toMatchObject({
      status: 'stopped',
      reason: expect.any(String),
    });
    expect((await call('POST', project(running.url, `captions/${captionsId}/stop`))).status).toBe(404);
    // Once stopped, the session may caption again.
    expect((await call('POST', project(running.url, 'captions'), { sessionId, token: moderator })).status).toBe(202);

    const events = (await feedOf(running.url, sessionId))
      .filter((event) => event.event.startsWith('captions'))
      .map((event) => [event.event, event.captions.status]);
    expect(events).toEqual([
      ['captionsStarted', 'started'],
      ['captionsStopped', 'stopped'],
      ['captionsStarted', 'started'],
    ]);
  });

  it('needs a moderator token (403), refuses bad options (400) and unknown jobs (404)', async () => {
    const running = await emulator();
    const { sessionId } = await liveSession(running.url);
    const start = (body: Record<string, unknown>) =>
      call('POST', project(running.url, 'captions'), {
        sessionId,
        token: token(sessionId, { role: 'moderator' }),
        ...body,
      });
    expect((await start({ token: token(sessionId, { role: 'publisher' }) })).status).toBe(403);
    for (const bad of [
      { languageCode: 'english' },
      { maxDuration: 299 },
      { maxDuration: 14_401 },
      { partialCaptions: 'yes' },
      { statusCallbackUrl: 'not a url' },
      { token: 'nonsense' },
      { sessionId: 'nonsense' },
    ]) {
      expect((await start(bad)).status, JSON.stringify(bad)).toBe(400);
    }
    const relayed = await createSession(running.url, { 'p2p.preference': 'enabled' });
    expect((await start({ sessionId: relayed, token: token(relayed, { role: 'moderator' }) })).status).toBe(400);
    const unknown = '0b7e2b2e-0000-4000-8000-000000000000';
    expect((await call('GET', project(running.url, `captions/${unknown}`))).status).toBe(404);
    expect((await call('POST', project(running.url, `captions/${unknown}/stop`))).status).toBe(404);
  });
});
