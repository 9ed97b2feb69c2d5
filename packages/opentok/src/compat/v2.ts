/**
 * The door of `require('opentok')` and `import OpenTok from 'opentok'`: the modern
 * {@link ModernOpenTok} class (promises, `opentok.archives`, ...) plus every method of the
 * official `opentok` 2.x module, with its names, arguments, callbacks and result objects.
 * Each 2.x method takes its callback last; without one it returns a promise of the same result.
 * @module
 */
import type {
  AddStreamOptions,
  Client,
  CreateSessionOptions,
  ListArchivesOptions,
  ListBroadcastsOptions,
  ListRendersOptions,
  MuteAllOptions,
  RegisterCallbackOptions,
  Session as RestSession,
  StartArchiveOptions,
  StartBroadcastOptions,
  StartCaptionsOptions,
  StartRenderOptions,
  StreamClassList,
} from '@opentok/rest';
import { InvalidArgumentError } from '@opentok/token';
import { OpenTok as ModernOpenTok, type OpenTokApplication, type OpenTokOptions } from '../opentok.js';
import { checkProxy, createProxyFetch, type ProxySetting, throughProxy } from './proxy.js';
import { settleErrorFirst } from './settle.js';
import {
  Archive,
  Broadcast,
  Callback,
  Render,
  type ResultOwner,
  Session,
  SipInterconnect,
  Stream,
  type V2Callback,
  type V2TokenOptions,
} from './v2-results.js';

/** The third argument of the constructor as 2.x takes it, or the modern {@link OpenTokOptions}. */
export type OpenTokEnvironment =
  | string
  | (OpenTokOptions & {
      /**
       * An HTTP(S) proxy that every request goes through, such as `http://proxy.example.com:3128`
       * (credentials in its userinfo are sent as `Proxy-Authorization`). Node only: it uses
       * undici's `ProxyAgent`, loaded on the first request. `''` means no proxy.
       */
      proxy?: string | undefined;
      /** Text appended to the `User-Agent` header (2.x's name for `userAgent`). */
      uaAddendum?: string | undefined;
    });

/**
 * What a 2.x method returns: nothing when given a callback (2.x's behaviour), else a promise
 * of what the callback would have received.
 */
export type Outcome<C, T> = unknown extends C
  ? Promise<T> | undefined
  : [C] extends [undefined]
    ? Promise<T>
    : undefined;

/** A 2.x list callback: `(error, items, totalCount)`. */
export type ListCallback<T> = {
  bivarianceHack(error: Error | null, items: T[], totalCount: number): void;
}['bivarianceHack'];

/** Layout types of `setArchiveLayout` and `setBroadcastLayout`. */
type LayoutArguments = [
  type: string,
  stylesheet?: string | V2Callback<void>,
  screenshareType?: string | V2Callback<void>,
];

/** What 2.x's messages begin with, by HTTP status, and the prefix some methods add. */
interface Wording {
  prefix?: string;
  byStatus?: Partial<Record<number, string>>;
}

const scheduler = globalThis as unknown as { queueMicrotask(task: () => void): void };
const AUTH_WORDS = 'Invalid API key or secret';
const DIGITS = /^\d{1,32}$/;
const APPLICATION = /^[\da-f]{8}(-[\da-f]{4}){3}-[\da-f]{12}$/i;

/** Our typed error, its message made to begin as 2.x's does (the class, status and cause stay). */
function reword(error: unknown, wording: Wording): unknown {
  if (!(error instanceof Error)) return error;
  const status = (error as { status?: unknown }).status;
  let message = error.message;
  const head =
    status === 401 || status === 403 ? AUTH_WORDS : typeof status === 'number' ? wording.byStatus?.[status] : undefined;
  if (head !== undefined && !message.startsWith(head)) message = `${head}: ${message}`;
  if (wording.prefix !== undefined) message = `${wording.prefix} ${message}`;
  if (message !== error.message) {
    Object.defineProperty(error, 'message', { value: message, writable: true, configurable: true, enumerable: false });
  }
  return error;
}

function need(value: unknown, argument: string, message: string): void {
  if (value === undefined || value === null || value === '') throw new InvalidArgumentError(argument, message);
}

/** `options` may be left out before the callback, as in 2.x. */
function shift<O, C>(options: O | C | undefined, callback: C | undefined): [O | undefined, C | undefined] {
  return typeof options === 'function' ? [undefined, options as C] : [options as O, callback];
}

const defined = <T extends object>(fields: T): T =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T;

/**
 * A project's OpenTok API, usable as the official `opentok` 2.x module (`new OpenTok(key,
 * secret, [apiUrl | options])`, methods with a callback last) and as the modern class
 * (promises, `opentok.archives`, `opentok.broadcasts`, ...). Every 2.x method returns a promise
 * of its result when no callback is given.
 * @example
 * const OpenTok = require('opentok')
 * const opentok = new OpenTok(apiKey, apiSecret)
 * opentok.createSession({ mediaMode: 'routed' }, (error, session) => {
 *   const token = opentok.generateToken(session.sessionId, { role: 'moderator' })
 * })
 */
export class OpenTokV2 extends ModernOpenTok implements ResultOwner {
  /**
   * Signs a client token: as the modern generator, plus 2.x's forms: `initialLayoutClassList`
   * as one space-separated string, `expireTime` rounded, and `true` as third argument for a T1 token.
   */
  declare readonly generateToken: (sessionId: string, options?: V2TokenOptions, t1?: boolean) => string;

