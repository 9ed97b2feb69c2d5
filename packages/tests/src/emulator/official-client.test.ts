/**
 * Interop: the official `opentok` npm client (2.23.2, aliased as `official-opentok`) pointed
 * at `@opentok/emulator` through its constructor's `apiUrl`. What it reports here is what it
 * reports against the real service for the same situations.
 */
import { createRequire } from 'node:module';
import { type RunningEmulator, startEmulator } from '@opentok/emulator';
import { decodeSessionId } from '@opentok/token';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

type Callback<T> = (error: Error | null, result?: T, ...rest: unknown[]) => void;
interface OfficialArchive {
  id: string;
  status: string;
  name: string | null;
  sessionId: string;
  size: number;
  duration: number;
  url: string | null;
  reason: string;
  outputMode: string;
}
interface OfficialSession {
  sessionId: string;
  mediaMode: string;
  archiveMode: string;
}
interface OfficialOpenTok {
  createSession(options: Record<string, string>, callback: Callback<OfficialSession>): void;
  generateToken(sessionId: string, options?: Record<string, unknown>, t1?: boolean): string;
  startArchive(sessionId: string, options: Record<string, unknown>, callback: Callback<OfficialArchive>): void;
  stopArchive(archiveId: string, callback: Callback<OfficialArchive>): void;
  getArchive(archiveId: string, callback: Callback<OfficialArchive>): void;
  listArchives(options: Record<string, unknown>, callback: Callback<OfficialArchive[]>): void;
  deleteArchive(archiveId: string, callback: Callback<void>): void;
}
const OpenTok = require('official-opentok') as new (
  apiKey: string,
  apiSecret: string,
  options: { apiUrl: string },
) => OfficialOpenTok;

/** Calls a callback API; resolves with [error, result, ...rest] so failures can be inspected. */
function settle<T>(start: (callback: Callback<T>) => void): Promise<[Error | null, T | undefined, ...unknown[]]> {
  return new Promise((resolve) => start((error, result, ...rest) => resolve([error, result, ...rest])));
}

async function succeed<T>(start: (callback: Callback<T>) => void): Promise<T> {
  const [error, result] = await settle(start);
  if (error) throw new Error(`official client failed: ${error.message}`);
  return result as T;
}

let emulator: RunningEmulator;
let opentok: OfficialOpenTok;

beforeAll(async () => {
  emulator = await startEmulator({ archiveProcessingMs: 20, log: () => {} });
  const [project] = emulator.projects;
  opentok = new OpenTok(project!.apiKey, project!.apiSecret, { apiUrl: emulator.url });
});
afterAll(() => emulator.close());

