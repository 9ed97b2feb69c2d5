/**
 * Interop: the official `opentok` 2.x client's connector calls against `@opentok/emulator` —
 * `dial`, `playDTMF`, `startRender`, `getRender`, `listRenders`, `stopRender`, `startCaptions`,
 * `stopCaptions`, `websocketConnect` — with the answers and errors it gets from the service.
 * The Audio Connector delivers audio to a real WebSocket server here (the `ws` package).
 */
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { type RunningEmulator, startEmulator } from '@opentok/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';

const require = createRequire(import.meta.url);
type Callback<T> = (error: Error | null, result?: T, ...rest: unknown[]) => void;
interface OfficialRender {
  id: string;
  sessionId: string;
  status: string;
  streamId?: string;
  reason?: string;
  url: string;
}
interface OfficialOpenTok {
  createSession(options: Record<string, string>, callback: Callback<{ sessionId: string }>): void;
  generateToken(sessionId: string, options?: Record<string, unknown>): string;
  dial(
    sessionId: string,
    token: string,
    sipUri: string,
    options: Record<string, unknown>,
    callback: Callback<{ id: string; connectionId: string; streamId: string }>,
  ): void;
  playDTMF(sessionId: string, connectionId: string | null, digits: string, callback: Callback<void>): void;
  startRender(options: Record<string, unknown>, callback: Callback<OfficialRender>): void;
  getRender(renderId: string, callback: Callback<OfficialRender>): void;
  listRenders(options: Record<string, unknown>, callback: Callback<{ count: number; items: OfficialRender[] }>): void;
  stopRender(renderId: string, callback: Callback<unknown>): void;
  startCaptions(sessionId: string, token: string, options: Record<string, unknown>, callback: Callback<string>): void;
  stopCaptions(captionsId: string, callback: Callback<boolean>): void;
  websocketConnect(
    sessionId: string,
    token: string,
    websocketUri: string,
    options: Record<string, unknown>,
    callback: Callback<{ id: string; connectionId: string }>,
  ): void;
}
const OpenTok = require('official-opentok') as new (
  apiKey: string,
  apiSecret: string,
  options: { apiUrl: string },
) => OfficialOpenTok;

function settle<T>(start: (callback: Callback<T>) => void): Promise<[Error | null, T | undefined]> {
  return new Promise((resolve) => start((error, result) => resolve([error, result])));
}
async function succeed<T>(start: (callback: Callback<T>) => void): Promise<T> {
  const [error, result] = await settle(start);
  if (error) throw new Error(`official client failed: ${error.message}`);
  return result as T;
}
async function waitFor<T>(check: () => Promise<T | undefined>): Promise<T> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('condition not met within 10 s');
}

