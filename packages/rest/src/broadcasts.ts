/**
 * Live streaming (HLS and RTMP) under `/v2/project/{apiKey}/broadcast`, as a table of
 * operations run by the one core (`operation.ts`). The client-side checks are those the
 * official SDKs make: HLS `dvr` and `lowLatency` exclusive, one to five RTMP targets with an
 * `rtmp://` or `rtmps://` server, `maxDuration` 60–36000 s, `maxBitrate` 100000–6000000 bit/s.
 * @module
 */
import { type ArchiveLayout, toAddStream, toLayout, toListQuery } from './archives.js';
import { readJson } from './body.js';
import {
  type AllOptions,
  bindTable,
  type CallOptions,
  defineOperation,
  ignoreBody,
  isRecord,
  LIST_MAX_BYTES,
  type OperationContext,
  type Page,
  paginate,
  readPage,
} from './operation.js';
import type { Answer, Send } from './request.js';
import {
  fail,
  oneOf,
  optionalBoolean,
  optionalInteger,
  optionalString,
  requireId,
  requireOptions,
  show,
} from './validate.js';
import {
  BROADCAST_STATUSES,
  type BroadcastStatus,
  type HlsStatus,
  RESOLUTIONS,
  type Resolution,
  type RtmpStatus,
  STREAM_MODES,
  type StreamMode,
} from './values.js';

export type { BroadcastStatus, HlsStatus, RtmpStatus } from './values.js';

/** The layout of a broadcast: the same rules as a composed archive's. */
export type BroadcastLayout = ArchiveLayout;

/** HLS output options. */
export interface HlsOutput {
  /** Keep the stream for replay (DVR). Not with `lowLatency`. @default false */
  dvr?: boolean | undefined;
  /** Lower latency HLS. Not with `dvr`. @default false */
  lowLatency?: boolean | undefined;
}

/** One RTMP target. */
export interface RtmpOutput {
  /** Your name for this target, echoed in the broadcast's `broadcastUrls.rtmp`. */
  id?: string | undefined;
  /** `rtmp://` or `rtmps://` URL of the RTMP server and application. */
  serverUrl: string;
  /** The stream name (key) at that server. */
  streamName: string;
}

/** Options of `client.broadcasts.start`. */
export interface StartBroadcastOptions {
  /** At least one of `hls` and `rtmp`. */
  outputs: { hls?: HlsOutput | undefined; rtmp?: readonly RtmpOutput[] | undefined };
  /** @default { type: 'bestFit' } */
  layout?: BroadcastLayout | undefined;
  /** Seconds, 60 to 36000. @default 14400 */
  maxDuration?: number | undefined;
  /** Bits per second, 100000 to 6000000. */
  maxBitrate?: number | undefined;
  /** @default '640x480' */
  resolution?: Resolution | undefined;
  /** @default 'auto' */
  streamMode?: StreamMode | undefined;
  /** Lets several broadcasts of one session run at once, each with its own tag. */
  multiBroadcastTag?: string | undefined;
  /** Not both `false`. @default true */
  hasAudio?: boolean | undefined;
  /** Not both `false`. @default true */
  hasVideo?: boolean | undefined;
}

/** One RTMP target of a running broadcast. */
export interface BroadcastRtmp {
  id?: string;
  serverUrl: string;
  streamName: string;
  status?: RtmpStatus;
}

/** Where a running broadcast can be watched; `null` once it stopped. */
export interface BroadcastUrls {
  /** The HLS playlist URL. */
  hls?: string;
  hlsStatus?: HlsStatus;
  /** The RTMP targets (an array; the keyed-object form some servers send is turned into one). */
  rtmp: BroadcastRtmp[];
}

/** A stream of a broadcast in `manual` stream mode. */
export interface BroadcastStream {
  streamId: string;
  hasAudio: boolean;
  hasVideo: boolean;
}

/**
 * A broadcast, as start, stop, get and list return it. `projectId` and `partnerId` are strings;
 * fields not listed here are kept as the service sent them.
 */
