/**
 * The `OpenTok` class's live session namespaces (`sessions`, `connections`, `streams`) against
 * the emulator: they are the REST client's, each call reaches the session (read back from its
 * event feed with `emulator.events`), and failures are the REST client's typed errors.
 */
import { type RunningEmulator, type SessionFeedEvent, startEmulator } from '@opentok/emulator';
import { InvalidArgumentError, NotFoundError, OpenTok } from 'opentok';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let emulator: RunningEmulator;
let opentok: OpenTok;

beforeAll(async () => {
  emulator = await startEmulator({ host: '127.0.0.1', port: 0 });
  const [{ apiKey, apiSecret }] = emulator.projects as [{ apiKey: string; apiSecret: string }];
  opentok = new OpenTok(apiKey, apiSecret, { apiUrl: emulator.url, retry: 0 });
});
afterAll(async () => {
  await emulator?.close();
});

/** Every event of the session so far (the iterator stops at the last one recorded). */
async function eventsOf(sessionId: string) {
  const { lastSeq } = (await (await fetch(`${emulator.url}/_emulator/sessions/${sessionId}/events`)).json()) as {
    lastSeq: number;
  };
  const events: SessionFeedEvent[] = [];
  if (lastSeq === 0) return events;
  for await (const event of emulator.events(sessionId)) {
    events.push(event);
    if (event.seq === lastSeq) break;
  }
  return events;
}

describe('OpenTok: live session control', () => {
  it('exposes the REST client’s sessions, connections and streams', () => {
    expect(opentok.sessions).toBe(opentok.client.sessions);
    expect(opentok.connections).toBe(opentok.client.connections);
    expect(opentok.streams).toBe(opentok.client.streams);
    expect(typeof opentok.sessions.signal).toBe('function');
  });

  it('signals, mutes all but the presenter and disconnects a participant', async () => {
    const { sessionId } = await opentok.createSession({ mediaMode: 'routed' });
    const join = (name: string) =>
      emulator.connect(sessionId, opentok.generateToken(sessionId), { publish: true, name }) as Promise<{
        connectionId: string;
        streamId: string;
      }>;
    const presenter = await join('presenter');
    const guest = await join('guest');
    const before = (await eventsOf(sessionId)).length;

    await opentok.sessions.signal(sessionId, { type: 'notice', data: 'starting' });
    await opentok.sessions.muteAll(sessionId, { excludedStreamIds: [presenter.streamId] });
    await opentok.connections.disconnect(sessionId, guest.connectionId);
    const events = (await eventsOf(sessionId)).slice(before);
    expect(events.map((event) => event.event)).toEqual([
      'signal',
      'forceMuteAll',
      'streamPropertyChanged',
      'streamDestroyed',
      'connectionDestroyed',
    ]);
    expect(events[2]).toMatchObject({ streamId: guest.streamId, changedProperty: 'audioMuted', newValue: true });
    expect((await opentok.streams.list(sessionId)).items.map((stream) => stream.name)).toEqual(['presenter']);
    expect((await opentok.connections.list(sessionId)).items.map((item) => item.connectionId)).toEqual([
      presenter.connectionId,
    ]);

    await expect(opentok.streams.get(sessionId, guest.streamId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(opentok.sessions.signal(sessionId, { data: 'x'.repeat(8193) })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
  });
});
