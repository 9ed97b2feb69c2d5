/**
 * `opentok sip dial|dtmf`, `render start|get|list|stop`, `captions start|get|stop` and
 * `audio-connector start|stop` against the emulator (which loads the rendered page and opens
 * the WebSocket, both served here on loopback), human and --json.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonLines, run, until, useEmulator } from './support.js';

const emulator = useEmulator();
const require = createRequire(import.meta.resolve('@opentok/emulator'));
/** What this test uses of `ws` (a dependency of the emulator, loaded through it). */
interface SocketServer {
  clients: Set<{ terminate(): void }>;
  on(event: 'connection', listener: (socket: unknown, request: IncomingMessage) => void): void;
  once(event: 'listening', listener: () => void): void;
  address(): AddressInfo;
  close(callback: () => void): void;
}
const { WebSocketServer } = require('ws') as {
  WebSocketServer: new (options: { port: number; host: string }) => SocketServer;
};

let page: Server;
let pageUrl = '';
let sockets: SocketServer;
let socketUrl = '';
const handshakes: Array<Record<string, string | string[] | undefined>> = [];

beforeAll(async () => {
  await emulator.start();
  page = createServer((_, response) => response.end('<!doctype html><title>overlay</title>'));
  await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
  pageUrl = `http://127.0.0.1:${(page.address() as AddressInfo).port}/overlay`;
  sockets = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  sockets.on('connection', (_: unknown, request: IncomingMessage) => handshakes.push(request.headers));
  await new Promise<void>((resolve) => sockets.once('listening', resolve));
  socketUrl = `ws://127.0.0.1:${sockets.address().port}/audio`;
});
afterAll(async () => {
  page.closeAllConnections();
  await new Promise((resolve) => page.close(resolve));
  for (const client of sockets.clients) client.terminate();
  await new Promise<void>((resolve) => sockets.close(resolve));
});

const UNKNOWN = '7c6b5a49-0000-4000-8000-000000000000';

describe('opentok sip', () => {
  it('dials a SIP URI, plays DTMF to the call, and hangs up with disconnect', async () => {
    const sessionId = await emulator.routedSession();
    const dial = await run(
      [
        'sip',
        'dial',
        sessionId,
        'sip:+15551234567@sip.example.com',
        '--from',
        '15557654321',
        '--header',
        'X-Room=blue',
      ],
      emulator.env(),
    );
    expect(dial).toMatchObject({ code: 0, stderr: '' });
    const match = /^id {10}(\S+)\nconnectionId {0}(\S+)\nstreamId {4}(\S+)\n$/.exec(dial.stdout);
    expect(match).not.toBeNull();
    const connectionId = match![2]!;

    const dtmf = await run(['sip', 'dtmf', sessionId, '12#', '--connection', connectionId], emulator.env());
    expect(dtmf).toMatchObject({ code: 0, stdout: `12# played to connection ${connectionId}\n` });
    const all = await run(['sip', 'dtmf', sessionId, 'p9', '--json'], emulator.env());
    expect(JSON.parse(all.stdout)).toEqual({ sessionId, connectionId: null, digits: 'p9', played: true });
    const events = await emulator.events(sessionId);
    expect(events.filter(({ event }) => event === 'dtmf')).toMatchObject([
      { digits: '12#', connectionId, to: [connectionId] },
      { digits: 'p9', connectionId: null, to: [connectionId] },
    ]);
    const created = events.find(({ event }) => event === 'sipCallCreated') as { call: Record<string, unknown> };
    expect(created.call).toMatchObject({ id: match![1], connectionId, streamId: match![3] });

    const hangUp = await run(['disconnect', sessionId, connectionId], emulator.env());
    expect(hangUp.code).toBe(0);
    const json = await run(
      ['sip', 'dial', sessionId, 'sips:desk@pbx.example.com', '--secure', '--json'],
      emulator.env(),
    );
    expect(JSON.parse(json.stdout)).toMatchObject({ id: expect.any(String), connectionId: expect.any(String) });
  });

  it('takes the SIP password from OPENTOK_SIP_PASSWORD, never shows it; refuses bad input', async () => {
    const sessionId = await emulator.routedSession();
    const password = 'sip-pass-9f8e7d6c5b4a';
    const withAuth = await run(
      ['sip', 'dial', sessionId, 'sip:desk@pbx.example.com', '--username', 'desk', '--json'],
      emulator.env({ OPENTOK_SIP_PASSWORD: password }),
    );
    expect(withAuth.code).toBe(0);
    expect(withAuth.stdout + withAuth.stderr).not.toContain(password);
    const noPassword = await run(
      ['sip', 'dial', sessionId, 'sip:desk@pbx.example.com', '--username', 'desk'],
      emulator.env(),
    );
    expect(noPassword.code).toBe(2);
    expect(noPassword.stderr).toMatch(/^opentok: no SIP password for desk: set OPENTOK_SIP_PASSWORD/);
    const http = await run(['sip', 'dial', sessionId, 'http://example.com'], emulator.env());
    expect(http.code).toBe(2);
    expect(http.stderr).toMatch(/^opentok: .*sip:.*\n$/);
    const header = await run(['sip', 'dial', sessionId, 'sip:a@b.c', '--header', 'novalue'], emulator.env());
    expect(header).toMatchObject({ code: 2 });
    expect(header.stderr).toContain('use Name=value');
    const digits = await run(['sip', 'dtmf', sessionId, '12a'], emulator.env());
    expect(digits.code).toBe(2);
    expect(digits.stderr).toMatch(/^opentok: digits must be 1 to 256 of 0-9, \*, # and p/);
    const unknown = await run(['sip', 'dtmf', sessionId, '1', '--connection', UNKNOWN, '--json'], emulator.env());
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stderr).error).toMatchObject({ name: 'NotFoundError', status: 404 });
  });
});

