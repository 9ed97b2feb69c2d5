import { request } from 'node:http';
import { generateToken } from '@opentok/token';
import { describe, expect, it } from 'vitest';
import { CREDENTIALS, connect, createSession, emulator } from '../../test/support.js';

// biome-ignore lint/suspicious/noExplicitAny: events are read field by field and asserted
type AnyEvent = any;

async function events(url: string, sessionId: string, after?: number | string) {
  const query = after === undefined ? '' : `?after=${after}`;
  const response = await fetch(`${url}/_emulator/sessions/${sessionId}/events${query}`);
  return { status: response.status, body: (await response.json()) as AnyEvent };
}

/** Reads server-sent events with node:http until `count` events arrived; returns them parsed. */
function readSse(
  url: string,
  headers: Record<string, string> = {},
  count = 1,
): Promise<{ contentType: string; events: Array<{ event: string; id: string; data: AnyEvent }> }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { headers: { Accept: 'text/event-stream', ...headers } }, (incoming) => {
      let buffer = '';
      const parsed: Array<{ event: string; id: string; data: AnyEvent }> = [];
      incoming.setEncoding('utf8');
      incoming.on('data', (chunk: string) => {
        buffer += chunk;
        let end = buffer.indexOf('\n\n');
        while (end !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
          const fields: Record<string, string> = {};
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            const colon = line.indexOf(':');
            fields[line.slice(0, colon)] = line.slice(colon + 1).trimStart();
          }
          if (fields.data === undefined) continue;
          parsed.push({ event: fields.event ?? '', id: fields.id ?? '', data: JSON.parse(fields.data) });
          if (parsed.length === count) {
            outgoing.destroy();
            resolve({ contentType: String(incoming.headers['content-type']), events: parsed });
          }
        }
      });
      incoming.on('error', () => undefined);
    });
    outgoing.on('error', (error) => {
      if (!outgoing.destroyed || error.message !== 'socket hang up') reject(error);
    });
    outgoing.end();
  });
}

describe('the session roster and its event feed', () => {
  it('records joins, publishes and leaves in order, with sequence numbers and whom each reached', async () => {
    const { url } = await emulator();
    const sessionId = await createSession(url);
    const first = await connect(url, sessionId, true, { data: 'name=ann', initialLayoutClassList: ['focus'] });
    const second = await connect(url, sessionId, false);
    const leave = await fetch(`${url}/_emulator/sessions/${sessionId}/connections/${first.body.connectionId}`, {
      method: 'DELETE',
    });
    expect(leave.status).toBe(204);
    const { status, body } = await events(url, sessionId, 0);
    expect(status).toBe(200);
    expect(body.lastSeq).toBe(5);
    expect(body.events.map((event: AnyEvent) => [event.seq, event.event])).toEqual([
      [1, 'connectionCreated'],
      [2, 'streamCreated'],
      [3, 'connectionCreated'],
      [4, 'streamDestroyed'],
      [5, 'connectionDestroyed'],
    ]);
    const [created, published, , destroyed, left] = body.events;
    expect(created.connection).toMatchObject({
      connectionId: first.body.connectionId,
      kind: 'client',
      data: 'name=ann',
    });
    expect(created.to).toEqual([first.body.connectionId]);
    expect(published.stream).toMatchObject({
      streamId: first.body.streamId,
      connectionId: first.body.connectionId,
      videoType: 'camera',
      name: '',
      layoutClassList: ['focus'],
      audioMuted: false,
    });
    expect(destroyed).toMatchObject({ reason: 'clientDisconnected', stream: { streamId: first.body.streamId } });
    expect(left).toMatchObject({ reason: 'clientDisconnected', to: [second.body.connectionId] });
    expect((await events(url, sessionId, 4)).body.events.map((event: AnyEvent) => event.seq)).toEqual([5]);
    expect((await events(url, sessionId)).body.events).toHaveLength(5);
    // The state lists only the connection left.
    // biome-ignore lint/suspicious/noExplicitAny: read field by field
    const state: any = await (await fetch(`${url}/_emulator/state`)).json();
    expect(state.sessions[0].connections.map((connection: AnyEvent) => connection.connectionId)).toEqual([
      second.body.connectionId,
    ]);
    expect(state.sessions[0].streams).toEqual([]);
  });

  it('answers 400 for a bad after or session ID, 404 for an unknown session', async () => {
    const { url } = await emulator();
    const sessionId = await createSession(url);
    for (const after of ['-1', 'x', '1.5']) expect((await events(url, sessionId, after)).status, after).toBe(400);
    expect((await events(url, 'nope')).status).toBe(400);
    expect((await events(url, '1_MX4xMjM0NTZ-fjE3Mzk1Mzg4OTQ5NTl-eH5-fg')).status).toBe(404);
    expect((await events(url, sessionId, 99)).body).toEqual({ sessionId, lastSeq: 0, events: [] });
  });

  it('streams events as server-sent events: the backlog after Last-Event-ID, then live ones', async () => {
    const { url } = await emulator();
    const sessionId = await createSession(url);
    await connect(url, sessionId, true);
    const reading = readSse(`${url}/_emulator/sessions/${sessionId}/events`, { 'Last-Event-ID': '1' }, 2);
    // The second event happens while the stream is open.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const later = await connect(url, sessionId, false);
    const { contentType, events: received } = await reading;
    expect(contentType).toMatch(/^text\/event-stream/);
    expect(received.map(({ event, id }) => [event, id])).toEqual([
      ['streamCreated', '2'],
      ['connectionCreated', '3'],
    ]);
    expect(received[1]!.data).toMatchObject({
      seq: 3,
      sessionId,
      connection: { connectionId: later.body.connectionId },
    });
  });

  it('follows a session from JavaScript: emulator.events() yields the backlog then live events', async () => {
    const running = await emulator();
    const sessionId = await createSession(running.url);
    const { connectionId } = await running.connect(sessionId, generateToken(CREDENTIALS, sessionId), {
      publish: true,
      name: 'slides',
      videoType: 'screen',
    });
    const seen: AnyEvent[] = [];
    const following = (async () => {
      for await (const event of running.events(sessionId, { after: 1 })) {
        seen.push(event);
        if (event.event === 'connectionDestroyed') break;
      }
    })();
    await running.disconnect(sessionId, connectionId);
    await following;
    expect(seen.map((event) => event.event)).toEqual(['streamCreated', 'streamDestroyed', 'connectionDestroyed']);
    expect(seen[0].stream).toMatchObject({ name: 'slides', videoType: 'screen' });
    expect(() => running.events('nope')).toThrow(/Invalid session ID/);
    expect(() => running.events(sessionId, { after: -1 })).toThrow(/after/);
  });

  it('ends a pending iteration when the emulator closes or the signal aborts', async () => {
    const running = await emulator();
    const sessionId = await createSession(running.url);
    const controller = new AbortController();
    const aborted = (async () => {
      for await (const _ of running.events(sessionId, { signal: controller.signal })) return 'event';
      return 'ended';
    })();
    const closed = (async () => {
      for await (const _ of running.events(sessionId)) return 'event';
      return 'ended';
    })();
    controller.abort();
    expect(await aborted).toBe('ended');
    await running.close();
    expect(await closed).toBe('ended');
  });
});
