/**
 * `@opentok/rest` against `@opentok/emulator` for the archive endings beside `available`:
 * `failed` (the emulator's control API fails a recording) and `uploaded` (a project with an
 * upload target). The typed results, the list and the archive callbacks must read both.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RunningEmulator, startEmulator } from '@opentok/emulator';
import {
  ARCHIVE_STATUSES,
  type ArchiveStatus,
  type Client,
  ConflictError,
  createClient,
  parseCallback,
} from '@opentok/rest';
import { generateToken } from '@opentok/token';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PLAIN = { apiKey: '3456789', apiSecret: 'cafecafecafecafecafecafecafecafecafecafe' };
const UPLOADING = { apiKey: '3456790', apiSecret: 'feedfeedfeedfeedfeedfeedfeedfeedfeedfeed' };

let emulator: RunningEmulator;
let hooks: Server;
const callbacks: unknown[] = [];

beforeAll(async () => {
  hooks = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      callbacks.push(JSON.parse(body));
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => hooks.listen(0, '127.0.0.1', resolve));
  const callbackUrl = { archive: `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/archive` };
  emulator = await startEmulator({
    projects: [
      { ...PLAIN, callbackUrl },
      { ...UPLOADING, uploadTarget: 's3', callbackUrl },
    ],
    archiveProcessingMs: 50,
  });
});
afterAll(async () => {
  await emulator?.close();
  hooks?.closeAllConnections();
  await new Promise((resolve) => hooks?.close(resolve));
});

const client = (project: typeof PLAIN): Client =>
  createClient({ ...project, apiUrl: emulator.url, timeout: 5000, retry: { limit: 0 } });

/** A routed session with a publishing client, ready to record. */
async function recordable(rest: Client, project: typeof PLAIN): Promise<string> {
  const { sessionId } = await rest.createSession({ mediaMode: 'routed' });
  await emulator.connect(sessionId, generateToken(project, sessionId), { publish: true });
  return sessionId;
}

/** Polls `get` until the archive leaves `stopped` (5 s at most). */
async function settled(rest: Client, archiveId: string) {
  const deadline = Date.now() + 5000;
  for (;;) {
    const archive = await rest.archives.get(archiveId);
    if (archive.status !== 'stopped' || Date.now() > deadline) return archive;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The archive callbacks received for one archive, parsed by rest, once `count` have arrived. */
async function callbacksOf(archiveId: string, count: number) {
  const deadline = Date.now() + 5000;
  for (;;) {
    const parsed = callbacks.map(parseCallback).filter((callback) => 'id' in callback && callback.id === archiveId);
    if (parsed.length >= count || Date.now() > deadline) return parsed;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('failed and uploaded archives, read by @opentok/rest', () => {
  it('has both statuses in ARCHIVE_STATUSES', () => {
    expect(ARCHIVE_STATUSES).toEqual(expect.arrayContaining(['failed', 'uploaded']));
  });

  it('reads a recording the emulator failed: status failed, the reason, no url, callbacks', async () => {
    const rest = client(PLAIN);
    const sessionId = await recordable(rest, PLAIN);
    const started = await rest.archives.start(sessionId, { name: 'doomed' });
    await emulator.failArchive(started.id, 'encoder crashed');

    const failed = await rest.archives.get(started.id);
    const status: ArchiveStatus = failed.status;
    expect(status).toBe('failed');
    expect(failed).toMatchObject({ reason: 'encoder crashed', url: null, size: 0, name: 'doomed' });
    const page = await rest.archives.list({ sessionId });
    expect(page.items.map(({ id, status }) => [id, status])).toEqual([[started.id, 'failed']]);
    await expect(rest.archives.stop(started.id)).rejects.toBeInstanceOf(ConflictError);
    await expect(rest.archives.delete(started.id)).rejects.toBeInstanceOf(ConflictError);

    // Over HTTP too (POST /_emulator/archives/{id}/fail); a second fail is a 409.
    const again = await rest.archives.start(sessionId);
    const fail = () =>
      fetch(`${emulator.url}/_emulator/archives/${again.id}/fail`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ reason: 'upload lost' }),
      });
    expect((await fail()).status).toBe(200);
    expect(await rest.archives.get(again.id)).toMatchObject({ status: 'failed', reason: 'upload lost' });
    expect((await fail()).status).toBe(409);

    const received = await callbacksOf(started.id, 2);
    expect(received.map((callback) => ('status' in callback ? callback.status : undefined))).toEqual([
      'started',
      'failed',
    ]);
    expect(received[1]).toMatchObject({ event: 'archive', reason: 'encoder crashed', url: null, sessionId });
  });

  it('reads the archives of a project with an upload target: uploaded, no url, deletable', async () => {
    const rest = client(UPLOADING);
    const sessionId = await recordable(rest, UPLOADING);
    const started = await rest.archives.start(sessionId);
    expect((await rest.archives.stop(started.id)).status).toBe('stopped');
    const uploaded = await settled(rest, started.id);
    expect(uploaded).toMatchObject({ status: 'uploaded', url: null, reason: 'user initiated' });
    expect(uploaded.size).toBeGreaterThan(0);
    const [listed] = (await rest.archives.list({ sessionId })).items;
    expect(listed).toMatchObject({ id: started.id, status: 'uploaded', url: null });

    const received = await callbacksOf(started.id, 3);
    expect(received.map((callback) => ('status' in callback ? callback.status : undefined))).toEqual([
      'started',
      'stopped',
      'uploaded',
    ]);

    await rest.archives.delete(started.id);
    expect((await rest.archives.get(started.id)).status).toBe('deleted');

    // The other project of the same emulator has no target: its archives become available.
    const plain = client(PLAIN);
    const plainSession = await recordable(plain, PLAIN);
    const other = await plain.archives.start(plainSession);
    await plain.archives.stop(other.id);
    const available = await settled(plain, other.id);
    expect(available.status).toBe('available');
    expect(available.url).toContain(other.id);
  });
});