export interface Broadcast {
  id: string;
  sessionId: string;
  projectId: string;
  partnerId: string;
  status: BroadcastStatus;
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** Milliseconds since the epoch. */
  updatedAt: number;
  resolution: Resolution | string;
  /** Seconds. */
  maxDuration?: number;
  /** Bits per second. */
  maxBitrate?: number;
  hasAudio: boolean;
  hasVideo: boolean;
  streamMode: StreamMode;
  /** Streams included in `manual` stream mode. */
  streams?: BroadcastStream[];
  multiBroadcastTag?: string;
  /** `broadcast` in callbacks. */
  event?: string;
  settings?: { hls?: { lowLatency?: boolean; dvr?: boolean } };
  /** `null` once the broadcast stopped. */
  broadcastUrls: BroadcastUrls | null;
}

/** Options of `client.broadcasts.list`. */
export interface ListBroadcastsOptions {
  /** Items to skip. @default 0 */
  offset?: number | undefined;
  /** Items per page, 1 to 1000. @default 50 (the service's default) */
  count?: number | undefined;
  /** Only broadcasts of this session. */
  sessionId?: string | undefined;
}

/** One page of broadcasts. */
export type BroadcastList = Page<Broadcast>;

/** Options of `client.broadcasts.all`. */
export type AllBroadcastsOptions = AllOptions<Pick<ListBroadcastsOptions, 'sessionId'>>;

/** Options of `client.broadcasts.addStream`. */
export interface AddBroadcastStreamOptions {
  /** @default true */
  hasAudio?: boolean | undefined;
  /** @default true */
  hasVideo?: boolean | undefined;
}

/** The broadcast methods of a client. */
export interface Broadcasts {
  /**
   * Starts a live stream of a routed session (a client must be connected to it).
   * @throws {InvalidArgumentError} for a bad session ID or options (see the module's checks).
   * @throws {ConflictError} when the session already broadcasts without a distinct `multiBroadcastTag`.
   * @example
   * const broadcast = await client.broadcasts.start(sessionId, { outputs: { hls: { lowLatency: true } } })
   */
  start(sessionId: string, options: StartBroadcastOptions, callOptions?: CallOptions): Promise<Broadcast>;
  /**
   * Stops a broadcast; its `broadcastUrls` become `null`.
   * @throws {NotFoundError} for an unknown or stopped broadcast.
   * @example
   * await client.broadcasts.stop(broadcast.id)
   */
  stop(broadcastId: string, callOptions?: CallOptions): Promise<Broadcast>;
  /**
   * Reads one broadcast. @throws {NotFoundError} for an unknown broadcast.
   * @example
   * const { broadcastUrls } = await client.broadcasts.get(broadcastId)
   */
  get(broadcastId: string, callOptions?: CallOptions): Promise<Broadcast>;
  /**
   * Reads one page of broadcasts, newest first.
   * @example
   * const { count, items } = await client.broadcasts.list({ sessionId })
   */
  list(options?: ListBroadcastsOptions, callOptions?: CallOptions): Promise<BroadcastList>;
  /**
   * Every broadcast, page after page, as an async iterator.
   * @example
   * for await (const broadcast of client.broadcasts.all({ sessionId })) console.log(broadcast.id)
   */
  all(options?: AllBroadcastsOptions, callOptions?: CallOptions): AsyncIterableIterator<Broadcast>;
  /**
   * Changes the layout of a running broadcast.
   * @example
   * await client.broadcasts.setLayout(broadcastId, { type: 'pip' })
   */
  setLayout(broadcastId: string, layout: BroadcastLayout, callOptions?: CallOptions): Promise<void>;
  /**
   * Adds a stream to a broadcast in `manual` stream mode (again: changes its audio and video).
   * @throws {InvalidRequestError} (405) when the broadcast is in `auto` stream mode.
   * @example
   * await client.broadcasts.addStream(broadcastId, streamId, { hasVideo: false })
   */
  addStream(
    broadcastId: string,
    streamId: string,
    options?: AddBroadcastStreamOptions,
    callOptions?: CallOptions,
  ): Promise<void>;
  /**
   * Removes a stream from a broadcast in `manual` stream mode.
   * @example
   * await client.broadcasts.removeStream(broadcastId, streamId)
   */
  removeStream(broadcastId: string, streamId: string, callOptions?: CallOptions): Promise<void>;
}

const START_KEYS = [
  'outputs',
  'layout',
  'maxDuration',
  'maxBitrate',
  'resolution',
  'streamMode',
  'multiBroadcastTag',
  'hasAudio',
  'hasVideo',
] as const;