describe('opentok render', () => {
  it('starts a render of a page, shows it started, lists it and stops it', async () => {
    const sessionId = await emulator.routedSession();
    const start = await run(
      ['render', 'start', sessionId, pageUrl, '--resolution', '1280x720', '--name', 'overlay'],
      emulator.env(),
    );
    expect(start).toMatchObject({ code: 0, stderr: '' });
    expect(start.stdout).toMatch(/^[0-9a-f-]{36}\n$/);
    const renderId = start.stdout.trim();
    await until(async () => (await emulator.opentok.client.renders.get(renderId)).status === 'started');

    const get = await run(['render', 'get', renderId], emulator.env());
    expect(get.code).toBe(0);
    expect(get.stdout).toContain(`id          ${renderId}\nstatus      started\nsessionId   ${sessionId}\n`);
    expect(get.stdout).toContain(`url         ${pageUrl}\nresolution  1280x720\n`);
    expect(get.stdout).toMatch(/^streamId {4}[0-9a-f-]{36}$/m);
    const getJson = await run(['render', 'get', renderId, '--json'], emulator.env());
    expect(JSON.parse(getJson.stdout)).toEqual(await emulator.opentok.client.renders.get(renderId));

    const list = await run(['render', 'list', '--status', 'started'], emulator.env());
    const [header, ...rows] = list.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^ID +STATUS +SESSION +CREATED +URL$/);
    expect(rows.find((row) => row.startsWith(renderId))).toMatch(/ started +\S+ +\d{4}-\d\d-\d\d \d\d:\d\d {2}http:/);
    const listed = await run(['render', 'list', '--all', '--json'], emulator.env());
    expect(jsonLines(listed.stdout).map(({ id }) => id)).toContain(renderId);

    const stop = await run(['render', 'stop', renderId], emulator.env());
    expect(stop).toMatchObject({ code: 0, stdout: `${renderId} stopped\n` });
    const stopped = await run(['render', 'list', '--status', 'started', '--json'], emulator.env());
    expect(jsonLines(stopped.stdout).map(({ id }) => id)).not.toContain(renderId);
  });

  it('refuses bad input: a bad status or URL (2), an unknown render (1)', async () => {
    const sessionId = await emulator.routedSession();
    const status = await run(['render', 'list', '--status', 'paused'], emulator.env());
    expect(status.code).toBe(2);
    expect(status.stderr).toContain('Allowed choices are starting, started, stopped, failed');
    const url = await run(['render', 'start', sessionId, 'ftp://example.com'], emulator.env());
    expect(url.code).toBe(2);
    const unknown = await run(['render', 'stop', UNKNOWN], emulator.env());
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^opentok: DELETE \S+\/render\/\S+ failed with 404 /);
  });
});

