/**
 * The archive API under `/v2/project/{apiKey}/archive` (docs/protocol.md §6.2), as a table
 * of operations run by the one core (`operation.ts`).
 * @module
 */
import {
  type ArchiveTranscription,
  type TranscriptionProperties,
  toTranscriptionFields,
} from './archive-transcription.js';
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
  ARCHIVE_OUTPUT_MODES,
  ARCHIVE_STATUSES,
  type ArchiveOutputMode,
  type ArchiveStatus,
  LAYOUT_TYPES,
  type LayoutType,
  RESOLUTIONS,
  type Resolution,
  SCREENSHARE_LAYOUT_TYPES,
  type ScreenshareLayoutType,
  STREAM_MODES,
  type StreamMode,
} from './values.js';

export type { ArchiveOutputMode, ArchiveStatus, LayoutType } from './values.js';

/** `auto` records every stream; `manual` only those added with `addStream`. */
export type ArchiveStreamMode = StreamMode;

/** The layout of a composed archive or a broadcast. */
export interface ArchiveLayout {
  type: LayoutType;
  /** CSS for `custom` layouts only. */
  stylesheet?: string | undefined;
  /** Layout while a screen is shared; only with `bestFit`. */
  screenshareType?: ScreenshareLayoutType | undefined;
}

/** A stream recorded in `manual` stream mode. */
export interface ArchiveStream {
  streamId: string;
  hasAudio: boolean;
  hasVideo: boolean;
}

export type {
  ArchiveTranscription,
  ArchiveTranscriptionStatus,
  TranscriptionProperties,
} from './archive-transcription.js';

/**
 * An archive, as start, stop, get and list return it. Fields the service leaves out are
 * filled with the documented defaults; `projectId` and `partnerId` are always strings.
 * Fields not listed here are kept as the service sent them.
 */
export interface Archive {
  id: string;
  status: ArchiveStatus;
  /** The name given at start, or `null`. */
  name: string | null;
  /** Why it stopped or failed (`user initiated`, `session ended`, ...), else `''`. */
  reason: string;
  sessionId: string;
  projectId: string;
  partnerId: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** Milliseconds since the epoch, when the service says. */
  updatedAt?: number;
  /** Bytes; 0 until available. */
  size: number;
  /** Seconds. */
  duration: number;
  outputMode: ArchiveOutputMode;
  hasAudio: boolean;
  hasVideo: boolean;
  /** Composed archives only, such as `1280x720`. */
  resolution?: string;
  streamMode?: ArchiveStreamMode;
  /** Streams recorded in `manual` stream mode. */
  streams?: ArchiveStream[];
  /** Download URL once `available`, else `null`. */
  url: string | null;
  sha256sum?: string;
  password?: string;
  /** `archive` in callbacks. */
  event?: string;
  maxBitrate?: number;
  quantizationParameter?: number;
  multiArchiveTag?: string;
  hasTranscription?: boolean;
  transcription?: ArchiveTranscription;
}

/** Options of `client.archives.start`. */
export interface StartArchiveOptions {
  /** A name to find the archive by. */
  name?: string | undefined;
  /** @default true */
  hasAudio?: boolean | undefined;
  /** @default true */
  hasVideo?: boolean | undefined;
  /** @default 'composed' */
  outputMode?: ArchiveOutputMode | undefined;
  /** Composed archives only. */
  resolution?: Resolution | undefined;
  /** Composed archives only. */
  layout?: ArchiveLayout | undefined;
  /** @default 'auto' */
  streamMode?: ArchiveStreamMode | undefined;
  /** Lets several archives of one session run at once, each with its own tag. */
  multiArchiveTag?: string | undefined;
  /** Bits per second; exclusive with `quantizationParameter`. */
  maxBitrate?: number | undefined;
  /** Video quality from 15 (best) to 40; exclusive with `maxBitrate`. */
  quantizationParameter?: number | undefined;
  /**
   * Transcribe the archive after it is recorded (post-call transcription): only with
   * `outputMode: 'individual'` and audio, as the service requires. The result carries
   * `transcription` (status, then the transcript's URL). @default false
   */
  hasTranscription?: boolean | undefined;
  /** Language and summary of the transcription; only with `hasTranscription: true`. */
  transcriptionProperties?: TranscriptionProperties | undefined;
}

