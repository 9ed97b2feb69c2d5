/**
 * `require('opentok/lib/errors')`, as 2.x code uses it: the failures of the 2.x methods, made by
 * `@opentok/emulator` over real HTTP, are matched with `instanceof` against the classes of
 * `opentok/lib/errors`, which has the names of the official 2.23's `lib/errors.js`.
 */
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { type RunningEmulator, startEmulator } from '@opentok/emulator';
import type * as opentokModule from 'opentok';
import type OpenTokDefault from 'opentok';
import type * as errorsModule from 'opentok/lib/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from './emulator-helpers.js';

const require = createRequire(import.meta.url);
const OpenTok = require('opentok') as typeof OpenTokDefault & typeof opentokModule;
const errors = require('opentok/lib/errors') as typeof errorsModule;
const NAMES = [
  'ArgumentError',
  'AuthError',
  'ArchiveError',
  'CaptionsError',
  'SipError',
  'SignalError',
  'ForceDisconnectError',
  'CallbackError',
  'RequestError',
  'NotFoundError',
] as const;
type Name = (typeof NAMES)[number];

/** The lib/errors classes `error` is an instance of, as 2.x code would test them one by one. */
const matching = (error: unknown): Name[] => NAMES.filter((name) => error instanceof errors[name]);

type Settled = [Error | null, ...unknown[]];
/** Calls a 2.x method with a callback; resolves with what the callback got. */
function viaCallback(start: (callback: (...outcome: Settled) => void) => unknown): Promise<Settled> {
  return new Promise((resolve) => start((...outcome) => resolve(outcome)));
}

let emulator: RunningEmulator;
let opentok: InstanceType<typeof OpenTokDefault>;
let apiKey: string;
let apiSecret: string;
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  emulator = await startEmulator({ log: () => {} });
  const [project] = emulator.projects;
  apiKey = project!.apiKey;
  apiSecret = project!.apiSecret;
  opentok = new OpenTok(apiKey, apiSecret, emulator.url);
});
afterAll(async () => {
  await emulator?.close();
});

async function routedWithPublisher(): Promise<string> {
  const { sessionId } = await opentok.createSession({ mediaMode: 'routed' });
  expect((await join(emulator.url, sessionId, opentok.generateToken(sessionId))).status).toBe(201);
  return sessionId;
}

describe('opentok/lib/errors', () => {
  it('has the names of the official 2.x lib/errors.js, and ESM has the same classes as CommonJS', async () => {
    const official = require('official-opentok/lib/errors') as Record<string, unknown>;
    expect(Object.keys(errors).sort()).toEqual(Object.keys(official).sort());
    expect([...NAMES].sort()).toEqual(Object.keys(official).sort());
    const esm = (await import('opentok/lib/errors')) as Record<string, unknown>;
    expect(Object.keys(esm).sort()).toEqual([...NAMES].sort());
  });

  it('constructs errors as 2.x does, with its default messages', () => {
    const auth = new errors.AuthError();
    expect([auth.message, auth.name, auth instanceof Error, matching(auth)]).toEqual([
      'Invalid API key or secret',
      'AuthError',
      true,
      ['AuthError'],
    ]);
    expect(new errors.NotFoundError().message).toBe('Not Found');
    expect(new errors.RequestError().message).toBe('Unexpected response from OpenTok');
    expect(new errors.ArchiveError('Archive not found').message).toBe('Archive not found');
    expect(matching(new errors.ArgumentError('No archive ID given'))).toEqual(['ArgumentError']);
    expect(matching(new Error('plain'))).toEqual([]);
    expect(matching(undefined)).toEqual([]);
    expect(matching({ path: '/v2/project/1/archive', method: 'GET' })).toEqual([]);
  });

  it('a wrong secret is an AuthError (and a RequestError)', async () => {
    const wrong = new OpenTok(apiKey, 'not-the-secret-of-this-project-at-all', emulator.url);
    const [error] = await viaCallback((done) => wrong.createSession({}, done));
    expect(error?.message).toBe('Failed to createSession. Error: Invalid API key or secret');
    expect(matching(error)).toEqual(['AuthError', 'RequestError']);
    // The ESM copy of the classes recognises the error the CommonJS build made.
    const esm = await import('opentok/lib/errors');
    expect([error instanceof esm.AuthError, error instanceof esm.NotFoundError]).toEqual([true, false]);
  });

  it('an unknown archive is a NotFoundError and an ArchiveError; a missing ID an ArgumentError', async () => {
    const [error] = await viaCallback((done) => opentok.getArchive(UNKNOWN, done));
    expect(matching(error)).toEqual(['ArchiveError', 'RequestError', 'NotFoundError']);
    const [missing] = await viaCallback((done) => opentok.getArchive('', done));
    expect(matching(missing)).toEqual(['ArgumentError']);
  });

  it('signal, forceDisconnect, captions, dial and callbacks fail as their own 2.x classes', async () => {
    const sessionId = await routedWithPublisher();
    const [signal] = await viaCallback((done) => opentok.signal(sessionId, UNKNOWN, { type: 't', data: 'd' }, done));
    expect(matching(signal)).toEqual(['SignalError', 'RequestError', 'NotFoundError']);

    const [disconnect] = await viaCallback((done) => opentok.forceDisconnect(sessionId, UNKNOWN, done));
    expect(matching(disconnect)).toEqual(['ForceDisconnectError', 'RequestError', 'NotFoundError']);

    const token = opentok.generateToken(sessionId, { role: 'moderator' });
    expect((await viaCallback((done) => opentok.startCaptions(sessionId, token, {}, done)))[0]).toBeNull();
    const [captions] = await viaCallback((done) => opentok.startCaptions(sessionId, token, {}, done));
    expect(matching(captions)).toEqual(['CaptionsError', 'RequestError']);

    const [dial] = await viaCallback((done) =>
      opentok.dial(`1_${'x'.repeat(40)}`, token, 'sip:+15551234567@sip.example.com', {}, done),
    );
    expect(matching(dial)).toContain('SipError');
    expect(matching(dial)).not.toContain('ArchiveError');

    const [callback] = await viaCallback((done) => opentok.unregisterCallback(UNKNOWN, done));
    expect(matching(callback)).toEqual(['CallbackError', 'RequestError', 'NotFoundError']);
  });

  it('a service that cannot be reached is a RequestError (and an ArchiveError for an archive call)', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const offline = new OpenTok(apiKey, apiSecret, `http://127.0.0.1:${port}`);
    const [error] = await viaCallback((done) => offline.listArchives({}, done));
    expect(matching(error)).toEqual(['ArchiveError', 'RequestError']);
    const [session] = await viaCallback((done) => offline.createSession({}, done));
    expect(matching(session)).toEqual(['RequestError']);
  });
});