  /**
   * @param apiKey The project API key (a number is turned into a string).
   * @param apiSecret The project API secret.
   * @param environment The API URL as a string, or options: `apiUrl`, `timeout` (milliseconds,
   * applied), `uaAddendum` (appended to the user agent), and the modern options.
   * @throws {InvalidArgumentError} for a missing key or secret, a malformed option, or `proxy`.
   */
  constructor(apiKey: string | number, apiSecret: string, environment?: OpenTokEnvironment);
  /** A Vonage application's `{ applicationId, privateKey }`, as the modern class takes it. */
  constructor(application: OpenTokApplication, environment?: OpenTokEnvironment);
  constructor(
    first: string | number | OpenTokApplication,
    second?: string | OpenTokEnvironment,
    third?: OpenTokEnvironment,
  ) {
    if (typeof first === 'object' && first !== null) {
      const [options, proxy] = toOptions(second as OpenTokEnvironment | undefined);
      super(first, options);
      this.#proxy = proxy;
      wrapGenerator(this);
      return;
    }
    const apiKey = typeof first === 'number' && Number.isFinite(first) ? String(first) : first;
    const apiSecret = second;
    if (typeof apiKey !== 'string' || apiKey === '' || typeof apiSecret !== 'string' || apiSecret === '') {
      throw new InvalidArgumentError(
        typeof apiKey !== 'string' || apiKey === '' ? 'apiKey' : 'apiSecret',
        'Invalid arguments when initializing OpenTok: the API key and the API secret must be non-empty strings',
      );
    }
    // A key that is neither digits nor an application ID with its key (a test key, say) is
    // accepted, as 2.x does; calls made with it are refused with the reason.
    const usable = DIGITS.test(apiKey) || (APPLICATION.test(apiKey) && apiSecret.startsWith('-----BEGIN PRIVATE KEY'));
    const [options, proxy] = toOptions(third);
    super(usable ? apiKey : '0', apiSecret, options);
    this.#proxy = proxy;
    wrapGenerator(this);
    if (!usable) refuseKey(this, apiKey);
  }

  /** The proxy requests go through (`proxy` option), named in the messages of network errors. */
  readonly #proxy: ProxySetting | undefined;

  /** The base URL in use (2.x's `apiUrl`). */
  get apiUrl(): string {
    return this.client.apiUrl;
  }

  #call<T, C>(callback: C, wording: Wording, work: (client: Client) => Promise<T>): Outcome<C, T> {
    return settleErrorFirst(async () => {
      try {
        return await work(this.client);
      } catch (error) {
        throw reword(throughProxy(error, this.#proxy), wording);
      }
    }, callback) as Outcome<C, T>;
  }

  #list<T, C>(
    callback: C,
    wording: Wording,
    work: (client: Client) => Promise<{ items: T[]; count: number }>,
  ): Outcome<C, T[]> {
    const page = this.#call(undefined, wording, work);
    if (typeof callback !== 'function') return page.then(({ items }) => items) as Outcome<C, T[]>;
    // The callback runs outside the promise chain: what it throws is an uncaught exception.
    page.then(
      ({ items, count }) => scheduler.queueMicrotask(() => (callback as ListCallback<T>)(null, items, count)),
      (error: Error) => scheduler.queueMicrotask(() => (callback as (error: Error) => void)(error)),
    );
    return undefined as Outcome<C, T[]>;
  }

