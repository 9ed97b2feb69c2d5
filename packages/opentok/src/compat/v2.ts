/**
 * The door of `require('opentok')` and `import OpenTok from 'opentok'`: the modern
 * {@link ModernOpenTok} class (promises, `opentok.archives`, ...) plus every method of the
 * official `opentok` 2.x module, with its names, arguments, callbacks and result objects.
 * Each 2.x method takes its callback last; without one it returns a promise of the same result.
 * @module
 */
import { type CreateSessionOptions, coreOf, createClient } from '@opentok/rest';
import { allowAnyApiKey, generateRestToken, InvalidArgumentError } from '@opentok/token';
import { OpenTok as ModernOpenTok, type OpenTokApplication, type OpenTokOptions } from '../opentok.js';
import { checkProxy, createProxyFetch, type ProxySetting } from './proxy.js';
import { type ArchiveMethods, archiveMethods } from './v2-archives.js';
import { type AudioConnectorMethods, audioConnectorMethods } from './v2-audio-connector.js';
import { type BroadcastMethods, broadcastMethods } from './v2-broadcasts.js';
import { type CallbackMethods, callbackMethods } from './v2-callbacks.js';
import { type CaptionsMethods, captionsMethods } from './v2-captions.js';
import { type Host, setCore } from './v2-core.js';
import { type ModerationMethods, moderationMethods } from './v2-moderation.js';
import { type RenderMethods, renderMethods } from './v2-renders.js';
import type { ResultOwner, Session, V2Callback, V2TokenOptions } from './v2-results.js';
import { createSessionV2 } from './v2-sessions.js';
import { type SipMethods, sipMethods } from './v2-sip.js';
import { type StreamMethods, streamMethods } from './v2-streams.js';
import { v2Generator } from './v2-tokens.js';

export type { WebsocketOptions } from './v2-audio-connector.js';
export type { ListCallback, Outcome } from './v2-core.js';
export type { V2DialOptions } from './v2-sip.js';

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
   * Signs a client token: as the modern generator, plus 2.x's forms (`initialLayoutClassList`
   * as one space-separated string, `expireTime` rounded, `true` as third argument for a T1
   * token, unknown options ignored) and 2.x's messages (see `v2-tokens.ts`).
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
      const { applicationId, privateKey } = first;
      bindV2(this, { applicationId, privateKey }, options, proxy);
      this.#signJwt = () => generateRestToken({ applicationId, privateKey });
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
    // Any key, as 2.x: used as given in paths, in the REST token and in client tokens; a wrong
    // one is sent, and the service's 401 is the error. A UUID with a PEM private key is a
    // Vonage application, as 2.x decides it.
    const [options, proxy] = toOptions(third);
    super(apiKey, apiSecret, allowAnyApiKey(options));
    const credentials =
      this.applicationId === undefined
        ? allowAnyApiKey({ apiKey, apiSecret })
        : { applicationId: apiKey, privateKey: apiSecret };
    bindV2(this, credentials, options, proxy);
    this.#signJwt = () => generateRestToken(credentials);
  }

  /** Signs the REST JWT (the credentials stay in this closure, never on the object). */
  readonly #signJwt: () => string;

  /**
   * The JWT of REST calls, as 2.x's `generateJwt()`: for a project HS256 with the secret,
   * `iss` (the API key), `ist: 'project'`, `iat` and `exp` (`iat` + 300 s); for a Vonage
   * application RS256, with `application_id` and `jti` too.
   * @example
   * fetch(url, { headers: { 'X-OPENTOK-AUTH': opentok.generateJwt() } })
   */
  generateJwt(): string {
    return this.#signJwt();
  }

  /** The base URL in use (2.x's `apiUrl`). */
  get apiUrl(): string {
    return this.client.apiUrl;
  }

  /**
   * Creates a session. With a callback, as 2.x: tolerant options, 2.x's form, and
   * `callback(error, session)` with a {@link Session} of `sessionId` and the options it was
   * created with. Without, the modern call (checked options): a promise of a {@link Session}
   * with the created session's fields (`sessionId`, `apiKey`, `createTime`, `mediaMode`, …).
   * The full callback form is the last overload, with `this` (see `Host` in v2-core.ts), so that
   * `util.promisify(opentok.createSession.bind(opentok))` takes the options.
   * @example
   * opentok.createSession({ mediaMode: 'routed' }, (error, session) => console.log(session.sessionId))
   */
  override createSession(options?: CreateSessionOptions): Promise<Session>;
  /** With a callback and the options left out, as 2.x allows; returns nothing. */
  override createSession(callback: V2Callback<Session>): undefined;
  /** With a callback, as 2.x: `callback(error, session)` once settled; returns nothing. */
  override createSession(
    this: Host,
    options: CreateSessionOptions | undefined,
    callback: V2Callback<Session>,
  ): undefined;
  override createSession(
    options?: CreateSessionOptions | V2Callback<Session>,
    callback?: V2Callback<Session>,
  ): Promise<Session> | undefined {
    return createSessionV2(this, options, callback);
  }
}

/** The 2.x methods, by resource (one module each). */
export interface OpenTokV2
  extends ArchiveMethods,
    BroadcastMethods,
    ModerationMethods,
    StreamMethods,
    SipMethods,
    RenderMethods,
    CaptionsMethods,
    AudioConnectorMethods,
    CallbackMethods {}

for (const methods of [
  archiveMethods,
  broadcastMethods,
  moderationMethods,
  streamMethods,
  sipMethods,
  renderMethods,
  captionsMethods,
  audioConnectorMethods,
  callbackMethods,
]) {
  for (const [name, method] of Object.entries(methods)) {
    Object.defineProperty(OpenTokV2.prototype, name, { value: method, writable: true, configurable: true });
  }
}

/**
 * Readies the 2.x methods of `opentok`: its generator of 2.x's token forms, the proxy named in
 * network errors, and the request core they send through. That core is a client of its own,
 * with the same options but no retries unless `retry` is given: 2.x sends each request once.
 * The modern calls (`opentok.archives`, …) keep their client and its retries.
 */
function bindV2(
  opentok: OpenTokV2,
  credentials: { apiKey: string; apiSecret: string } | { applicationId: string; privateKey: string },
  options: OpenTokOptions,
  proxy: ProxySetting | undefined,
): void {
  wrapGenerator(opentok);
  const once = { ...options, ...credentials, retry: options.retry ?? 0 };
  setCore(opentok, coreOf(createClient('apiKey' in credentials ? allowAnyApiKey(once) : once)), proxy);
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

/** `generateToken` that takes 2.x's forms and messages (see `v2-tokens.ts`). */
function wrapGenerator(opentok: ModernOpenTok): void {
  const generateToken = v2Generator(opentok.generateToken);
  Object.defineProperty(opentok, 'generateToken', { value: generateToken, enumerable: false });
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