/** Options of `client.archives.list`. */
export interface ListArchivesOptions {
  /** Items to skip. @default 0 */
  offset?: number | undefined;
  /** Items per page, 1 to 1000. @default 50 (the service's default) */
  count?: number | undefined;
  /** Only archives of this session. */
  sessionId?: string | undefined;
}

/** One page of archives. */
export type ArchiveList = Page<Archive>;

/** Options of `client.archives.addStream`. */
export interface AddStreamOptions {
  /** @default true */
  hasAudio?: boolean | undefined;
  /** @default true */
  hasVideo?: boolean | undefined;
}

/** Options of `client.archives.all`. */
export type AllArchivesOptions = AllOptions<Pick<ListArchivesOptions, 'sessionId'>>;

/** The archive methods of a client. */
export interface Archives {
  /**
   * Starts recording a session (a client must be connected to it).
   * @throws {InvalidArgumentError} for a bad session ID or options.
   * @throws {NotFoundError} when the session is unknown or nobody is connected.
   * @throws {ConflictError} when already recording, or the session is not routed.
   * @example
   * const archive = await client.archives.start(sessionId, { name: 'demo', outputMode: 'composed' })
   */
  start(sessionId: string, options?: StartArchiveOptions, callOptions?: CallOptions): Promise<Archive>;
  /**
   * Stops a recording.
   * @throws {NotFoundError} for an unknown archive. @throws {ConflictError} when it is not recording.
   * @example
   * const stopped = await client.archives.stop(archive.id)
   */
  stop(archiveId: string, callOptions?: CallOptions): Promise<Archive>;
  /**
   * Reads one archive. @throws {NotFoundError} for an unknown archive.
   * @example
   * const { status, url } = await client.archives.get(archiveId)
   */
  get(archiveId: string, callOptions?: CallOptions): Promise<Archive>;
  /**
   * Reads one page of archives, newest first.
   * @throws {InvalidArgumentError} for a bad offset or count.
   * @example
   * const { count, items } = await client.archives.list({ count: 10, sessionId })
   */
  list(options?: ListArchivesOptions, callOptions?: CallOptions): Promise<ArchiveList>;
  /**
   * Every archive, page after page, as an async iterator.
   * @example
   * for await (const archive of client.archives.all({ sessionId })) console.log(archive.id)
   */
  all(options?: AllArchivesOptions, callOptions?: CallOptions): AsyncIterableIterator<Archive>;
  /**
   * Deletes an archive's files. @throws {ConflictError} when its status forbids it.
   * @example
   * await client.archives.delete(archiveId)
   */
  delete(archiveId: string, callOptions?: CallOptions): Promise<void>;
  /**
   * Changes the layout of a composed archive while it records.
   * @throws {InvalidArgumentError} for a bad layout.
   * @example
   * await client.archives.setLayout(archiveId, { type: 'bestFit', screenshareType: 'pip' })
   */
  setLayout(archiveId: string, layout: ArchiveLayout, callOptions?: CallOptions): Promise<void>;
  /**
   * Adds a stream to an archive in `manual` stream mode.
   * @throws {InvalidRequestError} (405) when the archive is in `auto` stream mode.
   * @example
   * await client.archives.addStream(archiveId, streamId, { hasVideo: false })
   */
  addStream(archiveId: string, streamId: string, options?: AddStreamOptions, callOptions?: CallOptions): Promise<void>;
  /**
   * Removes a stream from an archive in `manual` stream mode.
   * @example
   * await client.archives.removeStream(archiveId, streamId)
   */
  removeStream(archiveId: string, streamId: string, callOptions?: CallOptions): Promise<void>;
}