  /**
   * Creates a session. With a callback (2.x), `callback(error, session)`; without, a promise of
   * the same {@link Session}, which has the modern result's fields too (`sessionId`, `mediaMode`, ...).
   * @example
   * opentok.createSession({ mediaMode: 'routed' }, (error, session) => console.log(session.sessionId))
   */
  override createSession(callback: V2Callback<Session>): undefined;
  override createSession(options: CreateSessionOptions | undefined, callback: V2Callback<Session>): undefined;
  override createSession(options?: CreateSessionOptions): Promise<RestSession>;
  override createSession(
    options?: CreateSessionOptions | V2Callback<Session>,
    callback?: V2Callback<Session>,
  ): Promise<RestSession | Session> | undefined {
    const [given, done] = shift<CreateSessionOptions, V2Callback<Session>>(options ?? {}, callback);
    return this.#call(done as unknown, { prefix: 'Failed to createSession.' }, async (client) => {
      const session = await client.createSession(given);
      return new Session(this, session);
    });
  }

  /** Starts recording a routed session; `callback(error, archive)`. */
  startArchive(sessionId: string, options?: StartArchiveOptions): Promise<Archive>;
  startArchive(sessionId: string, callback: V2Callback<Archive>): undefined;
  startArchive(sessionId: string, options: StartArchiveOptions | undefined, callback: V2Callback<Archive>): undefined;
  startArchive(
    sessionId: string,
    options?: StartArchiveOptions | V2Callback<Archive>,
    callback?: V2Callback<Archive>,
  ): Promise<Archive> | undefined {
    const [given, done] = shift<StartArchiveOptions, V2Callback<Archive>>(options, callback);
    const wording = {
      byStatus: {
        404: 'Session not found',
        409: 'Recording already in progress or session not using OpenTok Media Router',
      },
    };
    return this.#call(done as unknown, wording, async (client) => {
      need(sessionId, 'sessionId', 'No session ID given');
      return new Archive(this, await client.archives.start(sessionId, given));
    });
  }

  /** Stops an archive; `callback(error, archive)`. */
  stopArchive(archiveId: string, callback: V2Callback<Archive>): undefined;
  stopArchive(archiveId: string): Promise<Archive>;
  stopArchive(archiveId: string, callback?: V2Callback<Archive>): Promise<Archive> | undefined {
    return this.#call(callback as unknown, { byStatus: { 404: 'Archive not found' } }, async (client) => {
      need(archiveId, 'archiveId', 'No archive ID given');
      return new Archive(this, await client.archives.stop(archiveId));
    });
  }

  /** Reads an archive; `callback(error, archive)`. */
  getArchive(archiveId: string, callback: V2Callback<Archive>): undefined;
  getArchive(archiveId: string): Promise<Archive>;
  getArchive(archiveId: string, callback?: V2Callback<Archive>): Promise<Archive> | undefined {
    return this.#call(callback as unknown, { byStatus: { 404: 'Archive not found' } }, async (client) => {
      need(archiveId, 'archiveId', 'No archive ID given');
      return new Archive(this, await client.archives.get(archiveId));
    });
  }

  /** Deletes an archive's recording; `callback(error)`. */
  deleteArchive(archiveId: string, callback: V2Callback<void>): undefined;
  deleteArchive(archiveId: string): Promise<void>;
  deleteArchive(archiveId: string, callback?: V2Callback<void>): Promise<void> | undefined {
    return this.#call(callback as unknown, { byStatus: { 404: 'Archive not found' } }, async (client) => {
      need(archiveId, 'archiveId', 'No archive ID given');
      await client.archives.delete(archiveId);
    });
  }

  /** Lists archives (`offset`, `count`, `sessionId`); `callback(error, archives, totalCount)`, or a promise of the archives. */
  listArchives(options?: ListArchivesOptions): Promise<Archive[]>;
  listArchives(callback: ListCallback<Archive>): undefined;
  listArchives(options: ListArchivesOptions | undefined, callback: ListCallback<Archive>): undefined;
  listArchives(
    options?: ListArchivesOptions | ListCallback<Archive>,
    callback?: ListCallback<Archive>,
  ): Promise<Archive[]> | undefined {
    const [given, done] = shift<ListArchivesOptions, ListCallback<Archive>>(options, callback);
    return this.#list(done as unknown, {}, async (client) => {
      const page = await client.archives.list(pageOptions(given));
      return { count: page.count, items: page.items.map((item) => new Archive(this, item)) };
    });
  }

  /** Sets the layout of a composed archive; `callback(error)`. */
  setArchiveLayout(archiveId: string, ...layout: [...LayoutArguments, V2Callback<void>?]): Promise<void> | undefined {
    const [type, stylesheet, screenshareType, done] = splitLayout(layout);
    return this.#call(done as unknown, {}, async (client) => {
      need(archiveId, 'archiveId', 'Invalid arguments -- must provide an archiveId string.');
      await client.archives.setLayout(archiveId, defined({ type, stylesheet, screenshareType }) as never);
    });
  }

  /** Adds a stream to an archive in manual stream mode; `callback(error)`. */
  addArchiveStream(archiveId: string, streamId: string, options?: AddStreamOptions): Promise<void>;
  addArchiveStream(archiveId: string, streamId: string, callback: V2Callback<void>): undefined;
  addArchiveStream(
    archiveId: string,
    streamId: string,
    options: AddStreamOptions | undefined,
    callback: V2Callback<void>,
  ): undefined;
  addArchiveStream(
    archiveId: string,
    streamId: string,
    options?: AddStreamOptions | V2Callback<void>,
    callback?: V2Callback<void>,
  ): Promise<void> | undefined {
    const [given, done] = shift<AddStreamOptions, V2Callback<void>>(options, callback);
    return this.#call(done as unknown, PATCH_WORDS, async (client) => {
      need(archiveId, 'archiveId', 'No Archive ID given');
      await client.archives.addStream(archiveId, streamId, {
        hasAudio: given?.hasAudio ?? true,
        hasVideo: given?.hasVideo ?? true,
      });
    });
  }

  /** Removes a stream from an archive in manual stream mode; `callback(error)`. */
  removeArchiveStream(archiveId: string, streamId: string, callback: V2Callback<void>): undefined;
  removeArchiveStream(archiveId: string, streamId: string): Promise<void>;
  removeArchiveStream(archiveId: string, streamId: string, callback?: V2Callback<void>): Promise<void> | undefined {
    return this.#call(callback as unknown, PATCH_WORDS, async (client) => {
      need(archiveId, 'archiveId', 'No Archive ID given');
      await client.archives.removeStream(archiveId, streamId);
    });
  }

  /** Starts a live-streaming broadcast (HLS and RTMP); `callback(error, broadcast)`. */
  startBroadcast(sessionId: string, options: StartBroadcastOptions, callback: V2Callback<Broadcast>): undefined;
  startBroadcast(sessionId: string, options: StartBroadcastOptions): Promise<Broadcast>;
  startBroadcast(
    sessionId: string,
    options: StartBroadcastOptions,
    callback?: V2Callback<Broadcast>,
  ): Promise<Broadcast> | undefined {
    return this.#call(callback as unknown, { prefix: 'Failed to start broadcast.' }, async (client) => {
      need(sessionId, 'sessionId', 'No sessionId given to startBroadcast');
      if (typeof options !== 'object' || options === null) {
        throw new InvalidArgumentError('options', 'No options given to startBroadcast');
      }
      // 2.x sends `streamMode: 'auto'` when none is given.
      const withMode = { ...options, streamMode: options.streamMode || 'auto' };
      return new Broadcast(this, await client.broadcasts.start(sessionId, withMode));
    });
  }

  /** Stops a broadcast; `callback(error, broadcast)`. */
  stopBroadcast(broadcastId: string, callback: V2Callback<Broadcast>): undefined;
  stopBroadcast(broadcastId: string): Promise<Broadcast>;
  stopBroadcast(broadcastId: string, callback?: V2Callback<Broadcast>): Promise<Broadcast> | undefined {
    return this.#call(callback as unknown, { prefix: 'Failed to stop broadcast.' }, async (client) => {
      need(broadcastId, 'broadcastId', 'No broadcast ID given');
      return new Broadcast(this, await client.broadcasts.stop(broadcastId));
    });
  }

  /** Reads a broadcast; `callback(error, broadcast)`. */
  getBroadcast(broadcastId: string, callback: V2Callback<Broadcast>): undefined;
  getBroadcast(broadcastId: string): Promise<Broadcast>;
  getBroadcast(broadcastId: string, callback?: V2Callback<Broadcast>): Promise<Broadcast> | undefined {
    return this.#call(callback as unknown, { prefix: 'Failed to get broadcast.' }, async (client) => {
      need(broadcastId, 'broadcastId', 'No broadcast ID given');
      return new Broadcast(this, await client.broadcasts.get(broadcastId));
    });
  }

  /** Lists broadcasts (`offset`, `count`, `sessionId`); `callback(error, broadcasts, totalCount)`. */
  listBroadcasts(options?: ListBroadcastsOptions): Promise<Broadcast[]>;
  listBroadcasts(callback: ListCallback<Broadcast>): undefined;
  listBroadcasts(options: ListBroadcastsOptions | undefined, callback: ListCallback<Broadcast>): undefined;
  listBroadcasts(
    options?: ListBroadcastsOptions | ListCallback<Broadcast>,
    callback?: ListCallback<Broadcast>,
  ): Promise<Broadcast[]> | undefined {
    const [given, done] = shift<ListBroadcastsOptions, ListCallback<Broadcast>>(options, callback);
    return this.#list(done as unknown, {}, async (client) => {
      const page = await client.broadcasts.list(pageOptions(given));
      return { count: page.count, items: page.items.map((item) => new Broadcast(this, item)) };
    });
  }

  /** Sets the layout of a broadcast; `callback(error)`. */
  setBroadcastLayout(
    broadcastId: string,
    ...layout: [...LayoutArguments, V2Callback<void>?]
  ): Promise<void> | undefined {
    const [type, stylesheet, screenshareType, done] = splitLayout(layout);
    return this.#call(done as unknown, {}, async (client) => {
      need(broadcastId, 'broadcastId', 'Invalid arguments -- must provide an broadcastId string.');
      await client.broadcasts.setLayout(broadcastId, defined({ type, stylesheet, screenshareType }) as never);
    });
  }

  /** Adds a stream to a broadcast in manual stream mode; `callback(error)`. */
  addBroadcastStream(broadcastId: string, streamId: string, options?: AddStreamOptions): Promise<void>;
  addBroadcastStream(broadcastId: string, streamId: string, callback: V2Callback<void>): undefined;
  addBroadcastStream(
    broadcastId: string,
    streamId: string,
    options: AddStreamOptions | undefined,
    callback: V2Callback<void>,
  ): undefined;
  addBroadcastStream(
    broadcastId: string,
    streamId: string,
    options?: AddStreamOptions | V2Callback<void>,
    callback?: V2Callback<void>,
  ): Promise<void> | undefined {
    const [given, done] = shift<AddStreamOptions, V2Callback<void>>(options, callback);
    return this.#call(done as unknown, {}, async (client) => {
      need(broadcastId, 'broadcastId', 'No broadcastId given to addBroadcastStream');
      need(streamId, 'streamId', 'No streamId given to addBroadcastStream');
      // 2.x sends `hasAudio: options.hasAudio || true`: both are always true.
      void given;
      await client.broadcasts.addStream(broadcastId, streamId, { hasAudio: true, hasVideo: true });
    });
  }

  /** Removes a stream from a broadcast in manual stream mode; `callback(error)`. */
  removeBroadcastStream(broadcastId: string, streamId: string, callback: V2Callback<void>): undefined;
  removeBroadcastStream(broadcastId: string, streamId: string): Promise<void>;
  removeBroadcastStream(broadcastId: string, streamId: string, callback?: V2Callback<void>): Promise<void> | undefined {
    return this.#call(callback as unknown, {}, async (client) => {
      need(broadcastId, 'broadcastId', 'No archiveId provided');
      need(streamId, 'streamId', 'No streamId provided');
      await client.broadcasts.removeStream(broadcastId, streamId);
    });
  }

  /** Sends a signal to a session, or to one connection when `connectionId` is given; `callback(error)`. */
  signal(
    sessionId: string,
    connectionId: string | null | undefined,
    payload: { type?: string; data: string },
    callback: V2Callback<void>,
  ): undefined;
  signal(
    sessionId: string,
    connectionId: string | null | undefined,
    payload: { type?: string; data: string },
  ): Promise<void>;
  signal(
    sessionId: string,
    connectionId: string | null | undefined,
    payload: { type?: string; data: string },
    callback?: V2Callback<void>,
  ): Promise<void> | undefined {
    return this.#call(callback as unknown, { byStatus: { 404: 'Session or Connection not found' } }, async (client) => {
      if (sessionId == null || payload == null) {
        throw new InvalidArgumentError('sessionId', 'No sessionId or payload given to signal');
      }
      await client.sessions.signal(sessionId, payload, connectionId ? { connectionId } : {});
    });
  }

  /** Disconnects a client from a session; `callback(error)`. */
  forceDisconnect(sessionId: string, connectionId: string, callback: V2Callback<void>): undefined;
  forceDisconnect(sessionId: string, connectionId: string): Promise<void>;
  forceDisconnect(sessionId: string, connectionId: string, callback?: V2Callback<void>): Promise<void> | undefined {
    return this.#call(callback as unknown, { byStatus: { 404: 'Session or Connection not found' } }, async (client) => {
      if (sessionId == null || connectionId == null) {
        throw new InvalidArgumentError('connectionId', 'No sessionId or connectionId given to forceDisconnect');
      }
      await client.connections.disconnect(sessionId, connectionId);
    });
  }

  /** Mutes one stream's audio; `callback(error)`. */
  forceMuteStream(sessionId: string, streamId: string, callback: V2Callback<void>): undefined;
  forceMuteStream(sessionId: string, streamId: string): Promise<void>;
  forceMuteStream(sessionId: string, streamId: string, callback?: V2Callback<void>): Promise<void> | undefined {
    return this.#call(callback as unknown, {}, async (client) => {
      need(sessionId, 'sessionId', 'Invalid arguments -- must provide a sessionId string.');
      await client.streams.mute(sessionId, streamId);
    });
  }

  /** Mutes every stream but `excludedStreamIds`, and streams published later; `callback(error)`. */
  forceMuteAll(sessionId: string, options?: MuteAllOptions & { excudedStreamIds?: readonly string[] }): Promise<void>;
  forceMuteAll(sessionId: string, callback: V2Callback<void>): undefined;
  forceMuteAll(
    sessionId: string,
    options: (MuteAllOptions & { excudedStreamIds?: readonly string[] }) | undefined,
    callback: V2Callback<void>,
  ): undefined;
  forceMuteAll(
    sessionId: string,
    options?: (MuteAllOptions & { excudedStreamIds?: readonly string[] }) | V2Callback<void>,
    callback?: V2Callback<void>,
  ): Promise<void> | undefined {
    const [given, done] = shift<MuteAllOptions & { excudedStreamIds?: readonly string[] }, V2Callback<void>>(
      options,
      callback,
    );
    return this.#call(done as unknown, {}, async (client) => {
      need(sessionId, 'sessionId', 'Invalid arguments -- must provide a sessionId string.');
      const excludedStreamIds = given?.excludedStreamIds ?? given?.excudedStreamIds;
      await client.sessions.muteAll(sessionId, excludedStreamIds ? { excludedStreamIds } : {});
    });
  }

  /** Lets streams publish unmuted again after `forceMuteAll`; `callback(error)`. */
  disableForceMute(sessionId: string, callback: V2Callback<void>): undefined;
  disableForceMute(sessionId: string): Promise<void>;
  disableForceMute(sessionId: string, callback?: V2Callback<void>): Promise<void> | undefined {
    return this.#call(callback as unknown, {}, async (client) => {
      need(sessionId, 'sessionId', 'Invalid arguments -- must provide a sessionId string.');
      await client.sessions.disableForceMute(sessionId);
    });
  }

  /** Reads one stream of a session; `callback(error, stream)`. */
  getStream(sessionId: string, streamId: string, callback: V2Callback<Stream>): undefined;
  getStream(sessionId: string, streamId: string): Promise<Stream>;
  getStream(sessionId: string, streamId: string, callback?: V2Callback<Stream>): Promise<Stream> | undefined {
    return this.#call(callback as unknown, {}, async (client) => {
      need(sessionId, 'sessionId', 'Invalid arguments -- must provide a sessionId string.');
      need(streamId, 'streamId', 'Invalid arguments -- must provide a streamId string.');
      return new Stream(await client.streams.get(sessionId, streamId));
    });
  }

  /** Lists the streams of a session; `callback(error, streams)`. */
  listStreams(sessionId: string, callback: V2Callback<Stream[]>): undefined;
  listStreams(sessionId: string): Promise<Stream[]>;
  listStreams(sessionId: string, callback?: V2Callback<Stream[]>): Promise<Stream[]> | undefined {
    return this.#call(callback as unknown, {}, async (client) => {
      need(sessionId, 'sessionId', 'Invalid arguments -- must provide a sessionId string.');
      const page = await client.streams.list(sessionId);
      return page.items.map((item) => new Stream(item));
    });
  }

  /** Sets the layout classes of streams; `callback(error)`. */
  setStreamClassLists(
    sessionId: string,
    classListArray: readonly StreamClassList[],
    callback: V2Callback<void>,
  ): undefined;
  setStreamClassLists(sessionId: string, classListArray: readonly StreamClassList[]): Promise<void>;
  setStreamClassLists(
    sessionId: string,
    classListArray: readonly StreamClassList[],
    callback?: V2Callback<void>,
  ): Promise<void> | undefined {
    return this.#call(callback as unknown, {}, async (client) => {
      need(sessionId, 'sessionId', 'Invalid arguments -- must provide an sessionId string.');
      if (!Array.isArray(classListArray)) {
        throw new InvalidArgumentError('classListArray', 'Invalid arguments -- must provide a streamClassArray array.');
      }
      await client.streams.setClassLists(sessionId, classListArray);
    });
  }

  /** Dials a SIP endpoint into a routed session; `callback(error, sipInterconnect)`. */
  dial(sessionId: string, token: string, sipUri: string, options?: V2DialOptions): Promise<SipInterconnect>;
  dial(sessionId: string, token: string, sipUri: string, callback: V2Callback<SipInterconnect>): undefined;
  dial(
    sessionId: string,
    token: string,
    sipUri: string,
    options: V2DialOptions | undefined,
    callback: V2Callback<SipInterconnect>,
  ): undefined;
  dial(
    sessionId: string,
    token: string,
    sipUri: string,
    options?: V2DialOptions | V2Callback<SipInterconnect>,
    callback?: V2Callback<SipInterconnect>,
  ): Promise<SipInterconnect> | undefined {
    const [given = {}, done] = shift<V2DialOptions, V2Callback<SipInterconnect>>(options, callback);
    return this.#call(done as unknown, { prefix: 'Failed to dial endpoint.' }, async (client) => {
      need(sessionId, 'sessionId', 'No session ID given');
      need(token, 'token', 'No token given');
      need(sipUri, 'sipUri', 'No SIP URI given');
      const call = await client.sip.dial(
        sessionId,
        token,
        defined({
          uri: sipUri,
          headers: given.headers,
          auth: given.auth,
          secure: given.secure ? true : undefined,
          from: given.from ? String(given.from) : undefined,
          video: given.video ? true : undefined,
          observeForceMute: given.observeForceMute ? true : undefined,
          streams: given.streams,
        }),
      );
      return new SipInterconnect(call);
    });
  }

  /** Plays DTMF digits to every SIP call of a session, or to one connection; `callback(error)`. */
  playDTMF(
    sessionId: string,
    connectionId: string | null | undefined,
    digits: string,
    callback: V2Callback<void>,
  ): undefined;
  playDTMF(sessionId: string, connectionId: string | null | undefined, digits: string): Promise<void>;
  playDTMF(
    sessionId: string,
    connectionId: string | null | undefined,
    digits: string,
    callback?: V2Callback<void>,
  ): Promise<void> | undefined {
    return this.#call(callback as unknown, {}, async (client) => {
      need(sessionId, 'sessionId', 'Invalid arguments -- must provide a sessionId string.');
      await client.sip.playDtmf(sessionId, digits, connectionId ? { connectionId } : {});
    });
  }

  /** Starts an Experience Composer render; `callback(error, render)`. */
  startRender(options: StartRenderOptions, callback: V2Callback<Render>): undefined;
  startRender(options: StartRenderOptions): Promise<Render>;
  startRender(options: StartRenderOptions, callback?: V2Callback<Render>): Promise<Render> | undefined {
    return this.#call(callback as unknown, {}, async (client) => {
      // 2.x always sends these two, with these defaults.
      const render = await client.renders.start({
        maxDuration: 1800,
        resolution: '1280x720',
        ...defined(options ?? {}),
      } as StartRenderOptions);
      return new Render(render);
    });
  }

  /** Reads a render; `callback(error, render)`. */
  getRender(renderId: string, callback: V2Callback<Render>): undefined;
  getRender(renderId: string): Promise<Render>;
  getRender(renderId: string, callback?: V2Callback<Render>): Promise<Render> | undefined {
    return this.#call(callback as unknown, {}, async (client) => new Render(await client.renders.get(renderId)));
  }

  /**
   * Lists renders; `callback(error, { count, items })` as 2.x passes the service's page.
   * @throws {InvalidArgumentError} synchronously, `Count is out of range`, as 2.x.
   */
  listRenders(options: ListRendersOptions, callback: V2Callback<{ count: number; items: Render[] }>): undefined;
  listRenders(options?: ListRendersOptions): Promise<{ count: number; items: Render[] }>;
  listRenders(
    options: ListRendersOptions = {},
    callback?: V2Callback<{ count: number; items: Render[] }>,
  ): Promise<{ count: number; items: Render[] }> | undefined {
    const [given, done] = shift<ListRendersOptions, V2Callback<{ count: number; items: Render[] }>>(options, callback);
    const count = given?.count;
    if (count !== undefined && (count > 1000 || count < 1))
      throw new InvalidArgumentError('count', 'Count is out of range');
    return this.#call(done as unknown, {}, async (client) => {
      const page = await client.renders.list(pageOptions(given));
      return { count: page.count, items: page.items.map((item) => new Render(item)) };
    });
  }

  /** Stops a render; `callback(error)`. */
  stopRender(renderId: string, callback: V2Callback<void>): undefined;
  stopRender(renderId: string): Promise<void>;
  stopRender(renderId: string, callback?: V2Callback<void>): Promise<void> | undefined {
    return this.#call(callback as unknown, {}, async (client) => {
      await client.renders.stop(renderId);
    });
  }

  /** Starts live captions of a routed session; `callback(error, captionsId)`. */
  startCaptions(sessionId: string, token: string, options?: StartCaptionsOptions): Promise<string>;
  startCaptions(sessionId: string, token: string, callback: V2Callback<string>): undefined;
  startCaptions(
    sessionId: string,
    token: string,
    options: StartCaptionsOptions | undefined,
    callback: V2Callback<string>,
  ): undefined;
  startCaptions(
    sessionId: string,
    token: string,
    options?: StartCaptionsOptions | V2Callback<string>,
    callback?: V2Callback<string>,
  ): Promise<string> | undefined {
    const [given, done] = shift<StartCaptionsOptions, V2Callback<string>>(options, callback);
    const wording = { byStatus: { 409: 'Live captions have already started for this OpenTok Session' } };
    return this.#call(done as unknown, wording, async (client) => {
      // 2.x always sends these three, with these defaults.
      const started = await client.captions.start(sessionId, token, {
        languageCode: 'en-US',
        maxDuration: 14400,
        partialCaptions: true,
        ...defined(given ?? {}),
      });
      return started.captionsId;
    });
  }

  /** Stops live captions; `callback(error, true)`. */
  stopCaptions(captionsId: string, callback: V2Callback<true>): undefined;
  stopCaptions(captionsId: string): Promise<true>;
  stopCaptions(captionsId: string, callback?: V2Callback<true>): Promise<true> | undefined {
    return this.#call(callback as unknown, {}, async (client) => {
      await client.captions.stop(captionsId);
      return true as const;
    });
  }

  /** Connects a session's audio to a WebSocket server (Audio Connector); `callback(error, { id, connectionId })`. */
  websocketConnect(
    sessionId: string,
    token: string,
    websocketUri: string,
    options?: WebsocketOptions,
  ): Promise<{ id: string; connectionId: string }>;
  websocketConnect(
    sessionId: string,
    token: string,
    websocketUri: string,
    callback: V2Callback<{ id: string; connectionId: string }>,
  ): undefined;
  websocketConnect(
    sessionId: string,
    token: string,
    websocketUri: string,
    options: WebsocketOptions | undefined,
    callback: V2Callback<{ id: string; connectionId: string }>,
  ): undefined;
  websocketConnect(
    sessionId: string,
    token: string,
    websocketUri: string,
    options?: WebsocketOptions | V2Callback<{ id: string; connectionId: string }>,
    callback?: V2Callback<{ id: string; connectionId: string }>,
  ): Promise<{ id: string; connectionId: string }> | undefined {
    const [given = {}, done] = shift<WebsocketOptions, V2Callback<{ id: string; connectionId: string }>>(
      options,
      callback,
    );
    return this.#call(done as unknown, { prefix: 'Error connecting to websocket:' }, async (client) => {
      need(sessionId, 'sessionId', 'No sessionId given to websocketConnect');
      need(token, 'token', 'No token given to websocketConnect');
      need(websocketUri, 'websocketUri', 'No websocketUri given to websocketConnect');
      return client.audioConnector.start(
        sessionId,
        token,
        defined({
          uri: websocketUri,
          streams: Array.isArray(given.streams) ? given.streams : undefined,
          headers: typeof given.headers === 'object' ? given.headers : undefined,
          bidirectional: given.bidirectional ? true : undefined,
          audioRate: given.audioRate,
        }),
      );
    });
  }

  /** Registers a callback URL (`group`, `event`, `url`); `callback(error, callback)`. */
  registerCallback(options: RegisterCallbackOptions, callback: V2Callback<Callback>): undefined;
  registerCallback(options: RegisterCallbackOptions): Promise<Callback>;
  registerCallback(options: RegisterCallbackOptions, callback?: V2Callback<Callback>): Promise<Callback> | undefined {
    return this.#call(
      callback as unknown,
      {},
      async (client) => new Callback(this, await client.callbacks.register(options)),
    );
  }

  /** Unregisters a callback URL; `callback(error)`. */
  unregisterCallback(callbackId: string, callback: V2Callback<void>): undefined;
  unregisterCallback(callbackId: string): Promise<void>;
  unregisterCallback(callbackId: string, callback?: V2Callback<void>): Promise<void> | undefined {
    return this.#call(callback as unknown, {}, async (client) => {
      need(callbackId, 'callbackId', 'No callback ID given');
      await client.callbacks.unregister(callbackId);
    });
  }

  /** Lists the registered callback URLs; `callback(error, callbacks)`. */
  listCallbacks(options?: object): Promise<Callback[]>;
  listCallbacks(callback: V2Callback<Callback[]>): undefined;
  listCallbacks(options: object | undefined, callback: V2Callback<Callback[]>): undefined;
  listCallbacks(
    options?: object | V2Callback<Callback[]>,
    callback?: V2Callback<Callback[]>,
  ): Promise<Callback[]> | undefined {
    const [, done] = shift<object, V2Callback<Callback[]>>(options, callback);
    return this.#call(done as unknown, {}, async (client) =>
      (await client.callbacks.list()).map((item) => new Callback(this, item)),
    );
  }
}

