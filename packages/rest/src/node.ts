/**
 * `@opentok/rest/node`: what only Node (or Bun, Deno) can do — stream an archive to a file.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { InvalidArgumentError, OpenTokError } from '@opentok/token';
import type { Archive, Archives } from './archives.js';
import { type Client, type ClientOptions, coreOf, createClient as createBaseClient } from './client.js';
import { errorForStatus, serviceMessageOf } from './error-mapping.js';
import { NetworkError, PREFIX, RequestError, TimeoutError } from './errors.js';
import { readExcerpt } from './read-body.js';
import { requireOptions } from './validate.js';

/** Bytes of a failed answer read for its message; the rest is cancelled unread. */
const ERROR_EXCERPT_BYTES = 64 * 1024;

/** Progress of a download. */
export interface DownloadProgress {
  /** Bytes written so far. */
  receivedBytes: number;
  /** The `Content-Length` of the answer, when the server sent one. */
  totalBytes: number | undefined;
}

/** Options of {@link downloadArchive}. */
export interface DownloadOptions {
  /** Called after every chunk written. */
  onProgress?: ((progress: DownloadProgress) => void) | undefined;
  /** Milliseconds without any data (or without an answer) before giving up. @default 30000 */
  timeout?: number | undefined;
  /** Cancels the download. */
  signal?: AbortSignal | undefined;
  /** The `fetch` to use. @default globalThis.fetch */
  fetch?: ((input: string, init?: RequestInit) => Promise<Response>) | undefined;
}

/**
 * Streams the file at `url` (an archive's `url`, or a legacy download URL) to `destination`,
 * a file path or a `Writable`, without holding the whole video in memory. A file is written
 * under a temporary name beside the destination and renamed when complete, so a failed
 * download leaves no partial file behind. A `Writable` is ended when the download ends.
 * @returns the final progress.
 * @throws {InvalidArgumentError} for a bad URL, destination or option.
 * @throws {NotFoundError} (or another `RequestError` by status) when the server refuses.
 * @throws {NetworkError} when the connection fails or the body is cut short.
 * @throws {TimeoutError} when no data arrives for `timeout` ms.
 * @throws {OpenTokError} when the file cannot be written (the cause says why).
 * @example
 * import { downloadArchive } from '@opentok/rest/node'
 * const archive = await client.archives.get(archiveId)
 * await downloadArchive(archive.url!, './archive.mp4', {
 *   onProgress: ({ receivedBytes, totalBytes }) => console.log(receivedBytes, totalBytes),
 * })
 */
export async function downloadArchive(
  url: string,
  destination: string | Writable,
  options: DownloadOptions = {},
): Promise<DownloadProgress> {
  const target = parseUrl(url);
  checkDestination(destination);
  const { onProgress, signal, timeout, fetch } = checkOptions(options, ['onProgress', 'timeout', 'signal', 'fetch']);
  if (fetch !== undefined && typeof fetch !== 'function') {
    throw new InvalidArgumentError('fetch', `${PREFIX} fetch must be a function`);
  }
  const fetcher = fetch ?? globalThis.fetch;
  const context = { method: 'GET', path: target.pathname };
  const open = async (combined: AbortSignal) => {
    // Redirects are followed here, unlike API calls (see request.ts): this request carries no
    // credential, only `Accept`, and an archive's URL points at storage, which may redirect.
    const response: unknown = await fetcher(target.href, { signal: combined, headers: { accept: '*/*' } });
    if (!isResponse(response)) {
      throw new NetworkError(`${PREFIX} GET ${context.path}: fetch did not return a Response`, context);
    }
    if (!response.ok) {
      // Only an excerpt: an error body can be as large as the video would have been.
      const body = await readExcerpt(response, ERROR_EXCERPT_BYTES);
      const said = await serviceMessageOf(body, response.headers.get('content-type') ?? '');
      throw errorForStatus(response.status, {
        ...context,
        status: response.status,
        serviceMessage: said?.replace(/[^\x20-\x7e]+/g, ' ').slice(0, 200),
      });
    }
    return response;
  };
  return stream(open, context, destination, { onProgress, signal, timeout });
}

/** Options of `client.archives.download` (from `@opentok/rest/node`'s `createClient`). */
export interface ClientDownloadOptions {
  /** Called after every chunk written. */
  onProgress?: ((progress: DownloadProgress) => void) | undefined;
  /** Milliseconds without any data (or without an answer) before giving up. @default 30000 */
  timeout?: number | undefined;
  /** Cancels the download. */
  signal?: AbortSignal | undefined;
}