/** Validates one RTMP target. */
function toRtmp(argument: string, input: unknown): RtmpOutput {
  const target = requireOptions(argument, input as RtmpOutput, ['id', 'serverUrl', 'streamName']);
  if (input === undefined) fail(argument, `${argument} must be an object { serverUrl, streamName }`);
  const id = optionalString(`${argument}.id`, target.id, 256);
  if (id !== undefined && id.trim() === '') fail(`${argument}.id`, `${argument}.id must not be blank`);
  const { serverUrl, streamName } = target;
  if (typeof serverUrl !== 'string' || !/^rtmps?:\/\/[^\s/]+\S*$/i.test(serverUrl) || serverUrl.length > 2048) {
    fail(`${argument}.serverUrl`, `${argument}.serverUrl must be an rtmp:// or rtmps:// URL, not ${show(serverUrl)}`);
  }
  if (typeof streamName !== 'string' || streamName.trim() === '' || streamName.length > 2048) {
    fail(`${argument}.streamName`, `${argument}.streamName must be a non-blank string, not ${show(streamName)}`);
  }
  const result: RtmpOutput = { serverUrl, streamName };
  return id === undefined ? result : { id, ...result };
}

/** Validates the outputs: at least one of HLS and RTMP, DVR and low latency exclusive, 1–5 RTMP targets. */
function toOutputs(input: unknown): Record<string, unknown> {
  if (input === undefined) fail('outputs', 'outputs is required: { hls: {} }, { rtmp: [...] } or both');
  const outputs = requireOptions('outputs', input as StartBroadcastOptions['outputs'], ['hls', 'rtmp']);
  const result: Record<string, unknown> = {};
  if (outputs.hls !== undefined) {
    const hls = requireOptions('outputs.hls', outputs.hls, ['dvr', 'lowLatency']);
    const dvr = optionalBoolean('outputs.hls.dvr', hls.dvr);
    const lowLatency = optionalBoolean('outputs.hls.lowLatency', hls.lowLatency);
    if (dvr && lowLatency) fail('outputs.hls', 'outputs.hls cannot set both dvr and lowLatency');
    result.hls = { ...(dvr === undefined ? {} : { dvr }), ...(lowLatency === undefined ? {} : { lowLatency }) };
  }
  if (outputs.rtmp !== undefined) {
    const { rtmp } = outputs;
    if (!Array.isArray(rtmp) || rtmp.length < 1 || rtmp.length > 5) {
      fail('outputs.rtmp', `outputs.rtmp must be an array of 1 to 5 targets, not ${show(rtmp)}`);
    }
    result.rtmp = rtmp.map((target, index) => toRtmp(`outputs.rtmp[${index}]`, target));
  }
  if (result.hls === undefined && result.rtmp === undefined) fail('outputs', 'outputs needs hls, rtmp or both');
  return result;
}

/** Validates start options and returns the JSON body. */
export function toStartBroadcastBody(sessionId: unknown, input: StartBroadcastOptions | undefined) {
  const body: Record<string, unknown> = { sessionId: requireId('sessionId', sessionId) };
  if (input === undefined) fail('options', 'options with outputs are required');
  const options = requireOptions('options', input, START_KEYS);
  body.outputs = toOutputs(options.outputs);
  const fields = {
    maxDuration: optionalInteger('maxDuration', options.maxDuration, 60, 36_000),
    maxBitrate: optionalInteger('maxBitrate', options.maxBitrate, 100_000, 6_000_000),
    resolution: oneOf('resolution', options.resolution, RESOLUTIONS),
    streamMode: oneOf('streamMode', options.streamMode, STREAM_MODES),
    multiBroadcastTag: optionalString('multiBroadcastTag', options.multiBroadcastTag, 256),
    hasAudio: optionalBoolean('hasAudio', options.hasAudio),
    hasVideo: optionalBoolean('hasVideo', options.hasVideo),
  };
  if (fields.hasAudio === false && fields.hasVideo === false)
    fail('hasAudio', 'a broadcast needs audio, video or both');
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) body[key] = value;
  if (options.layout !== undefined) body.layout = toLayout('layout', options.layout);
  return body;
}

/** The RTMP targets as an array, from the array or the keyed-object form. */
function toRtmpList(value: unknown): BroadcastRtmp[] {
  if (Array.isArray(value)) return value.filter(isRecord) as unknown as BroadcastRtmp[];
  if (!isRecord(value)) return [];
  return Object.entries(value)
    .filter((entry): entry is [string, Record<string, unknown>] => isRecord(entry[1]))
    .map(([id, target]) => ({ id, ...target }) as unknown as BroadcastRtmp);
}