/** Validates a layout and returns the body to send. */
export function toLayout(argument: string, input: unknown): ArchiveLayout {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    fail(argument, `${argument} must be an object such as { type: 'bestFit' }, not ${show(input)}`);
  }
  const layout = requireOptions(argument, input as ArchiveLayout, ['type', 'stylesheet', 'screenshareType']);
  const type = oneOf(`${argument}.type`, layout.type, LAYOUT_TYPES);
  if (type === undefined) fail(`${argument}.type`, `${argument}.type is required`);
  const stylesheet = optionalString(`${argument}.stylesheet`, layout.stylesheet, 10_000);
  const screenshareType = oneOf(`${argument}.screenshareType`, layout.screenshareType, SCREENSHARE_LAYOUT_TYPES);
  if (type === 'custom' && !stylesheet) fail(`${argument}.stylesheet`, "a 'custom' layout needs a stylesheet");
  if (type !== 'custom' && stylesheet !== undefined) {
    fail(`${argument}.stylesheet`, "stylesheet is only allowed with type 'custom'");
  }
  if (screenshareType !== undefined && type !== 'bestFit') {
    fail(`${argument}.screenshareType`, "screenshareType is only allowed with type 'bestFit'");
  }
  const result: ArchiveLayout = { type };
  if (stylesheet !== undefined) result.stylesheet = stylesheet;
  if (screenshareType !== undefined) result.screenshareType = screenshareType;
  return result;
}

const START_KEYS = [
  'name',
  'hasAudio',
  'hasVideo',
  'outputMode',
  'resolution',
  'layout',
  'streamMode',
  'multiArchiveTag',
  'maxBitrate',
  'quantizationParameter',
  'hasTranscription',
  'transcriptionProperties',
] as const;

/** Validates start options and returns the JSON body. */
export function toStartBody(sessionId: string, input: StartArchiveOptions | undefined): Record<string, unknown> {
  const options = requireOptions('options', input, START_KEYS);
  const body: Record<string, unknown> = { sessionId: requireId('sessionId', sessionId) };
  const name = optionalString('name', options.name, 256);
  const hasAudio = optionalBoolean('hasAudio', options.hasAudio);
  const hasVideo = optionalBoolean('hasVideo', options.hasVideo);
  const outputMode = oneOf('outputMode', options.outputMode, ARCHIVE_OUTPUT_MODES);
  const resolution = oneOf('resolution', options.resolution, RESOLUTIONS);
  const streamMode = oneOf('streamMode', options.streamMode, STREAM_MODES);
  const multiArchiveTag = optionalString('multiArchiveTag', options.multiArchiveTag, 256);
  const maxBitrate = optionalInteger('maxBitrate', options.maxBitrate, 1, 100_000_000);
  const quantizationParameter = optionalInteger('quantizationParameter', options.quantizationParameter, 15, 40);
  if (hasAudio === false && hasVideo === false) fail('hasAudio', 'an archive needs audio, video or both');
  if (outputMode === 'individual' && resolution !== undefined) {
    fail('resolution', "resolution is only allowed with outputMode 'composed'");
  }
  if (outputMode === 'individual' && options.layout !== undefined) {
    fail('layout', "layout is only allowed with outputMode 'composed'");
  }
  if (maxBitrate !== undefined && quantizationParameter !== undefined) {
    fail('quantizationParameter', 'maxBitrate and quantizationParameter cannot be combined');
  }
  const fields = { name, hasAudio, hasVideo, outputMode, resolution, streamMode, multiArchiveTag, maxBitrate };
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) body[key] = value;
  if (quantizationParameter !== undefined) body.quantizationParameter = quantizationParameter;
  if (options.layout !== undefined) body.layout = toLayout('layout', options.layout);
  Object.assign(body, toTranscriptionFields({ ...options, outputMode, hasAudio }));
  return body;
}

/** Checks an archive object from the service and fills in the documented defaults. */
export function toArchive(answer: Answer, value: unknown, apiKey: string): Archive {
  if (!isRecord(value)) throw answer.parseError('expected an archive object');
  const { id, status, sessionId } = value;
  if (typeof id !== 'string' || id === '') throw answer.parseError('the archive has no id');
  if (typeof status !== 'string' || !(ARCHIVE_STATUSES as readonly string[]).includes(status))
    throw answer.parseError('the archive has no known status');
  if (typeof sessionId !== 'string') throw answer.parseError('the archive has no sessionId');
  const owner = value.projectId ?? value.partnerId ?? apiKey;
  const numberOr = (field: unknown, fallback: number) => (typeof field === 'number' ? field : fallback);
  const archive = {
    ...value,
    id,
    status: status as ArchiveStatus,
    name: typeof value.name === 'string' ? value.name : null,
    reason: typeof value.reason === 'string' ? value.reason : '',
    sessionId,
    projectId: String(owner),
    partnerId: String(value.partnerId ?? owner),
    createdAt: numberOr(value.createdAt, 0),
    size: numberOr(value.size, 0),
    duration: numberOr(value.duration, 0),
    outputMode: value.outputMode === 'individual' ? 'individual' : 'composed',
    hasAudio: value.hasAudio !== false,
    hasVideo: value.hasVideo !== false,
    url: typeof value.url === 'string' ? value.url : null,
  } as Archive;
  return archive;
}

