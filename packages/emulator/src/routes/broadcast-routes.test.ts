import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { API_KEY, call, connect, createSession, emulator } from '../../test/support.js';

const broadcasts = (url: string) => `${url}/v2/project/${API_KEY}/broadcast`;
const HLS_AND_RTMP = {
  hls: { dvr: true },
  rtmp: [
    { id: 'yt', serverUrl: 'rtmps://a.rtmp.youtube.com/live2', streamName: 'k3x9-2m4q' },
    { serverUrl: 'rtmp://example.com/live', streamName: 'second' },
  ],
};

async function liveSession(url: string) {
  const sessionId = await createSession(url, { 'p2p.preference': 'disabled' });
  const joined = await connect(url, sessionId, true);
  return { sessionId, connectionId: joined.body.connectionId!, streamId: joined.body.streamId! };
}

describe('the broadcast lifecycle', () => {
  it('starts connecting, goes live with time, lists, stops with broadcastUrls null, then 404 on a second stop', async () => {
    let now = Date.now();
    const { url } = await emulator({ now: () => now, broadcastLiveMs: 1000 });
    const { sessionId } = await liveSession(url);
    const started = await call('POST', broadcasts(url), {
      sessionId,
      outputs: HLS_AND_RTMP,
      resolution: '1280x720',
      maxBitrate: 2_000_000,
      multiBroadcastTag: 'stage-main',
    });
    expect(started.status).toBe(200);
    const id = started.body.id as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(started.body).toEqual({
      id,
      sessionId,
      projectId: 123456,
      partnerId: 123456,
      createdAt: now,
      updatedAt: now,
      status: 'started',
      event: 'broadcast',
      resolution: '1280x720',
      maxDuration: 14400,
      maxBitrate: 2_000_000,
      hasAudio: true,
      hasVideo: true,
      streamMode: 'auto',
      multiBroadcastTag: 'stage-main',
      settings: { hls: { dvr: true, lowLatency: false } },
      broadcastUrls: {
        hls: `${url}/_emulator/media/broadcast/${id}/playlist.m3u8?DVR`,
        hlsStatus: 'connecting',
        rtmp: [
          { id: 'yt', serverUrl: 'rtmps://a.rtmp.youtube.com/live2', streamName: 'k3x9-2m4q', status: 'connecting' },
          { id: 'rtmp-2', serverUrl: 'rtmp://example.com/live', streamName: 'second', status: 'connecting' },
        ],
      },
    });
    const startedAt = now;
    now += 500;
    const ready = (await call('GET', `${broadcasts(url)}/${id}`)).body;
    expect(ready.broadcastUrls.hlsStatus).toBe('ready');
    expect(ready.updatedAt).toBe(startedAt + 500);
    now += 500;
    const live = (await call('GET', `${broadcasts(url)}/${id}`)).body;
    expect(live.broadcastUrls.hlsStatus).toBe('live');
    expect(live.broadcastUrls.rtmp.map(({ status }: { status: string }) => status)).toEqual(['live', 'live']);
    const listed = await call('GET', `${broadcasts(url)}/?sessionId=${sessionId}`);
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({ count: 1, items: [{ id, status: 'started' }] });
    now += 1000;
    // py sends no body on stop, with a JSON content type.
    const stopped = await call('POST', `${broadcasts(url)}/${id}/stop`);
    expect(stopped.status).toBe(200);
    expect(stopped.body).toMatchObject({ id, status: 'stopped', broadcastUrls: null, updatedAt: now });
    expect((await call('POST', `${broadcasts(url)}/${id}/stop`, {})).status).toBe(404);
    expect((await call('GET', `${broadcasts(url)}/${id}`)).body.status).toBe('stopped');
    expect((await call('GET', broadcasts(url))).body).toEqual({ count: 0, items: [] });
    expect((await call('GET', `${broadcasts(url)}/not-a-broadcast`)).status).toBe(404);
  });

  it('allows a second broadcast of a session only with a distinct multiBroadcastTag', async () => {
    const { url } = await emulator();
    const { sessionId } = await liveSession(url);
    const rtmp = (name: string) => ({ rtmp: [{ serverUrl: 'rtmp://example.com/live', streamName: name }] });
    expect((await call('POST', broadcasts(url), { sessionId, outputs: rtmp('a') })).status).toBe(200);
    const second = await call('POST', broadcasts(url), { sessionId, outputs: rtmp('b') });
    expect(second.status).toBe(409);
    expect(second.body.message).toBe('Session is already composed for given tag');
    expect(
      (await call('POST', broadcasts(url), { sessionId, outputs: rtmp('c'), multiBroadcastTag: 'x' })).status,
    ).toBe(200);
    expect(
      (await call('POST', broadcasts(url), { sessionId, outputs: rtmp('d'), multiBroadcastTag: 'x' })).status,
    ).toBe(409);
    // Five RTMP targets per session: two are in use.
    const four = Array.from({ length: 4 }, (_, index) => ({ serverUrl: 'rtmp://e.com/l', streamName: `s${index}` }));
    const tooMany = await call('POST', broadcasts(url), { sessionId, outputs: { rtmp: four }, multiBroadcastTag: 'y' });
    expect(tooMany.status).toBe(400);
    expect((await call('GET', broadcasts(url))).body.count).toBe(2);
  });

  it('refuses bad starts and sessions nobody joined; accepts what real SDKs send', async () => {
    const { url } = await emulator();
    const { sessionId } = await liveSession(url);
    const hls = { hls: {} };
    for (const body of [
      { sessionId },
      { sessionId, outputs: {} },
      { sessionId, outputs: { hls: { dvr: true, lowLatency: true } } },
      { sessionId, outputs: { rtmp: [{ serverUrl: 'http://x', streamName: 'a' }] } },
      { sessionId, outputs: { rtmp: [{ serverUrl: 'rtmp://x', streamName: ' ' }] } },
      { sessionId, outputs: { rtmp: Array.from({ length: 6 }, () => ({ serverUrl: 'rtmp://x', streamName: 'a' })) } },
      { sessionId, outputs: hls, maxDuration: 59 },
      { sessionId, outputs: hls, maxBitrate: 99_999 },
      { sessionId, outputs: hls, resolution: '1x1' },
      { sessionId, outputs: hls, hasAudio: false, hasVideo: 'false' },
      { sessionId, outputs: hls, layout: { type: 'custom' } },
      { sessionId: 'nope', outputs: hls },
    ]) {
      expect((await call('POST', broadcasts(url), body)).status, JSON.stringify(body)).toBe(400);
    }
    const empty = await createSession(url, { 'p2p.preference': 'disabled' });
    expect((await call('POST', broadcasts(url), { sessionId: empty, outputs: hls })).status).toBe(404);
    const relayed = await createSession(url, { 'p2p.preference': 'enabled' });
    await connect(url, relayed, true);
    expect((await call('POST', broadcasts(url), { sessionId: relayed, outputs: hls })).status).toBe(409);
    // php's maxBitRate, unknown keys, nulls and "true" strings: accepted.
    const lenient = await call('POST', broadcasts(url), {
      sessionId,
      outputs: { hls: { dvr: 'true', lowLatency: null }, rtmp: null },
      maxBitRate: 2_000_000,
      api_key: API_KEY,
      name: null,
      hasAudio: 'true',
      hasVideo: null,
      layout: { type: 'bestFit', screenshareType: 'pip', extra: 1 },
    });
    expect(lenient.status).toBe(200);
    expect(lenient.body).toMatchObject({ hasAudio: true, hasVideo: true, settings: { hls: { dvr: true } } });
  });
});

