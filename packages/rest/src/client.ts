/**
 * `createClient`: validates the options once and binds the request core and the resource
 * modules to one project's credentials.
 * @module
 */
import { acceptsAnyApiKey, allowAnyApiKey, createTokenGenerator, encodeSessionId } from '@opentok/token';
import { type Archives, createArchives } from './archives.js';
import { type AudioConnector, createAudioConnector } from './audio-connector.js';
import { type Broadcasts, createBroadcasts } from './broadcasts.js';
import { type Callbacks, createCallbacks } from './callbacks.js';
import { createCaptions, type LiveCaptions } from './captions.js';
import { type Connections, createConnections } from './connections.js';
import {
  type ArchiveManifest,
  type LegacyArchiveOptions,
  type LegacyArchives,
  legacyOperations,
} from './legacy-archives.js';
import { bindTable, type CallOptions, type OperationContext } from './operation.js';
import { createRenders, type Renders } from './renders.js';
import {
  type ClientHooks,
  createRequestCore,
  type FetchFunction,
  type RetryOptions,
  type RetryPolicy,
  type Send,
} from './request.js';
import { createSessionControl, type SessionControl } from './session-control.js';
import { type CreateSessionOptions, type Session, type Sessions, sessionOperations } from './sessions.js';
import { createSip, type Sip } from './sip.js';
import { createStreams, type Streams } from './streams.js';
import { fail, optionalInteger, requireOptions, show } from './validate.js';
import { VERSION } from './version.js';

/** Options of {@link createClient}. */
export interface ClientOptions {
  /** The project API key (digits). Give this and `apiSecret`, or `applicationId` and `privateKey`. */
  apiKey?: string | number | undefined;
  /** The project API secret. It never appears in an error, a log line or `toString()`. */
  apiSecret?: string | undefined;
  /**
   * A Vonage application's ID (a UUID), with its `privateKey`: calls then go to
   * `https://video.api.vonage.com` with `Authorization: Bearer <RS256 JWT>`.
   */
  applicationId?: string | undefined;
  /** The Vonage application's RSA private key, PEM PKCS #8. Never shown, like the secret. */
  privateKey?: string | undefined;
  /**
   * Base URL of the API, such as the URL of `@opentok/emulator`.
   * @default process.env.OPENTOK_API_URL where `process` exists, else 'https://api.opentok.com'
   * ('https://video.api.vonage.com' for an application)
   */
  apiUrl?: string | undefined;
  /** Milliseconds to wait for each attempt's answer (headers, then again for the body). @default 20000 */
  timeout?: number | undefined;
  /**
   * Retries of GET and DELETE after network errors, 429 and 5xx, with exponential backoff
   * and `Retry-After`; a number sets the limit, `0` turns retries off. Calls that create
   * or change something (POST, PUT, PATCH) are never retried.
   * @default { limit: 2, baseDelay: 300, maxDelay: 10000, maxRetryAfter: 60000 }
   */
  retry?: number | RetryOptions | undefined;
  /** The `fetch` to use, called as `fetch(url, init)`. @default globalThis.fetch */
  fetch?: FetchFunction | undefined;
  /** Text appended to the `User-Agent` header, such as `my-app/1.2`. */
  userAgent?: string | undefined;
  /** Functions called around each request; they see the auth header, so keep it to yourself. */
  hooks?: ClientHooks | undefined;
}

