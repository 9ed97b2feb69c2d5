/**
 * `OpenTokSDK`: the original `opentok` 1.0 module's class, kept so that code written for it
 * runs unchanged. Every call is delegated to {@link OpenTok}; this file only maps names,
 * call shapes and callbacks.
 * @module
 */
import { InvalidArgumentError } from '@opentok/token';
import { OpenTok, type OpenTokOptions } from '../opentok.js';
import { OpenTokArchive } from './archive.js';
import {
  type LegacySessionProperties,
  type LegacyTokenOptions,
  type LegacyTokenSettings,
  parseCreateSessionArguments,
  toTokenCall,
} from './legacy-arguments.js';
import { RoleConstants, SessionProperties } from './role-constants.js';
import { type NodeCallback, type ResultHandler, settleByArity, settleErrorFirst } from './settle.js';

/** The 1.0 constructor's third argument: the API URL, or `{ apiUrl, timeout }`. */
export type OpenTokSDKOptions = string | Pick<OpenTokOptions, 'apiUrl' | 'timeout'>;

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

function toOptions(options: OpenTokSDKOptions | undefined): OpenTokOptions {
  if (options === undefined || options === null) return {};
  if (typeof options === 'string') return { apiUrl: options };
  if (typeof options !== 'object') {
    throw new InvalidArgumentError('options', '[opentok] the third argument must be an API URL or { apiUrl, timeout }');
  }
  const { apiUrl, timeout, ...unknown } = options;
  const extra = Object.keys(unknown)[0];
  if (extra !== undefined) {
    throw new InvalidArgumentError(
      extra,
      `[opentok] Unknown option ${JSON.stringify(extra)}: OpenTokSDK takes apiUrl and timeout`,
    );
  }
  return { apiUrl, timeout };
}

/**
 * The 1.0 API: callbacks, snake_case options and T1 tokens, on top of {@link OpenTok}.
 * New code should use {@link OpenTok} (promises, JWT tokens, every REST resource).
 *
 * @throws {InvalidArgumentError} for a malformed API key, an empty secret or bad options.
 * @example
 * var OpenTok = require('opentok')
 * var opentok = new OpenTok.OpenTokSDK(key, secret)
 * opentok.createSession(function (err, sessionId) {
 *   var token = opentok.generateToken({ session_id: sessionId, role: OpenTok.RoleConstants.PUBLISHER })
 * })
 */
export class OpenTokSDK {
  /** The 1.0 role names. */
  readonly RoleConstants: typeof RoleConstants = RoleConstants;
  /** The session property names, as the original Python SDK spells them. */
  readonly SessionProperties: typeof SessionProperties = SessionProperties;

  readonly #opentok: OpenTok;

  /**
   * @param apiKey the project API key (the 1.0 docs call it the partner ID).
   * @param apiSecret the project API secret.
   * @param options the API URL, or `{ apiUrl, timeout }`; by default `OPENTOK_API_URL` from
   * the environment, else the real service.
   */
  constructor(apiKey: string | number, apiSecret: string, options?: OpenTokSDKOptions) {
    this.#opentok = new OpenTok(apiKey, apiSecret, toOptions(options));
  }

  /** The project API key. */
  get apiKey(): string {
    return this.#opentok.apiKey;
  }

  /** The project API key, by its 1.0 name. */
  get partnerId(): string {
    return this.#opentok.apiKey;
  }

