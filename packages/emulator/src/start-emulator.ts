/**
 * Starting and stopping an emulator on a real port (`@hono/node-server`).
 * @module
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { Server } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { inspect } from 'node:util';
import { createAdaptorServer } from '@hono/node-server';
import { InvalidArgumentError, OpenTokError } from '@opentok/token';
import { applicationProject, type EmulatorApplication } from './applications.js';
import type { DeliveryOptions } from './callback-dispatcher.js';
import {
  type EmulatorStateView,
  type JoinedClient,
  joinOptions,
  joinSession,
  leaveSession,
  sessionIdParameter,
  stateJson,
} from './clients.js';
import { ControlAccess } from './control-access.js';
import { createEmulatorApp } from './create-emulator-app.js';
import { type LinkedAbort, linkAbort } from './linked-abort.js';
import { type EmulatorProject, UPLOAD_TARGETS, type UploadTarget, type VideoType } from './model.js';
import { EmulatorProblem } from './problem.js';
import { failArchive } from './routes/control-routes.js';
import { type PublishStreamOptions, publishStream, unpublishStream } from './routes/roster-routes.js';
import { EmulatorState } from './state.js';
import { type CallbackUrlChange, type CallbackUrls, parseCallbackUrls } from './stores/callback-store.js';
import { RENDER_LOAD_TIMEOUT_MS } from './stores/render-store.js';
import type { SessionFeedEvent } from './stores/session-event-feed.js';
import { DEFAULT_CLOCK_TOLERANCE_SECONDS, DEFAULT_MAX_REST_TOKEN_LIFETIME_SECONDS } from './token-rules.js';

/** Options of {@link startEmulator}. */
export interface StartEmulatorOptions {
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string | undefined;
  /** Port to listen on; `0` picks a free one. @default 0 */
  port?: number | undefined;
  /**
   * Projects whose credentials the emulator accepts. With none, one project is created with a
   * random 8-digit API key and a random 40-hex-character secret.
   */
  projects?:
    | ReadonlyArray<{
        apiKey: string | number;
        apiSecret: string;
        /**
         * Where the project's callbacks go: one URL for every group, or one per group
         * (`archive`, `broadcast`, `session` for session monitoring, `sip`, `render`, `captions`).
         */
        callbackUrl?: string | CallbackUrlChange | undefined;
        /**
         * The project's archive upload target (`'s3'` or `'azure'`): its stopped archives end
         * `uploaded`, with no download URL, instead of `available`. @default none
         */
        uploadTarget?: UploadTarget | undefined;
      }>
    | undefined;
  /**
   * Vonage applications the emulator accepts beside the projects: RS256 tokens (REST calls with
   * `Authorization: Bearer`, client tokens) verified with each one's RSA public key; answers
   * say `applicationId` where a project's say `projectId`. See `createApplicationKeys`.
   */
  applications?: ReadonlyArray<EmulatorApplication> | undefined;
  /**
   * Where the callbacks of every project go (the generated one too): one URL for every group,
   * or one per group; a project's own `callbackUrl` wins for the groups it names.
   */
  callbackUrl?: string | CallbackUrlChange | undefined;
  /**
   * How callbacks are delivered: timeout per attempt, attempts, backoff, queue size.
   * @default { timeoutMs: 5000, attempts: 5, baseDelayMs: 250, maxDelayMs: 4000, queueLimit: 1000, logLimit: 1000 }
   */
  callbackDelivery?: Partial<DeliveryOptions> | undefined;
  /** Milliseconds between an archive's `stopped` and `available` states. @default 200 */
  archiveProcessingMs?: number | undefined;
  /** Milliseconds an archive stays `paused` after the last client left, before it stops. @default 60000 */
  archivePausedTimeoutMs?: number | undefined;
  /** Milliseconds from a broadcast's start to its HLS and RTMP outputs being `live`. @default 1500 */
  broadcastLiveMs?: number | undefined;
  /** Milliseconds a broadcast goes on after the last client left, before it stops. @default 60000 */
  broadcastPausedTimeoutMs?: number | undefined;
  /** Milliseconds a render's page has to answer before the render fails (`Could not load URL`). @default 10000 */
  renderLoadTimeoutMs?: number | undefined;
  /** The clock, in milliseconds since the epoch (tests may move it). @default Date.now */
  now?: (() => number) | undefined;
  /** Where unexpected server errors are reported. @default console.error */
  log?: ((line: string) => void) | undefined;
  /** Where routine events are reported, such as a client that hung up mid-request. @default nowhere */
  debug?: ((line: string) => void) | undefined;
  /**
   * The base URL download links are built on, when clients reach the emulator through another
   * address (a container port mapping, a tunnel). @default the `url` it listens on
   */
  publicUrl?: string | undefined;
  /**
   * A secret the control API (`/_emulator/`, but for download links) then requires as
   * `Authorization: Bearer <controlToken>`: 1 to 512 visible ASCII characters. Never printed.
   * Set it when the emulator listens beyond loopback. @default none (loopback and same-origin checks only)
   */
  controlToken?: string | undefined;
  /** Seconds a token's issue time (`iat`, `create_time`) may lie ahead of the emulator's clock. @default 300 */
  clockTolerance?: number | undefined;
  /** Longest lifetime (`exp` minus `iat`) of an `X-OPENTOK-AUTH` token, in seconds. @default 3600 */
  maxRestTokenLifetime?: number | undefined;
}