let emulator: RunningEmulator;
let opentok: OfficialOpenTok;
let page: Server;
let pageUrl: string;
beforeAll(async () => {
  emulator = await startEmulator({ log: () => {} });
  const [project] = emulator.projects;
  opentok = new OpenTok(project!.apiKey, project!.apiSecret, { apiUrl: emulator.url });
  page = createServer((request, response) => response.writeHead(request.url === '/stage' ? 200 : 404).end('ok'));
  await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
  pageUrl = `http://127.0.0.1:${(page.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await emulator.close();
  await new Promise((resolve) => page.close(resolve));
});

async function routedSession(mediaMode = 'routed'): Promise<string> {
  const { sessionId } = await succeed<{ sessionId: string }>((done) => opentok.createSession({ mediaMode }, done));
  await emulator.connect(sessionId, opentok.generateToken(sessionId), { publish: true });
  return sessionId;
}

describe('the official client against the emulator: SIP', () => {
  it('dials and plays DTMF to the session and to the call', async () => {
    const sessionId = await routedSession();
    const call = await succeed<{ id: string; connectionId: string; streamId: string }>((done) =>
      opentok.dial(
        sessionId,
        opentok.generateToken(sessionId, { data: 'phone' }),
        'sip:+15551234567@sip.example.com;transport=tls',
        {
          from: '15557654321@example.com',
          headers: { 'X-Room': '7' },
          auth: { username: 'u', password: 'p' },
          video: true,
        },
        done,
      ),
    );
    expect(call).toMatchObject({
      id: expect.any(String),
      connectionId: expect.any(String),
      streamId: expect.any(String),
    });
    expect(await settle<void>((done) => opentok.playDTMF(sessionId, null, '1234#', done))).toEqual([null, undefined]);
    expect((await settle<void>((done) => opentok.playDTMF(sessionId, call.connectionId, 'p9', done)))[0]).toBeNull();
    const state = await emulator.state();
    expect(state.sipCalls.find((sip) => sip.id === call.id)).toMatchObject({
      from: '15557654321@example.com',
      video: true,
      dtmf: [expect.objectContaining({ digits: '1234#' }), expect.objectContaining({ digits: 'p9' })],
    });
    const [invalid] = await settle<void>((done) => opentok.playDTMF(sessionId, null, '12x', done));
    expect(invalid).toBeInstanceOf(Error);
  });

  it('gets an error for a relayed session and for a bad SIP URI', async () => {
    const relayed = await routedSession('relayed');
    const [conflict] = await settle((done) =>
      opentok.dial(relayed, opentok.generateToken(relayed), 'sip:a@example.com', {}, done),
    );
    expect(conflict).toBeInstanceOf(Error);
    const sessionId = await routedSession();
    const [bad] = await settle((done) =>
      opentok.dial(sessionId, opentok.generateToken(sessionId), 'tel:+15551234567', {}, done),
    );
    expect(bad).toBeInstanceOf(Error);
  });
});

describe('the official client against the emulator: Experience Composer', () => {
  it('starts, gets, lists and stops a render; an unreachable page fails it', async () => {
    const sessionId = await routedSession();
    const render = await succeed<OfficialRender>((done) =>
      opentok.startRender({ sessionId, token: opentok.generateToken(sessionId), url: `${pageUrl}/stage` }, done),
    );
    expect(render).toMatchObject({ sessionId, status: 'starting' });
    const started = await waitFor(async () => {
      const current = await succeed<OfficialRender>((done) => opentok.getRender(render.id, done));
      return current.status === 'started' ? current : undefined;
    });
    expect(started.streamId).toEqual(expect.any(String));
    const list = await succeed<{ count: number; items: OfficialRender[] }>((done) =>
      opentok.listRenders({ count: 50 }, done),
    );
    expect(list.items.map((item) => item.id)).toContain(render.id);
    expect((await settle((done) => opentok.stopRender(render.id, done)))[0]).toBeNull();
    expect(await succeed<OfficialRender>((done) => opentok.getRender(render.id, done))).toMatchObject({
      status: 'stopped',
    });

    const missing = await succeed<OfficialRender>((done) =>
      opentok.startRender({ sessionId, token: opentok.generateToken(sessionId), url: `${pageUrl}/missing` }, done),
    );
    const failed = await waitFor(async () => {
      const current = await succeed<OfficialRender>((done) => opentok.getRender(missing.id, done));
      return current.status === 'failed' ? current : undefined;
    });
    expect(failed.reason).toMatch(/Could not load URL/);
  });
});

describe('the official client against the emulator: live captions', () => {
  it('starts, refuses a second with its CaptionsError, stops', async () => {
    const sessionId = await routedSession();
    const token = opentok.generateToken(sessionId, { role: 'moderator' });
    const captionsId = await succeed<string>((done) => opentok.startCaptions(sessionId, token, {}, done));
    expect(captionsId).toMatch(/^[0-9a-f-]{36}$/);
    const [second] = await settle<string>((done) => opentok.startCaptions(sessionId, token, {}, done));
    expect(second?.message).toMatch(/already started/);
    expect(await succeed<boolean>((done) => opentok.stopCaptions(captionsId, done))).toBe(true);
    expect(await emulator.state()).toMatchObject({
      captions: [expect.objectContaining({ captionId: captionsId, status: 'stopped' })],
    });
  });
});

describe('the official client against the emulator: Audio Connector', () => {
  it('websocketConnect delivers the opening message and 640-byte frames to a real WebSocket server', async () => {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', resolve));
    const messages: Array<{ binary: boolean; data: Buffer }> = [];
    server.on('connection', (socket) => {
      socket.on('message', (data, binary) => messages.push({ binary, data: data as Buffer }));
    });
    try {
      const sessionId = await routedSession();
      const uri = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/listen`;
      const connection = await succeed<{ id: string; connectionId: string }>((done) =>
        opentok.websocketConnect(
          sessionId,
          opentok.generateToken(sessionId),
          uri,
          { headers: { 'X-Call': 'c-1' }, bidirectional: true },
          done,
        ),
      );
      expect(connection).toMatchObject({ id: expect.any(String), connectionId: expect.any(String) });
      await waitFor(async () => (messages.length >= 10 ? true : undefined));
      const [opening, ...frames] = messages;
      expect(opening?.binary).toBe(false);
      expect(JSON.parse(opening!.data.toString('utf8'))).toEqual({
        'content-type': 'audio/l16;rate=16000',
        'X-Call': 'c-1',
      });
      expect(frames.every((frame) => frame.binary && frame.data.length === 640)).toBe(true);
      // The old way to stop one: force-disconnect its connection.
      await emulator.disconnect(sessionId, connection.connectionId);
      expect((await emulator.state()).audioConnections.find((item) => item.id === connection.id)?.status).toBe(
        'stopped',
      );
    } finally {
      for (const client of server.clients) client.terminate();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