/** Checks a broadcast object from the service and fills in the documented defaults. */
export function toBroadcast(answer: Answer, value: unknown, apiKey: string): Broadcast {
  if (!isRecord(value)) throw answer.parseError('expected a broadcast object');
  const { id, status, sessionId } = value;
  if (typeof id !== 'string' || id === '') throw answer.parseError('the broadcast has no id');
  if (typeof status !== 'string' || !(BROADCAST_STATUSES as readonly string[]).includes(status)) {
    throw answer.parseError('the broadcast has no known status');
  }
  if (typeof sessionId !== 'string') throw answer.parseError('the broadcast has no sessionId');
  const owner = value.projectId ?? value.partnerId ?? apiKey;
  const numberOr = (field: unknown, fallback: number) => (typeof field === 'number' ? field : fallback);
  const urls = value.broadcastUrls;
  const createdAt = numberOr(value.createdAt, 0);
  const maxBitrate = value.maxBitrate ?? value.maxBitRate;
  const broadcast = {
    ...value,
    id,
    sessionId,
    status,
    projectId: String(owner),
    partnerId: String(value.partnerId ?? owner),
    createdAt,
    updatedAt: numberOr(value.updatedAt, createdAt),
    resolution: typeof value.resolution === 'string' ? value.resolution : '640x480',
    hasAudio: value.hasAudio !== false,
    hasVideo: value.hasVideo !== false,
    streamMode: value.streamMode === 'manual' ? 'manual' : 'auto',
    broadcastUrls: isRecord(urls) ? { ...urls, rtmp: toRtmpList(urls.rtmp) } : null,
  } as Broadcast;
  if (typeof maxBitrate === 'number') broadcast.maxBitrate = maxBitrate;
  return broadcast;
}

const broadcast = (answer: Answer, context: OperationContext) => toBroadcast(answer, readJson(answer), context.apiKey);
const ONE = '/v2/project/{apiKey}/broadcast/{broadcastId}';

/** The broadcast API, one definition per REST call. */
export const broadcastOperations = {
  start: defineOperation({
    method: 'POST',
    path: '/v2/project/{apiKey}/broadcast',
    arity: 2,
    build: ([sessionId, options]: [string, StartBroadcastOptions]) => ({
      json: toStartBroadcastBody(sessionId, options),
    }),
    decode: broadcast,
  }),
  stop: defineOperation({
    method: 'POST',
    path: `${ONE}/stop`,
    params: ['broadcastId'],
    arity: 1,
    build: (_: [string]) => ({ json: {} }),
    decode: broadcast,
  }),
  get: defineOperation({ method: 'GET', path: ONE, params: ['broadcastId'], arity: 1, decode: broadcast }),
  list: defineOperation({
    method: 'GET',
    path: '/v2/project/{apiKey}/broadcast',
    arity: 1,
    build: ([options]: [ListBroadcastsOptions?]) => ({ query: toListQuery(options) }),
    decode: (answer, context): BroadcastList =>
      readPage(answer, readJson(answer), (item) => toBroadcast(answer, item, context.apiKey)),
    maxBytes: LIST_MAX_BYTES,
  }),
  setLayout: defineOperation({
    method: 'PUT',
    path: `${ONE}/layout`,
    params: ['broadcastId'],
    arity: 2,
    build: ([, layout]: [string, BroadcastLayout]) => ({ json: toLayout('layout', layout) }),
    decode: ignoreBody,
  }),
  addStream: defineOperation({
    method: 'PATCH',
    path: `${ONE}/streams`,
    params: ['broadcastId'],
    arity: 3,
    build: ([, streamId, options]: [string, string, AddBroadcastStreamOptions?]) => ({
      json: toAddStream(streamId, options),
    }),
    decode: ignoreBody,
  }),
  removeStream: defineOperation({
    method: 'PATCH',
    path: `${ONE}/streams`,
    params: ['broadcastId'],
    arity: 2,
    build: ([, streamId]: [string, string]) => ({ json: { removeStream: requireId('streamId', streamId) } }),
    decode: ignoreBody,
  }),
};

/** Builds the broadcast methods on top of the request core. */
export function createBroadcasts(send: Send, context: OperationContext): Broadcasts {
  const methods = bindTable(send, context, broadcastOperations);
  return { ...methods, all: paginate<Broadcast, { sessionId?: string | undefined }>(methods.list, ['sessionId']) };
}