/** The archive methods of a Node client: those of every client, and `download`. */
export interface NodeArchives extends Archives {
  /**
   * Streams an archive's file to `destination` (a file path or a `Writable`) through the
   * client: its `fetch`, hooks, user agent, retries and error mapping. Takes an archive (its
   * `url` must be set, as once `available`) or a download URL. No credentials are sent to
   * the download URL. A file is written under a temporary name and renamed when complete.
   * @throws {InvalidArgumentError} for an archive without `url`, a bad URL, destination or option.
   * @throws {NotFoundError} (or another `RequestError` by status) when the server refuses.
   * @throws {NetworkError} when the connection fails or the body is cut short.
   * @throws {TimeoutError} when no data arrives for `timeout` ms.
   * @example
   * const archive = await client.archives.get(archiveId)
   * await client.archives.download(archive, './archive.mp4', { onProgress: ({ receivedBytes }) => console.log(receivedBytes) })
   */
  download(
    archiveOrUrl: Archive | string,
    destination: string | Writable,
    options?: ClientDownloadOptions,
  ): Promise<DownloadProgress>;
}

/** A client of `@opentok/rest/node`: every method of `@opentok/rest`'s, and `archives.download`. */
export interface NodeClient extends Client {
  readonly archives: NodeArchives;
}

/**
 * Creates a client as `@opentok/rest`'s `createClient` does, with `archives.download`.
 * @throws {InvalidArgumentError} for missing credentials or malformed options.
 * @example
 * import { createClient } from '@opentok/rest/node'
 * const client = createClient({ apiKey: '123456', apiSecret: process.env.OPENTOK_API_SECRET! })
 * await client.archives.download(await client.archives.get(archiveId), './archive.mp4')
 */
export function createClient(options: ClientOptions): NodeClient {
  const client = createBaseClient(options);
  const send = coreOf(client);
  const download: NodeArchives['download'] = async (archiveOrUrl, destination, input = {}) => {
    const target = parseUrl(urlOf(archiveOrUrl));
    checkDestination(destination);
    const checked = checkOptions(input, ['onProgress', 'timeout', 'signal']);
    const context = { method: 'GET', path: target.pathname };
    const open = (signal: AbortSignal) =>
      send.open({ method: 'GET', path: '', url: target.href, accept: '*/*', signal });
    return stream(open, context, destination, checked);
  };
  return { ...client, archives: { ...client.archives, download } };
}

/** The URL of an archive, or the URL given. */
function urlOf(archiveOrUrl: unknown): unknown {
  if (typeof archiveOrUrl !== 'object' || archiveOrUrl === null) return archiveOrUrl;
  const { url, status } = archiveOrUrl as Partial<Archive>;
  if (typeof url !== 'string') {
    const state = typeof status === 'string' && /^[a-z]{1,20}$/.test(status) ? ` (its status is '${status}')` : '';
    throw new InvalidArgumentError('archiveOrUrl', `${PREFIX} the archive has no url to download yet${state}`);
  }
  return url;
}

function checkDestination(destination: unknown): asserts destination is string | Writable {
  const isPath = typeof destination === 'string';
  if (isPath ? destination === '' || destination.includes('\0') : !isWritable(destination)) {
    throw new InvalidArgumentError('destination', `${PREFIX} destination must be a file path or a Writable stream`);
  }
}

/** Checks the options shared by both downloads. */
function checkOptions(options: DownloadOptions, known: readonly (keyof DownloadOptions)[]) {
  const { onProgress, signal, timeout = 30_000, fetch } = requireOptions('options', options, known);
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new InvalidArgumentError('signal', `${PREFIX} signal must be an AbortSignal`);
  }
  if (!Number.isInteger(timeout) || timeout < 1) {
    throw new InvalidArgumentError('timeout', `${PREFIX} timeout must be a positive whole number of milliseconds`);
  }
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new InvalidArgumentError('onProgress', `${PREFIX} onProgress must be a function`);
  }
  return { onProgress, signal, timeout, fetch };
}

/**
 * Opens the answer with `open` and streams its body to `destination`, with an idle timeout,
 * progress reports, a temporary file renamed when complete, and a check of the length.
 */