/** Options of {@link RunningEmulator.connect}. */
export interface ConnectOptions {
  /** Publish a stream after joining (a subscriber token may not). @default false */
  publish?: boolean | undefined;
  /** The published stream's name. @default '' */
  name?: string | undefined;
  /** The published stream's video type. @default 'camera' */
  videoType?: VideoType | undefined;
}

/** Options of {@link RunningEmulator.events}. */
export interface EventsOptions {
  /** Start after this sequence number. @default 0 (every event of the session) */
  after?: number | undefined;
  /** Ends the iteration. */
  signal?: AbortSignal | undefined;
}

/**
 * A running emulator. Printing it (`console.log`, `inspect`, `JSON.stringify`) shows its URL
 * and project keys, never a secret.
 */
export interface RunningEmulator {
  /**
   * Base URL such as `http://127.0.0.1:4010`, without a trailing slash: the `apiUrl` of any
   * SDK. Listening on `0.0.0.0` (or `::`) gives the loopback address here.
   */
  url: string;
  /** The port it listens on. */
  port: number;
  /** The projects it accepts, with their secrets (for the SDKs under test). */
  projects: readonly EmulatorProject[];
  /** The Vonage applications it accepts (their IDs and public keys). */
  applications: readonly EmulatorApplication[];
  /**
   * A client joins a session with a token (made by any SDK for that session), as the control
   * API's `POST /_emulator/sessions/{sessionId}/connections` does, and publishes if asked.
   * @throws {OpenTokError} with the control API's message: an unknown session, or a token the
   * media server would refuse (bad signature, another session, a subscriber publishing…).
   * @example
   * const { connectionId, streamId } = await emulator.connect(sessionId, token, { publish: true })
   */
  connect(sessionId: string, token: string, options?: ConnectOptions): Promise<JoinedClient>;
  /**
   * A client leaves its session: its stream ends; when nobody is left, recordings pause.
   * @throws {OpenTokError} for an unknown session or connection.
   */
  disconnect(sessionId: string, connectionId: string): Promise<void>;
  /**
   * A connected client publishes another stream (a screen share beside its camera), as
   * `POST /_emulator/sessions/{sessionId}/connections/{connectionId}/streams` does; while the
   * session is force-muted the stream arrives muted.
   * @throws {OpenTokError} for an unknown session or connection, or a subscriber.
   * @example
   * const { streamId } = await emulator.publish(sessionId, connectionId, { videoType: 'screen', name: 'slides' })
   */
  publish(sessionId: string, connectionId: string, options?: PublishStreamOptions): Promise<{ streamId: string }>;
  /**
   * A client unpublishes one of its streams (`streamDestroyed`, reason `clientDisconnected`).
   * @throws {OpenTokError} for an unknown session or stream.
   */
  unpublish(sessionId: string, streamId: string): Promise<void>;
  /** The whole state, as `GET /_emulator/state` answers it (no secrets). */
  state(): Promise<EmulatorStateView>;
  /**
   * Makes an archive fail, as `POST /_emulator/archives/{archiveId}/fail` does: a started or
   * paused archive stops recording, a stopped one fails instead of becoming available. It then
   * reads `status: 'failed'` with `reason` (default `'system failure'`) and no `url`, and the
   * archive callback is sent.
   * @throws {OpenTokError} with the control API's message: an unknown archive, or one that has
   * already ended (`available`, `uploaded`, `failed`, `deleted`).
   * @example
   * await emulator.failArchive(archive.id, 'disk full')
   */
  failArchive(archiveId: string, reason?: string): Promise<void>;
  /**
   * What the clients of a session would see, as `GET /_emulator/sessions/{sessionId}/events`
   * serves it: the session's events after `after` (every one by default), then each new one
   * as it happens, until `signal` aborts, the loop ends (`break`) or the emulator closes.
   * @throws {OpenTokError} for a malformed or unknown session ID.
   * @example
   * for await (const event of emulator.events(sessionId)) {
   *   if (event.event === 'signal') console.log(event.type, event.data, event.to)
   * }
   */
  events(sessionId: string, options?: EventsOptions): AsyncIterableIterator<SessionFeedEvent>;
  /** Stops listening, drops open connections and cancels pending delays. Safe to call twice. */
  close(): Promise<void>;
}