/** A client bound to one project; see {@link createClient}. */
export interface Client {
  /** The project API key (the application ID for a Vonage application). */
  readonly apiKey: string;
  /** The Vonage application's ID, when the client was made with one. */
  readonly applicationId?: string | undefined;
  /** The base URL in use, without trailing slash. */
  readonly apiUrl: string;
  /** Sessions: `create`, and on a running session `signal`, `muteAll`, `disableForceMute`. */
  readonly sessions: Sessions & SessionControl;
  /** The connections of a running session: `list`, `disconnect`, `signal`. */
  readonly connections: Connections;
  /** The streams of a running session: `list`, `get`, `setClassLists`, `mute`. */
  readonly streams: Streams;
  /** The archive API: `start`, `stop`, `get`, `list`, `all`, `delete`, `setLayout`, `addStream`, `removeStream`. */
  readonly archives: Archives;
  /** Live streaming: `start`, `stop`, `get`, `list`, `all`, `setLayout`, `addStream`, `removeStream`. */
  readonly broadcasts: Broadcasts;
  /** SIP interconnect: `dial`, `playDtmf`, `playDtmfToConnection`. */
  readonly sip: Sip;
  /** Experience Composer (a web page published as a stream): `start`, `get`, `list`, `all`, `stop`. */
  readonly renders: Renders;
  /** Live captions: `start`, `stop`, `get`. */
  readonly captions: LiveCaptions;
  /** Audio Connector (session audio to a WebSocket server): `start`, `stop`. */
  readonly audioConnector: AudioConnector;
  /** The legacy callback registration API: `list`, `register`, `unregister`. */
  readonly callbacks: Callbacks;
  /** The original (OpenTok 1.0) archive API: `getArchiveManifest`, `getArchiveDownloadUrl`. */
  readonly legacy: LegacyArchives;
  /**
   * Creates a session; the same as {@link Sessions.create | sessions.create}.
   * @throws {InvalidArgumentError} for contradictory or malformed options.
   * @throws {AuthenticationError} for wrong credentials; other `RequestError`s for other failures.
   * @example
   * const { sessionId } = await client.createSession({ mediaMode: 'routed' })
   */
  createSession(options?: CreateSessionOptions, callOptions?: CallOptions): Promise<Session>;
  /**
   * Reads the XML manifest of a legacy (OpenTok 1.0) archive; the same as
   * {@link LegacyArchives.getArchiveManifest | legacy.getArchiveManifest}.
   * @throws {NotFoundError} for an unknown archive. @throws {ResponseParseError} for a bad manifest.
   * @example
   * const { resources } = await client.getArchiveManifest(archiveId, { sessionId })
   */
  getArchiveManifest(
    archiveId: string,
    options?: LegacyArchiveOptions,
    callOptions?: CallOptions,
  ): Promise<ArchiveManifest>;
  /**
   * Asks for the download URL of one video of a legacy archive; the same as
   * {@link LegacyArchives.getArchiveDownloadUrl | legacy.getArchiveDownloadUrl}.
   * @throws {NotFoundError} for an unknown archive or video.
   * @example
   * const url = await client.getArchiveDownloadUrl(archiveId, manifest.resources[0].id)
   */
  getArchiveDownloadUrl(
    archiveId: string,
    videoId: string,
    options?: LegacyArchiveOptions,
    callOptions?: CallOptions,
  ): Promise<string>;
}

const DEFAULT_URL = 'https://api.opentok.com';
const VONAGE_URL = 'https://video.api.vonage.com';

/** `OPENTOK_API_URL` where a `process` global exists (Node, Bun, Deno), else `undefined`. */
function environmentUrl(): string | undefined {
  const host = globalThis as { process?: { env?: Record<string, string | undefined> } };
  const value = typeof host.process === 'object' ? host.process?.env?.OPENTOK_API_URL : undefined;
  return value === '' ? undefined : value;
}