async function stream(
  open: (signal: AbortSignal) => Promise<Response>,
  context: { method: string; path: string },
  destination: string | Writable,
  options: { onProgress: DownloadOptions['onProgress']; signal: AbortSignal | undefined; timeout: number },
): Promise<DownloadProgress> {
  const { onProgress, signal, timeout } = options;
  const isPath = typeof destination === 'string';
  // One controller of our own, aborted by the idle timer or by the caller's signal, and held
  // here until the download ends; not `AbortSignal.any([signal, idle])`. Node 20 holds the
  // sources of such a composite weakly: a caller's `AbortSignal.timeout(ms)` that nothing else
  // references can be collected before it fires (measured: `AbortSignal.any([AbortSignal.timeout(200)])`
  // never aborts under `--expose-gc` collections). A listener on the caller's signal keeps a
  // timeout signal alive (Node keeps a timeout signal with an abort listener), until removed.
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeout);
  };
  const onAbort = () => controller.abort(signal?.reason);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  const combined = controller.signal;
  const temporary = isPath
    ? join(dirname(destination), `.${basename(destination)}.${randomBytes(6).toString('hex')}.part`)
    : '';
  const progress: DownloadProgress = { receivedBytes: 0, totalBytes: undefined };
  let callbackError: { error: unknown } | undefined;
  arm();
  try {
    let response: Response;
    try {
      response = await open(combined);
    } catch (error) {
      throw failure(error, context, timedOut, timeout);
    }
    const length = Number(response.headers.get('content-length') ?? Number.NaN);
    progress.totalBytes = Number.isSafeInteger(length) && length >= 0 ? length : undefined;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        arm();
        progress.receivedBytes += chunk.length;
        try {
          onProgress?.({ ...progress });
        } catch (error) {
          callbackError = { error };
          done(error as Error);
          return;
        }
        done(null, chunk);
      },
    });
    const source = response.body
      ? Readable.fromWeb(response.body as unknown as WebReadableStream<Uint8Array>)
      : Readable.from([]);
    const sink = isPath ? createWriteStream(temporary, { flags: 'wx' }) : (destination as Writable);
    try {
      await pipeline(source, counter, sink, { signal: combined });
    } catch (error) {
      // The caller's own onProgress failed: hand its error back untouched.
      if (callbackError) throw callbackError.error;
      if (isFileError(error)) {
        throw new OpenTokError(`${PREFIX} could not write the download: ${(error as Error).message}`, { cause: error });
      }
      throw failure(error, context, timedOut, timeout);
    }
    if (progress.totalBytes !== undefined && progress.receivedBytes !== progress.totalBytes) {
      throw new NetworkError(
        `${PREFIX} GET ${context.path}: the body ended after ${progress.receivedBytes} of ${progress.totalBytes} bytes`,
        { ...context, status: response.status },
      );
    }
    if (isPath) await rename(temporary, destination as string);
    return progress;
  } catch (error) {
    if (isPath) await unlink(temporary).catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

function parseUrl(url: unknown): URL {
  if (typeof url === 'string') {
    try {
      const parsed = new URL(url);
      if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed;
    } catch {
      // Reported below.
    }
  }
  throw new InvalidArgumentError('url', `${PREFIX} url must be an absolute http or https URL`);
}

function isResponse(value: unknown): value is Response {
  const response = value as Partial<Response> | null;
  return (
    typeof response === 'object' &&
    response !== null &&
    typeof response.status === 'number' &&
    typeof response.headers?.get === 'function'
  );
}

function isWritable(value: unknown): value is Writable {
  return typeof value === 'object' && value !== null && typeof (value as Writable).write === 'function';
}

const FILE_CODES = new Set([
  'EACCES',
  'EEXIST',
  'EISDIR',
  'ENOENT',
  'ENOSPC',
  'ENOTDIR',
  'EPERM',
  'EROFS',
  'EMFILE',
  'ENAMETOOLONG',
  'ELOOP',
]);

function isFileError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && FILE_CODES.has(String((error as { code?: unknown }).code));
}

function failure(error: unknown, context: { method: string; path: string }, timedOut: boolean, timeout: number): Error {
  // Our idle timer aborted the call: whatever the abort became on the way, it is a timeout.
  if (timedOut && (NetworkError.isInstance(error) || !OpenTokError.isInstance(error))) {
    return new TimeoutError(`${PREFIX} GET ${context.path}: no data for ${timeout} ms`, context);
  }
  if (RequestError.isInstance(error) || OpenTokError.isInstance(error)) return error as Error;
  if (timedOut) {
    return new TimeoutError(`${PREFIX} GET ${context.path}: no data for ${timeout} ms`, context);
  }
  const name = (error as { name?: unknown } | undefined)?.name;
  const message = name === 'AbortError' ? 'the download was aborted' : 'the connection failed while downloading';
  return new NetworkError(`${PREFIX} GET ${context.path}: ${message}`, { ...context, cause: error });
}
