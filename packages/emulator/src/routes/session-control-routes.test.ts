import { describe, expect, it } from 'vitest';
import { API_KEY, call, connect, createSession, emulator, JSON_HEADERS } from '../../test/support.js';

// biome-ignore lint/suspicious/noExplicitAny: events are read field by field and asserted
type AnyEvent = any;

async function setup(publishers = 2) {
  const { url } = await emulator();
  const sessionId = await createSession(url);
  const clients: Array<{ connectionId: string; streamId: string }> = [];
  for (let index = 0; index < publishers; index++) {
    const joined = await connect(url, sessionId, true, { initialLayoutClassList: ['grid'] });
    clients.push(joined.body as { connectionId: string; streamId: string });
  }
  const base = `${url}/v2/project/${API_KEY}/session/${sessionId}`;
  const feed = async (after = 0): Promise<AnyEvent[]> =>
    ((await (await fetch(`${url}/_emulator/sessions/${sessionId}/events?after=${after}`)).json()) as AnyEvent).events;
  const last = async () =>
    ((await (await fetch(`${url}/_emulator/sessions/${sessionId}/events`)).json()) as AnyEvent).lastSeq;
  return { url, sessionId, base, clients, feed, last };
}

describe('signals', () => {
  it('reach every connection (204), or one connection only', async () => {
    const { base, clients, feed, last } = await setup();
    const before = await last();
    expect((await call('POST', `${base}/signal`, { type: 'chat', data: 'hello' })).status).toBe(204);
    const one = await call('POST', `${base}/connection/${clients[1]!.connectionId}/signal`, { data: 'psst', extra: 1 });
    expect(one.status).toBe(204);
    expect(one.body).toBe('');
    const events = await feed(before);
    expect(events).toMatchObject([
      { event: 'signal', type: 'chat', data: 'hello', from: null, to: clients.map((client) => client.connectionId) },
      { event: 'signal', type: '', data: 'psst', from: null, to: [clients[1]!.connectionId] },
    ]);
  });

  it('answers 400 for a bad body, 413 beyond 128 bytes of type or 8 kB of data, 404 for unknown targets', async () => {
    const { url, base, feed, last } = await setup(1);
    const before = await last();
    for (const body of [{}, { data: 5 }, { type: 3, data: 'x' }, { data: null }, '[1]', '{']) {
      expect((await call('POST', `${base}/signal`, body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await call('POST', `${base}/signal`, { type: 'é'.repeat(64), data: '' })).status).toBe(204);
    expect((await call('POST', `${base}/signal`, { type: 'é'.repeat(65), data: '' })).status).toBe(413);
    expect((await call('POST', `${base}/signal`, { data: 'x'.repeat(8192) })).status).toBe(204);
    expect((await call('POST', `${base}/signal`, { data: 'x'.repeat(8193) })).status).toBe(413);
    const unknownConnection = `${base}/connection/00000000-0000-4000-8000-000000000000/signal`;
    expect((await call('POST', unknownConnection, { data: 'x' })).status).toBe(404);
    const unknownSession = `${url}/v2/project/${API_KEY}/session/1_MX4xMjM0NTZ-fjE3Mzk1Mzg4OTQ5NTl-eH5-fg/signal`;
    expect((await call('POST', unknownSession, { data: 'x' })).status).toBe(404);
    expect((await call('POST', `${url}/v2/project/${API_KEY}/session/nope/signal`, { data: 'x' })).status).toBe(400);
    const unsigned = await fetch(`${base}/signal`, { method: 'POST', body: '{"data":"x"}' });
    expect(unsigned.status).toBe(403);
    expect((await feed(before)).map((event: AnyEvent) => event.data.length)).toEqual([0, 8192]);
  });
});

describe('connections', () => {
  it('lists the connections, and force disconnect ends the streams then the connection', async () => {
    const { url, base, clients, feed, last } = await setup();
    const list = await call('GET', `${base}/connection`);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ count: 2, projectId: API_KEY });
    expect(list.body.items.map((item: AnyEvent) => [item.connectionId, item.connectionState])).toEqual(
      clients.map((client) => [client.connectionId, 'Connected']),
    );
    expect(typeof list.body.items[0].createdAt).toBe('number');
    const before = await last();
    const gone = await call('DELETE', `${base}/connection/${clients[0]!.connectionId}`);
    expect(gone.status).toBe(204);
    expect(await feed(before)).toMatchObject([
      { event: 'streamDestroyed', reason: 'forceDisconnected', stream: { streamId: clients[0]!.streamId } },
      {
        event: 'connectionDestroyed',
        reason: 'forceDisconnected',
        connection: { connectionId: clients[0]!.connectionId },
      },
    ]);
    // biome-ignore lint/suspicious/noExplicitAny: read field by field
    const state: any = await (await fetch(`${url}/_emulator/state`)).json();
    expect(state.sessions[0].connections.map((item: AnyEvent) => item.connectionId)).toEqual([
      clients[1]!.connectionId,
    ]);
    expect((await call('DELETE', `${base}/connection/${clients[0]!.connectionId}`)).status).toBe(404);
    expect((await call('GET', `${base}/connection`)).body.count).toBe(1);
  });

  it('pauses an archive when a force disconnect empties the session', async () => {
    const { base, url, sessionId, clients } = await setup(1);
    const archive = await call('POST', `${url}/v2/project/${API_KEY}/archive`, { sessionId });
    expect(archive.status).toBe(200);
    await call('DELETE', `${base}/connection/${clients[0]!.connectionId}`);
    const read = await call('GET', `${url}/v2/project/${API_KEY}/archive/${archive.body.id}`);
    expect(read.body.status).toBe('paused');
  });
});