/** A client joins through the emulator's control API with a token the official client made. */
async function join(sessionId: string, token: string, publish: boolean) {
  const response = await fetch(`${emulator.url}/_emulator/sessions/${sessionId}/connections`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, publish }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

async function routedSessionWithPublisher(): Promise<string> {
  const session = await succeed<OfficialSession>((done) => opentok.createSession({ mediaMode: 'routed' }, done));
  expect((await join(session.sessionId, opentok.generateToken(session.sessionId), true)).status).toBe(201);
  return session.sessionId;
}

describe('official opentok client against the emulator', () => {
  it('creates relayed, routed and always-archived sessions whose IDs it accepts', async () => {
    const apiKey = emulator.projects[0]!.apiKey;
    const relayed = await succeed<OfficialSession>((done) => opentok.createSession({}, done));
    const routed = await succeed<OfficialSession>((done) =>
      opentok.createSession({ mediaMode: 'routed', location: '12.34.56.78' }, done),
    );
    const always = await succeed<OfficialSession>((done) =>
      opentok.createSession({ mediaMode: 'routed', archiveMode: 'always' }, done),
    );
    expect(relayed.mediaMode).toBe('relayed');
    expect(decodeSessionId(relayed.sessionId)).toMatchObject({ apiKey, p2p: true });
    expect(decodeSessionId(routed.sessionId)).toMatchObject({ apiKey, p2p: false, location: '12.34.56.78' });
    expect(always.archiveMode).toBe('always');
    // generateToken runs the official ownership check on the ID: it would throw for a foreign one.
    for (const { sessionId } of [relayed, routed, always]) {
      expect(opentok.generateToken(sessionId)).toMatch(/^eyJ/);
      expect(opentok.generateToken(sessionId, {}, true)).toMatch(/^T1==/);
    }
    const state = (await (await fetch(`${emulator.url}/_emulator/state`)).json()) as {
      sessions: Array<{ sessionId: string; mediaMode: string; archiveMode: string }>;
    };
    expect(state.sessions.find((session) => session.sessionId === always.sessionId)).toMatchObject({
      mediaMode: 'routed',
      archiveMode: 'always',
    });
  });

  it('connects clients with its JWT and T1 tokens; a subscriber may not publish', async () => {
    const session = await succeed<OfficialSession>((done) => opentok.createSession({ mediaMode: 'routed' }, done));
    const { sessionId } = session;
    const publisher = await join(sessionId, opentok.generateToken(sessionId, { data: 'userId:42' }), true);
    expect(publisher.status).toBe(201);
    expect(publisher.body.streamId).toBeTruthy();
    const legacy = await join(sessionId, opentok.generateToken(sessionId, { role: 'moderator' }, true), true);
    expect(legacy.status).toBe(201);
    const subscriber = await join(sessionId, opentok.generateToken(sessionId, { role: 'subscriber' }), true);
    expect(subscriber).toMatchObject({ status: 403, body: { reason: 'role' } });
  });

  it('starts, gets, lists, stops and deletes an archive, seeing it become available', async () => {
    const sessionId = await routedSessionWithPublisher();
    const started = await succeed<OfficialArchive>((done) =>
      opentok.startArchive(sessionId, { name: 'interop', outputMode: 'composed', resolution: '1280x720' }, done),
    );
    expect(started).toMatchObject({ status: 'started', name: 'interop', sessionId, url: null });

    const fetched = await succeed<OfficialArchive>((done) => opentok.getArchive(started.id, done));
    expect(fetched).toMatchObject({ id: started.id, status: 'started', outputMode: 'composed' });

    const [listError, listed, total] = await settle<OfficialArchive[]>((done) =>
      opentok.listArchives({ sessionId }, done),
    );
    expect(listError).toBeNull();
    expect(total).toBe(1);
    expect(listed!.map((archive) => archive.id)).toEqual([started.id]);

    const stopped = await succeed<OfficialArchive>((done) => opentok.stopArchive(started.id, done));
    expect(stopped).toMatchObject({ id: started.id, status: 'stopped', reason: 'user initiated' });

    let available: OfficialArchive | undefined;
    for (let attempt = 0; attempt < 100 && available?.status !== 'available'; attempt++) {
      available = await succeed<OfficialArchive>((done) => opentok.getArchive(started.id, done));
      if (available.status !== 'available') await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(available).toMatchObject({ status: 'available' });
    expect(available!.size).toBeGreaterThan(0);
    const media = await fetch(available!.url!);
    expect(media.status).toBe(200);
    expect(Number(media.headers.get('content-length'))).toBe(available!.size);
    expect((await media.arrayBuffer()).byteLength).toBe(available!.size);

    const [deleteError] = await settle<void>((done) => opentok.deleteArchive(started.id, done));
    expect(deleteError).toBeNull();
    const [, afterDelete, count] = await settle<OfficialArchive[]>((done) => opentok.listArchives({ sessionId }, done));
    expect(afterDelete).toEqual([]);
    expect(count).toBe(0);
  });

  it('sees an always-archived session start recording when the first client publishes', async () => {
    const session = await succeed<OfficialSession>((done) =>
      opentok.createSession({ mediaMode: 'routed', archiveMode: 'always' }, done),
    );
    expect((await join(session.sessionId, opentok.generateToken(session.sessionId), true)).status).toBe(201);
    const [, archives] = await settle<OfficialArchive[]>((done) =>
      opentok.listArchives({ sessionId: session.sessionId }, done),
    );
    expect(archives).toHaveLength(1);
    expect(archives![0]!.status).toBe('started');
  });

  it('reports the 409 and 404 failures as the service makes it report them', async () => {
    const relayed = await succeed<OfficialSession>((done) => opentok.createSession({ mediaMode: 'relayed' }, done));
    await join(relayed.sessionId, opentok.generateToken(relayed.sessionId), true);
    const [relayedError] = await settle((done) => opentok.startArchive(relayed.sessionId, {}, done));
    expect(relayedError!.message).toMatch(
      /^Unexpected response from OpenTok: "\{"message":"Conflict\. Archiving needs/,
    );

    const empty = await succeed<OfficialSession>((done) => opentok.createSession({ mediaMode: 'routed' }, done));
    const [noClients] = await settle((done) => opentok.startArchive(empty.sessionId, {}, done));
    expect(noClients!.message).toBe('Session not found');

    const sessionId = await routedSessionWithPublisher();
    const archive = await succeed<OfficialArchive>((done) => opentok.startArchive(sessionId, {}, done));
    const [twice] = await settle((done) => opentok.startArchive(sessionId, {}, done));
    expect(twice!.message).toBe(
      'Unexpected response from OpenTok: "{"message":"A recording of the session is is already in progress."}"',
    );
    const [deleteWhileRecording] = await settle<void>((done) => opentok.deleteArchive(archive.id, done));
    expect(deleteWhileRecording!.message).toMatch(/^Unexpected response from OpenTok: .*Only an archive with status/);
    await succeed((done) => opentok.stopArchive(archive.id, done));
    const [stopAgain] = await settle((done) => opentok.stopArchive(archive.id, done));
    expect(stopAgain!.message).toBe('Conflict. You are trying to stop an archive that is not recording.');

    const unknown = '00000000-0000-4000-8000-000000000000';
    const [getUnknown] = await settle((done) => opentok.getArchive(unknown, done));
    expect(getUnknown!.message).toBe('Archive not found');
    const [stopUnknown] = await settle((done) => opentok.stopArchive(unknown, done));
    expect(stopUnknown!.message).toBe('Archive not found');
    const [deleteUnknown] = await settle<void>((done) => opentok.deleteArchive(unknown, done));
    expect(deleteUnknown!.message).toBe('Archive not found');
  });

  it('is refused with the auth error when its secret is wrong', async () => {
    const intruder = new OpenTok(emulator.projects[0]!.apiKey, 'f'.repeat(40), { apiUrl: emulator.url });
    const [sessionError] = await settle((done) => intruder.createSession({}, done));
    expect(sessionError!.message).toBe('Failed to createSession. Error: Invalid API key or secret');
    const [listError] = await settle((done) => intruder.listArchives({}, done));
    expect(listError!.message).toBe('Invalid API key or secret');
  });

  it('gets the legacy manifest and FLV download URL with its moderator T1 token', async () => {
    const sessionId = await routedSessionWithPublisher();
    const archive = await succeed<OfficialArchive>((done) => opentok.startArchive(sessionId, {}, done));
    await succeed((done) => opentok.stopArchive(archive.id, done));
    const token = opentok.generateToken(sessionId, { role: 'moderator' }, true);
    const manifest = await (
      await fetch(`${emulator.url}/archive/getmanifest/${archive.id}`, { headers: { 'X-TB-TOKEN-AUTH': token } })
    ).text();
    const videoId = /<video id="([0-9a-f-]{36})" length="\d+" name=""\/>/.exec(manifest)?.[1];
    expect(videoId).toBeDefined();
    const link = await (
      await fetch(`${emulator.url}/hl/archive/url/${archive.id}/${videoId}`, { headers: { 'X-TB-TOKEN-AUTH': token } })
    ).text();
    const flv = Buffer.from(await (await fetch(link)).arrayBuffer());
    expect(flv.toString('ascii', 0, 3)).toBe('FLV');
  });
});
