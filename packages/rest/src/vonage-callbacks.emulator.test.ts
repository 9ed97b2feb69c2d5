/**
 * Callbacks of a Vonage application end to end: the client registers URLs with
 * `client.callbacks.register` (Bearer RS256), the emulator POSTs the events with
 * `applicationId` where a project's say `projectId`, and `parseCallback` reads each body to the
 * same typed callback, `projectId` filled from `applicationId`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApplicationKeys, startEmulator } from '@opentok/emulator';
import { generateToken } from '@opentok/token';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCallback } from './callbacks.js';
import { type Client, createClient } from './client.js';

const keys = createApplicationKeys();
const { applicationId, privateKey } = keys;

const received: Array<{ path: string; body: Record<string, unknown> }> = [];
let emulator: Awaited<ReturnType<typeof startEmulator>>;
let client: Client;
let hook: Server;
let hookUrl: string;
beforeAll(async () => {
  hook = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ path: request.url ?? '', body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}`;
  emulator = await startEmulator({ applications: [keys], archiveProcessingMs: 0, log: () => {} });
  client = createClient({ applicationId, privateKey, apiUrl: emulator.url, retry: 0 });
});
afterAll(async () => {
  await emulator?.close();
  hook?.closeAllConnections();
  await new Promise((resolve) => hook?.close(resolve));
});

async function until<T>(check: () => T | undefined, what: string): Promise<T> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const value = check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('callbacks of a Vonage application', () => {
  it('registered by the client, sent with applicationId, parsed with projectId filled from it', async () => {
    const archives = await client.callbacks.register({ group: 'archive', event: 'status', url: `${hookUrl}/archive` });
    await client.callbacks.register({ group: 'connection', event: 'created', url: `${hookUrl}/connection` });
    await client.callbacks.register({ group: 'broadcast', event: 'status', url: `${hookUrl}/broadcast` });
    expect((await client.callbacks.list()).map(({ id }) => id)).toContain(archives.id);

    const { sessionId } = await client.sessions.create({ mediaMode: 'routed' });
    const joined = await emulator.connect(sessionId, generateToken({ applicationId, privateKey }, sessionId), {
      publish: true,
    });
    const archive = await client.archives.start(sessionId);
    await client.archives.stop(archive.id);
    const broadcast = await client.broadcasts.start(sessionId, { outputs: { hls: {} } });
    await client.broadcasts.stop(broadcast.id);

    const connection = await until(() => received.find(({ path }) => path === '/connection'), 'connectionCreated');
    await until(() => received.find(({ body }) => body.status === 'available'), 'an available archive');
    await until(
      () => received.find(({ path, body }) => path === '/broadcast' && body.status === 'stopped'),
      'a stopped broadcast',
    );
    for (const { body } of received) {
      expect(body.applicationId, JSON.stringify(body)).toBe(applicationId);
      expect(body).not.toHaveProperty('projectId');
      expect(body).not.toHaveProperty('partnerId');
      expect(parseCallback(body)).toMatchObject({ projectId: applicationId, sessionId });
    }
    expect(parseCallback(connection.body)).toMatchObject({
      event: 'connectionCreated',
      connection: { id: joined.connectionId },
    });
    const statuses = received.filter(({ path }) => path === '/archive').map(({ body }) => parseCallback(body));
    expect(statuses.map((body) => (body.event === 'archive' ? body.status : body.event))).toEqual([
      'started',
      'stopped',
      'available',
    ]);
    expect(received.filter(({ path }) => path === '/broadcast').map(({ body }) => parseCallback(body))).toContainEqual(
      expect.objectContaining({ event: 'broadcast', id: broadcast.id, projectId: applicationId }),
    );
    // The archive callback's partnerId is the owner too (the Vonage host sends none).
    expect(statuses[0]).toMatchObject({ id: archive.id, partnerId: applicationId });
  });
});
