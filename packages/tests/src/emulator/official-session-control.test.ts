/**
 * Interop: the official `opentok` npm client (2.23.2, aliased as `official-opentok`) drives a
 * running session in `@opentok/emulator` — signal, forceDisconnect, listStreams, getStream,
 * setStreamClassLists, forceMuteStream, forceMuteAll, disableForceMute — while a real HTTP
 * client reads the session's event feed as server-sent events and checks what each call did.
 */
import { createRequire } from 'node:module';
import { type RunningEmulator, startEmulator } from '@opentok/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

type Callback<T> = (error: Error | null, result?: T) => void;
interface OfficialStream {
  id: string;
  name: string;
  videoType: string;
  layoutClassList: string[];
}
interface OfficialOpenTok {
  createSession(options: Record<string, string>, callback: Callback<{ sessionId: string }>): void;
  generateToken(sessionId: string, options?: Record<string, unknown>): string;
  signal(
    sessionId: string,
    connectionId: string | null,
    payload: Record<string, unknown>,
    callback: Callback<void>,
  ): void;
  forceDisconnect(sessionId: string, connectionId: string, callback: Callback<void>): void;
  getStream(sessionId: string, streamId: string, callback: Callback<OfficialStream>): void;
  listStreams(sessionId: string, callback: Callback<OfficialStream[]>): void;
  setStreamClassLists(
    sessionId: string,
    items: Array<{ id: string; layoutClassList: string[] }>,
    callback: Callback<void>,
  ): void;
  forceMuteStream(sessionId: string, streamId: string, callback: Callback<void>): void;
  forceMuteAll(sessionId: string, options: Record<string, unknown>, callback: Callback<void>): void;
  disableForceMute(sessionId: string, callback: Callback<void>): void;
}
const OpenTok = require('official-opentok') as new (
  apiKey: string,
  apiSecret: string,
  options: { apiUrl: string },
) => OfficialOpenTok;

/** Calls a callback API; resolves with [error, result]. */
function settle<T>(start: (callback: Callback<T>) => void): Promise<[Error | null, T | undefined]> {
  return new Promise((resolve) => start((error, result) => resolve([error ?? null, result])));
}

async function succeed<T>(start: (callback: Callback<T>) => void): Promise<T> {
  const [error, result] = await settle(start);
  if (error) throw new Error(`official client failed: ${error.message}`);
  return result as T;
}

// biome-ignore lint/suspicious/noExplicitAny: events are read field by field and asserted
type AnyEvent = any;

/**
 * Follows a session's events as server-sent events with `fetch` (a real HTTP client): each
 * `next()` resolves with the next event's parsed `data`, checked against its `event` and `id` lines.
 */
async function followEvents(url: string, sessionId: string) {
  const controller = new AbortController();
  const response = await fetch(`${url}/_emulator/sessions/${sessionId}/events`, {
    headers: { Accept: 'text/event-stream' },
    signal: controller.signal,
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const next = async (): Promise<AnyEvent> => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const lines = Object.fromEntries(
          block
            .split('\n')
            .filter((line) => !line.startsWith(':') && line.includes(':'))
            .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trimStart()]),
        );
        if (lines.data === undefined) continue;
        const data = JSON.parse(lines.data);
        expect(lines.event).toBe(data.event);
        expect(Number(lines.id)).toBe(data.seq);
        return data;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('the event stream ended');
      buffer += value;
    }
  };
  /** The next `count` events. */
  const take = async (count: number) => {
    const events: AnyEvent[] = [];
    for (let index = 0; index < count; index++) events.push(await next());
    return events;
  };
  return { take, close: () => controller.abort() };
}

let emulator: RunningEmulator;
let opentok: OfficialOpenTok;

beforeAll(async () => {
  emulator = await startEmulator({ log: () => {} });
  const [project] = emulator.projects;
  opentok = new OpenTok(project!.apiKey, project!.apiSecret, { apiUrl: emulator.url });
});
afterAll(() => emulator.close());

/** A routed session with publishers joined through the emulator with the official client's tokens. */
async function liveSession(names: string[]) {
  const { sessionId } = await succeed<{ sessionId: string }>((done) =>
    opentok.createSession({ mediaMode: 'routed' }, done),
  );
  const clients = [];
  for (const name of names) {
    const token = opentok.generateToken(sessionId, { role: 'publisher', initialLayoutClassList: ['grid'] });
    clients.push(
      (await emulator.connect(sessionId, token, { publish: true, name })) as {
        connectionId: string;
        streamId: string;
      },
    );
  }
  const feed = await followEvents(emulator.url, sessionId);
  // The backlog: each client's connectionCreated and streamCreated.
  expect((await feed.take(names.length * 2)).map((event) => event.event)).toEqual(
    names.flatMap(() => ['connectionCreated', 'streamCreated']),
  );
  return { sessionId, clients, feed };
}

