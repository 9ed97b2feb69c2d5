/**
 * Signals, connections, streams and moderation against the emulator over real HTTP: each
 * call, each error status mapped to its class, the client-side limits, and the emulator's
 * event feed showing what each call did.
 */
import { startEmulator } from '@opentok/emulator';
import { generateToken, InvalidArgumentError } from '@opentok/token';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createClient } from './client.js';
import { AuthenticationError, InvalidRequestError, NotFoundError } from './errors.js';
import { toSignalBody } from './signals.js';

const API_KEY = '123456';
const API_SECRET = 'Zq9xW3kP7mN2vB8cR4tY6uH1jL5gF0dS3aE7wQ9z';
const UNKNOWN_SESSION = '1_MX4xMjM0NTZ-fjE3Mzk1Mzg4OTQ5NTl-eH5-fg';

let emulator: Awaited<ReturnType<typeof startEmulator>>;
let client: Client;
beforeAll(async () => {
  emulator = await startEmulator({ projects: [{ apiKey: API_KEY, apiSecret: API_SECRET }] });
  client = createClient({ apiKey: API_KEY, apiSecret: API_SECRET, apiUrl: emulator.url, retry: 0 });
});
afterAll(async () => {
  await emulator?.close();
});

// biome-ignore lint/suspicious/noExplicitAny: events are read field by field and asserted
type AnyEvent = any;

/** A routed session with `count` publishing clients, and a reader of its event feed. */
async function liveSession(count: number, initialLayoutClassList?: string[]) {
  const { sessionId } = await client.sessions.create({ mediaMode: 'routed' });
  const clients = [];
  for (let index = 0; index < count; index++) {
    const token = generateToken({ apiKey: API_KEY, apiSecret: API_SECRET }, sessionId, {
      role: 'publisher',
      ...(initialLayoutClassList ? { initialLayoutClassList } : {}),
    });
    const joined = await emulator.connect(sessionId, token, { publish: true, name: `client ${index}` });
    clients.push(joined as { connectionId: string; streamId: string });
  }
  const seen = async () => {
    const response = await fetch(`${emulator.url}/_emulator/sessions/${sessionId}/events`);
    return ((await response.json()) as AnyEvent).lastSeq as number;
  };
  const mark = await seen();
  /** The events since the session's clients joined (or since `after`). */
  const events = async (after = mark): Promise<AnyEvent[]> => {
    const response = await fetch(`${emulator.url}/_emulator/sessions/${sessionId}/events?after=${after}`);
    return ((await response.json()) as AnyEvent).events;
  };
  return { sessionId, clients, events, seen };
}

const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('sessions.signal', () => {
  it('signals the whole session, or one connection only', async () => {
    const { sessionId, clients, events } = await liveSession(2);
    await expect(client.sessions.signal(sessionId, { type: 'chat', data: 'hello all' })).resolves.toBeUndefined();
    await client.sessions.signal(sessionId, { data: 'just you' }, { connectionId: clients[1]!.connectionId });
    await client.connections.signal(sessionId, clients[0]!.connectionId, { type: 'x', data: '' });
    expect(await events()).toMatchObject([
      { event: 'signal', type: 'chat', data: 'hello all', from: null, to: clients.map((one) => one.connectionId) },
      { event: 'signal', type: '', data: 'just you', to: [clients[1]!.connectionId] },
      { event: 'signal', type: 'x', data: '', to: [clients[0]!.connectionId] },
    ]);
  });

  it('checks the limits before sending: type up to 128 bytes, data up to 8 kB of UTF-8', async () => {
    const { sessionId, events } = await liveSession(1);
    await client.sessions.signal(sessionId, { type: 'é'.repeat(64), data: '€'.repeat(2730) });
    const refusals: Array<[unknown, string]> = [
      [{ type: 'é'.repeat(65), data: '' }, 'payload.type'],
      [{ data: 'x'.repeat(8193) }, 'payload.data'],
      [{ data: '€'.repeat(2731) }, 'payload.data'],
      [{ type: 'a' }, 'payload.data'],
      [{ data: 5 }, 'payload.data'],
      [{ type: 7, data: '' }, 'payload.type'],
      [{ data: '', tpye: 'a' }, 'payload.tpye'],
      [undefined, 'payload'],
    ];
    for (const [payload, argument] of refusals) {
      const error = await caught(client.sessions.signal(sessionId, payload as never));
      expect(error, argument).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).argument).toBe(argument);
    }
    const unknownOption = await caught(client.sessions.signal(sessionId, { data: '' }, { connection: 'a' } as never));
    expect(unknownOption).toBeInstanceOf(InvalidArgumentError);
    // Only the first call reached the session.
    expect((await events()).map((event: AnyEvent) => event.type.length)).toEqual([64]);
  });

  it('accepts every payload within the limits and refuses every one beyond (property)', () => {
    // Runs of 1- to 4-byte characters: about half of each beyond its limit (checked with fc.sample).
    const piece = (max: number) =>
      fc.tuple(fc.constantFrom('a', 'é', '€', '😀'), fc.nat(max)).map(([c, n]) => c.repeat(n));
    const text = (max: number) => fc.tuple(piece(max), piece(max)).map(([first, second]) => first + second);
    fc.assert(
      fc.property(text(70), text(2600), (type, data) => {
        const bytes = (value: string) => new TextEncoder().encode(value).length;
        const fits = bytes(type) <= 128 && bytes(data) <= 8192;
        let accepted = true;
        try {
          expect(toSignalBody({ type, data })).toEqual({ type, data });
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidArgumentError);
          accepted = false;
        }
        return accepted === fits;
      }),
    );
  });

  it('maps the service’s answers: 404 unknown session or connection, 413 oversize, 403 bad credentials', async () => {
    const { sessionId } = await liveSession(1);
    expect(await caught(client.sessions.signal(UNKNOWN_SESSION, { data: 'x' }))).toBeInstanceOf(NotFoundError);
    const connection = { connectionId: '00000000-0000-4000-8000-000000000000' };
    expect(await caught(client.sessions.signal(sessionId, { data: 'x' }, connection))).toBeInstanceOf(NotFoundError);
    // The client checks the limits itself; the service's 413 is still an InvalidRequestError.
    const oversize = await caught(
      createClient({
        apiKey: API_KEY,
        apiSecret: API_SECRET,
        apiUrl: emulator.url,
        retry: 0,
        fetch: (url, init) => fetch(url, { ...init, body: JSON.stringify({ data: 'x'.repeat(9000) }) }),
      }).sessions.signal(sessionId, { data: 'x' }),
    );
    expect(oversize).toBeInstanceOf(InvalidRequestError);
    expect((oversize as InvalidRequestError).status).toBe(413);
    const stranger = createClient({ apiKey: API_KEY, apiSecret: 'wrong-secret', apiUrl: emulator.url, retry: 0 });
    expect(await caught(stranger.sessions.signal(sessionId, { data: 'x' }))).toBeInstanceOf(AuthenticationError);
  });
});