describe('streams', () => {
  it('lists and reads streams as the service shows them', async () => {
    const { base, clients } = await setup();
    const list = await call('GET', `${base}/stream`);
    expect(list.status).toBe(200);
    expect(list.body).toEqual({
      count: 2,
      items: clients.map((client) => ({
        id: client.streamId,
        videoType: 'camera',
        name: '',
        layoutClassList: ['grid'],
      })),
    });
    const one = await call('GET', `${base}/stream/${clients[1]!.streamId}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(list.body.items[1]);
    expect((await call('GET', `${base}/stream/nope`)).status).toBe(404);
  });

  it('sets class lists, all or none, and records each change', async () => {
    const { base, clients, feed, last } = await setup();
    const before = await last();
    const items = [
      { id: clients[0]!.streamId, layoutClassList: ['full', 'focus'] },
      { id: clients[1]!.streamId, layoutClassList: [] },
    ];
    const answer = await call('PUT', `${base}/stream`, { items });
    expect(answer.status).toBe(200);
    expect(answer.body).toBe('');
    expect((await call('GET', `${base}/stream/${clients[0]!.streamId}`)).body.layoutClassList).toEqual([
      'full',
      'focus',
    ]);
    expect(await feed(before)).toMatchObject([
      {
        event: 'streamPropertyChanged',
        changedProperty: 'layoutClassList',
        oldValue: ['grid'],
        newValue: ['full', 'focus'],
      },
      { event: 'streamPropertyChanged', changedProperty: 'layoutClassList', oldValue: ['grid'], newValue: [] },
    ]);
    const bad = [
      {},
      { items: [] },
      { items: [{ id: clients[0]!.streamId, layoutClassList: 'full' }] },
      { items: [{ layoutClassList: [] }] },
    ];
    for (const body of bad) expect((await call('PUT', `${base}/stream`, body)).status, JSON.stringify(body)).toBe(400);
    const mixed = [
      { id: clients[0]!.streamId, layoutClassList: ['x'] },
      { id: 'unknown', layoutClassList: [] },
    ];
    expect((await call('PUT', `${base}/stream`, { items: mixed })).status).toBe(404);
    expect((await call('GET', `${base}/stream/${clients[0]!.streamId}`)).body.layoutClassList).toEqual([
      'full',
      'focus',
    ]);
    const single = await call('PUT', `${base}/stream/${clients[1]!.streamId}`, { layoutClassList: ['solo'] });
    expect(single.status).toBe(204);
    expect((await call('GET', `${base}/stream/${clients[1]!.streamId}`)).body.layoutClassList).toEqual(['solo']);
  });
});

describe('moderation', () => {
  it('mutes one stream: 200 with the project details, never its secret', async () => {
    const { base, clients, feed, last } = await setup();
    const before = await last();
    const answer = await call('POST', `${base}/stream/${clients[0]!.streamId}/mute`, {});
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ id: API_KEY, status: 'ACTIVE', name: `Project ${API_KEY}`, environment: 'standard' });
    expect(await feed(before)).toMatchObject([
      { event: 'streamPropertyChanged', streamId: clients[0]!.streamId, changedProperty: 'audioMuted', newValue: true },
    ]);
    const noBody = await fetch(`${base}/stream/${clients[0]!.streamId}/mute`, {
      method: 'POST',
      headers: JSON_HEADERS,
    });
    expect(noBody.status).toBe(200);
    expect((await call('POST', `${base}/stream/unknown/mute`)).status).toBe(404);
  });

  it('mutes all but the excluded streams, mutes streams published later, until force mute is disabled', async () => {
    const { url, sessionId, base, clients, feed, last } = await setup(3);
    const before = await last();
    const excluded = clients[1]!.streamId;
    const answer = await call('POST', `${base}/mute`, { active: true, excludedStreamIds: [excluded] });
    expect(answer.status).toBe(200);
    const events = await feed(before);
    expect(events[0]).toMatchObject({ event: 'forceMuteAll', active: true, excludedStreamIds: [excluded] });
    expect(events.slice(1).map((event: AnyEvent) => event.streamId)).toEqual([
      clients[0]!.streamId,
      clients[2]!.streamId,
    ]);
    const later = (await connect(url, sessionId, true)).body;
    const published = (await feed()).find((event: AnyEvent) => event.stream?.streamId === later.streamId);
    expect(published).toMatchObject({ event: 'streamCreated', stream: { audioMuted: true } });
    expect((await call('POST', `${base}/mute`, { active: false })).status).toBe(200);
    const afterDisable = (await connect(url, sessionId, true)).body;
    // biome-ignore lint/suspicious/noExplicitAny: read field by field
    const state: any = await (await fetch(`${url}/_emulator/state`)).json();
    const muted = Object.fromEntries(
      state.sessions[0].streams.map((stream: AnyEvent) => [stream.streamId, stream.audioMuted]),
    );
    expect(muted).toEqual({
      [clients[0]!.streamId]: true,
      [clients[1]!.streamId]: false,
      [clients[2]!.streamId]: true,
      [later.streamId!]: true,
      [afterDisable.streamId!]: false,
    });
    expect(state.sessions[0].forceMute).toEqual({ active: false, excludedStreamIds: [] });
  });

  it('takes the names and forms the SDKs send, and refuses a bad body with 400', async () => {
    const { base, clients, url } = await setup(2);
    expect(
      (await call('POST', `${base}/mute`, { active: 'true', excludedStreams: [clients[0]!.streamId] })).status,
    ).toBe(200);
    // biome-ignore lint/suspicious/noExplicitAny: read field by field
    const state: any = await (await fetch(`${url}/_emulator/state`)).json();
    expect(state.sessions[0].forceMute.excludedStreamIds).toEqual([clients[0]!.streamId]);
    for (const body of [
      {},
      { active: 'yes' },
      { active: true, excludedStreamIds: 'a' },
      { active: true, excludedStreamIds: [1] },
    ]) {
      expect((await call('POST', `${base}/mute`, body)).status, JSON.stringify(body)).toBe(400);
    }
    const unknown = `${url}/v2/project/${API_KEY}/session/1_MX4xMjM0NTZ-fjE3Mzk1Mzg4OTQ5NTl-eH5-fg/mute`;
    expect((await call('POST', unknown, { active: true })).status).toBe(404);
  });
});
