/**
 * Interop: the official `opentok` 2.x client's legacy callback calls — `registerCallback`,
 * `listCallbacks`, `unregisterCallback` — against `@opentok/emulator`, which then POSTs the
 * registered events to a real server on loopback.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { type RunningEmulator, startEmulator } from '@opentok/emulator';
import { generateToken } from '@opentok/token';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
type Done<T> = (error: Error | null, result?: T) => void;
interface OfficialCallback {
  id: string;
  group: string;
  event: string;
  url: string;
  createdAt: number;
}
interface OfficialOpenTok {
  createSession(options: Record<string, string>, done: Done<{ sessionId: string }>): void;
  registerCallback(options: { group: string; event: string; url: string }, done: Done<OfficialCallback>): void;
  listCallbacks(done: Done<OfficialCallback[]>): void;
  unregisterCallback(id: string, done: Done<void>): void;
}
const OpenTok = require('official-opentok') as new (
  apiKey: string,
  apiSecret: string,
  options: { apiUrl: string },
) => OfficialOpenTok;

const API_KEY = '8765432';
const API_SECRET = 'beefbeefbeefbeefbeefbeefbeefbeefbeefbeef';

const call = <T>(start: (done: Done<T>) => void) =>
  new Promise<T>((resolve, reject) => start((error, result) => (error ? reject(error) : resolve(result as T))));

let emulator: RunningEmulator;
let receiver: ReturnType<typeof createServer>;
let hooks: string;
const bodies: Array<Record<string, unknown>> = [];
beforeAll(async () => {
  emulator = await startEmulator({ projects: [{ apiKey: API_KEY, apiSecret: API_SECRET }], log: () => {} });
  receiver = createServer((request: IncomingMessage, response: ServerResponse) => {
    let text = '';
    request.on('data', (chunk) => {
      text += chunk;
    });
    request.on('end', () => {
      bodies.push(JSON.parse(text));
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  hooks = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
});
afterAll(async () => {
  receiver?.closeAllConnections();
  await new Promise((resolve) => receiver?.close(resolve));
  await emulator?.close();
});

describe('the official client and the legacy callback API', () => {
  it('registers, lists and unregisters; the registered event arrives', async () => {
    const opentok = new OpenTok(API_KEY, API_SECRET, { apiUrl: emulator.url });
    const registered = await call<OfficialCallback>((done) =>
      opentok.registerCallback({ group: 'connection', event: 'created', url: hooks }, done),
    );
    expect(registered).toMatchObject({ group: 'connection', event: 'created', url: hooks });
    expect(registered.id).toMatch(/^[0-9a-f-]{36}$/);
    const listed = await call<OfficialCallback[]>((done) => opentok.listCallbacks(done));
    expect(listed.map(({ id, url }) => ({ id, url }))).toEqual([{ id: registered.id, url: hooks }]);

    const { sessionId } = await call<{ sessionId: string }>((done) =>
      opentok.createSession({ mediaMode: 'routed' }, done),
    );
    const joined = await emulator.connect(
      sessionId,
      generateToken({ apiKey: API_KEY, apiSecret: API_SECRET }, sessionId),
    );
    for (let attempt = 0; attempt < 400 && bodies.length === 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(bodies).toEqual([
      expect.objectContaining({
        event: 'connectionCreated',
        sessionId,
        projectId: API_KEY,
        connection: expect.objectContaining({ id: joined.connectionId }),
      }),
    ]);

    await call<void>((done) => opentok.unregisterCallback(registered.id, done));
    expect(await call<OfficialCallback[]>((done) => opentok.listCallbacks(done))).toEqual([]);
    await expect(call<void>((done) => opentok.unregisterCallback(registered.id, done))).rejects.toBeInstanceOf(Error);
  });
});