function project(input: {
  apiKey: string | number;
  apiSecret: string;
  uploadTarget?: UploadTarget | undefined;
}): EmulatorProject {
  const apiKey = typeof input?.apiKey === 'number' ? String(input.apiKey) : input?.apiKey;
  if (typeof apiKey !== 'string' || !/^\d{1,32}$/.test(apiKey)) {
    throw new InvalidArgumentError('projects', 'Every project needs an apiKey made of digits');
  }
  if (typeof input.apiSecret !== 'string' || input.apiSecret.length === 0 || input.apiSecret.length > 256) {
    throw new InvalidArgumentError('projects', `Project ${apiKey} needs an apiSecret of 1 to 256 characters`);
  }
  const { uploadTarget } = input;
  if (uploadTarget !== undefined && !(UPLOAD_TARGETS as readonly unknown[]).includes(uploadTarget)) {
    throw new InvalidArgumentError('projects', `Project ${apiKey}: uploadTarget must be 's3' or 'azure'`);
  }
  const result: EmulatorProject = { apiKey, apiSecret: input.apiSecret };
  if (uploadTarget !== undefined) result.uploadTarget = uploadTarget;
  // Printing a project must not show its secret, whichever way it is printed.
  Object.defineProperties(result, {
    [inspect.custom]: { value: () => `EmulatorProject { apiKey: '${apiKey}', apiSecret: [redacted] }` },
    toJSON: { value: () => ({ apiKey, apiSecret: '[redacted]', ...(uploadTarget && { uploadTarget }) }) },
  });
  return result;
}

/** A new project with a random 8-digit key and a random 40-hex-character secret. */
export function randomProject(): EmulatorProject {
  return project({ apiKey: String(randomInt(10_000_000, 100_000_000)), apiSecret: randomBytes(20).toString('hex') });
}

function checkProjects(projects: StartEmulatorOptions['projects']): EmulatorProject[] {
  if (projects === undefined || (Array.isArray(projects) && projects.length === 0)) return [randomProject()];
  if (!Array.isArray(projects)) throw new InvalidArgumentError('projects', 'projects must be an array');
  const result = projects.map(project);
  if (new Set(result.map(({ apiKey }) => apiKey)).size !== result.length) {
    throw new InvalidArgumentError('projects', 'Two projects have the same apiKey');
  }
  return result;
}

function checkMilliseconds(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0 || value > 86_400_000) {
    throw new InvalidArgumentError(name, `${name} must be a whole number of milliseconds`);
  }
  return value;
}

function checkSeconds(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0 || value > 315_360_000) {
    throw new InvalidArgumentError(name, `${name} must be a whole number of seconds`);
  }
  return value;
}

function checkControlToken(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^[\x21-\x7e]{1,512}$/.test(value)) {
    throw new InvalidArgumentError('controlToken', 'controlToken must be 1 to 512 visible ASCII characters');
  }
  return value;
}

function checkPublicUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let parsed: URL | undefined;
  try {
    parsed = typeof value === 'string' ? new URL(value) : undefined;
  } catch {}
  if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.search || parsed.hash || parsed.username) {
    throw new InvalidArgumentError('publicUrl', 'publicUrl must be an http or https URL without query or credentials');
  }
  return parsed.href.replace(/\/+$/, '');
}