describe('connections', () => {
  it('lists connections, and a disconnect ends the streams then the connection', async () => {
    const { sessionId, clients, events } = await liveSession(2);
    const list = await client.connections.list(sessionId);
    expect(list.count).toBe(2);
    expect(list.items.map(({ connectionId, connectionState }) => [connectionId, connectionState])).toEqual(
      clients.map(({ connectionId }) => [connectionId, 'Connected']),
    );
    expect(list.items[0]!.createdAt).toBeGreaterThan(0);
    await expect(client.connections.disconnect(sessionId, clients[0]!.connectionId)).resolves.toBeUndefined();
    expect(await events()).toMatchObject([
      { event: 'streamDestroyed', reason: 'forceDisconnected', stream: { streamId: clients[0]!.streamId } },
      { event: 'connectionDestroyed', reason: 'forceDisconnected', to: [clients[1]!.connectionId] },
    ]);
    expect((await client.connections.list(sessionId)).count).toBe(1);
    const state = await emulator.state();
    const session = state.sessions.find((one) => one.sessionId === sessionId)!;
    expect(session.connections.map(({ connectionId }) => connectionId)).toEqual([clients[1]!.connectionId]);
    expect(await caught(client.connections.disconnect(sessionId, clients[0]!.connectionId))).toBeInstanceOf(
      NotFoundError,
    );
    expect(await caught(client.connections.list(UNKNOWN_SESSION))).toBeInstanceOf(NotFoundError);
    expect(await caught(client.connections.list('nope'))).toBeInstanceOf(InvalidRequestError);
    expect(await caught(client.connections.disconnect(sessionId, ''))).toBeInstanceOf(InvalidArgumentError);
  });
});

