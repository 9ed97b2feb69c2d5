/**
 * Every connector operation against the emulator over real HTTP: SIP dial and DTMF, renders
 * (a page served by a local HTTP server), live captions, the Audio Connector (a local
 * WebSocket upgrade that never completes keeps it connecting), and the service's refusals
 * mapped to their error classes.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { startEmulator } from '@opentok/emulator';
import { generateToken, type TokenOptions } from '@opentok/token';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createClient } from './client.js';
import { AuthenticationError, ConflictError, InvalidRequestError, NotFoundError } from './errors.js';

const API_KEY = '123456';
const API_SECRET = 'Zq9xW3kP7mN2vB8cR4tY6uH1jL5gF0dS3aE7wQ9z';

let emulator: Awaited<ReturnType<typeof startEmulator>>;
let client: Client;
let site: Server;
let siteUrl: string;
const upgrades: Duplex[] = [];
beforeAll(async () => {
  emulator = await startEmulator({ projects: [{ apiKey: API_KEY, apiSecret: API_SECRET }] });
  client = createClient({ apiKey: API_KEY, apiSecret: API_SECRET, apiUrl: emulator.url, retry: 0 });
  // A page for renders; an upgrade that is never answered for the Audio Connector.
  site = createServer((request, response) => {
    response.writeHead(request.url === '/stage-view' ? 200 : 404, { 'content-type': 'text/html' }).end('<p>stage</p>');
  });
  site.on('upgrade', (_request, socket) => upgrades.push(socket));
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `127.0.0.1:${(site.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await emulator?.close();
  site.closeAllConnections();
  for (const socket of upgrades) socket.destroy();
  await new Promise((resolve) => site.close(resolve));
});

const token = (sessionId: string, options: TokenOptions = {}) =>
  generateToken({ apiKey: API_KEY, apiSecret: API_SECRET }, sessionId, options);

async function liveSession(mediaMode: 'routed' | 'relayed' = 'routed'): Promise<string> {
  const { sessionId } = await client.sessions.create({ mediaMode });
  await emulator.connect(sessionId, token(sessionId), { publish: true });
  return sessionId;
}

const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

async function waitFor<T>(check: () => Promise<T | undefined>): Promise<T> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('condition not met within 10 s');
}

describe('client.sip against the emulator', () => {
  it('dials, plays DTMF to the session and to one connection', async () => {
    const sessionId = await liveSession();
    const call = await client.sip.dial(sessionId, token(sessionId, { data: 'phone' }), {
      uri: 'sip:+15551234567@sip.example.com;transport=tls',
      from: '15557654321@example.com',
      headers: { 'X-Room': '7' },
      auth: { username: 'bob', password: 'pw-8d2k' },
      video: true,
    });
    expect(call).toMatchObject({
      id: expect.any(String),
      connectionId: expect.any(String),
      streamId: expect.any(String),
    });
    expect(call.projectId).toBe(API_KEY);
    await expect(client.sip.playDtmf(sessionId, '1713#p2')).resolves.toBeUndefined();
    await expect(client.sip.playDtmf(sessionId, '9', { connectionId: call.connectionId })).resolves.toBeUndefined();
    await expect(client.sip.playDtmfToConnection(sessionId, call.connectionId, '*')).resolves.toBeUndefined();
    const state = await emulator.state();
    expect(state.sipCalls.find((sip) => sip.id === call.id)?.dtmf.map((entry) => entry.digits)).toEqual([
      '1713#p2',
      '9',
      '*',
    ]);
    const session = state.sessions.find((candidate) => candidate.sessionId === sessionId);
    expect(session?.streams.find((stream) => stream.streamId === call.streamId)).toMatchObject({
      name: '15557654321@example.com',
      hasVideo: true,
    });
  });

  it('maps the refusals: 400 bad token, 403 subscriber, 404 unknown connection, 409 relayed', async () => {
    const sessionId = await liveSession();
    const sip = { uri: 'sip:alice@sip.example.com' };
    const forged = `${token(sessionId).slice(0, -3)}xyz`;
    const invalid = await caught(client.sip.dial(sessionId, forged, sip));
    expect(invalid).toBeInstanceOf(InvalidRequestError);
    expect(String(invalid)).not.toContain(forged);
    expect(await caught(client.sip.dial(sessionId, token(sessionId, { role: 'subscriber' }), sip))).toBeInstanceOf(
      AuthenticationError,
    );
    expect(
      await caught(client.sip.playDtmf(sessionId, '1', { connectionId: '0b7e2b2e-0000-4000-8000-000000000000' })),
    ).toBeInstanceOf(NotFoundError);
    const relayed = await liveSession('relayed');
    expect(await caught(client.sip.dial(relayed, token(relayed), sip))).toBeInstanceOf(ConflictError);
  });
});

describe('client.renders against the emulator', () => {
  it('starts, reads, lists (one page and all), stops; fails for a page that is not there', async () => {
    const sessionId = await liveSession();
    const render = await client.renders.start({
      sessionId,
      token: token(sessionId, { role: 'moderator' }),
      url: `http://${siteUrl}/stage-view`,
      resolution: '1280x720',
      properties: { name: 'Stage' },
    });
    expect(render).toMatchObject({ sessionId, status: 'starting', projectId: API_KEY, name: 'Stage' });
    const started = await waitFor(async () => {
      const current = await client.renders.get(render.id);
      return current.status === 'started' ? current : undefined;
    });
    expect(started.streamId).toEqual(expect.any(String));
    const page = await client.renders.list({ offset: 0, count: 1 });
    expect(page.items).toHaveLength(1);
    const everything = [];
    for await (const item of client.renders.all({ pageSize: 1 })) everything.push(item.id);
    expect(everything).toContain(render.id);
    expect(everything).toHaveLength(page.count);
    await expect(client.renders.stop(render.id)).resolves.toBeUndefined();
    expect(await client.renders.get(render.id)).toMatchObject({ status: 'stopped', reason: 'Stop Requested' });
    expect(await caught(client.renders.stop(render.id))).toBeInstanceOf(NotFoundError);

    const missing = await client.renders.start({
      sessionId,
      token: token(sessionId),
      url: `http://${siteUrl}/gone-away`,
    });
    const failed = await waitFor(async () => {
      const current = await client.renders.get(missing.id);
      return current.status === 'failed' ? current : undefined;
    });
    expect(failed.reason).toMatch(/Could not load URL/);
  });
});

describe('client.captions against the emulator', () => {
  it('starts, reads, refuses a second (ConflictError), stops', async () => {
    const sessionId = await liveSession();
    const moderator = token(sessionId, { role: 'moderator' });
    const { captionsId } = await client.captions.start(sessionId, moderator, { languageCode: 'en-GB' });
    expect(await client.captions.get(captionsId)).toMatchObject({
      captionsId,
      sessionId,
      status: 'started',
      languageCode: 'en-GB',
      projectId: API_KEY,
    });
    expect(await caught(client.captions.start(sessionId, moderator))).toBeInstanceOf(ConflictError);
    expect(await caught(client.captions.start(sessionId, token(sessionId)))).toBeInstanceOf(AuthenticationError);
    await expect(client.captions.stop(captionsId)).resolves.toBeUndefined();
    expect((await client.captions.get(captionsId)).status).toBe('stopped');
    expect(await caught(client.captions.stop(captionsId))).toBeInstanceOf(NotFoundError);
  });
});

describe('client.audioConnector against the emulator', () => {
  it('starts (the connection joins the session) and stops; an unknown connector is a NotFoundError', async () => {
    const sessionId = await liveSession();
    const connector = await client.audioConnector.start(sessionId, token(sessionId), {
      uri: `ws://${siteUrl}/audio`,
      audioRate: 8000,
      headers: { 'X-Meeting': 'weekly' },
    });
    expect(connector).toEqual({ id: expect.any(String), connectionId: expect.any(String) });
    const state = await emulator.state();
    expect(state.audioConnections.find((item) => item.id === connector.id)).toMatchObject({
      status: 'connecting',
      audioRate: 8000,
    });
    await expect(client.audioConnector.stop(connector.id)).resolves.toBeUndefined();
    expect(await caught(client.audioConnector.stop(connector.id))).toBeInstanceOf(NotFoundError);
    const relayed = await liveSession('relayed');
    expect(
      await caught(client.audioConnector.start(relayed, token(relayed), { uri: 'ws://127.0.0.1:9/audio' })),
    ).toBeInstanceOf(ConflictError);
  });

  it('starts at 24 kHz in JSON transport (the emulator speaks it; see its tests with a WebSocket server)', async () => {
    const sessionId = await liveSession();
    const connector = await client.audioConnector.start(sessionId, token(sessionId), {
      uri: 'ws://127.0.0.1:9/audio',
      audioRate: 24000,
      bidirectional: true,
      audioTransport: {
        transport: 'json',
        encoding: 'base64',
        audioField: 'payload',
        staticFields: { event: 'media' },
      },
    });
    const state = await emulator.state();
    expect(state.audioConnections.find((item) => item.id === connector.id)).toMatchObject({
      audioRate: 24000,
      bidirectional: true,
      transport: 'json',
    });
    await client.audioConnector.stop(connector.id).catch(() => undefined);
  });
});