/** Applies the callback options of {@link startEmulator}: each project's URLs and the delivery schedule. */
function configureCallbacks(state: EmulatorState, options: StartEmulatorOptions): void {
  const delivery = options.callbackDelivery;
  if (delivery !== undefined) {
    if (typeof delivery !== 'object' || delivery === null) {
      throw new InvalidArgumentError('callbackDelivery', 'callbackDelivery must be an object');
    }
    const checked: Partial<DeliveryOptions> = {};
    for (const [key, value] of Object.entries(delivery)) {
      if (!['timeoutMs', 'attempts', 'baseDelayMs', 'maxDelayMs', 'queueLimit', 'logLimit'].includes(key)) {
        throw new InvalidArgumentError(
          'callbackDelivery',
          `callbackDelivery has no option ${JSON.stringify(key.slice(0, 40))}`,
        );
      }
      if (value === undefined) continue;
      const least = key === 'attempts' || key === 'queueLimit' || key === 'logLimit' || key === 'timeoutMs' ? 1 : 0;
      if (!Number.isInteger(value) || value < least || value > 86_400_000) {
        throw new InvalidArgumentError(
          'callbackDelivery',
          `callbackDelivery.${key} must be a whole number from ${least}`,
        );
      }
      checked[key as keyof DeliveryOptions] = value;
    }
    state.callbacks.setDelivery(checked);
  }
  if (options.callbackUrl !== undefined) {
    let change: CallbackUrls;
    try {
      change = parseCallbackUrls(options.callbackUrl, 'callbackUrl') as CallbackUrls;
    } catch (error) {
      throw new InvalidArgumentError('callbackUrl', (error as Error).message);
    }
    for (const apiKey of state.projects.keys()) state.callbacks.configure(apiKey, change);
  }
  for (const input of options.projects ?? []) {
    if (input?.callbackUrl === undefined) continue;
    const apiKey = String(input.apiKey);
    try {
      state.callbacks.configure(apiKey, parseCallbackUrls(input.callbackUrl, 'callbackUrl'));
    } catch (error) {
      throw new InvalidArgumentError('projects', `Project ${apiKey}: ${(error as Error).message}`);
    }
  }
}

/** The applications given to `startEmulator`, checked (IDs unique, and not a project's key). */
function checkApplications(
  applications: StartEmulatorOptions['applications'],
  projects: readonly EmulatorProject[],
): EmulatorApplication[] {
  if (applications === undefined) return [];
  if (!Array.isArray(applications)) throw new InvalidArgumentError('applications', 'applications must be an array');
  const ids = applications.map((application) => applicationProject(application).apiKey);
  if (new Set([...ids, ...projects.map(({ apiKey }) => apiKey)]).size !== ids.length + projects.length) {
    throw new InvalidArgumentError('applications', 'Two applications (or projects) have the same ID');
  }
  return applications.map(({ applicationId, publicKey }) => ({ applicationId, publicKey }));
}

/** Iterates `events`, then lets go of the signals linked to it, however the iteration ends. */
async function* followUntil(
  events: AsyncGenerator<SessionFeedEvent, void, undefined>,
  link: LinkedAbort,
): AsyncGenerator<SessionFeedEvent, void, undefined> {
  try {
    yield* events;
  } finally {
    link.release();
  }
}