/** `dial` options as 2.x takes them. */
export interface V2DialOptions {
  headers?: Record<string, string>;
  auth?: { username: string; password: string };
  secure?: boolean;
  from?: string;
  video?: boolean;
  observeForceMute?: boolean;
  streams?: readonly string[];
}

/** `websocketConnect` options as 2.x takes them. */
export interface WebsocketOptions {
  streams?: readonly string[];
  headers?: Record<string, string>;
  bidirectional?: boolean;
  audioRate?: 8000 | 16000;
}

const PATCH_WORDS: Wording = {
  byStatus: { 400: 'Invalid request', 404: 'Archive or stream not found', 405: 'Unsupported Stream Mode' },
};

/** 2.x sends `offset`, `count` and `sessionId` only when truthy. */
function pageOptions<
  T extends { offset?: number | undefined; count?: number | undefined; sessionId?: string | undefined },
>(options: T | undefined): T {
  const picked: Record<string, unknown> = {};
  if (options?.offset) picked.offset = Number.parseInt(String(options.offset), 10);
  if (options?.count) picked.count = Number.parseInt(String(options.count), 10);
  if (options?.sessionId) picked.sessionId = options.sessionId;
  return picked as T;
}

function splitLayout(
  layout: readonly unknown[],
): [type: string, stylesheet: string | undefined, screenshareType: string | undefined, callback: unknown] {
  const index = layout.findIndex((value) => typeof value === 'function');
  const callback = index === -1 ? undefined : layout[index];
  const values = (index === -1 ? layout : layout.slice(0, index)) as (string | undefined | null)[];
  const [type, stylesheet, screenshareType] = values;
  return [type as string, stylesheet || undefined, screenshareType || undefined, callback];
}

