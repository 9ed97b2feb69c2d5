import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { feedOf, liveSession, project, sessionState, token, waitFor } from '../../test/connectors.js';
import { call, connect, createSession, emulator } from '../../test/support.js';
import { frameBytes, MAX_MESSAGE_BYTES, toneFrame } from '../stores/audio-connector-store.js';

const servers: WebSocketServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    for (const client of server.clients) client.terminate();
    await new Promise((resolve) => server.close(resolve));
  }
});

interface Received {
  url: string;
  headers: IncomingHttpHeaders;
  opening: unknown;
  frames: Array<{ at: number; bytes: number; first: Buffer }>;
  closed: Promise<number>;
  /** The extensions the handshake agreed on (`''` for none). */
  extensions: string;
  send(data: Buffer): void;
  close(): void;
}

/** A real WebSocket server on loopback; resolves each accepted connection with what it received. */
async function audioServer(
  options: { perMessageDeflate?: boolean } = {},
): Promise<{ uri: string; next: () => Promise<Received> }> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, ...options });
  servers.push(server);
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const waiting: Array<(received: Received) => void> = [];
  const ready: Received[] = [];
  server.on('connection', (socket, request) => {
    let resolveClosed: (code: number) => void = () => {};
    const received: Received = {
      url: request.url ?? '',
      headers: request.headers,
      opening: undefined,
      frames: [],
      closed: new Promise((resolve) => {
        resolveClosed = resolve;
      }),
      extensions: socket.extensions,
      send: (data) => socket.send(data, { binary: true }),
      close: () => socket.close(1000, 'done'),
    };
    socket.on('message', (data, isBinary) => {
      const buffer = data as Buffer;
      if (!isBinary && received.opening === undefined) received.opening = JSON.parse(buffer.toString('utf8'));
      else received.frames.push({ at: performance.now(), bytes: buffer.length, first: buffer });
    });
    socket.on('close', (code) => resolveClosed(code));
    const waiter = waiting.shift();
    if (waiter) waiter(received);
    else ready.push(received);
  });
  return {
    uri: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/audio`,
    next: () => {
      const first = ready.shift();
      return first ? Promise.resolve(first) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

const connectorOf = async (running: Awaited<ReturnType<typeof emulator>>, id: string) =>
  (await running.state()).audioConnections.find((connector) => connector.id === id);

describe('Audio Connector, for real', () => {
  it('opens a WebSocket, sends the opening JSON, then 20 ms frames of 16 kHz PCM in real time (within 10% over 2 s)', async () => {
    const running = await emulator();
    const server = await audioServer();
    const { sessionId } = await liveSession(running.url);
    const started = await call('POST', project(running.url, 'connect'), {
      sessionId,
      token: token(sessionId, { data: 'transcriber' }),
      websocket: { uri: server.uri, headers: { 'X-Meeting': 'weekly', authorization: 'Bearer s3cret-value' } },
    });
    expect(started.status).toBe(200);
    expect(started.body).toEqual({ id: expect.any(String), connectionId: expect.any(String) });
    // In the roster as soon as the call answers.
    const { session } = await sessionState(running, sessionId);
    expect(session.connections).toContainEqual(
      expect.objectContaining({ connectionId: started.body.connectionId, kind: 'audioConnector', data: 'transcriber' }),
    );

    const received = await server.next();
    expect(received.url).toBe('/audio');
    expect(received.headers['x-meeting']).toBe('weekly');
    await waitFor(() => (received.opening === undefined ? undefined : true));
    expect(received.opening).toEqual({
      'content-type': 'audio/l16;rate=16000',
      'X-Meeting': 'weekly',
      authorization: 'Bearer s3cret-value',
    });
    await waitFor(() => (received.frames.length >= 5 ? true : undefined));
    const from = received.frames.length;
    const startedAt = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const elapsed = performance.now() - startedAt;
    const frames = received.frames.slice(from);
    expect(frames.every((frame) => frame.bytes === 640)).toBe(true);
    const expected = elapsed / 20;
    expect(frames.length).toBeGreaterThanOrEqual(expected * 0.9);
    expect(frames.length).toBeLessThanOrEqual(expected * 1.1 + 1);
    // One publishing client: a tone, not silence.
    expect(frames.some((frame) => frame.first.some((byte) => byte !== 0))).toBe(true);

    const state = await connectorOf(running, started.body.id);
    expect(state).toMatchObject({ status: 'connected', audioRate: 16000, headerNames: ['X-Meeting', 'authorization'] });
    expect(JSON.stringify(await running.state())).not.toContain('s3cret-value');

    const stop = await call('POST', project(running.url, `connect/${started.body.id}/stop`));
    expect(stop.status).toBe(200);
    expect(await received.closed).toBe(1000);
    expect(await connectorOf(running, started.body.id)).toMatchObject({ status: 'stopped' });
    expect((await call('POST', project(running.url, `connect/${started.body.id}/stop`))).status).toBe(404);
    const after = await sessionState(running, sessionId);
    expect(after.session.connections.some((connection) => connection.kind === 'audioConnector')).toBe(false);
    const statuses = (await feedOf(running.url, sessionId))
      .filter((event) => event.event === 'audioConnectorStatusChanged')
      .map((event) => event.connector.status);
    expect(statuses).toEqual(['connecting', 'connected', 'stopped']);
  });

  it('sends 320-byte frames at 8 kHz; bidirectional: counts the frames sent back and publishes an audio-only stream', async () => {
    const running = await emulator();
    const server = await audioServer();
    const { sessionId } = await liveSession(running.url);
    const started = await call('POST', project(running.url, 'connect'), {
      sessionId,
      token: token(sessionId, { role: 'moderator' }),
      websocket: { uri: server.uri, audioRate: 8000, bidirectional: true },
    });
    expect(started.status).toBe(200);
    const received = await server.next();
    await waitFor(() => (received.frames.length >= 3 ? true : undefined));
    expect(received.opening).toEqual({ 'content-type': 'audio/l16;rate=8000' });
    expect(received.frames.every((frame) => frame.bytes === 320)).toBe(true);
    for (let index = 0; index < 7; index++) received.send(Buffer.alloc(320));
    const connector = await waitFor(async () => {
      const found = await connectorOf(running, started.body.id);
      return found && found.framesReceived === 7 ? found : undefined;
    });
    const { session } = await sessionState(running, sessionId);
    expect(session.streams).toContainEqual(
      expect.objectContaining({ streamId: connector.streamId, hasAudio: true, hasVideo: false }),
    );
    // The server hangs up: stopped, and the connection leaves.
    received.close();
    const ended = await waitFor(async () => {
      const found = await connectorOf(running, started.body.id);
      return found?.status === 'stopped' ? found : undefined;
    });
    expect(ended.reason).toMatch(/closed/);
    const after = await sessionState(running, sessionId);
    expect(after.session.connections.some((connection) => connection.kind === 'audioConnector')).toBe(false);
  });

  it('fails when nothing listens at the URI; a force disconnect of its connection stops it', async () => {
    const running = await emulator();
    const { sessionId } = await liveSession(running.url);
    const unreachable = await call('POST', project(running.url, 'connect'), {
      sessionId,
      token: token(sessionId),
      websocket: { uri: 'ws://127.0.0.1:9/nothing' },
    });
    expect(unreachable.status).toBe(200);
    const failed = await waitFor(async () => {
      const found = await connectorOf(running, unreachable.body.id);
      return found?.status === 'failed' ? found : undefined;
    });
    expect(failed.reason).toMatch(/WebSocket/);

    const server = await audioServer();
    const started = await call('POST', project(running.url, 'connect'), {
      sessionId,
      token: token(sessionId),
      websocket: { uri: server.uri },
    });
    const received = await server.next();
    await waitFor(async () =>
      (await connectorOf(running, started.body.id))?.status === 'connected' ? true : undefined,
    );
    await running.disconnect(sessionId, started.body.connectionId);
    expect(await received.closed).toBe(1000);
    expect(await connectorOf(running, started.body.id)).toMatchObject({ status: 'stopped' });
  });

  it('refuses bad input (400), a subscriber (403), an unknown session (404), a relayed session (409)', async () => {
    const running = await emulator();
    const { sessionId } = await liveSession(running.url);
    const good = { sessionId, token: token(sessionId), websocket: { uri: 'wss://example.com/audio' } };
    const start = (body: Record<string, unknown>) => call('POST', project(running.url, 'connect'), body);
    for (const websocket of [
      { uri: 'https://example.com/audio' },
      { uri: 'wss://example.com/audio', audioRate: 44100 },
      { uri: 'wss://example.com/audio', headers: { 'X-Big': 'x'.repeat(600) } },
      { uri: 'wss://example.com/audio', streams: 'all' },
      undefined,
    ]) {
      expect((await start({ ...good, websocket })).status, JSON.stringify(websocket)).toBe(400);
    }
    expect((await start({ ...good, token: 'garbage' })).status).toBe(400);
    expect((await start({ ...good, token: token(sessionId, { role: 'subscriber' }) })).status).toBe(403);
    const relayed = await createSession(running.url, { 'p2p.preference': 'enabled' });
    await connect(running.url, relayed, true);
    expect((await start({ ...good, sessionId: relayed, token: token(relayed) })).status).toBe(409);
    expect((await call('POST', project(running.url, 'connect/0b7e2b2e-0000-4000-8000-000000000000/stop'))).status).toBe(
      404,
    );
  });
});

describe('Audio Connector against a hostile server', () => {
  it('offers no compression to a server that would deflate, and closes on a message larger than MAX_MESSAGE_BYTES', async () => {
    const running = await emulator();
    const server = await audioServer({ perMessageDeflate: true });
    const { sessionId } = await liveSession(running.url);
    const started = await call('POST', project(running.url, 'connect'), {
      sessionId,
      token: token(sessionId, { role: 'moderator' }),
      websocket: { uri: server.uri, bidirectional: true },
    });
    expect(started.status).toBe(200);
    const received = await server.next();
    // permessage-deflate is neither offered nor agreed: a small compressed message cannot expand.
    expect(received.headers['sec-websocket-extensions']).toBeUndefined();
    expect(received.extensions).toBe('');
    await waitFor(async () =>
      (await connectorOf(running, started.body.id))?.status === 'connected' ? true : undefined,
    );
    // A frame the size of a frame is fine; one of 1 MiB (well under ws's 100 MiB default) is not.
    received.send(Buffer.alloc(640));
    await waitFor(async () => ((await connectorOf(running, started.body.id))?.framesReceived === 1 ? true : undefined));
    received.send(Buffer.alloc(MAX_MESSAGE_BYTES + 1024 * 1024));
    expect(await received.closed).toBe(1009);
    const failed = await waitFor(async () => {
      const found = await connectorOf(running, started.body.id);
      return found?.status === 'failed' ? found : undefined;
    });
    expect(failed.framesReceived).toBe(1);
    expect(failed.reason).toMatch(/WebSocket/);
    const { session } = await sessionState(running, sessionId);
    expect(session.connections.some((connection) => connection.kind === 'audioConnector')).toBe(false);
  });
});

describe('the tone', () => {
  it('has the frame size of the rate, silence without streams, and is continuous across frames', () => {
    expect(frameBytes(16000)).toBe(640);
    expect(frameBytes(8000)).toBe(320);
    expect(toneFrame(16000, 3, []).every((byte) => byte === 0)).toBe(true);
    const first = toneFrame(8000, 0, [440]);
    const second = toneFrame(8000, 1, [440]);
    const last = first.readInt16LE(first.length - 2);
    const next = second.readInt16LE(0);
    // Adjacent samples of a 440 Hz sine at 8 kHz differ by at most 2π·440/8000 of the amplitude.
    expect(Math.abs(next - last)).toBeLessThan(12_000 * ((2 * Math.PI * 440) / 8000) + 2);
  });
});