/** The URL a client on this machine uses: a wildcard address is reached through loopback. */
function reachableHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::' || host === '[::]') return '[::1]';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) =>
      reject(
        new OpenTokError(
          `[@opentok/emulator] cannot listen on ${host}:${port}: ${error.code ?? error.message}` +
            (error.code === 'EADDRINUSE' ? ' (the port is taken; port 0 picks a free one)' : ''),
        ),
      );
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/**
 * Starts an emulator of the OpenTok REST API on a real port.
 * @throws {InvalidArgumentError} for bad options; {@link OpenTokError} when the port is taken.
 * @example
 * const emulator = await startEmulator()
 * const [{ apiKey, apiSecret }] = emulator.projects
 * const opentok = new OpenTok(apiKey, apiSecret, { apiUrl: emulator.url })
 * // ...
 * await emulator.close()
 */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  if (typeof host !== 'string' || host === '' || /[\s/]/.test(host)) {
    throw new InvalidArgumentError('host', 'host must be a host name or an IP address');
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError('port', 'port must be a whole number from 0 to 65535');
  }
  const projects = checkProjects(options.projects);
  const applications = checkApplications(options.applications, projects);
  const publicUrl = checkPublicUrl(options.publicUrl);
  const control = new ControlAccess(checkControlToken(options.controlToken));
  const state = new EmulatorState(
    [...projects, ...applications.map(applicationProject)],
    {
      processingMs: checkMilliseconds(options.archiveProcessingMs, 'archiveProcessingMs', 200),
      pausedTimeoutMs: checkMilliseconds(options.archivePausedTimeoutMs, 'archivePausedTimeoutMs', 60_000),
    },
    options.now ?? Date.now,
    {
      clockTolerance: checkSeconds(options.clockTolerance, 'clockTolerance', DEFAULT_CLOCK_TOLERANCE_SECONDS),
      maxRestTokenLifetime: checkSeconds(
        options.maxRestTokenLifetime,
        'maxRestTokenLifetime',
        DEFAULT_MAX_REST_TOKEN_LIFETIME_SECONDS,
      ),
    },
    {
      liveMs: checkMilliseconds(options.broadcastLiveMs, 'broadcastLiveMs', 1500),
      pausedTimeoutMs: checkMilliseconds(options.broadcastPausedTimeoutMs, 'broadcastPausedTimeoutMs', 60_000),
    },
    checkMilliseconds(options.renderLoadTimeoutMs, 'renderLoadTimeoutMs', RENDER_LOAD_TIMEOUT_MS),
  );
  configureCallbacks(state, options);
  const closing = new AbortController();
  const app = createEmulatorApp({
    state,
    // A delay cut short by close() ends its request quietly: it is not an unexpected error.
    sleep: (milliseconds) =>
      delay(milliseconds, undefined, { signal: closing.signal }).catch(() => {
        throw new EmulatorProblem(503, 'The emulator is shutting down.');
      }),
    log: options.log ?? ((line) => console.error(line)),
    debug: options.debug,
    control,
  });
  const server = createAdaptorServer({ fetch: app.fetch, overrideGlobalObjects: false }) as Server;
  const boundPort = await listen(server, port, host);
  let closed: Promise<void> | undefined;
  const url = `http://${reachableHost(host)}:${boundPort}`;
  state.origin = publicUrl ?? url;
  control.listening(host, boundPort, publicUrl);
  state.callbacks.start();
  const description = () => ({ url, projects: projects.map(({ apiKey }) => apiKey) });
  const emulator: RunningEmulator = {
    url,
    port: boundPort,
    projects,
    applications,
    async connect(sessionId, token, connectOptions = {}) {
      if (typeof connectOptions !== 'object' || connectOptions === null) {
        throw new InvalidArgumentError('options', 'connect options must be an object');
      }
      const { publish, name, videoType } = connectOptions;
      return joinSession(state, sessionId, token, joinOptions(publish, name, videoType));
    },
    async disconnect(sessionId, connectionId) {
      leaveSession(state, sessionId, connectionId);
    },
    async publish(sessionId, connectionId, publishOptions = {}) {
      if (typeof publishOptions !== 'object' || publishOptions === null) {
        throw new InvalidArgumentError('options', 'publish options must be an object');
      }
      return publishStream(state, sessionId, connectionId, publishOptions);
    },
    async unpublish(sessionId, streamId) {
      unpublishStream(state, sessionId, streamId);
    },
    async state() {
      return stateJson(state);
    },
    async failArchive(archiveId, reason) {
      failArchive(state, archiveId, reason);
    },
    events(sessionId, eventsOptions = {}) {
      if (typeof eventsOptions !== 'object' || eventsOptions === null) {
        throw new InvalidArgumentError('options', 'events options must be an object');
      }
      const { after = 0, signal } = eventsOptions;
      if (!Number.isSafeInteger(after) || after < 0) {
        throw new InvalidArgumentError('after', 'after must be a whole number (a sequence number)');
      }
      const session = state.sessions.get(sessionIdParameter(sessionId));
      // Listeners held until the iteration ends, not an AbortSignal.any composite (see linked-abort.ts).
      const link = linkAbort(signal ? [closing.signal, signal] : [closing.signal]);
      return followUntil(state.sessions.feed.follow(session.id, after, link.signal), link);
    },
    close() {
      closed ??= new Promise((resolve) => {
        closing.abort();
        state.closeConnectors();
        state.callbacks.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
  // Printing the emulator must not show the projects' secrets, whichever way it is printed.
  Object.defineProperties(emulator, {
    [inspect.custom]: {
      value: () =>
        `RunningEmulator { url: '${url}', projects: [${projects.map(({ apiKey }) => `'${apiKey}'`).join(', ')}] }`,
    },
    toJSON: { value: description },
    toString: { value: () => `RunningEmulator ${url}` },
  });
  return emulator;
}