describe('streams', () => {
  it('lists and reads streams; a session without streams lists none', async () => {
    const { sessionId, clients } = await liveSession(2, ['grid']);
    const list = await client.streams.list(sessionId);
    expect(list).toEqual({
      count: 2,
      items: clients.map(({ streamId }, index) => ({
        id: streamId,
        videoType: 'camera',
        name: `client ${index}`,
        layoutClassList: ['grid'],
      })),
    });
    expect(await client.streams.get(sessionId, clients[1]!.streamId)).toEqual(list.items[1]);
    expect(await caught(client.streams.get(sessionId, 'unknown'))).toBeInstanceOf(NotFoundError);
    const empty = await liveSession(0);
    expect(await client.streams.list(empty.sessionId)).toEqual({ count: 0, items: [] });
    // As the service answers 404 for a session without streams, so does an unknown session here.
    expect(await client.streams.list(UNKNOWN_SESSION)).toEqual({ count: 0, items: [] });
  });

  it('sets class lists in one call; each change shows in the feed', async () => {
    const { sessionId, clients, events } = await liveSession(2, ['grid']);
    await expect(
      client.streams.setClassLists(sessionId, [
        { id: clients[0]!.streamId, layoutClassList: ['full', 'focus'] },
        { id: clients[1]!.streamId, layoutClassList: [] },
      ]),
    ).resolves.toBeUndefined();
    expect((await client.streams.get(sessionId, clients[0]!.streamId)).layoutClassList).toEqual(['full', 'focus']);
    expect(await events()).toMatchObject([
      { event: 'streamPropertyChanged', streamId: clients[0]!.streamId, newValue: ['full', 'focus'] },
      { event: 'streamPropertyChanged', streamId: clients[1]!.streamId, oldValue: ['grid'], newValue: [] },
    ]);
    const bad: unknown[] = [
      [],
      'x',
      [{ id: clients[0]!.streamId }],
      [{ id: '', layoutClassList: [] }],
      [{ id: 'a', layoutClassList: [1] }],
      [{ id: 'a', layoutClassList: [], extra: 1 }],
    ];
    for (const items of bad) {
      expect(
        await caught(client.streams.setClassLists(sessionId, items as never)),
        JSON.stringify(items),
      ).toBeInstanceOf(InvalidArgumentError);
    }
    const unknown = [{ id: 'unknown', layoutClassList: [] }];
    expect(await caught(client.streams.setClassLists(sessionId, unknown))).toBeInstanceOf(NotFoundError);
  });
});

describe('moderation', () => {
  it('mutes one stream and returns nothing, even though the service answers with project details', async () => {
    const { sessionId, clients, events } = await liveSession(2);
    const answers: string[] = [];
    const watching = createClient({
      apiKey: API_KEY,
      apiSecret: API_SECRET,
      apiUrl: emulator.url,
      retry: 0,
      hooks: {
        afterResponse: [async (_request, response) => void answers.push(await response.clone().text())],
      },
    });
    await expect(watching.streams.mute(sessionId, clients[0]!.streamId)).resolves.toBeUndefined();
    expect(answers[0]).toContain('"status":"ACTIVE"');
    expect(await events()).toMatchObject([
      { event: 'streamPropertyChanged', streamId: clients[0]!.streamId, changedProperty: 'audioMuted', newValue: true },
    ]);
    expect(await caught(client.streams.mute(sessionId, 'unknown'))).toBeInstanceOf(NotFoundError);
    expect(await caught(client.streams.mute(UNKNOWN_SESSION, clients[0]!.streamId))).toBeInstanceOf(NotFoundError);
  });

  it('mutes all but the excluded streams; a stream published later arrives muted until force mute is disabled', async () => {
    const { sessionId, clients, events } = await liveSession(3);
    const presenter = clients[1]!.streamId;
    await expect(client.sessions.muteAll(sessionId, { excludedStreamIds: [presenter] })).resolves.toBeUndefined();
    const after = await events();
    expect(after[0]).toMatchObject({ event: 'forceMuteAll', active: true, excludedStreamIds: [presenter] });
    expect(after.slice(1).map((event: AnyEvent) => event.streamId)).toEqual([
      clients[0]!.streamId,
      clients[2]!.streamId,
    ]);
    const publish = () =>
      emulator.connect(sessionId, generateToken({ apiKey: API_KEY, apiSecret: API_SECRET }, sessionId), {
        publish: true,
      });
    const late = await publish();
    const lateEvent = (await events()).find((event: AnyEvent) => event.stream?.streamId === late.streamId);
    expect(lateEvent).toMatchObject({ event: 'streamCreated', stream: { audioMuted: true } });
    await expect(client.sessions.disableForceMute(sessionId)).resolves.toBeUndefined();
    const afterDisable = await publish();
    const lastEvents = await events();
    expect(lastEvents.find((event: AnyEvent) => event.event === 'forceMuteAll' && !event.active)).toBeDefined();
    expect(
      lastEvents.find((event: AnyEvent) => event.stream?.streamId === afterDisable.streamId).stream.audioMuted,
    ).toBe(false);
    await client.sessions.muteAll(sessionId);
    const again = (await events()).filter((event: AnyEvent) => event.event === 'forceMuteAll').at(-1);
    expect(again).toMatchObject({ active: true, excludedStreamIds: [] });
    expect(await caught(client.sessions.muteAll(UNKNOWN_SESSION))).toBeInstanceOf(NotFoundError);
    expect(await caught(client.sessions.disableForceMute(UNKNOWN_SESSION))).toBeInstanceOf(NotFoundError);
    for (const options of [{ excludedStreamIds: 'a' }, { excludedStreamIds: [''] }, { excluded: [] }]) {
      expect(await caught(client.sessions.muteAll(sessionId, options as never))).toBeInstanceOf(InvalidArgumentError);
    }
  });
});