describe('broadcasts stopping by themselves', () => {
  it('stop at maxDuration', async () => {
    let now = Date.now();
    const { url } = await emulator({ now: () => now });
    const { sessionId } = await liveSession(url);
    const { body } = await call('POST', broadcasts(url), { sessionId, outputs: { hls: {} }, maxDuration: 60 });
    now += 59_999;
    expect((await call('GET', `${broadcasts(url)}/${body.id}`)).body.status).toBe('started');
    now += 1;
    const ended = (await call('GET', `${broadcasts(url)}/${body.id}`)).body;
    expect(ended).toMatchObject({ status: 'stopped', broadcastUrls: null, updatedAt: body.createdAt + 60_000 });
  });

  it('go on while nobody is connected, end their outputs, and stop after the paused timeout', async () => {
    let now = Date.now();
    const { url } = await emulator({ now: () => now, broadcastLiveMs: 0, broadcastPausedTimeoutMs: 10_000 });
    const { sessionId, connectionId } = await liveSession(url);
    const { body } = await call('POST', broadcasts(url), {
      sessionId,
      outputs: { hls: {}, rtmp: [{ serverUrl: 'rtmp://x/y', streamName: 'z' }] },
    });
    const read = async () => (await call('GET', `${broadcasts(url)}/${body.id}`)).body;
    expect((await read()).broadcastUrls.hlsStatus).toBe('live');
    await fetch(`${url}/_emulator/sessions/${sessionId}/connections/${connectionId}`, { method: 'DELETE' });
    const idle = await read();
    expect(idle.status).toBe('started');
    expect(idle.broadcastUrls.hlsStatus).toBe('ended');
    expect(idle.broadcastUrls.rtmp[0].status).toBe('offline');
    now += 5000;
    const back = await connect(url, sessionId, true);
    expect((await read()).broadcastUrls.hlsStatus).toBe('live');
    await fetch(`${url}/_emulator/sessions/${sessionId}/connections/${back.body.connectionId}`, { method: 'DELETE' });
    now += 9999;
    expect((await read()).status).toBe('started');
    now += 1;
    expect(await read()).toMatchObject({ status: 'stopped', broadcastUrls: null });
  });
});

