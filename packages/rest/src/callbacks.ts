/**
 * Callbacks (webhooks): what the service POSTs to the URLs a project configures, read by
 * {@link parseCallback} into one typed union on `event`, and the legacy registration API
 * under `/v2/project/{apiKey}/callback` (`client.callbacks`). Parsing needs no Node API, so
 * it runs in edge runtimes and workers.
 * @module
 */
import { readJson } from './body.js';
import type { CallOptions, OperationContext } from './operation.js';
import { bindTable, defineOperation, ignoreBody, isRecord } from './operation.js';
import type { Answer, Send } from './request.js';
import { fail, requireId, requireOptions, show } from './validate.js';
import { CALLBACK_EVENTS } from './values.js';
import { withoutPrototypeKeys } from './without-prototype-keys.js';

/** Fields every session monitoring and SIP event has. */
export interface MonitoringFields {
  sessionId: string;
  /** The project (API key) as a string. */
  projectId: string;
  /** Milliseconds since the epoch. */
  timestamp: number;
}

/** A client connection as session monitoring shows it. */
export interface CallbackConnection {
  id: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** The token's connection data, `''` or absent when none. */
  data?: string;
}

/** A stream as session monitoring shows it. */
export interface CallbackStream {
  id: string;
  connection: CallbackConnection;
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** The publisher's name for the stream. */
  name?: string;
  /** Absent for an audio-only stream. */
  videoType?: 'camera' | 'screen' | 'custom' | string;
}

/** The first client connected to a session. */
export interface SessionCreatedCallback extends MonitoringFields {
  event: 'sessionCreated';
}

/** The last client left a session. */
export interface SessionDestroyedCallback extends MonitoringFields {
  event: 'sessionDestroyed';
  reason?: string;
}

/** Why a connection ended. */
export type ConnectionDestroyedReason = 'clientDisconnected' | 'forceDisconnected' | 'networkDisconnected';

/** Why a stream ended. */
export type StreamDestroyedReason =
  | 'clientDisconnected'
  | 'forceDisconnected'
  | 'forceUnpublished'
  | 'mediaStopped'
  | 'networkDisconnected';

/** A client connected. */
export interface ConnectionCreatedCallback extends MonitoringFields {
  event: 'connectionCreated';
  connection: CallbackConnection;
}

/** A client's connection ended. */
export interface ConnectionDestroyedCallback extends MonitoringFields {
  event: 'connectionDestroyed';
  reason: ConnectionDestroyedReason | string;
  connection: CallbackConnection;
}

/** A stream was published. */
export interface StreamCreatedCallback extends MonitoringFields {
  event: 'streamCreated';
  stream: CallbackStream;
}

/** A stream ended. */
export interface StreamDestroyedCallback extends MonitoringFields {
  event: 'streamDestroyed';
  reason: StreamDestroyedReason | string;
  stream: CallbackStream;
}