/** The modern options for the 2.x third argument, and the proxy they route through. */
function toOptions(environment: OpenTokEnvironment | undefined): [OpenTokOptions, ProxySetting | undefined] {
  if (environment === undefined || environment === null) return [{}, undefined];
  if (typeof environment === 'string') return [{ apiUrl: environment }, undefined];
  if (typeof environment !== 'object' || Array.isArray(environment)) {
    throw new InvalidArgumentError(
      'environment',
      '[opentok] the third argument must be the API URL or an options object',
    );
  }
  const { proxy, uaAddendum, timeout, ...rest } = environment;
  const options: OpenTokOptions = { ...rest };
  if (timeout !== undefined) options.timeout = Number.parseInt(String(timeout), 10) || undefined;
  if (uaAddendum !== undefined) options.userAgent = rest.userAgent ? `${rest.userAgent} ${uaAddendum}` : uaAddendum;
  const setting = checkProxy(proxy);
  if (setting === undefined) return [options, undefined];
  if (rest.fetch !== undefined) {
    throw new InvalidArgumentError('proxy', '[opentok] give either proxy or fetch, not both');
  }
  options.fetch = createProxyFetch(setting);
  return [options, setting];
}

function toTokenOptions(options: V2TokenOptions | undefined | null, t1: boolean | undefined): object | undefined {
  if ((options === undefined || options === null) && t1 !== true) return undefined;
  const converted: Record<string, unknown> = { ...(options ?? {}) };
  const { expireTime, initialLayoutClassList } = converted;
  if (typeof expireTime === 'number' || typeof expireTime === 'string')
    converted.expireTime = Math.round(Number(expireTime));
  if (typeof initialLayoutClassList === 'string') {
    converted.initialLayoutClassList = initialLayoutClassList.split(' ').filter((name) => name !== '');
  }
  if (t1 === true) converted.format = 't1';
  return converted;
}

