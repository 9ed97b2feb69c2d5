/**
 * The operation table and the one core that runs it, against the emulator: namespaces and
 * their aliases, `{ signal }` as every method's last argument, any 2xx as success, unknown
 * answer fields kept and `null` read as absent, and `archives.download` through the client.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '@opentok/emulator';
import { generateToken, InvalidArgumentError } from '@opentok/token';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ClientOptions, createClient as createBaseClient } from './client.js';
import { NetworkError, RequestError } from './errors.js';
import { createClient } from './node.js';
import { OPERATIONS } from './operations.js';

const API_KEY = '123456';
const API_SECRET = 'Zq9xW3kP7mN2vB8cR4tY6uH1jL5gF0dS3aE7wQ9z';

let emulator: Awaited<ReturnType<typeof startEmulator>>;
let folder: string;
beforeAll(async () => {
  emulator = await startEmulator({ projects: [{ apiKey: API_KEY, apiSecret: API_SECRET }], archiveProcessingMs: 20 });
  folder = mkdtempSync(join(tmpdir(), 'opentok-rest-operations-'));
});
afterEach(async () => {
  await fetch(`${emulator.url}/_emulator/faults`, { method: 'DELETE' });
});
afterAll(async () => {
  await emulator?.close();
  rmSync(folder, { recursive: true, force: true });
});

const client = (options: Partial<ClientOptions> = {}) =>
  createClient({ apiKey: API_KEY, apiSecret: API_SECRET, apiUrl: emulator.url, retry: 0, ...options });

async function fault(body: Record<string, unknown>) {
  const response = await fetch(`${emulator.url}/_emulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(201);
}

async function join_(sessionId: string) {
  const token = generateToken({ apiKey: API_KEY, apiSecret: API_SECRET }, sessionId, { role: 'publisher' });
  const response = await fetch(`${emulator.url}/_emulator/sessions/${encodeURIComponent(sessionId)}/connections`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, publish: true }),
  });
  expect(response.status).toBe(201);
}

describe('the operation table', () => {
  it('names every operation once, each under its namespace, with the path parameters its template holds', () => {
    const names = OPERATIONS.map((operation) => operation.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(
      expect.arrayContaining([
        'sessions.create',
        'archives.start',
        'archives.stop',
        'archives.get',
        'archives.list',
        'archives.delete',
        'archives.setLayout',
        'archives.addStream',
        'archives.removeStream',
        'broadcasts.start',
        'broadcasts.stop',
        'broadcasts.get',
        'broadcasts.list',
        'broadcasts.setLayout',
        'broadcasts.addStream',
        'broadcasts.removeStream',
        'legacy.getArchiveManifest',
        'legacy.getArchiveDownloadUrl',
        'sessions.signal',
        'sessions.muteAll',
        'sessions.disableForceMute',
        'connections.list',
        'connections.disconnect',
        'connections.signal',
        'streams.list',
        'streams.get',
        'streams.setClassLists',
        'streams.mute',
      ]),
    );
    for (const { path, params } of OPERATIONS) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).filter((name) => name !== 'apiKey');
      expect(inPath).toEqual([...params]);
    }
    const made = client();
    for (const { name } of OPERATIONS) {
      const [namespace, method] = name.split('.') as [string, string];
      expect(typeof (made as unknown as Record<string, Record<string, unknown>>)[namespace]![method]).toBe('function');
    }
  });

  it('is served whole by the emulator: each method and path is in its endpoint catalogue', async () => {
    const served = (await (await fetch(`${emulator.url}/_emulator/endpoints`)).json()) as {
      method: string;
      path: string;
    }[];
    const keys = new Set(served.map(({ method, path }) => `${method} ${path}`));
    const missing = OPERATIONS.filter(
      ({ method, path }) => !keys.has(`${method} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    ).map(({ name }) => name);
    expect(missing).toEqual([]);
  });

  it('keeps the top-level names as aliases of the namespaced methods', () => {
    const made = createBaseClient({ apiKey: API_KEY, apiSecret: API_SECRET, apiUrl: emulator.url });
    expect(made.createSession).toBe(made.sessions.create);
    expect(made.getArchiveManifest).toBe(made.legacy.getArchiveManifest);
    expect(made.getArchiveDownloadUrl).toBe(made.legacy.getArchiveDownloadUrl);
  });
});

describe('every method takes { signal } last', () => {
  const aborted = () => AbortSignal.abort(new Error('stop'));
  const calls: [string, (made: ReturnType<typeof client>, signal: AbortSignal) => Promise<unknown>][] = [
    ['sessions.create', (made, signal) => made.sessions.create({}, { signal })],
    ['createSession', (made, signal) => made.createSession(undefined, { signal })],
    ['archives.get', (made, signal) => made.archives.get('a1', { signal })],
    ['archives.list', (made, signal) => made.archives.list(undefined, { signal })],
    ['archives.all', (made, signal) => made.archives.all(undefined, { signal }).next()],
    ['archives.stop', (made, signal) => made.archives.stop('a1', { signal })],
    ['archives.delete', (made, signal) => made.archives.delete('a1', { signal })],
    ['archives.setLayout', (made, signal) => made.archives.setLayout('a1', { type: 'pip' }, { signal })],
    ['archives.addStream', (made, signal) => made.archives.addStream('a1', 's1', undefined, { signal })],
    ['archives.removeStream', (made, signal) => made.archives.removeStream('a1', 's1', { signal })],
    ['broadcasts.get', (made, signal) => made.broadcasts.get('b1', { signal })],
    ['broadcasts.list', (made, signal) => made.broadcasts.list({}, { signal })],
    ['broadcasts.stop', (made, signal) => made.broadcasts.stop('b1', { signal })],
    ['sessions.signal', (made, signal) => made.sessions.signal('s1', { data: 'x' }, undefined, { signal })],
    [
      'sessions.signal to a connection',
      (made, signal) => made.sessions.signal('s1', { data: 'x' }, { connectionId: 'c1' }, { signal }),
    ],
    ['sessions.muteAll', (made, signal) => made.sessions.muteAll('s1', undefined, { signal })],
    ['sessions.disableForceMute', (made, signal) => made.sessions.disableForceMute('s1', { signal })],
    ['connections.list', (made, signal) => made.connections.list('s1', { signal })],
    ['connections.disconnect', (made, signal) => made.connections.disconnect('s1', 'c1', { signal })],
    ['streams.list', (made, signal) => made.streams.list('s1', { signal })],
    ['streams.get', (made, signal) => made.streams.get('s1', 'st1', { signal })],
    [
      'streams.setClassLists',
      (made, signal) => made.streams.setClassLists('s1', [{ id: 'st1', layoutClassList: [] }], { signal }),
    ],
    ['streams.mute', (made, signal) => made.streams.mute('s1', 'st1', { signal })],
    ['legacy.getArchiveManifest', (made, signal) => made.legacy.getArchiveManifest('a1', undefined, { signal })],
    [
      'legacy.getArchiveDownloadUrl',
      (made, signal) => made.legacy.getArchiveDownloadUrl('a1', 'v1', undefined, { signal }),
    ],
  ];
  for (const [name, call] of calls) {
    it(`${name}: an aborted signal stops it before an answer, as a NetworkError`, async () => {
      let requests = 0;
      const made = client({ hooks: { beforeRequest: [() => void requests++] } });
      const error = await call(made, aborted()).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(NetworkError);
      expect((error as Error).message).toContain('aborted');
      expect(requests).toBeLessThanOrEqual(1);
    });
  }

  it('refuses call options that are not { signal }', async () => {
    const made = client();
    await expect(made.archives.get('a1', { signal: 'now' } as never)).rejects.toMatchObject({
      argument: 'callOptions.signal',
    });
    await expect(made.archives.get('a1', { sginal: aborted() } as never)).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});

describe('answers', () => {
  const archive = {
    id: 'a1',
    status: 'stopped',
    sessionId: 's1',
    projectId: 123456,
    name: null,
    url: null,
    createdAt: null,
    reason: null,
    futureField: { nested: [1, 2] },
  };

  it('accepts any 2xx, keeps unknown fields and reads null as absent', async () => {
    await fault({ method: 'GET', path: `/v2/project/${API_KEY}/archive/a1`, status: 203, body: archive });
    const read = await client().archives.get('a1');
    expect(read).toMatchObject({ id: 'a1', name: null, url: null, createdAt: 0, reason: '', projectId: '123456' });
    expect((read as unknown as { futureField: unknown }).futureField).toEqual({ nested: [1, 2] });

    await fault({ method: 'DELETE', path: `/v2/project/${API_KEY}/archive/a1`, status: 200, body: { ok: true } });
    await expect(client().archives.delete('a1')).resolves.toBeUndefined();
    await fault({ method: 'POST', path: `/v2/project/${API_KEY}/archive/a1/stop`, status: 202, body: archive });
    await expect(client().archives.stop('a1')).resolves.toMatchObject({ id: 'a1', status: 'stopped' });
  });

  it('pages with all() until the count is reached', async () => {
    const made = client();
    const { sessionId } = await made.sessions.create({ mediaMode: 'routed' });
    await join_(sessionId);
    const started = [];
    for (let index = 0; index < 3; index++) {
      const one = await made.archives.start(sessionId, { multiArchiveTag: `t${index}` });
      started.push(one.id);
    }
    const seen = [];
    for await (const item of made.archives.all({ sessionId, pageSize: 1 })) seen.push(item.id);
    expect(seen.sort()).toEqual(started.sort());
    for (const id of started) await made.archives.stop(id);
  });
});

describe('archives.download through the client', () => {
  it('streams an available archive with the client’s hooks and user agent, and no credentials', async () => {
    const seen: Request[] = [];
    const made = client({
      userAgent: 'operations-test/1',
      hooks: { beforeRequest: [(request) => void seen.push(request)] },
    });
    const { sessionId } = await made.sessions.create({ mediaMode: 'routed' });
    await join_(sessionId);
    const archive = await made.archives.start(sessionId);
    await expect(made.archives.download(archive, join(folder, 'early.mp4'))).rejects.toMatchObject({
      argument: 'archiveOrUrl',
    });
    await made.archives.stop(archive.id);
    let available = await made.archives.get(archive.id);
    for (let attempt = 0; available.status !== 'available' && attempt < 250; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      available = await made.archives.get(archive.id);
    }
    expect(available.url).toBeTruthy();
    const destination = join(folder, 'archive.mp4');
    const progress: number[] = [];
    const result = await made.archives.download(available, destination, {
      onProgress: ({ receivedBytes }) => progress.push(receivedBytes),
    });
    expect(result.receivedBytes).toBeGreaterThan(0);
    expect(readFileSync(destination).length).toBe(result.receivedBytes);
    expect(progress.at(-1)).toBe(result.receivedBytes);
    const download = seen.find((request) => request.url === available.url)!;
    expect(download).toBeDefined();
    expect(download.headers.get('user-agent')).toMatch(/^opentok-rest\/\S+ operations-test\/1$/);
    expect(download.headers.get('x-opentok-auth')).toBeNull();
    expect(download.headers.get('x-tb-token-auth')).toBeNull();
  });

  it('maps a refused download to the error class of its status', async () => {
    const error = await client()
      .archives.download(`${emulator.url}/_emulator/media/none/archive.mp4`, join(folder, 'none.mp4'))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RequestError);
    expect((error as RequestError).status).toBeGreaterThanOrEqual(400);
    expect((error as RequestError).path).toBe('/_emulator/media/none/archive.mp4');
  });
});