describe('the official client drives a running session', () => {
  it('signal: to the whole session, then to one connection; 404 is its SignalError', async () => {
    const { sessionId, clients, feed } = await liveSession(['ann', 'bob']);
    await succeed((done) => opentok.signal(sessionId, null, { type: 'chat', data: 'hello' }, done));
    await succeed((done) => opentok.signal(sessionId, clients[1]!.connectionId, { type: 'dm', data: 'hi bob' }, done));
    expect(await feed.take(2)).toMatchObject([
      { event: 'signal', type: 'chat', data: 'hello', to: clients.map((client) => client.connectionId) },
      { event: 'signal', type: 'dm', data: 'hi bob', to: [clients[1]!.connectionId] },
    ]);
    const [error] = await settle((done) =>
      opentok.signal(sessionId, '00000000-0000-4000-8000-000000000000', { data: 'x' }, done),
    );
    expect(error?.message).toBe('Session or Connection not found');
    feed.close();
  });

  it('forceDisconnect: the stream ends, then the connection, both forceDisconnected', async () => {
    const { sessionId, clients, feed } = await liveSession(['ann', 'bob']);
    await succeed((done) => opentok.forceDisconnect(sessionId, clients[0]!.connectionId, done));
    expect(await feed.take(2)).toMatchObject([
      { event: 'streamDestroyed', reason: 'forceDisconnected', stream: { streamId: clients[0]!.streamId } },
      {
        event: 'connectionDestroyed',
        reason: 'forceDisconnected',
        connection: { connectionId: clients[0]!.connectionId },
      },
    ]);
    const [error] = await settle((done) => opentok.forceDisconnect(sessionId, clients[0]!.connectionId, done));
    expect(error?.message).toMatch(/not found/i);
    const state = await emulator.state();
    const session = state.sessions.find((one) => one.sessionId === sessionId)!;
    expect(session.connections.map((connection) => connection.connectionId)).toEqual([clients[1]!.connectionId]);
    feed.close();
  });

  it('listStreams and setStreamClassLists; getStream fails on a JSON answer, as against the service', async () => {
    const { sessionId, clients, feed } = await liveSession(['ann', 'bob']);
    const streams = await succeed<OfficialStream[]>((done) => opentok.listStreams(sessionId, done));
    expect(streams.map((stream) => ({ ...stream }))).toEqual(
      clients.map(({ streamId }, index) => ({
        id: streamId,
        name: ['ann', 'bob'][index],
        videoType: 'camera',
        layoutClassList: ['grid'],
      })),
    );
    await succeed((done) =>
      opentok.setStreamClassLists(sessionId, [{ id: clients[0]!.streamId, layoutClassList: ['full', 'focus'] }], done),
    );
    expect(await feed.take(1)).toMatchObject([
      {
        event: 'streamPropertyChanged',
        streamId: clients[0]!.streamId,
        changedProperty: 'layoutClassList',
        newValue: ['full', 'focus'],
      },
    ]);
    // opentok 2.23 runs JSON.parse on the already parsed body of getStream (docs/protocol.md §6.7).
    const [error] = await settle<OfficialStream>((done) => opentok.getStream(sessionId, clients[0]!.streamId, done));
    expect(error).toBeInstanceOf(SyntaxError);
    const [missing] = await settle<OfficialStream>((done) => opentok.getStream(sessionId, 'unknown', done));
    expect(missing?.message).toMatch(/not found/i);
    feed.close();
  });

  it('forceMuteStream, forceMuteAll with exclusions (and its misspelt option), disableForceMute', async () => {
    const { sessionId, clients, feed } = await liveSession(['presenter', 'ann', 'bob']);
    await succeed((done) => opentok.forceMuteStream(sessionId, clients[1]!.streamId, done));
    expect(await feed.take(1)).toMatchObject([
      { event: 'streamPropertyChanged', streamId: clients[1]!.streamId, changedProperty: 'audioMuted', newValue: true },
    ]);
    await succeed((done) => opentok.forceMuteAll(sessionId, { excludedStreamIds: [clients[0]!.streamId] }, done));
    // The forceMuteAll event, then bob's mute: ann is muted already, the presenter excluded.
    expect(await feed.take(2)).toMatchObject([
      { event: 'forceMuteAll', active: true, excludedStreamIds: [clients[0]!.streamId] },
      { event: 'streamPropertyChanged', streamId: clients[2]!.streamId, newValue: true },
    ]);
    const late = await emulator.connect(sessionId, opentok.generateToken(sessionId), { publish: true });
    const [, lateStream] = await feed.take(2);
    expect(lateStream).toMatchObject({ event: 'streamCreated', stream: { streamId: late.streamId, audioMuted: true } });
    await succeed((done) => opentok.disableForceMute(sessionId, done));
    expect(await feed.take(1)).toMatchObject([{ event: 'forceMuteAll', active: false, excludedStreamIds: [] }]);
    // node's own documentation spells the option excudedStreamIds; the emulator reads it too.
    await succeed((done) => opentok.forceMuteAll(sessionId, { excudedStreamIds: [clients[0]!.streamId] }, done));
    expect(await feed.take(1)).toMatchObject([{ event: 'forceMuteAll', excludedStreamIds: [clients[0]!.streamId] }]);
    const [error] = await settle((done) => opentok.forceMuteStream(sessionId, 'unknown', done));
    expect(error?.message).toMatch(/not found/i);
    feed.close();
  });
});