function toApiUrl(value: unknown): string {
  if (typeof value !== 'string') fail('apiUrl', `apiUrl must be a string, not ${show(value)}`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail('apiUrl', 'apiUrl must be an absolute http or https URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') fail('apiUrl', 'apiUrl must use http or https');
  if (url.search || url.hash || url.username || url.password) {
    fail('apiUrl', 'apiUrl must not carry credentials, a query or a fragment');
  }
  return url.href.replace(/\/+$/, '');
}

function toRetry(value: ClientOptions['retry']): RetryPolicy {
  const options =
    typeof value === 'number'
      ? { limit: value }
      : requireOptions('retry', value, ['limit', 'baseDelay', 'maxDelay', 'maxRetryAfter']);
  return {
    limit: optionalInteger('retry.limit', options.limit, 0, 10) ?? 2,
    baseDelay: optionalInteger('retry.baseDelay', options.baseDelay, 0, 60_000) ?? 300,
    maxDelay: optionalInteger('retry.maxDelay', options.maxDelay, 0, 600_000) ?? 10_000,
    maxRetryAfter: optionalInteger('retry.maxRetryAfter', options.maxRetryAfter, 0, 600_000) ?? 60_000,
  };
}

const HOOK_NAMES = ['beforeRequest', 'afterResponse', 'beforeRetry'] as const;

function toHooks(value: unknown): ClientHooks | undefined {
  if (value === undefined) return undefined;
  const hooks = requireOptions('hooks', value as ClientHooks, HOOK_NAMES);
  for (const name of HOOK_NAMES) {
    const list = hooks[name];
    if (list !== undefined && (!Array.isArray(list) || !list.every((hook) => typeof hook === 'function'))) {
      fail(`hooks.${name}`, `hooks.${name} must be an array of functions`);
    }
  }
  return hooks;
}

/**
 * Creates a client of the OpenTok REST API for one project. Needs nothing but `fetch`, so
 * it runs in Node, Bun, Deno, edge runtimes and workers.
 * @throws {InvalidArgumentError} for missing credentials or malformed options (the secret is never quoted).
 * @example
 * import { createClient } from '@opentok/rest'
 * const client = createClient({ apiKey: '123456', apiSecret: process.env.OPENTOK_API_SECRET! })
 * const { sessionId } = await client.createSession({ mediaMode: 'routed' })
 * const archive = await client.archives.start(sessionId, { name: 'demo' })
 */
export function createClient(options: ClientOptions): Client {
  const input = requireOptions('options', options, [
    'apiKey',
    'apiSecret',
    'applicationId',
    'privateKey',
    'apiUrl',
    'timeout',
    'retry',
    'fetch',
    'userAgent',
    'hooks',
  ]);
  const { applicationId } = input;
  const application = applicationId !== undefined;
  const { apiKey: rawKey = applicationId, apiSecret = input.privateKey } = input;
  const apiKey = typeof rawKey === 'number' && Number.isSafeInteger(rawKey) && rawKey >= 0 ? String(rawKey) : rawKey;
  if (application) {
    if (input.apiKey !== undefined || input.apiSecret !== undefined) {
      fail('applicationId', 'give either applicationId and privateKey or apiKey and apiSecret, not both');
    }
    if (typeof applicationId !== 'string' || !/^[\da-f]{8}(-[\da-f]{4}){3}-[\da-f]{12}$/i.test(applicationId)) {
      fail('applicationId', `applicationId must be the Vonage application ID, a UUID, not ${show(applicationId)}`);
    }
    if (typeof apiSecret !== 'string' || !apiSecret.includes('-----BEGIN')) {
      fail('privateKey', 'privateKey must be the application private key as PEM text');
    }
  }
  // Options marked by `allowAnyApiKey` (the opentok 2.x class) take any non-empty key.
  const anyApiKey = !application && acceptsAnyApiKey(options) && typeof apiKey === 'string' && apiKey !== '';
  if (typeof apiKey !== 'string' || (!application && !anyApiKey && !/^\d{1,32}$/.test(apiKey))) {
    fail('apiKey', `apiKey must be the project API key, a string of digits, not ${show(apiKey)}`);
  }
  if (typeof apiSecret !== 'string' || apiSecret.length === 0)
    fail('apiSecret', 'apiSecret must be a non-empty string');
  const apiUrl = toApiUrl(input.apiUrl ?? environmentUrl() ?? (application ? VONAGE_URL : DEFAULT_URL));
  const timeout = optionalInteger('timeout', input.timeout, 1, 2_147_483_647) ?? 20_000;
  if (input.fetch !== undefined && typeof input.fetch !== 'function') fail('fetch', 'fetch must be a function');
  if (input.userAgent !== undefined && (typeof input.userAgent !== 'string' || /[^\x20-\x7e]/.test(input.userAgent))) {
    fail('userAgent', 'userAgent must be a string of printable ASCII');
  }
  const send = createRequestCore({
    apiKey,
    apiSecret,
    application,
    anyApiKey,
    apiUrl,
    timeout,
    retry: toRetry(input.retry),
    fetch: input.fetch,
    userAgent: `opentok-rest/${VERSION}${input.userAgent ? ` ${input.userAgent}` : ''}`,
    hooks: toHooks(input.hooks),
  });
  // T1 moderator tokens (the OpenTok 1.0 archive API) are a project's: made on first use.
  let signToken: ReturnType<typeof createTokenGenerator> | undefined;
  let placeholderSession: string | undefined;
  const sign = (sessionId: string | undefined) => {
    if (application) fail('applicationId', 'the OpenTok 1.0 archive API takes a project, not a Vonage application');
    signToken ??= createTokenGenerator(anyApiKey ? allowAnyApiKey({ apiKey, apiSecret }) : { apiKey, apiSecret });
    return signToken(sessionId ?? (placeholderSession ??= encodeSessionId({ apiKey })), {
      role: 'moderator',
      format: 't1',
    });
  };

  const context: OperationContext = { apiKey, sign };
  const connections = createConnections(send, context);
  const sessions: Sessions & SessionControl = {
    ...bindTable(send, context, sessionOperations),
    ...createSessionControl(send, context, connections),
  };
  const legacy: LegacyArchives = bindTable(send, context, legacyOperations);
  const client: Client = {
    apiKey,
    ...(application ? { applicationId } : {}),
    apiUrl,
    sessions,
    archives: createArchives(send, context),
    broadcasts: createBroadcasts(send, context),
    connections,
    streams: createStreams(send, context),
    sip: createSip(send, context),
    renders: createRenders(send, context),
    captions: createCaptions(send, context),
    audioConnector: createAudioConnector(send, context),
    callbacks: createCallbacks(send, context),
    legacy,
    createSession: sessions.create,
    getArchiveManifest: legacy.getArchiveManifest,
    getArchiveDownloadUrl: legacy.getArchiveDownloadUrl,
  };
  cores.set(client, send);
  return client;
}

/** The request core of each client, for `@opentok/rest/node` (held here, not on the client). */
const cores = new WeakMap<Client, Send>();

/**
 * The request core of a client made by {@link createClient}: sends one call as the client
 * does (auth, timeout, retries, errors) with the body as given, and returns the answer
 * unparsed. For layers that build their own requests, such as the `opentok` 2.x class.
 * @throws {TypeError} for an object that `createClient` did not make.
 */
export function coreOf(client: Client): Send {
  const send = cores.get(client);
  if (!send) throw new TypeError('not a client made by createClient');
  return send;
}
