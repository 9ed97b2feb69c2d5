/**
 * Every broadcast operation against the emulator over real HTTP: start (HLS and RTMP), get,
 * list and all, layout, streams in manual mode, stop (`broadcastUrls` becomes `null`), and the
 * service's refusals mapped to their error classes.
 */
import { startEmulator } from '@opentok/emulator';
import { generateToken } from '@opentok/token';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createClient } from './client.js';
import { ConflictError, InvalidRequestError, NotFoundError } from './errors.js';

const API_KEY = '123456';
const API_SECRET = 'Zq9xW3kP7mN2vB8cR4tY6uH1jL5gF0dS3aE7wQ9z';

let emulator: Awaited<ReturnType<typeof startEmulator>>;
let client: Client;
beforeAll(async () => {
  emulator = await startEmulator({ projects: [{ apiKey: API_KEY, apiSecret: API_SECRET }] });
  client = createClient({ apiKey: API_KEY, apiSecret: API_SECRET, apiUrl: emulator.url, retry: 0 });
});
afterAll(async () => {
  await emulator?.close();
});

/** A routed session with one publishing client; resolves with the session and its stream. */
async function liveSession(): Promise<{ sessionId: string; streamId: string }> {
  const { sessionId } = await client.sessions.create({ mediaMode: 'routed' });
  const token = generateToken({ apiKey: API_KEY, apiSecret: API_SECRET }, sessionId, { role: 'publisher' });
  const response = await fetch(`${emulator.url}/_emulator/sessions/${encodeURIComponent(sessionId)}/connections`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, publish: true }),
  });
  expect(response.status).toBe(201);
  const { streamId } = (await response.json()) as { streamId: string };
  return { sessionId, streamId };
}

const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('broadcasts against the emulator', () => {
  it('starts with HLS and RTMP, reads, lists, changes the layout, and stops', async () => {
    const { sessionId } = await liveSession();
    const rtmp = [{ id: 'yt', serverUrl: 'rtmps://a.rtmp.youtube.com/live2', streamName: 'k3x9-2m4q' }];
    const started = await client.broadcasts.start(sessionId, {
      outputs: { hls: { dvr: true }, rtmp },
      resolution: '1280x720',
      maxDuration: 600,
      layout: { type: 'bestFit', screenshareType: 'pip' },
    });
    expect(started).toMatchObject({ sessionId, status: 'started', resolution: '1280x720', projectId: API_KEY });
    expect(started.broadcastUrls?.hls).toMatch(/^https?:\/\/.+\.m3u8/);
    expect(started.broadcastUrls?.rtmp).toEqual([expect.objectContaining({ ...rtmp[0], status: expect.any(String) })]);

    expect(await client.broadcasts.get(started.id)).toMatchObject({ id: started.id, status: 'started' });
    const page = await client.broadcasts.list({ sessionId });
    expect(page.items.map((item) => item.id)).toContain(started.id);
    const all = [];
    for await (const item of client.broadcasts.all({ sessionId, pageSize: 1 })) all.push(item.id);
    expect(all).toContain(started.id);

    await expect(client.broadcasts.setLayout(started.id, { type: 'pip' })).resolves.toBeUndefined();
    await expect(
      client.broadcasts.setLayout(started.id, { type: 'custom', stylesheet: 'stream { width: 50% }' }),
    ).resolves.toBeUndefined();

    const stopped = await client.broadcasts.stop(started.id);
    expect(stopped).toMatchObject({ id: started.id, status: 'stopped', broadcastUrls: null });
    expect(await caught(client.broadcasts.stop(started.id))).toBeInstanceOf(NotFoundError);
  });

  it('adds and removes streams in manual stream mode; refuses them in auto mode', async () => {
    const { sessionId, streamId } = await liveSession();
    const manual = await client.broadcasts.start(sessionId, {
      outputs: { hls: {} },
      streamMode: 'manual',
      multiBroadcastTag: 'manual',
    });
    await expect(client.broadcasts.addStream(manual.id, streamId, { hasVideo: false })).resolves.toBeUndefined();
    expect((await client.broadcasts.get(manual.id)).streams).toEqual([{ streamId, hasAudio: true, hasVideo: false }]);
    await expect(client.broadcasts.removeStream(manual.id, streamId)).resolves.toBeUndefined();

    // One HLS output per session: the second broadcast streams to RTMP only.
    const auto = await client.broadcasts.start(sessionId, {
      outputs: { rtmp: [{ serverUrl: 'rtmp://live.example/app', streamName: 'key' }] },
      multiBroadcastTag: 'auto',
    });
    const refused = await caught(client.broadcasts.addStream(auto.id, streamId));
    expect(refused).toBeInstanceOf(InvalidRequestError);
    expect((refused as InvalidRequestError).status).toBe(405);
    await client.broadcasts.stop(manual.id);
    await client.broadcasts.stop(auto.id);
  });

  it('refuses a second broadcast of a session without a distinct tag (409), and unknown IDs (404)', async () => {
    const { sessionId } = await liveSession();
    const first = await client.broadcasts.start(sessionId, { outputs: { hls: {} } });
    expect(await caught(client.broadcasts.start(sessionId, { outputs: { hls: {} } }))).toBeInstanceOf(ConflictError);
    const missing = '00000000-0000-4000-8000-000000000000';
    expect(await caught(client.broadcasts.get(missing))).toBeInstanceOf(NotFoundError);
    expect(await caught(client.broadcasts.setLayout(missing, { type: 'pip' }))).toBeInstanceOf(NotFoundError);
    await client.broadcasts.stop(first.id);
  });
});
