/**
 * The archive statuses the service has beside the happy path: `failed`, made through the
 * control API (`POST /_emulator/archives/{archiveId}/fail`, `RunningEmulator.failArchive`), and
 * `uploaded`, the end of every archive of a project with an upload target. Over real HTTP,
 * with the archive callbacks received by a local server.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateToken, InvalidArgumentError, OpenTokError } from '@opentok/token';
import { afterEach, describe, expect, it } from 'vitest';
import {
  API_KEY,
  API_SECRET,
  CREDENTIALS,
  call,
  connect,
  createSession,
  emulator,
  eventually,
  post,
} from '../../test/support.js';
import { startEmulator } from '../index.js';

// biome-ignore lint/suspicious/noExplicitAny: tests read answers field by field and assert every one they use
type Json = any;

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    }),
  );
});

/** A callback receiver on loopback: the archive statuses it got, in order. */
async function receiver(): Promise<{ url: string; statuses: string[]; bodies: Array<Record<string, unknown>> }> {
  const bodies: Array<Record<string, unknown>> = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      response.writeHead(204).end();
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const result = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/archives`, bodies, statuses: [] };
  Object.defineProperty(result, 'statuses', { get: () => bodies.map((body) => String(body.status)) });
  return result;
}

/** A routed session with a publishing client, and an archive of it started. */
async function recording(url: string, apiKey = API_KEY) {
  const sessionId = await createSession(url);
  const client = await connect(url, sessionId, true);
  const started = await call('POST', `${url}/v2/project/${apiKey}/archive`, { sessionId });
  expect(started.status).toBe(200);
  return { sessionId, connectionId: client.body.connectionId as string, archiveId: started.body.id as string };
}

const failRoute = (url: string, archiveId: string) => `${url}/_emulator/archives/${archiveId}/fail`;
const archiveUrl = (url: string, archiveId: string) => `${url}/v2/project/${API_KEY}/archive/${archiveId}`;

describe('POST /_emulator/archives/{archiveId}/fail', () => {
  it('fails a started archive: status failed with the reason, recording over, no url, callbacks sent', async () => {
    const hook = await receiver();
    const { url } = await emulator({ projects: [{ ...CREDENTIALS, callbackUrl: { archive: hook.url } }] });
    const { sessionId, archiveId } = await recording(url);

    const failed = await post(failRoute(url, archiveId), { reason: 'disk full' });
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({ id: archiveId, status: 'failed', reason: 'disk full', url: null, size: 0 });

    const read = await call('GET', archiveUrl(url, archiveId));
    expect(read.body).toMatchObject({ status: 'failed', reason: 'disk full', url: null });
    const list = await call('GET', `${url}/v2/project/${API_KEY}/archive?sessionId=${sessionId}`);
    expect(list.body.items.map((item: { status: string }) => item.status)).toEqual(['failed']);

    // It no longer records: stopping is a conflict, and the session may record again.
    expect((await call('POST', `${archiveUrl(url, archiveId)}/stop`)).status).toBe(409);
    const again = await call('POST', `${url}/v2/project/${API_KEY}/archive`, { sessionId });
    expect(again.body.status).toBe('started');

    // Nothing to download, and the service does not delete a failed archive.
    expect((await fetch(`${url}/_emulator/media/${archiveId}/archive.mp4`)).status).toBe(404);
    expect((await call('DELETE', archiveUrl(url, archiveId))).status).toBe(409);
    const state: Json = await (await fetch(`${url}/_emulator/state`)).json();
    const [video] = state.archives.find((archive: { id: string }) => archive.id === archiveId).videos;
    const legacy = await fetch(`${url}/hl/archive/url/${archiveId}/${video.videoId}`, {
      headers: { 'X-TB-PARTNER-AUTH': `${API_KEY}:${API_SECRET}` },
    });
    expect(legacy.status).toBe(409);
    expect((await fetch(`${url}/_emulator/media/${archiveId}/${video.videoId}.flv`)).status).toBe(404);

    await eventually(async () => (hook.bodies.length >= 3 ? true : undefined));
    const ofFirst = hook.bodies.filter((body) => body.id === archiveId);
    expect(ofFirst.map((body) => body.status)).toEqual(['started', 'failed']);
    expect(ofFirst[1]).toMatchObject({ event: 'archive', reason: 'disk full', url: null, sessionId });
  });

  it('fails a paused archive with the default reason, and a stopped one before it becomes available', async () => {
    let now = Date.now();
    const { url } = await emulator({ now: () => now, archiveProcessingMs: 10_000 });
    const paused = await recording(url);
    await fetch(`${url}/_emulator/sessions/${paused.sessionId}/connections/${paused.connectionId}`, {
      method: 'DELETE',
    });
    expect((await call('GET', archiveUrl(url, paused.archiveId))).body.status).toBe('paused');
    const failed = await post(failRoute(url, paused.archiveId), undefined, {});
    expect(failed.body).toMatchObject({ status: 'failed', reason: 'system failure' });

    const processing = await recording(url);
    now += 3000;
    expect((await call('POST', `${archiveUrl(url, processing.archiveId)}/stop`)).body.status).toBe('stopped');
    expect((await post(failRoute(url, processing.archiveId), { reason: null })).body).toMatchObject({
      status: 'failed',
      reason: 'system failure',
      duration: 3,
    });
    now += 60_000;
    expect((await call('GET', archiveUrl(url, processing.archiveId))).body).toMatchObject({
      status: 'failed',
      url: null,
      size: 0,
    });
  });

  it('refuses an archive that has ended (409), an unknown one (404) and malformed input (400)', async () => {
    const { url } = await emulator();
    const { archiveId } = await recording(url);
    await call('POST', `${archiveUrl(url, archiveId)}/stop`);
    expect((await call('GET', archiveUrl(url, archiveId))).body.status).toBe('available');
    const ended = await post(failRoute(url, archiveId), {});
    expect(ended.status).toBe(409);
    expect(ended.body.message).toContain('"available"');
    expect((await call('GET', archiveUrl(url, archiveId))).body.status).toBe('available');

    const other = await recording(url);
    expect((await post(failRoute(url, other.archiveId), {})).status).toBe(200);
    expect((await post(failRoute(url, other.archiveId), {})).status).toBe(409);

    expect((await post(failRoute(url, '5a3c4f4e-0000-4000-8000-000000000000'), {})).status).toBe(404);
    expect((await post(failRoute(url, 'not-an-id'), {})).status).toBe(400);
    const third = await recording(url);
    for (const body of [{ reason: 42 }, { reason: '' }, { reason: 'x'.repeat(1001) }, { why: 'no' }, [1]]) {
      expect((await post(failRoute(url, third.archiveId), body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await call('GET', archiveUrl(url, third.archiveId))).body.status).toBe('started');
  });
});

describe('RunningEmulator.failArchive', () => {
  it('fails an archive from code; an ended or unknown archive rejects with the control API message', async () => {
    const running = await emulator();
    const { archiveId } = await recording(running.url);
    await running.failArchive(archiveId, 'encoder crashed');
    expect((await call('GET', archiveUrl(running.url, archiveId))).body).toMatchObject({
      status: 'failed',
      reason: 'encoder crashed',
    });
    const again = running.failArchive(archiveId);
    await expect(again).rejects.toBeInstanceOf(OpenTokError);
    await expect(again).rejects.toThrow(/"failed"/);
    await expect(running.failArchive('5a3c4f4e-0000-4000-8000-000000000000')).rejects.toThrow(/invalid archive ID/);
    await expect(running.failArchive('nope')).rejects.toThrow(/Invalid archive ID/);
  });
});

describe('projects with an upload target', () => {
  it('end their stopped archives uploaded (no url, no download); other projects keep available', async () => {
    const hook = await receiver();
    const running = await emulator({
      projects: [
        { ...CREDENTIALS, uploadTarget: 's3', callbackUrl: { archive: hook.url } },
        { apiKey: '654321', apiSecret: 'other-secret' },
      ],
    });
    const { url } = running;
    const { archiveId, sessionId } = await recording(url);
    expect((await call('POST', `${archiveUrl(url, archiveId)}/stop`)).body.status).toBe('stopped');
    const uploaded = (await call('GET', archiveUrl(url, archiveId))).body;
    expect(uploaded).toMatchObject({ status: 'uploaded', url: null, reason: 'user initiated' });
    expect(uploaded.size).toBeGreaterThan(0);
    const list = await call('GET', `${url}/v2/project/${API_KEY}/archive?sessionId=${sessionId}`);
    expect(list.body.items[0]).toMatchObject({ id: archiveId, status: 'uploaded', url: null });
    expect((await fetch(`${url}/_emulator/media/${archiveId}/archive.mp4`)).status).toBe(404);
    expect((await post(failRoute(url, archiveId), {})).status).toBe(409);

    await eventually(async () => (hook.statuses.length >= 3 ? true : undefined));
    expect(hook.statuses).toEqual(['started', 'stopped', 'uploaded']);
    expect(hook.bodies[2]).toMatchObject({ id: archiveId, url: null });

    // The service deletes uploaded archives.
    expect((await call('DELETE', archiveUrl(url, archiveId))).status).toBe(204);
    expect((await call('GET', archiveUrl(url, archiveId))).body.status).toBe('deleted');

    // The project without a target: available, with its download.
    const auth = { 'X-TB-PARTNER-AUTH': '654321:other-secret', Accept: 'application/json' };
    const otherSession: Json = await (
      await fetch(`${url}/session/create`, { method: 'POST', headers: auth, body: 'p2p.preference=disabled' })
    ).json();
    const sessionOfOther = otherSession[0].session_id as string;
    await running.connect(
      sessionOfOther,
      generateToken({ apiKey: '654321', apiSecret: 'other-secret' }, sessionOfOther),
    );
    const headers = { ...auth, 'Content-Type': 'application/json' };
    const base = `${url}/v2/project/654321/archive`;
    const started: Json = await (
      await fetch(base, { method: 'POST', headers, body: JSON.stringify({ sessionId: sessionOfOther }) })
    ).json();
    await fetch(`${base}/${started.id}/stop`, { method: 'POST', headers });
    const available = await (await fetch(`${base}/${started.id}`, { headers })).json();
    expect(available).toMatchObject({ status: 'available', url: expect.stringContaining(started.id) });

    const state = await running.state();
    expect(state.projects).toEqual([{ apiKey: API_KEY, uploadTarget: 's3' }, { apiKey: '654321' }]);
    expect(JSON.stringify(running.projects[0])).not.toContain(API_SECRET);
  });

  it('accepts s3 and azure, and refuses anything else with InvalidArgumentError', async () => {
    const running = await emulator({ projects: [{ ...CREDENTIALS, uploadTarget: 'azure' }] });
    expect(JSON.parse(JSON.stringify(running.projects[0]))).toEqual({
      apiKey: API_KEY,
      apiSecret: '[redacted]',
      uploadTarget: 'azure',
    });
    const { archiveId } = await recording(running.url);
    await call('POST', `${archiveUrl(running.url, archiveId)}/stop`);
    expect((await call('GET', archiveUrl(running.url, archiveId))).body.status).toBe('uploaded');
    for (const uploadTarget of ['gcs', '', 'S3', null, 1]) {
      await expect(
        startEmulator({ projects: [{ ...CREDENTIALS, uploadTarget: uploadTarget as never }] }),
      ).rejects.toBeInstanceOf(InvalidArgumentError);
    }
  });
});