describe('broadcast layout and streams', () => {
  it('sets the layout (200, empty), and adds and removes streams in manual mode only (204)', async () => {
    const { url } = await emulator();
    const { sessionId, streamId } = await liveSession(url);
    const auto = (await call('POST', broadcasts(url), { sessionId, outputs: { hls: {} } })).body;
    const layout = await call('PUT', `${broadcasts(url)}/${auto.id}/layout`, { type: 'pip' });
    expect(layout).toMatchObject({ status: 200, body: '' });
    expect((await call('PUT', `${broadcasts(url)}/${auto.id}/layout`, { type: 'nope' })).status).toBe(400);
    expect((await call('PUT', `${broadcasts(url)}/unknown/layout`, { type: 'pip' })).status).toBe(404);
    expect((await call('PATCH', `${broadcasts(url)}/${auto.id}/streams`, { addStream: streamId })).status).toBe(405);

    const manual = (
      await call('POST', broadcasts(url), {
        sessionId,
        outputs: { rtmp: [{ serverUrl: 'rtmp://x/y', streamName: 'z' }] },
        streamMode: 'manual',
        multiBroadcastTag: 'manual',
      })
    ).body;
    expect(manual.streams).toEqual([]);
    const streams = `${broadcasts(url)}/${manual.id}/streams`;
    // vnode sends the broadcast ID in the body too.
    const added = await call('PATCH', streams, { addStream: streamId, hasAudio: 'false', broadcastId: manual.id });
    expect(added).toMatchObject({ status: 204, body: '' });
    expect((await call('GET', `${broadcasts(url)}/${manual.id}`)).body.streams).toEqual([
      { streamId, hasAudio: false, hasVideo: true },
    ]);
    expect((await call('PATCH', streams, { addStream: 'unknown-stream' })).status).toBe(404);
    expect((await call('PATCH', streams, { removeStream: streamId })).status).toBe(204);
    expect((await call('PATCH', streams, { removeStream: streamId })).status).toBe(404);
    expect((await call('PATCH', streams, {})).status).toBe(400);
  });
});

const ffprobe = ['/usr/bin/ffprobe', '/usr/local/bin/ffprobe'].find((path) => existsSync(path));

describe('the HLS playlist', () => {
  it('is a valid m3u8 whose fragmented-MP4 segments are the test pattern', async () => {
    let now = Date.now();
    const { url } = await emulator({ now: () => now });
    const { sessionId } = await liveSession(url);
    const { body } = await call('POST', broadcasts(url), { sessionId, outputs: { hls: {} } });
    now += 9000;
    const live = await fetch(body.broadcastUrls.hls);
    expect(live.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    const text = await live.text();
    expect(text.startsWith('#EXTM3U\n')).toBe(true);
    expect(text).toContain('#EXT-X-MAP:URI="init.mp4"');
    expect(text).not.toContain('#EXT-X-ENDLIST');
    const segments = text.split('\n').filter((line) => line.endsWith('.m4s'));
    expect(segments).toEqual(['segment-1.m4s', 'segment-2.m4s', 'segment-3.m4s']);
    const base = body.broadcastUrls.hls.replace(/playlist\.m3u8.*$/, '');
    const init = Buffer.from(await (await fetch(`${base}init.mp4`)).arrayBuffer());
    expect(init.toString('ascii', 4, 8)).toBe('ftyp');
    const segment = Buffer.from(await (await fetch(`${base}segment-3.m4s`)).arrayBuffer());
    expect(segment.toString('ascii', 4, 8)).toBe('moof');
    expect((await fetch(`${base}segment-4.m4s`)).status).toBe(404);

    await call('POST', `${broadcasts(url)}/${body.id}/stop`);
    const ended = await (await fetch(body.broadcastUrls.hls)).text();
    expect(ended).toContain('#EXT-X-ENDLIST');
    expect(ended.split('\n').filter((line) => line.endsWith('.m4s'))).toHaveLength(5);
    if (!ffprobe) {
      console.warn(
        '[emulator broadcast tests] ffprobe not found: the HLS cross-check is SKIPPED; install it with apt-get install -y --no-install-recommends ffmpeg',
      );
      return;
    }
    const { stdout } = await promisify(execFile)(ffprobe, [
      '-v',
      'error',
      '-show_entries',
      'stream=codec_type,width,height:format=duration',
      '-of',
      'json',
      body.broadcastUrls.hls,
    ]);
    const probed = JSON.parse(stdout) as { streams: Array<Record<string, unknown>>; format: { duration: string } };
    expect(probed.streams).toEqual([{ codec_type: 'video', width: 160, height: 128 }]);
    expect(Number(probed.format.duration)).toBeCloseTo(10, 0);
  });
});
