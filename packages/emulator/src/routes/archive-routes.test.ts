import { generateRestToken, generateToken } from '@opentok/token';
import { describe, expect, it } from 'vitest';
import {
  API_KEY,
  CREDENTIALS,
  call,
  connect,
  createSession,
  emulator,
  eventually,
  PARTNER_AUTH,
} from '../../test/support.js';

const archives = (url: string) => `${url}/v2/project/${API_KEY}/archive`;

async function routedSessionWithPublisher(url: string) {
  const sessionId = await createSession(url, { 'p2p.preference': 'disabled' });
  const joined = await connect(url, sessionId, true);
  expect(joined.status).toBe(201);
  return { sessionId, connectionId: joined.body.connectionId!, streamId: joined.body.streamId! };
}

describe('the archive lifecycle', () => {
  it('starts, stops, becomes available with a URL that serves an MP4 of that size, deletes', async () => {
    const { url } = await emulator({ archiveProcessingMs: 50 });
    const { sessionId } = await routedSessionWithPublisher(url);
    const started = await call('POST', archives(url), { sessionId, name: 'demo' });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({
      status: 'started',
      name: 'demo',
      sessionId,
      projectId: 123456,
      partnerId: 123456,
      size: 0,
      duration: 0,
      outputMode: 'composed',
      resolution: '640x480',
      hasAudio: true,
      hasVideo: true,
      streamMode: 'auto',
      url: null,
      reason: '',
    });
    const id = started.body.id as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    const stopped = await call('POST', `${archives(url)}/${id}/stop`, {});
    expect(stopped.status).toBe(200);
    expect(stopped.body).toMatchObject({ id, status: 'stopped', reason: 'user initiated', url: null });

    const available = await eventually(async () => {
      const { body } = await call('GET', `${archives(url)}/${id}`);
      return body.status === 'available' ? body : undefined;
    });
    expect(available.size).toBeGreaterThan(200_000);
    expect(available.url).toBe(`${url}/_emulator/media/${id}/archive.mp4`);
    const head = await fetch(available.url, { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe(String(available.size));
    // The 2013 beta path serves the same archives.
    expect((await call('GET', `${url}/v2/partner/${API_KEY}/archive/${id}`)).body).toEqual(available);
    const media = await fetch(available.url);
    expect(media.headers.get('content-type')).toBe('video/mp4');
    expect(media.headers.get('content-length')).toBe(String(available.size));
    const bytes = Buffer.from(await media.arrayBuffer());
    expect(bytes.length).toBe(available.size);
    expect(bytes.toString('ascii', 4, 8)).toBe('ftyp');

    const deleted = await call('DELETE', `${archives(url)}/${id}`);
    expect(deleted.status).toBe(204);
    expect((await call('GET', `${archives(url)}/${id}`)).body.status).toBe('deleted');
    expect((await call('GET', archives(url))).body).toEqual({ count: 0, items: [] });
    expect((await fetch(available.url)).status).toBe(404);
  });

  it('answers 404 for unknown sessions or no clients, 409 for relayed sessions and double starts', async () => {
    const { url } = await emulator();
    const routed = await createSession(url, { 'p2p.preference': 'disabled' });
    const noClients = await call('POST', archives(url), { sessionId: routed });
    expect(noClients.status).toBe(404);
    expect(noClients.body.message).toBe('Not found. No clients are actively connected to the OpenTok session.');
    const foreign = await call('POST', archives(url), { sessionId: '1_MX42NTQzMjF-fjE3Mzk1Mzg4OTQ5NTl-eH5-fg' });
    expect(foreign.status).toBe(404);

    const relayed = await createSession(url, { 'p2p.preference': 'enabled' });
    await connect(url, relayed, true);
    expect((await call('POST', archives(url), { sessionId: relayed })).status).toBe(409);

    await connect(url, routed, false);
    expect((await call('POST', archives(url), { sessionId: routed })).status).toBe(200);
    const again = await call('POST', archives(url), { sessionId: routed });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('A recording of the session is is already in progress.');
    // A different multiArchiveTag may record at the same time.
    expect((await call('POST', archives(url), { sessionId: routed, multiArchiveTag: 'second' })).status).toBe(200);
  });

  it('answers 404 for unknown archives, 409 for stopping twice or deleting while recording', async () => {
    const { url } = await emulator({ archiveProcessingMs: 60_000 });
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const [method, path] of [
      ['GET', unknown],
      ['POST', `${unknown}/stop`],
      ['DELETE', unknown],
    ] as const) {
      const answer = await call(method, `${archives(url)}/${path}`);
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual({ code: -1, message: 'Not found. You passed in an invalid archive ID.' });
    }
    expect((await call('GET', `${archives(url)}/not-a-uuid`)).status).toBe(400);

    const { sessionId } = await routedSessionWithPublisher(url);
    const { body } = await call('POST', archives(url), { sessionId });
    expect((await call('DELETE', `${archives(url)}/${body.id}`)).status).toBe(409);
    expect((await call('POST', `${archives(url)}/${body.id}/stop`)).status).toBe(200);
    const twice = await call('POST', `${archives(url)}/${body.id}/stop`);
    expect(twice.status).toBe(409);
    expect(twice.body.message).toBe('Conflict. You are trying to stop an archive that is not recording.');
    expect((await call('DELETE', `${archives(url)}/${body.id}`)).status).toBe(409); // stopped, not yet available
  });

  it('lists newest first with offset, count and sessionId, and the total in count', async () => {
    const { url } = await emulator();
    const first = await routedSessionWithPublisher(url);
    const second = await routedSessionWithPublisher(url);
    const ids: string[] = [];
    for (const [index, sessionId] of [first.sessionId, second.sessionId, first.sessionId].entries()) {
      const { body } = await call('POST', archives(url), { sessionId, multiArchiveTag: `tag${index}` });
      ids.push(body.id);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const all = await call('GET', archives(url));
    expect(all.body.count).toBe(3);
    expect(all.body.items.map((item: { id: string }) => item.id)).toEqual([...ids].reverse());
    const page = await call('GET', `${archives(url)}?offset=1&count=1`);
    expect(page.body).toMatchObject({ count: 3, items: [{ id: ids[1] }] });
    const filtered = await call('GET', `${archives(url)}?sessionId=${encodeURIComponent(first.sessionId)}`);
    expect(filtered.body.count).toBe(2);
    for (const query of ['offset=-1', 'count=1001', 'count=x']) {
      expect((await call('GET', `${archives(url)}?${query}`)).status).toBe(400);
    }
  });

  it('validates the start body', async () => {
    const { url } = await emulator();
    const { sessionId } = await routedSessionWithPublisher(url);
    for (const body of [
      {},
      { sessionId: 42 },
      { sessionId: 'garbage' },
      { sessionId, hasAudio: false, hasVideo: false },
      { sessionId, outputMode: 'individual', resolution: '640x480' },
      { sessionId, resolution: '1x1' },
      { sessionId, layout: { type: 'custom' } },
      { sessionId, layout: { type: 'pip', stylesheet: 'x' } },
      { sessionId, maxBitrate: 200000, quantizationParameter: 20 },
      { sessionId, unknownOption: true },
    ]) {
      expect((await call('POST', archives(url), body)).status, JSON.stringify(body)).toBe(400);
    }
    // py sends unset keys as null.
    const nulls = await call('POST', archives(url), {
      sessionId,
      name: null,
      hasAudio: null,
      outputMode: 'individual',
    });
    expect(nulls.status).toBe(200);
    expect(nulls.body).not.toHaveProperty('resolution');
  });

  it('changes layouts and, in manual stream mode only, the streams', async () => {
    const { url } = await emulator();
    const { sessionId, streamId } = await routedSessionWithPublisher(url);
    const auto = (await call('POST', archives(url), { sessionId })).body.id;
    expect((await call('PUT', `${archives(url)}/${auto}/layout`, { type: 'pip' })).status).toBe(200);
    expect((await call('PUT', `${archives(url)}/${auto}/layout`, { type: 'nope' })).status).toBe(400);
    expect((await call('PATCH', `${archives(url)}/${auto}/streams`, { addStream: streamId })).status).toBe(405);

    const manual = (await call('POST', archives(url), { sessionId, streamMode: 'manual', multiArchiveTag: 'm' })).body
      .id;
    const patch = (body: unknown) => call('PATCH', `${archives(url)}/${manual}/streams`, body);
    expect((await patch({ addStream: streamId, hasAudio: false })).status).toBe(204);
    expect((await call('GET', `${archives(url)}/${manual}`)).body.streams).toEqual([
      { streamId, hasAudio: false, hasVideo: true },
    ]);
    expect((await patch({ addStream: 'no-such-stream' })).status).toBe(404);
    expect((await patch({ addStream: streamId, removeStream: streamId })).status).toBe(400);
    expect((await patch({ removeStream: streamId })).status).toBe(204);
    expect((await patch({ removeStream: streamId })).status).toBe(404);
  });

  it('checks credentials per project, with all three schemes', async () => {
    const { url } = await emulator({ projects: [CREDENTIALS, { apiKey: '654321', apiSecret: 'another-secret' }] });
    const { sessionId } = await routedSessionWithPublisher(url);
    const list = (headers: Record<string, string>, key = API_KEY) =>
      fetch(`${url}/v2/project/${key}/archive`, { headers: { Accept: 'application/json', ...headers } });
    expect((await list({ 'X-OPENTOK-AUTH': generateRestToken(CREDENTIALS) })).status).toBe(200);
    expect((await list(PARTNER_AUTH)).status).toBe(200);
    const moderator = generateToken(CREDENTIALS, sessionId, { role: 'moderator', format: 't1' });
    expect((await list({ 'X-TB-TOKEN-AUTH': moderator })).status).toBe(200);
    expect((await list({})).status).toBe(403);
    const other = await list(PARTNER_AUTH, '654321');
    expect(other.status).toBe(403);
    expect(await other.text()).not.toContain('another-secret');
  });
});

describe('archiveMode always and pauses', () => {
  it('starts recording when the first client publishes, with the session’s archive name', async () => {
    const { url } = await emulator();
    const sessionId = await createSession(url, {
      'p2p.preference': 'disabled',
      archiveMode: 'always',
      archiveName: 'auto',
      archiveResolution: '1280x720',
    });
    await connect(url, sessionId, false);
    expect((await call('GET', archives(url))).body.count).toBe(0);
    await connect(url, sessionId, true);
    const { body } = await call('GET', archives(url));
    expect(body.count).toBe(1);
    expect(body.items[0]).toMatchObject({ sessionId, status: 'started', name: 'auto', resolution: '1280x720' });
    await connect(url, sessionId, true);
    expect((await call('GET', archives(url))).body.count).toBe(1);
  });

  it('pauses when everyone leaves, resumes when someone joins, stops 60 s after a pause', async () => {
    let now = Date.now();
    const { url } = await emulator({ now: () => now });
    const { sessionId, connectionId } = await routedSessionWithPublisher(url);
    const id = (await call('POST', archives(url), { sessionId })).body.id;
    const leave = await fetch(`${url}/_emulator/sessions/${sessionId}/connections/${connectionId}`, {
      method: 'DELETE',
    });
    expect(leave.status).toBe(204);
    expect((await call('GET', `${archives(url)}/${id}`)).body.status).toBe('paused');
    await connect(url, sessionId, false);
    expect((await call('GET', `${archives(url)}/${id}`)).body.status).toBe('started');
    const state = (await (await fetch(`${url}/_emulator/state`)).json()) as {
      sessions: Array<{ connections: Array<{ connectionId: string }> }>;
    };
    const connection = state.sessions[0]!.connections[0]!.connectionId;
    await fetch(`${url}/_emulator/sessions/${sessionId}/connections/${connection}`, { method: 'DELETE' });
    now += 60_000;
    const { body } = await call('GET', `${archives(url)}/${id}`);
    expect(body).toMatchObject({ status: 'available', reason: 'session ended', duration: 60 });
  });
});

describe('the legacy archive API', () => {
  it('serves the manifest of any archive, one video per recorded stream, and FLV download URLs', async () => {
    let now = Date.now();
    const { url } = await emulator({ now: () => now });
    const { sessionId } = await routedSessionWithPublisher(url);
    const archive = (await call('POST', archives(url), { sessionId, name: 'Song "Test" & co' })).body;
    now += 1500;
    await connect(url, sessionId, true);
    now += 2500;
    await call('POST', `${archives(url)}/${archive.id}/stop`);
    const moderator = generateToken(CREDENTIALS, sessionId, { role: 'moderator', format: 't1' });

    const manifest = await fetch(`${url}/archive/getmanifest/${archive.id}`, {
      headers: { 'X-TB-TOKEN-AUTH': moderator },
    });
    expect(manifest.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    const text = await manifest.text();
    expect(
      text.startsWith(`<manifest version="0.1" archiveid="${archive.id}" title="Song &quot;Test&quot; &amp; co">`),
    ).toBe(true);
    const videos = [...text.matchAll(/<video id="([0-9a-f-]{36})" length="(\d+)" name=""\/>/g)];
    expect(videos.map((match) => Number(match[2]))).toEqual([4000, 2500]);
    const events = [...text.matchAll(/<event type="PLAY" id="([0-9a-f-]{36})" offset="(\d+)" data="" \/>/g)];
    expect(events.map((match) => [match[1], Number(match[2])])).toEqual([
      [videos[0]![1], 0],
      [videos[1]![1], 1500],
    ]);
    // node 0.x reads the first video by splitting the resources on double quotes.
    const resources = text.split('<resources>')[1]!.split('</resources>')[0]!.split('"');
    expect([resources[1], resources[3], resources[5]]).toEqual([videos[0]![1], '4000', '']);
    expect((await fetch(`${url}/hl/archive/getmanifest/${archive.id}`, { headers: PARTNER_AUTH })).status).toBe(200);

    for (const prefix of ['/hl/archive/url', '/archive/url']) {
      const answer = await fetch(`${url}${prefix}/${archive.id}/${videos[1]![1]}`, {
        headers: { 'X-TB-TOKEN-AUTH': moderator },
      });
      expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const link = await answer.text();
      expect(link).toBe(`${url}/_emulator/media/${archive.id}/${videos[1]![1]}.flv`);
      const flv = await fetch(link);
      expect(flv.headers.get('content-type')).toBe('video/x-flv');
      const bytes = Buffer.from(await flv.arrayBuffer());
      expect(String(bytes.length)).toBe(flv.headers.get('content-length'));
      expect(bytes.toString('ascii', 0, 3)).toBe('FLV');
    }
  });

  it('refuses non-moderators, unknown archives and videos, and malformed IDs', async () => {
    const { url } = await emulator();
    const { sessionId } = await routedSessionWithPublisher(url);
    const archive = (await call('POST', archives(url), { sessionId })).body;
    const publisher = generateToken(CREDENTIALS, sessionId, { format: 't1' });
    const moderator = generateToken(CREDENTIALS, sessionId, { role: 'moderator', format: 't1' });
    const get = (path: string, token = moderator) => fetch(url + path, { headers: { 'X-TB-TOKEN-AUTH': token } });
    expect((await get(`/archive/getmanifest/${archive.id}`, publisher)).status).toBe(403);
    expect((await get('/archive/getmanifest/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await get('/archive/getmanifest/nope')).status).toBe(400);
    expect((await get(`/hl/archive/url/${archive.id}/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    const manifest = await (await get(`/archive/getmanifest/${archive.id}`)).text();
    const videoId = /<video id="([^"]+)"/.exec(manifest)![1];
    expect((await get(`/hl/archive/url/${archive.id}/${videoId}`)).status).toBe(409); // still recording
  });
});
