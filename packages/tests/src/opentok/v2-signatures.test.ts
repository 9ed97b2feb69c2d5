/**
 * The 2.x call shapes the types declare (issue 22 part 2), run against the built package and a
 * loopback server that answers each request once: `remove*Stream` with 2.23's
 * `(id, streamId, callback)` and with the options argument `@types/opentok` declares, in the
 * callback and the promise form; `null` layout stylesheets; and `util.promisify` of bound
 * methods with their full argument lists.
 * @module
 */
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import type OpenTokDefault from 'opentok';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const OpenTok = require('opentok') as typeof OpenTokDefault;

/** One request the server saw. */
interface Seen {
  method: string;
  path: string;
  body: unknown;
}

let server: Server;
let url: string;
let queue: { status: number; body?: unknown }[] = [];
let seen: Seen[] = [];

/** The answers of the next requests, one each (JSON); a request beyond them gets a 599. */
function answer(...canned: { status: number; body?: unknown }[]): void {
  queue = canned;
  seen = [];
}

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    seen.push({
      method: request.method ?? '',
      path: request.url ?? '',
      body: text === '' ? undefined : JSON.parse(text),
    });
    const next = queue.shift() ?? { status: 599 };
    if (next.body === undefined) {
      response.writeHead(next.status);
      response.end();
      return;
    }
    response.writeHead(next.status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(next.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => answer());

const client = (): OpenTokDefault => new OpenTok('123456', 'secret', url);

/** Calls a 2.x method with a callback; resolves with what the callback got and what the call returned. */
function settled(start: (callback: (error: Error | null) => void) => unknown): Promise<[Error | null, unknown]> {
  return new Promise((resolve) => {
    // The callback runs later (2.x settles asynchronously), once `returned` is set.
    const returned: unknown = start((error) => queueMicrotask(() => resolve([error, returned])));
  });
}

const ARCHIVE_STREAMS = '/v2/project/123456/archive/ARCHIVE/streams';
const BROADCAST_STREAMS = '/v2/project/123456/broadcast/BROADCAST/streams';

describe('removeArchiveStream and removeBroadcastStream', () => {
  it('take (id, streamId, callback), as 2.23', async () => {
    answer({ status: 204 }, { status: 204 });
    expect(await settled((done) => client().removeArchiveStream('ARCHIVE', 'STREAM', done))).toEqual([null, undefined]);
    expect(await settled((done) => client().removeBroadcastStream('BROADCAST', 'STREAM', done))).toEqual([
      null,
      undefined,
    ]);
    expect(seen).toEqual([
      { method: 'PATCH', path: ARCHIVE_STREAMS, body: { removeStream: 'STREAM' } },
      { method: 'PATCH', path: BROADCAST_STREAMS, body: { removeStream: 'STREAM' } },
    ]);
  });

  it('take (id, streamId, options, callback), as @types/opentok declares; the options change nothing', async () => {
    answer({ status: 204 }, { status: 204 });
    const options = { hasAudio: false, hasVideo: true };
    expect(await settled((done) => client().removeArchiveStream('ARCHIVE', 'STREAM', options, done))).toEqual([
      null,
      undefined,
    ]);
    expect(await settled((done) => client().removeBroadcastStream('BROADCAST', 'STREAM', {}, done))).toEqual([
      null,
      undefined,
    ]);
    expect(seen).toEqual([
      { method: 'PATCH', path: ARCHIVE_STREAMS, body: { removeStream: 'STREAM' } },
      { method: 'PATCH', path: BROADCAST_STREAMS, body: { removeStream: 'STREAM' } },
    ]);
  });

  it('return a promise without a callback, with or without options', async () => {
    answer({ status: 204 }, { status: 204 }, { status: 204 });
    await expect(client().removeArchiveStream('ARCHIVE', 'STREAM', {})).resolves.toBeUndefined();
    await expect(client().removeArchiveStream('ARCHIVE', 'STREAM', undefined)).resolves.toBeUndefined();
    await expect(client().removeBroadcastStream('BROADCAST', 'STREAM', { hasAudio: true })).resolves.toBeUndefined();
    expect(seen.map(({ body }) => body)).toEqual(Array(3).fill({ removeStream: 'STREAM' }));
  });

  it('pass a service failure to the callback of either shape', async () => {
    answer({ status: 404, body: { message: 'nope' } }, { status: 404, body: { message: 'nope' } });
    const [error] = await settled((done) => client().removeArchiveStream('ARCHIVE', 'STREAM', {}, done));
    expect(error?.message).toBe('Archive or stream not found');
    const [failure] = await settled((done) => client().removeArchiveStream('ARCHIVE', 'STREAM', done));
    expect(failure?.message).toBe('Archive or stream not found');
  });
});

describe('setArchiveLayout and setBroadcastLayout', () => {
  it('take null for the stylesheet and the screen-share type, with a callback or a promise', async () => {
    answer({ status: 200 }, { status: 200 }, { status: 200 }, { status: 200 });
    expect(await settled((done) => client().setArchiveLayout('ARCHIVE', 'pip', null, done))).toEqual([null, undefined]);
    expect(await settled((done) => client().setBroadcastLayout('BROADCAST', 'bestFit', null, 'pip', done))).toEqual([
      null,
      undefined,
    ]);
    await expect(client().setArchiveLayout('ARCHIVE', 'bestFit', null, null)).resolves.toBeUndefined();
    await expect(client().setBroadcastLayout('BROADCAST', 'verticalPresentation', null)).resolves.toBeUndefined();
    expect(seen.map(({ method, body }) => [method, body])).toEqual([
      ['PUT', { type: 'pip' }],
      ['PUT', { type: 'bestFit', screenshareType: 'pip' }],
      ['PUT', { type: 'bestFit' }],
      ['PUT', { type: 'verticalPresentation' }],
    ]);
  });
});

describe('util.promisify of bound 2.x methods', () => {
  it('passes the full argument list and resolves to the result', async () => {
    const opentok = client();
    answer(
      { status: 200, body: { id: 'A', status: 'started', sessionId: 'S', name: 'n' } },
      { status: 200, body: { count: 1, items: [{ id: 'A', status: 'available' }] } },
      { status: 204 },
      { status: 200 },
    );
    const archive = await promisify(opentok.startArchive.bind(opentok))('S', { name: 'n' });
    expect(archive).toMatchObject({ id: 'A', name: 'n' });
    const archives = await promisify(opentok.listArchives.bind(opentok))({ sessionId: 'S', count: 5 });
    expect(archives).toEqual([expect.objectContaining({ id: 'A' })]);
    await promisify(opentok.removeArchiveStream.bind(opentok))('ARCHIVE', 'STREAM', {});
    await promisify(opentok.setArchiveLayout.bind(opentok))('ARCHIVE', 'custom', 'stream { }');
    expect(seen.map(({ method, path, body }) => [method, path, body])).toEqual([
      ['POST', '/v2/project/123456/archive', { sessionId: 'S', name: 'n' }],
      ['GET', '/v2/project/123456/archive?count=5&sessionId=S', undefined],
      ['PATCH', ARCHIVE_STREAMS, { removeStream: 'STREAM' }],
      ['PUT', '/v2/project/123456/archive/ARCHIVE/layout', { type: 'custom', stylesheet: 'stream { }' }],
    ]);
  });
});