/** The SIP call of a SIP event. */
export interface CallbackCall {
  id: string;
  connectionId: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

/** A SIP call was created. */
export interface CallCreatedCallback extends MonitoringFields {
  event: 'callCreated';
  call: CallbackCall;
}

/** A SIP call changed state. */
export interface CallUpdatedCallback extends MonitoringFields {
  event: 'callUpdated';
  state: 'DIALING' | 'RINGING' | 'ON_HOLD' | 'ACTIVE' | 'HANGUP' | string;
  call: CallbackCall;
}

/** A SIP call ended. */
export interface CallDestroyedCallback extends MonitoringFields {
  event: 'callDestroyed';
  /** A SIP response code, or 700 normal clearing, 703 unexpected clearing, 704 media timeout, 705 maximum duration, 706 maximum inactivity. */
  reason_code: number;
  reason_message: string;
  call: CallbackCall;
}

/** A SIP call was muted by a moderator (with `observeForceMute`). */
export interface MuteForcedCallback extends MonitoringFields {
  event: 'muteForced';
  call: CallbackCall;
}

/** An archive changed status: the archive object plus `event`. */
export interface ArchiveCallback {
  event: 'archive';
  id: string;
  sessionId: string;
  /** `started`, `paused`, `stopped`, `uploaded`, `available`, `failed`… */
  status: string;
  name: string | null;
  /** Why it stopped or failed, else `''`. */
  reason: string;
  /** The project (or Vonage application) as a string (from `projectId`, `applicationId` or `partnerId`). */
  projectId: string;
  partnerId: string;
  /** Milliseconds since the epoch (the start call, rounded to the second by the service). */
  createdAt: number;
  updatedAt?: number;
  /** Bytes; 0 until available. */
  size: number;
  /** Seconds. */
  duration: number;
  /** Download URL once `available`, else `null`. */
  url: string | null;
  resolution?: string;
  outputMode?: string;
  hasAudio?: boolean;
  hasVideo?: boolean;
  streamMode?: string;
}

/** A broadcast changed status, HLS status or RTMP status: the broadcast object plus `event`. */
export interface BroadcastCallback {
  event: 'broadcast';
  id: string;
  sessionId: string;
  /** `started` or `stopped`. */
  status: string;
  projectId: string;
  partnerId: string;
  createdAt: number;
  updatedAt?: number;
  /** `null` once stopped. */
  broadcastUrls?: {
    hls?: string;
    hlsStatus?: string;
    rtmp?: Array<{ id?: string; serverUrl: string; streamName: string; status?: string }>;
  } | null;
}

/** An Experience Composer (render) changed status. */
export interface RenderCallback {
  event: 'render';
  id: string;
  sessionId: string;
  /** `starting`, `started`, `stopped` or `failed`. */
  status: string;
  /** The stream the render publishes. */
  streamId?: string;
  /** `Max Duration Exceeded`, `Stop Requested`, or why it failed. */
  reason?: string;
  projectId?: string;
  createdAt?: number;
  updatedAt?: number;
  url?: string;
}

/** Live captions changed status (sent to the captions' `statusCallbackUrl`). */
export interface CaptionsCallback {
  event: 'captions';
  captionId: string;
  sessionId: string;
  /** `started`, `stopped` or `failed`. */
  status: string;
  projectId?: string;
  createdAt?: number;
  updatedAt?: number;
  /** Seconds. */
  duration?: number;
  languageCode?: string;
  provider?: string;
  reason?: string;
}

/**
 * Every callback the service (or `@opentok/emulator`) sends, told apart by `event`. Fields
 * not named in these types are kept as sent.
 */
export type Callback =
  | ArchiveCallback
  | BroadcastCallback
  | SessionCreatedCallback
  | SessionDestroyedCallback
  | ConnectionCreatedCallback
  | ConnectionDestroyedCallback
  | StreamCreatedCallback
  | StreamDestroyedCallback
  | CallCreatedCallback
  | CallUpdatedCallback
  | CallDestroyedCallback
  | MuteForcedCallback
  | RenderCallback
  | CaptionsCallback;

/** The `event` of every {@link Callback}. */
export type CallbackEvent = Callback['event'];

export { CALLBACK_EVENTS } from './values.js';

/** Largest body read, in bytes or characters: far above any callback. */
const MAX_BODY = 1024 * 1024;

type Fields = Record<string, unknown>;

const invalid = (message: string): never => fail('body', `body is not a callback: ${message}`);

function text(record: Fields, key: string, where: string): string {
  const value = record[key];
  if (typeof value !== 'string' || value === '')
    invalid(`${where}${key} must be a non-empty string, not ${show(value)}`);
  return value as string;
}

function count(record: Fields, key: string, where: string): number {
  const value = record[key];
  if (typeof value !== 'number' || !Number.isFinite(value))
    invalid(`${where}${key} must be a number, not ${show(value)}`);
  return value as number;
}

function object(record: Fields, key: string, where: string): Fields {
  const value = record[key];
  if (!isRecord(value) || Array.isArray(value)) invalid(`${where}${key} must be an object, not ${show(value)}`);
  return value as Fields;
}

/** A project ID as a string, from a string or a number. */
function project(record: Fields, key: string): string | undefined {
  const value = record[key];
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The owner a monitoring, archive or broadcast callback names: a project, a Vonage application, or (older bodies) a partner. */
const ownerOf = (record: Fields): string | undefined =>
  project(record, 'projectId') ?? project(record, 'applicationId') ?? project(record, 'partnerId');

function connectionOf(record: Fields, where: string): CallbackConnection {
  const connection = object(record, 'connection', where);
  text(connection, 'id', `${where}connection.`);
  count(connection, 'createdAt', `${where}connection.`);
  if (connection.data !== undefined && connection.data !== null && typeof connection.data !== 'string') {
    invalid(`${where}connection.data must be a string, not ${show(connection.data)}`);
  }
  return { ...connection } as unknown as CallbackConnection;
}

function streamOf(record: Fields): CallbackStream {
  const stream = object(record, 'stream', '');
  text(stream, 'id', 'stream.');
  count(stream, 'createdAt', 'stream.');
  return { ...stream, connection: connectionOf(stream, 'stream.') } as unknown as CallbackStream;
}

function callOf(record: Fields): CallbackCall {
  const call = object(record, 'call', '');
  text(call, 'id', 'call.');
  text(call, 'connectionId', 'call.');
  count(call, 'createdAt', 'call.');
  return { ...call } as unknown as CallbackCall;
}

/** The common fields of session monitoring and SIP events. */
function monitoring(record: Fields): Fields {
  text(record, 'sessionId', '');
  count(record, 'timestamp', '');
  const projectId = ownerOf(record);
  if (projectId === undefined) invalid('projectId must be a string or a number');
  return { ...record, projectId };
}

/** The `event` of a body that names none: captions and renders may come without one. */
function inferEvent(record: Fields): string {
  if (typeof record.captionId === 'string') return 'captions';
  if (typeof record.id === 'string' && typeof record.sessionId === 'string' && typeof record.status === 'string') {
    if (['starting', 'started', 'stopped', 'failed'].includes(record.status) && 'streamId' in record) return 'render';
  }
  return invalid('it has no event field');
}

function toCallback(record: Fields): Callback {
  const event = record.event === undefined ? inferEvent(record) : record.event;
  if (typeof event !== 'string') return invalid(`event must be a string, not ${show(event)}`);
  switch (event) {
    case 'archive': {
      text(record, 'id', '');
      text(record, 'sessionId', '');
      text(record, 'status', '');
      const owner = ownerOf(record);
      if (owner === undefined) invalid('partnerId must be a string or a number');
      const url = record.url;
      if (url !== undefined && url !== null && typeof url !== 'string')
        invalid(`url must be a string, not ${show(url)}`);
      const name = record.name;
      return {
        ...record,
        event,
        projectId: owner,
        partnerId: project(record, 'partnerId') ?? owner,
        name: typeof name === 'string' ? name : null,
        reason: typeof record.reason === 'string' ? record.reason : '',
        createdAt: typeof record.createdAt === 'number' ? record.createdAt : 0,
        size: typeof record.size === 'number' ? record.size : 0,
        duration: typeof record.duration === 'number' ? record.duration : 0,
        url: typeof url === 'string' ? url : null,
      } as ArchiveCallback;
    }
    case 'broadcast': {
      text(record, 'id', '');
      text(record, 'sessionId', '');
      text(record, 'status', '');
      const owner = ownerOf(record);
      if (owner === undefined) invalid('projectId must be a string or a number');
      const urls = record.broadcastUrls;
      if (urls !== undefined && urls !== null && !isRecord(urls)) invalid('broadcastUrls must be an object or null');
      return {
        ...record,
        event,
        projectId: owner,
        partnerId: project(record, 'partnerId') ?? owner,
        createdAt: typeof record.createdAt === 'number' ? record.createdAt : 0,
      } as BroadcastCallback;
    }
    case 'sessionCreated':
    case 'sessionDestroyed':
      return { ...monitoring(record), event } as Callback;
    case 'connectionCreated':
      return { ...monitoring(record), event, connection: connectionOf(record, '') } as Callback;
    case 'connectionDestroyed':
      text(record, 'reason', '');
      return { ...monitoring(record), event, connection: connectionOf(record, '') } as Callback;
    case 'streamCreated':
      return { ...monitoring(record), event, stream: streamOf(record) } as Callback;
    case 'streamDestroyed':
      text(record, 'reason', '');
      return { ...monitoring(record), event, stream: streamOf(record) } as Callback;
    case 'callCreated':
    case 'muteForced':
      return { ...monitoring(record), event, call: callOf(record) } as Callback;
    case 'callUpdated':
      text(record, 'state', '');
      return { ...monitoring(record), event, call: callOf(record) } as Callback;
    case 'callDestroyed': {
      const code = count(record, 'reason_code', '');
      if (!Number.isInteger(code)) invalid('reason_code must be a whole number');
      const message = typeof record.reason_message === 'string' ? record.reason_message : '';
      return { ...monitoring(record), event, reason_message: message, call: callOf(record) } as Callback;
    }
    case 'render': {
      text(record, 'id', '');
      text(record, 'sessionId', '');
      text(record, 'status', '');
      const projectId = project(record, 'projectId') ?? project(record, 'applicationId');
      return { ...record, event, ...(projectId === undefined ? {} : { projectId }) } as RenderCallback;
    }
    case 'captions': {
      const captionId = typeof record.captionId === 'string' ? record.captionId : record.captionsId;
      if (typeof captionId !== 'string' || captionId === '') invalid('captionId must be a non-empty string');
      text(record, 'sessionId', '');
      text(record, 'status', '');
      const projectId = project(record, 'projectId') ?? project(record, 'applicationId');
      return {
        ...record,
        event,
        captionId,
        ...(projectId === undefined ? {} : { projectId }),
      } as CaptionsCallback;
    }
    default:
      // The event name is not quoted: the body came from the network.
      return invalid(`its event (${show(event)}) is none of ${CALLBACK_EVENTS.join(', ')}`);
  }
}

/** The body as a value: parsed JSON from a string or bytes, or the object as given. */
function toValue(body: unknown): unknown {
  let source = body;
  if (source instanceof ArrayBuffer) source = new Uint8Array(source);
  else if (ArrayBuffer.isView(source) && !(source instanceof Uint8Array)) {
    source = new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  }
  if (source instanceof Uint8Array) {
    if (source.byteLength > MAX_BODY) invalid(`it is larger than ${MAX_BODY} bytes`);
    try {
      source = new TextDecoder('utf-8', { fatal: true }).decode(source);
    } catch {
      invalid('its bytes are not UTF-8');
    }
  }
  if (typeof source === 'string') {
    if (source.length > MAX_BODY) invalid(`it is longer than ${MAX_BODY} characters`);
    try {
      return JSON.parse(source);
    } catch {
      // No cause: the SyntaxError would quote the body.
      return invalid('it is not valid JSON');
    }
  }
  return source;
}

/**
 * Reads a callback the service POSTed: the raw body (a string, `Uint8Array` or `ArrayBuffer`
 * of JSON) or the already parsed object (`req.body` of a JSON body parser). The answer is a
 * union told apart by `event` (`archive`, `broadcast`, `connectionCreated`, `streamDestroyed`,
 * `callUpdated`, `render`, `captions`…); the project ID is always a string; fields the types do
 * not name are kept, except `__proto__`, `constructor` and `prototype` keys, dropped at every
 * depth. Captions and render bodies without an `event` get one.
 * @throws {InvalidArgumentError} for a body that is no callback (its content is never quoted).
 * @example
 * import { parseCallback } from '@opentok/rest'
 * const callback = parseCallback('{"event":"archive","id":"a1","sessionId":"s1","status":"available","partnerId":123456,"url":"https://example.com/a.mp4"}')
 * if (callback.event === 'archive' && callback.status === 'available') console.log(callback.url)
 */
export function parseCallback(body: unknown): Callback {
  // `__proto__`, `constructor` and `prototype` keys are dropped at every depth: kept as own
  // properties, a copy of the callback (`Object.assign({}, callback)`) would change prototypes.
  const value = withoutPrototypeKeys(toValue(body));
  if (!isRecord(value) || Array.isArray(value)) return invalid(`expected a JSON object, got ${show(value)}`);
  return toCallback(value);
}

/** Groups of the legacy registration API. */
export type CallbackGroup = 'archive' | 'connection' | 'stream' | string;

/** A callback URL registered with the legacy API. */
export interface CallbackRegistration {
  id: string;
  /** `archive`, `connection` or `stream`. */
  group: CallbackGroup;
  /** `status` for archives; `created` or `destroyed` for connections and streams. */
  event: string;
  url: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

/** Options of `client.callbacks.register`. */
export interface RegisterCallbackOptions {
  /** `archive`, `connection` or `stream`. */
  group: CallbackGroup;
  /** `status` for archives; `created` or `destroyed` for connections and streams. */
  event: string;
  /** An `http://` or `https://` URL. */
  url: string;
}

/** The legacy callback registration methods of a client. */
export interface Callbacks {
  /**
   * Lists the callback URLs registered with the legacy API.
   * @example
   * const registrations = await client.callbacks.list()
   */
  list(callOptions?: CallOptions): Promise<CallbackRegistration[]>;
  /**
   * Registers a callback URL for a group and event (the legacy API).
   * @throws {InvalidArgumentError} for a missing group or event, or a URL that is not http(s).
   * @example
   * const { id } = await client.callbacks.register({ group: 'connection', event: 'created', url: 'https://example.com/hooks/s3cr3t' })
   */
  register(options: RegisterCallbackOptions, callOptions?: CallOptions): Promise<CallbackRegistration>;
  /**
   * Removes a registered callback URL.
   * @throws {NotFoundError} for an unknown registration.
   * @example
   * await client.callbacks.unregister(id)
   */
  unregister(callbackId: string, callOptions?: CallOptions): Promise<void>;
}

const PRINTABLE_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

function toRegisterBody(input: RegisterCallbackOptions | undefined): Fields {
  if (input === undefined) fail('options', 'options { group, event, url } are required');
  const options = requireOptions('options', input, ['group', 'event', 'url']);
  for (const key of ['group', 'event'] as const) {
    const value = options[key];
    if (typeof value !== 'string' || !PRINTABLE_NAME.test(value)) {
      fail(key, `${key} must be a name such as 'connection' or 'created', not ${show(value)}`);
    }
  }
  const { url } = options;
  let parsed: URL | undefined;
  try {
    parsed = typeof url === 'string' && url.length <= 2048 ? new URL(url) : undefined;
  } catch {}
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    // The URL is not quoted: it may hold a secret path segment.
    fail('url', `url must be an absolute http or https URL, not ${show(url)}`);
  }
  return { group: options.group, event: options.event, url };
}

function toRegistration(answer: Answer, value: unknown): CallbackRegistration {
  if (!isRecord(value)) throw answer.parseError('expected a callback object');
  const { id, group, event, url } = value;
  if (typeof id !== 'string' || id === '') throw answer.parseError('the callback has no id');
  if (typeof group !== 'string' || typeof event !== 'string' || typeof url !== 'string') {
    throw answer.parseError('the callback has no group, event or url');
  }
  return { ...value, id, group, event, url, createdAt: typeof value.createdAt === 'number' ? value.createdAt : 0 };
}

/** The legacy callback registration API, one definition per REST call. */
export const callbackOperations = {
  list: defineOperation({
    method: 'GET',
    path: '/v2/project/{apiKey}/callback',
    arity: 0,
    decode: (answer): CallbackRegistration[] => {
      const value = readJson(answer);
      if (!Array.isArray(value)) throw answer.parseError('expected an array of callbacks');
      return value.map((item) => toRegistration(answer, item));
    },
  }),
  register: defineOperation({
    method: 'POST',
    path: '/v2/project/{apiKey}/callback',
    arity: 1,
    build: ([options]: [RegisterCallbackOptions]) => ({ json: toRegisterBody(options) }),
    decode: (answer) => toRegistration(answer, readJson(answer)),
  }),
  unregister: defineOperation({
    method: 'DELETE',
    path: '/v2/project/{apiKey}/callback/{callbackId}',
    params: ['callbackId'],
    arity: 1,
    build: ([callbackId]: [string]) => {
      requireId('callbackId', callbackId);
      return {};
    },
    decode: ignoreBody,
  }),
};

/** Builds the callback registration methods on top of the request core. */
export function createCallbacks(send: Send, context: OperationContext): Callbacks {
  return bindTable(send, context, callbackOperations);
}