describe('opentok captions', () => {
  it('starts captions, shows them, refuses a second start (1), and stops them', async () => {
    const sessionId = await emulator.routedSession();
    const start = await run(
      ['captions', 'start', sessionId, '--language', 'en-US', '--max-duration', '1800'],
      emulator.env(),
    );
    expect(start).toMatchObject({ code: 0, stderr: '' });
    const captionsId = start.stdout.trim();
    expect(captionsId).toMatch(/^[0-9a-f-]{36}$/);

    const get = await run(['captions', 'get', captionsId], emulator.env());
    expect(get.stdout).toContain(
      `id          ${captionsId}\nstatus      started\nsessionId   ${sessionId}\nlanguage    en-US\n`,
    );
    const getJson = await run(['captions', 'get', captionsId, '--json'], emulator.env());
    expect(JSON.parse(getJson.stdout)).toMatchObject({ captionsId, status: 'started', languageCode: 'en-US' });

    const again = await run(['captions', 'start', sessionId, '--json'], emulator.env());
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stderr).error).toMatchObject({ status: 409 });

    const stop = await run(['captions', 'stop', captionsId, '--json'], emulator.env());
    expect(JSON.parse(stop.stdout)).toEqual({ captionsId, stopped: true });
    expect((await emulator.opentok.client.captions.get(captionsId)).status).toBe('stopped');
    const bad = await run(['captions', 'start', sessionId, '--language', 'english'], emulator.env());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^opentok: languageCode must be a language tag/);
    const short = await run(['captions', 'start', sessionId, '--max-duration', '10'], emulator.env());
    expect(short.code).toBe(2);
  });
});

describe('opentok audio-connector', () => {
  it('connects the session to a WebSocket server with headers, and stops', async () => {
    const sessionId = await emulator.routedSession();
    const start = await run(
      ['audio-connector', 'start', sessionId, socketUrl, '--audio-rate', '16000', '--header', 'X-Room=blue'],
      emulator.env(),
    );
    expect(start).toMatchObject({ code: 0, stderr: '' });
    const connectorId = start.stdout.trim();
    expect(connectorId).toMatch(/^[0-9a-f-]{36}$/);
    const handshake = await until(() => handshakes.find((headers) => headers['x-room'] === 'blue'));
    expect(handshake['x-room']).toBe('blue');

    const stop = await run(['audio-connector', 'stop', connectorId], emulator.env());
    expect(stop).toMatchObject({ code: 0, stdout: `${connectorId} stopped\n` });
    const again = await run(['audio-connector', 'stop', connectorId, '--json'], emulator.env());
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stderr).error).toMatchObject({ name: 'NotFoundError', status: 404 });

    const json = await run(['audio-connector', 'start', sessionId, socketUrl, '--json'], emulator.env());
    expect(JSON.parse(json.stdout)).toMatchObject({ id: expect.any(String), connectionId: expect.any(String) });
  });

  it('starts at 24 kHz', async () => {
    const sessionId = await emulator.routedSession();
    const start = await run(
      ['audio-connector', 'start', sessionId, socketUrl, '--audio-rate', '24000'],
      emulator.env(),
    );
    expect(start).toMatchObject({ code: 0, stderr: '' });
    const state = (await (await fetch(`${emulator.url}/_emulator/state`)).json()) as {
      audioConnections: Array<{ id: string; audioRate: number }>;
    };
    expect(state.audioConnections.find(({ id }) => id === start.stdout.trim())?.audioRate).toBe(24000);
  });

  it('refuses bad input: a bad rate or a non-WebSocket URI (2)', async () => {
    const sessionId = await emulator.routedSession();
    const rate = await run(['audio-connector', 'start', sessionId, socketUrl, '--audio-rate', '44100'], emulator.env());
    expect(rate.code).toBe(2);
    expect(rate.stderr).toContain('Allowed choices are 8000, 16000, 24000');
    const uri = await run(['audio-connector', 'start', sessionId, 'http://example.com'], emulator.env());
    expect(uri.code).toBe(2);
    expect(uri.stderr).toMatch(/^opentok: .*ws:.*\n$/);
  });
});