  /**
   * Creates a session and calls `callback(err, sessionId)`. Takes `(callback)`,
   * `(location, callback)`, `(properties, callback)` or `(location, properties, callback)`;
   * `location` is an IP address hint and `properties['p2p.preference']` is `'enabled'`
   * (relayed) or `'disabled'` (routed, the default). Without a callback, returns a promise of
   * the session ID. Bad arguments reach the callback (or reject the promise); this never throws.
   * @example
   * opentok.createSession('127.0.0.1', { 'p2p.preference': 'enabled' }, function (err, sessionId) {})
   */
  createSession(callback: NodeCallback<string>): undefined;
  createSession(location: string | undefined, callback: NodeCallback<string>): undefined;
  createSession(properties: LegacySessionProperties, callback: NodeCallback<string>): undefined;
  createSession(
    location: string | undefined,
    properties: LegacySessionProperties,
    callback: NodeCallback<string>,
  ): undefined;
  createSession(location?: string, properties?: LegacySessionProperties): Promise<string>;
  createSession(properties: LegacySessionProperties): Promise<string>;
  createSession(...args: unknown[]): Promise<string> | undefined {
    let call: ReturnType<typeof parseCreateSessionArguments>;
    try {
      call = parseCreateSessionArguments(args);
    } catch (error) {
      const callback = args.at(-1);
      return settleErrorFirst(() => Promise.reject(error), typeof callback === 'function' ? callback : undefined);
    }
    const { location, mediaMode, callback } = call;
    return settleErrorFirst(async () => {
      const session = await this.#opentok.createSession(
        location === undefined ? { mediaMode } : { mediaMode, location },
      );
      return session.sessionId;
    }, callback);
  }

  /**
   * Signs a T1 token, as the 1.0 module did. Takes `({ session_id, role, expire_time,
   * connection_data })` or `(sessionId, { role, expireTime, data })`.
   * @throws {InvalidSessionIdError} `Null or empty session ID is not valid`, or
   * `An invalid session ID was passed` for an ID of another project.
   * @throws {InvalidArgumentError} for an unknown option, a bad role, expiry or data.
   * @example
   * var token = opentok.generateToken({ session_id: sessionId, role: OpenTok.RoleConstants.MODERATOR })
   */
  generateToken(options: LegacyTokenOptions): string;
  generateToken(sessionId: string, options?: LegacyTokenSettings): string;
  generateToken(first: LegacyTokenOptions | string, second?: LegacyTokenSettings): string {
    const { sessionId, options } = toTokenCall(first, second);
    return this.#opentok.generateToken(sessionId as string, options);
  }

  /**
   * Reads a 1.0 archive's manifest with a moderator token and calls `handler(tbarchive)` with
   * an {@link OpenTokArchive}. A handler that declares two parameters gets `(err, tbarchive)`.
   * A one-parameter handler is never called with an error: the call returns a promise that
   * rejects with it, so a failure is never lost (see the README). Without a handler, returns
   * a promise of the archive. An empty `token` lets the SDK make a moderator token itself.
   * @example
   * opentok.getArchiveManifest(archiveId, moderatorToken, function (tbarchive) {
   *   var videoId = tbarchive.resources[0].getId()
   * })
   */
  getArchiveManifest(archiveId: string, token?: string): Promise<OpenTokArchive>;
  getArchiveManifest(
    archiveId: string,
    token: string | undefined,
    handler: (tbarchive: OpenTokArchive) => void,
  ): Promise<OpenTokArchive>;
  getArchiveManifest(
    archiveId: string,
    token: string | undefined,
    handler: (error: Error | null, tbarchive?: OpenTokArchive) => void,
  ): undefined;
  getArchiveManifest(
    archiveId: string,
    token?: string,
    handler?: ResultHandler<OpenTokArchive>,
  ): Promise<OpenTokArchive> | undefined {
    if (typeof token === 'function' && handler === undefined) [token, handler] = [undefined, token];
    const options = typeof token === 'string' && token !== '' ? { token } : {};
    return settleByArity(async () => {
      const manifest = await this.#opentok.getArchiveManifest(archiveId, options);
      return new OpenTokArchive(manifest, (id, videoId) => this.#opentok.getArchiveDownloadUrl(id, videoId, options));
    }, handler);
  }

  /** What `JSON.stringify` shows: the API key only. */
  toJSON(): { apiKey: string } {
    return { apiKey: this.apiKey };
  }

  /** What `util.inspect` and `console.log` show in Node: the API key only. */
  [INSPECT](): string {
    return `OpenTokSDK { apiKey: '${this.apiKey}' }`;
  }
}
