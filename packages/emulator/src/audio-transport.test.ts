/**
 * The Audio Connector at 24 kHz and in JSON transport, for real: a WebSocket server on loopback
 * gets 960-byte binary frames at 24 kHz, or JSON text messages with base64 PCM under
 * `audioField` beside the `staticFields`; bidirectional audio comes back under
 * `receiveAudioField`; bad transports get 400.
 */
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import { liveSession, project, token, waitFor } from '../test/connectors.js';
import { call, emulator } from '../test/support.js';
import { decodeFrame, encodeFrame, parseAudioTransport } from './audio-transport.js';

const servers: WebSocketServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    for (const client of server.clients) client.terminate();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function audioServer() {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  servers.push(server);
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const messages: Array<{ data: Buffer; isBinary: boolean }> = [];
  let socket: WebSocket | undefined;
  server.on('connection', (connected) => {
    socket = connected;
    connected.on('message', (data, isBinary) => messages.push({ data: data as Buffer, isBinary }));
  });
  return {
    uri: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/audio`,
    messages,
    send: (data: string | Buffer, binary: boolean) => socket?.send(data, { binary }),
  };
}

const connectorOf = async (running: Awaited<ReturnType<typeof emulator>>, id: string) =>
  (await running.state()).audioConnections.find((connector) => connector.id === id);

describe('Audio Connector transports', () => {
  it('sends 960-byte binary frames at 24 kHz', async () => {
    const running = await emulator();
    const server = await audioServer();
    const { sessionId } = await liveSession(running.url);
    const started = await call('POST', project(running.url, 'connect'), {
      sessionId,
      token: token(sessionId),
      websocket: { uri: server.uri, audioRate: 24000 },
    });
    expect(started.status).toBe(200);
    await waitFor(() => (server.messages.length >= 4 ? true : undefined));
    const [opening, ...frames] = server.messages;
    expect(JSON.parse(opening!.data.toString('utf8'))).toEqual({ 'content-type': 'audio/l16;rate=24000' });
    expect(frames.every(({ data, isBinary }) => isBinary && data.length === 960)).toBe(true);
  });

  it('in JSON transport sends base64 PCM under audioField with the static fields, and reads receiveAudioField back', async () => {
    const running = await emulator();
    const server = await audioServer();
    const { sessionId } = await liveSession(running.url);
    const started = await call('POST', project(running.url, 'connect'), {
      sessionId,
      token: token(sessionId, { role: 'moderator' }),
      websocket: {
        uri: server.uri,
        audioRate: 16000,
        bidirectional: true,
        audioTransport: {
          transport: 'json',
          encoding: 'base64',
          audioField: 'payload',
          receiveAudioField: 'reply',
          staticFields: { event: 'media', track: 'inbound' },
        },
      },
    });
    expect(started.status).toBe(200);
    await waitFor(() => (server.messages.length >= 4 ? true : undefined));
    const [, ...frames] = server.messages;
    for (const { data, isBinary } of frames) {
      expect(isBinary).toBe(false);
      const message = JSON.parse(data.toString('utf8'));
      expect(Object.keys(message).sort()).toEqual(['event', 'payload', 'track']);
      expect(message).toMatchObject({ event: 'media', track: 'inbound' });
      expect(Buffer.from(message.payload, 'base64').length).toBe(640);
    }
    // Audio back under receiveAudioField counts; a binary frame or another field does not.
    const pcm = Buffer.alloc(640, 1).toString('base64');
    for (let index = 0; index < 3; index++) server.send(JSON.stringify({ reply: pcm }), false);
    server.send(Buffer.alloc(640), true);
    server.send(JSON.stringify({ payload: pcm }), false);
    server.send('not json', false);
    for (let index = 0; index < 2; index++) server.send(JSON.stringify({ reply: pcm }), false);
    const connector = await waitFor(async () => {
      const found = await connectorOf(running, started.body.id);
      return found && found.framesReceived === 5 ? found : undefined;
    });
    expect(connector).toMatchObject({ transport: 'json', audioRate: 16000 });
  });

  it.each([
    [{ audioRate: 44100 }],
    [{ audioRate: '24000' }],
    [{ audioTransport: { transport: 'xml' } }],
    [{ audioTransport: { transport: 'json' } }],
    [{ audioTransport: { transport: 'json', encoding: 'hex' } }],
    [{ audioTransport: { transport: 'json', encoding: 'base64', audioField: '' } }],
    [{ audioTransport: { transport: 'json', encoding: 'base64', staticFields: { audio: 1 } } }],
    [{ audioTransport: { transport: 'json', encoding: 'base64', staticFields: [] } }],
    [{ audioTransport: { transport: 'json', encoding: 'base64', staticFields: { big: 'x'.repeat(2000) } } }],
    [{ audioTransport: 'json' }],
  ])('refuses %j with 400', async (extra) => {
    const running = await emulator();
    const { sessionId } = await liveSession(running.url);
    const answer = await call('POST', project(running.url, 'connect'), {
      sessionId,
      token: token(sessionId),
      websocket: { uri: 'ws://127.0.0.1:9/audio', ...extra },
    });
    expect(answer.status).toBe(400);
  });

  it('round-trips frames through encode and decode in both transports', () => {
    const frame = Buffer.from([1, 2, 3, 4, 250, 251]);
    for (const value of [
      undefined,
      { transport: 'binary' },
      { transport: 'json', encoding: 'base64', audioField: 'a' },
    ]) {
      const transport = parseAudioTransport(value);
      const { data, binary } = encodeFrame(transport, frame);
      expect(decodeFrame(transport, Buffer.isBuffer(data) ? data : Buffer.from(data), binary)).toEqual(frame);
    }
  });
});