/** `generateToken` that takes 2.x's forms too (a class list string, a rounded expireTime, `true` for T1). */
function wrapGenerator(opentok: ModernOpenTok): void {
  const sign: (sessionId: string, options?: object) => string = opentok.generateToken;
  const generateToken = (sessionId: string, tokenOptions?: V2TokenOptions, t1?: boolean): string =>
    sign(sessionId, toTokenOptions(tokenOptions, t1));
  Object.defineProperty(opentok, 'generateToken', { value: generateToken, enumerable: false });
}

/** A key the layers cannot use: the object is built, and every call says why it cannot go on. */
function refuseKey(opentok: ModernOpenTok, apiKey: string): void {
  const refuse = (): never => {
    throw new InvalidArgumentError(
      'apiKey',
      '[opentok] this API key is neither a project key (digits) nor a Vonage application ID with its private key',
    );
  };
  Object.defineProperty(opentok, 'apiKey', { value: apiKey, enumerable: true });
  Object.defineProperty(opentok, 'generateToken', { value: refuse, enumerable: false });
  for (const name of ['client', 'archives', 'broadcasts', 'sessions', 'connections', 'streams', 'sip', 'renders']) {
    Object.defineProperty(opentok, name, { get: refuse, configurable: true, enumerable: false });
  }
  for (const name of ['captions', 'audioConnector', 'callbacks']) {
    Object.defineProperty(opentok, name, { get: refuse, configurable: true, enumerable: false });
  }
}

/** `OpenTok(key, secret)` without `new` builds an instance too, as 2.x allows. */
type CallableOpenTok = typeof OpenTokV2 & {
  (apiKey: string | number, apiSecret: string, environment?: OpenTokEnvironment): OpenTokV2;
  (application: OpenTokApplication, environment?: OpenTokEnvironment): OpenTokV2;
};

/**
 * The class of `require('opentok')` and `import OpenTok from 'opentok'`: {@link OpenTokV2},
 * also callable without `new` (as 2.x). Instances are `instanceof OpenTok`.
 */
export const OpenTok: CallableOpenTok = new Proxy(OpenTokV2, {
  apply: (target, _receiver, parameters: [string, string, OpenTokEnvironment?]) => new target(...parameters),
}) as CallableOpenTok;
/** An instance of {@link OpenTok}. */
export type OpenTok = OpenTokV2;
