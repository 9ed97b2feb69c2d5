import { generateToken } from '@opentok/token';
import { describe, expect, it } from 'vitest';
import { API_KEY, CREDENTIALS, call, connect, createSession, emulator, post } from '../../test/support.js';

// biome-ignore lint/suspicious/noExplicitAny: events are read field by field and asserted
type AnyEvent = any;

describe('publishing and unpublishing through the control API', () => {
  it('adds a screen share beside the camera, then ends it alone', async () => {
    const { url } = await emulator();
    const sessionId = await createSession(url);
    const camera = (await connect(url, sessionId, true, { initialLayoutClassList: ['speaker'] })).body;
    const published = await post(`${url}/_emulator/sessions/${sessionId}/connections/${camera.connectionId}/streams`, {
      name: 'slides',
      videoType: 'screen',
      hasAudio: false,
    });
    expect(published.status).toBe(201);
    const screenId = published.body.streamId;
    const streams = await call('GET', `${url}/v2/project/${API_KEY}/session/${sessionId}/stream`);
    expect(streams.body.items).toEqual([
      { id: camera.streamId, videoType: 'camera', name: '', layoutClassList: ['speaker'] },
      { id: screenId, videoType: 'screen', name: 'slides', layoutClassList: ['speaker'] },
    ]);
    const gone = await fetch(`${url}/_emulator/sessions/${sessionId}/streams/${screenId}`, { method: 'DELETE' });
    expect(gone.status).toBe(204);
    const { events } = (await (
      await fetch(`${url}/_emulator/sessions/${sessionId}/events?after=2`)
    ).json()) as AnyEvent;
    expect(events).toMatchObject([
      { event: 'streamCreated', stream: { streamId: screenId, videoType: 'screen', hasAudio: false, hasVideo: true } },
      { event: 'streamDestroyed', reason: 'clientDisconnected', stream: { streamId: screenId } },
    ]);
    expect((await call('GET', `${url}/v2/project/${API_KEY}/session/${sessionId}/connection`)).body.count).toBe(1);
  });

  it('refuses a subscriber (403 role), unknown connections and streams (404), bad options (400)', async () => {
    const running = await emulator();
    const { url } = running;
    const sessionId = await createSession(url);
    const subscriber = (await connect(url, sessionId, false, { role: 'subscriber' })).body;
    const publisher = (await connect(url, sessionId, false)).body;
    const endpoint = (connectionId: string) =>
      `${url}/_emulator/sessions/${sessionId}/connections/${connectionId}/streams`;
    expect(await post(endpoint(subscriber.connectionId!), {})).toMatchObject({ status: 403, body: { reason: 'role' } });
    expect((await post(endpoint('00000000-0000-4000-8000-000000000000'), {})).status).toBe(404);
    expect((await post(endpoint(publisher.connectionId!), { videoType: 'hologram' })).status).toBe(400);
    expect((await post(endpoint(publisher.connectionId!), { name: 5 })).status).toBe(400);
    expect((await fetch(`${url}/_emulator/sessions/${sessionId}/streams/nope`, { method: 'DELETE' })).status).toBe(404);
    await expect(running.publish(sessionId, subscriber.connectionId!)).rejects.toThrow(/subscriber/);
    const { streamId } = await running.publish(sessionId, publisher.connectionId!, { videoType: 'custom' });
    await running.unpublish(sessionId, streamId);
    await expect(running.unpublish(sessionId, streamId)).rejects.toThrow(/Stream not found/);
  });

  it('publishes muted while the session is force-muted', async () => {
    const running = await emulator();
    const sessionId = await createSession(running.url);
    const { connectionId } = await running.connect(sessionId, generateToken(CREDENTIALS, sessionId));
    await call('POST', `${running.url}/v2/project/${API_KEY}/session/${sessionId}/mute`, { active: true });
    const { streamId } = await running.publish(sessionId, connectionId);
    const session = (await running.state()).sessions[0]!;
    expect(session.streams.find((stream) => stream.streamId === streamId)?.audioMuted).toBe(true);
  });
});
