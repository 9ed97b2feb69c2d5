import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { type RunningEmulator, startEmulator } from '@opentok/emulator';
import {
  AuthenticationError,
  ConflictError,
  decodeSessionId,
  InvalidArgumentError,
  NotFoundError,
  OpenTok,
  verifyToken,
} from 'opentok';
import { downloadArchive } from 'opentok/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join, recordArchive, sessionState } from './emulator-helpers.js';

let emulator: RunningEmulator;
let opentok: OpenTok;
let apiKey: string;
let apiSecret: string;

beforeAll(async () => {
  emulator = await startEmulator({ host: '127.0.0.1', port: 0 });
  ({ apiKey, apiSecret } = emulator.projects[0]);
  opentok = new OpenTok(apiKey, apiSecret, { apiUrl: emulator.url, retry: 0 });
});

afterAll(async () => {
  await emulator?.close();
});

describe('OpenTok against the emulator', () => {
  it('creates routed, relayed and always-archived sessions that belong to the project', async () => {
    const routed = await opentok.createSession({ mediaMode: 'routed', location: '10.1.2.3' });
    const relayed = await opentok.createSession();
    const always = await opentok.createSession({ mediaMode: 'routed', archiveMode: 'always' });
    expect(routed).toMatchObject({ apiKey, mediaMode: 'routed', location: '10.1.2.3' });
    expect(decodeSessionId(routed.sessionId).apiKey).toBe(apiKey);
    expect((await sessionState(emulator.url, routed.sessionId)).mediaMode).toBe('routed');
    expect((await sessionState(emulator.url, relayed.sessionId)).mediaMode).toBe(relayed.mediaMode);
    expect(await sessionState(emulator.url, always.sessionId)).toMatchObject({ archiveMode: 'always' });
  });

  it('signs JWT and T1 tokens the emulator admits, with the role they name', async () => {
    const { sessionId } = await opentok.createSession({ mediaMode: 'routed' });
    for (const format of ['jwt', 't1'] as const) {
      for (const role of ['publisher', 'moderator', 'subscriber'] as const) {
        const token = opentok.generateToken(sessionId, { role, format, data: `${format}:${role}` });
        const joined = await join(emulator.url, sessionId, token, role !== 'subscriber');
        expect(joined.status, `${format} ${role}`).toBe(201);
      }
    }
    const subscriber = opentok.generateToken(sessionId, { role: 'subscriber' });
    expect((await join(emulator.url, sessionId, subscriber, true)).status).toBe(403);
    const roles = (await sessionState(emulator.url, sessionId)).connections.map((connection) => connection.role);
    expect(roles.sort()).toEqual(['moderator', 'moderator', 'publisher', 'publisher', 'subscriber', 'subscriber']);
  });

  it('records an archive and reads it back through the modern and the legacy API', async () => {
    const { sessionId, archive } = await recordArchive(opentok, emulator.url);
    expect(archive).toMatchObject({ sessionId, status: 'available', name: 'opentok tests' });
    const listed = await opentok.archives.list({ sessionId });
    expect(listed.items.map((item) => item.id)).toEqual([archive.id]);

    const manifest = await opentok.getArchiveManifest(archive.id, { sessionId });
    expect(manifest).toMatchObject({ archiveId: archive.id, title: 'opentok tests' });
    expect(manifest.resources).toHaveLength(1);
    const url = await opentok.getArchiveDownloadUrl(archive.id, manifest.resources[0].id);
    expect(url).toContain(`${manifest.resources[0].id}.flv`);

    const folder = await mkdtemp(joinPath(tmpdir(), 'opentok-class-'));
    try {
      const seen: number[] = [];
      const file = joinPath(folder, 'archive.mp4');
      await downloadArchive(archive.url!, file, { onProgress: ({ receivedBytes }) => seen.push(receivedBytes) });
      expect((await stat(file)).size).toBe(archive.size);
      expect(seen.at(-1)).toBe(archive.size);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
    await opentok.archives.delete(archive.id);
    expect((await opentok.archives.get(archive.id)).status).toBe('deleted');
  });

  it('starts, reads, lists and stops a broadcast through opentok.broadcasts', async () => {
    const { sessionId } = await opentok.createSession({ mediaMode: 'routed' });
    await emulator.connect(sessionId, opentok.generateToken(sessionId), { publish: true });
    const started = await opentok.broadcasts.start(sessionId, { outputs: { hls: {} } });
    expect(started).toMatchObject({ sessionId, status: 'started' });
    expect((await opentok.broadcasts.get(started.id)).id).toBe(started.id);
    expect((await opentok.broadcasts.list({ sessionId })).items.map((item) => item.id)).toContain(started.id);
    expect((await opentok.broadcasts.stop(started.id)).status).toBe('stopped');
  });

  it('maps the service’s refusals to typed errors without the secret', async () => {
    const relayed = await opentok.createSession({ mediaMode: 'relayed' });
    await join(emulator.url, relayed.sessionId, opentok.generateToken(relayed.sessionId));
    await expect(opentok.archives.start(relayed.sessionId)).rejects.toBeInstanceOf(ConflictError);
    await expect(opentok.archives.get('00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(NotFoundError);

    const wrong = new OpenTok(apiKey, 'not-the-secret', { apiUrl: emulator.url });
    const failure = await wrong.createSession().catch((error: unknown) => error);
    expect(AuthenticationError.isInstance(failure)).toBe(true);
    expect(String((failure as Error).message)).not.toContain('not-the-secret');
    expect(() => opentok.generateToken(relayed.sessionId, { role: 'owner' as never })).toThrow(InvalidArgumentError);
  });

  it('tokens carry the connection data the emulator reports', async () => {
    const { sessionId } = await opentok.createSession({ mediaMode: 'routed' });
    const token = opentok.generateToken(sessionId, { data: 'userId:42' });
    expect(verifyToken(token, { apiKey, apiSecret }).data).toBe('userId:42');
    await join(emulator.url, sessionId, token);
    expect((await sessionState(emulator.url, sessionId)).connections[0].data).toBe('userId:42');
  });
});