const archive = (answer: Answer, context: OperationContext) => toArchive(answer, readJson(answer), context.apiKey);
const ONE = '/v2/project/{apiKey}/archive/{archiveId}';

/** Validates `addStream` options and returns the PATCH body (archives and broadcasts). */
export function toAddStream(streamId: unknown, input: AddStreamOptions | undefined) {
  const options = requireOptions('options', input, ['hasAudio', 'hasVideo']);
  const hasAudio = optionalBoolean('hasAudio', options.hasAudio) ?? true;
  const hasVideo = optionalBoolean('hasVideo', options.hasVideo) ?? true;
  return { addStream: requireId('streamId', streamId), hasAudio, hasVideo };
}

/** Validates list options and returns the query (archives and broadcasts). */
export function toListQuery(input: ListArchivesOptions | undefined) {
  const options = requireOptions('options', input, ['offset', 'count', 'sessionId']);
  return {
    offset: optionalInteger('offset', options.offset, 0, Number.MAX_SAFE_INTEGER),
    count: optionalInteger('count', options.count, 1, 1000),
    sessionId: options.sessionId === undefined ? undefined : requireId('sessionId', options.sessionId),
  };
}

/** The archive API, one definition per REST call. */
export const archiveOperations = {
  start: defineOperation({
    method: 'POST',
    path: '/v2/project/{apiKey}/archive',
    arity: 2,
    build: ([sessionId, options]: [string, StartArchiveOptions?]) => ({ json: toStartBody(sessionId, options) }),
    decode: archive,
  }),
  stop: defineOperation({
    method: 'POST',
    path: `${ONE}/stop`,
    params: ['archiveId'],
    arity: 1,
    build: (_: [string]) => ({ json: {} }),
    decode: archive,
  }),
  get: defineOperation({ method: 'GET', path: ONE, params: ['archiveId'], arity: 1, decode: archive }),
  list: defineOperation({
    method: 'GET',
    path: '/v2/project/{apiKey}/archive',
    arity: 1,
    build: ([options]: [ListArchivesOptions?]) => ({ query: toListQuery(options) }),
    decode: (answer, context): ArchiveList =>
      readPage(answer, readJson(answer), (item) => toArchive(answer, item, context.apiKey)),
    // Up to 1000 archives of about 1 KB each.
    maxBytes: LIST_MAX_BYTES,
  }),
  delete: defineOperation({
    method: 'DELETE',
    path: ONE,
    params: ['archiveId'],
    arity: 1,
    build: (_: [string]) => ({}),
    decode: ignoreBody,
  }),
  setLayout: defineOperation({
    method: 'PUT',
    path: `${ONE}/layout`,
    params: ['archiveId'],
    arity: 2,
    build: ([, layout]: [string, ArchiveLayout]) => ({ json: toLayout('layout', layout) }),
    decode: ignoreBody,
  }),
  addStream: defineOperation({
    method: 'PATCH',
    path: `${ONE}/streams`,
    params: ['archiveId'],
    arity: 3,
    build: ([, streamId, options]: [string, string, AddStreamOptions?]) => ({ json: toAddStream(streamId, options) }),
    decode: ignoreBody,
  }),
  removeStream: defineOperation({
    method: 'PATCH',
    path: `${ONE}/streams`,
    params: ['archiveId'],
    arity: 2,
    build: ([, streamId]: [string, string]) => ({ json: { removeStream: requireId('streamId', streamId) } }),
    decode: ignoreBody,
  }),
};

/** Builds the archive methods on top of the request core. */
export function createArchives(send: Send, context: OperationContext): Archives {
  const methods = bindTable(send, context, archiveOperations);
  return { ...methods, all: paginate<Archive, { sessionId?: string | undefined }>(methods.list, ['sessionId']) };
}
