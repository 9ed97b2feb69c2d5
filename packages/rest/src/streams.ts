/**
 * The streams of a running session (`/v2/project/{apiKey}/session/{sessionId}/stream`): list
 * and read them, set their layout class lists (which the composed archive and broadcast
 * layouts use), and mute one. The service answers the mute call with project details that
 * may hold the project secret: that body is never read, and the call returns nothing.
 * @module
 */
import { readJson } from './body.js';
import { NotFoundError } from './errors.js';
import {
  bindTable,
  type CallOptions,
  defineOperation,
  ignoreBody,
  isRecord,
  LIST_MAX_BYTES,
  type OperationContext,
  type Page,
  readPage,
} from './operation.js';
import type { Answer, Send } from './request.js';
import { fail, requireId, show } from './validate.js';

/** What a stream carries. */
export type VideoType = 'camera' | 'screen' | 'custom';

/** A stream of a session. */
export interface Stream {
  id: string;
  /** `camera`, `screen` or `custom`; absent for an audio-only stream. */
  videoType?: VideoType | string;
  /** The publisher's name for the stream; `''` when none was set. */
  name: string;
  /** The layout classes of the stream. */
  layoutClassList: string[];
}

/** The streams of a session. */
export type StreamList = Page<Stream>;

/** One stream's new layout class list; an empty list clears its classes. */
export interface StreamClassList {
  /** The stream ID. */
  id: string;
  layoutClassList: readonly string[];
}

/** The stream methods of a client. */
export interface Streams {
  /**
   * Lists the streams of a session (none: `{ count: 0, items: [] }`, also when the service
   * answers 404 for a session without streams, as it does).
   * @example
   * const { items } = await client.streams.list(sessionId)
   */
  list(sessionId: string, callOptions?: CallOptions): Promise<StreamList>;
  /**
   * Reads one stream.
   * @throws {NotFoundError} for an unknown session or stream.
   * @example
   * const { name, videoType, layoutClassList } = await client.streams.get(sessionId, streamId)
   */
  get(sessionId: string, streamId: string, callOptions?: CallOptions): Promise<Stream>;
  /**
   * Sets the layout class lists of streams, in one call.
   * @throws {InvalidArgumentError} for an empty list, an item without `id` or a class list that is not strings.
   * @example
   * await client.streams.setClassLists(sessionId, [{ id: streamId, layoutClassList: ['full'] }])
   */
  setClassLists(sessionId: string, items: readonly StreamClassList[], callOptions?: CallOptions): Promise<void>;
  /**
   * Mutes the audio of one stream (its publisher may unmute). Returns nothing.
   * @throws {NotFoundError} for an unknown session or stream.
   * @example
   * await client.streams.mute(sessionId, streamId)
   */
  mute(sessionId: string, streamId: string, callOptions?: CallOptions): Promise<void>;
}

/** A stream from the service, with the documented defaults. */
function toStream(answer: Answer, value: unknown): Stream {
  if (!isRecord(value) || typeof value.id !== 'string' || value.id === '') {
    throw answer.parseError('expected a stream with an id');
  }
  const classes = Array.isArray(value.layoutClassList)
    ? value.layoutClassList.filter((name) => typeof name === 'string')
    : [];
  const stream: Stream = {
    ...value,
    id: value.id,
    name: typeof value.name === 'string' ? value.name : '',
    layoutClassList: classes as string[],
  };
  if (typeof value.videoType === 'string') stream.videoType = value.videoType;
  else delete stream.videoType;
  return stream;
}

/** Validates the class lists and returns the PUT body. */
function toClassLists(input: unknown): { items: StreamClassList[] } {
  if (!Array.isArray(input) || input.length === 0) {
    fail('items', `items must be a non-empty array of { id, layoutClassList }, not ${show(input)}`);
  }
  const items = input.map((item: unknown, index) => {
    const where = `items[${index}]`;
    if (!isRecord(item)) fail(where, `${where} must be an object { id, layoutClassList }, not ${show(item)}`);
    for (const key of Object.keys(item)) {
      if (key !== 'id' && key !== 'layoutClassList' && item[key] !== undefined) {
        fail(`${where}.${key.slice(0, 64)}`, `${where} takes only id and layoutClassList`);
      }
    }
    const { layoutClassList } = item;
    if (!Array.isArray(layoutClassList) || !layoutClassList.every((name) => typeof name === 'string')) {
      fail(
        `${where}.layoutClassList`,
        `${where}.layoutClassList must be an array of strings, not ${show(layoutClassList)}`,
      );
    }
    return { id: requireId(`${where}.id`, item.id), layoutClassList: [...layoutClassList] as string[] };
  });
  return { items };
}

const SESSION = '/v2/project/{apiKey}/session/{sessionId}';

/** The stream API, one definition per REST call. */
export const streamOperations = {
  list: defineOperation({
    method: 'GET',
    path: `${SESSION}/stream`,
    params: ['sessionId'],
    arity: 1,
    decode: (answer): StreamList => readPage(answer, readJson(answer), (item) => toStream(answer, item)),
    maxBytes: LIST_MAX_BYTES,
  }),
  get: defineOperation({
    method: 'GET',
    path: `${SESSION}/stream/{streamId}`,
    params: ['sessionId', 'streamId'],
    arity: 2,
    decode: (answer): Stream => toStream(answer, readJson(answer)),
  }),
  setClassLists: defineOperation({
    method: 'PUT',
    path: `${SESSION}/stream`,
    params: ['sessionId'],
    arity: 2,
    build: ([, items]: [string, readonly StreamClassList[]]) => ({ json: toClassLists(items) }),
    decode: ignoreBody,
  }),
  mute: defineOperation({
    method: 'POST',
    path: `${SESSION}/stream/{streamId}/mute`,
    params: ['sessionId', 'streamId'],
    arity: 2,
    build: (_: [string, string]) => ({ json: {} }),
    // The answer may hold the project's details, secret included: never read it.
    decode: ignoreBody,
  }),
};

/** Builds the stream methods on top of the request core. */
export function createStreams(send: Send, context: OperationContext): Streams {
  const methods = bindTable(send, context, streamOperations);
  return {
    ...methods,
    list: (sessionId, callOptions) =>
      methods.list(sessionId, callOptions).catch((error: unknown) => {
        // The service answers 404 for a session that has no streams yet.
        if (error instanceof NotFoundError) return { count: 0, items: [] };
        throw error;
      }),
  };
}
