/**
 * The 2.x methods of the stream calls of a running session: get, list, class lists: their arguments, requests, messages and results.
 * @module
 */
import type { StreamClassList } from '@opentok/rest';
import { InvalidArgumentError } from '@opentok/token';
import type { OpenTokV2 } from './v2.js';
import { call, fieldsOf, type Host, itemsOf } from './v2-core.js';
import { COMMON } from './v2-messages.js';
import { Stream, type V2Callback } from './v2-results.js';

const STREAMS = '/v2/project/{apiKey}/session/{sessionId}/stream';

/** Throws 2.x's `Invalid arguments -- …` for `argument`. */
function invalid(argument: string, message: string): never {
  throw new InvalidArgumentError(argument, `Invalid arguments -- ${message}`);
}

/** 2.x's checks of a class list array, in its order and words. */
function checkClassLists(sessionId: unknown, classListArray: unknown): void {
  if (typeof sessionId !== 'string') invalid('sessionId', 'must provide an sessionId string.');
  if (!Array.isArray(classListArray)) invalid('classListArray', 'must provide a streamClassArray array.');
  for (const entry of classListArray as unknown[]) {
    const { id, layoutClassList } = fieldsOf(entry);
    if (typeof id !== 'string')
      invalid('classListArray', 'each element in the streamClassArray must have an id string.');
    if (!Array.isArray(layoutClassList)) {
      invalid('classListArray', 'each element in the streamClassArray must have a layoutClassList array.');
    }
    if (layoutClassList.some((name) => typeof name !== 'string')) {
      invalid('classListArray', 'each element in the layoutClassList array must be a string (defining class names).');
    }
  }
}

/** The 2.x methods of the stream calls of a running session: get, list, class lists. */
export interface StreamMethods {
  /** Reads one stream of a session; `callback(error, stream)`. */
  getStream(sessionId: string, streamId: string): Promise<Stream>;
  /** With a callback, as 2.x: `callback(error, …)` once settled; returns nothing. */
  getStream(this: Host, sessionId: string, streamId: string, callback: V2Callback<Stream>): undefined;

  /** Lists the streams of a session; `callback(error, streams)`. */
  listStreams(sessionId: string): Promise<Stream[]>;
  /** With a callback, as 2.x: `callback(error, …)` once settled; returns nothing. */
  listStreams(this: Host, sessionId: string, callback: V2Callback<Stream[]>): undefined;

  /** Sets the layout classes of streams; `callback(error)`. */
  setStreamClassLists(sessionId: string, classListArray: readonly StreamClassList[]): Promise<void>;
  /** With a callback, as 2.x: `callback(error, …)` once settled; returns nothing. */
  setStreamClassLists(
    this: Host,
    sessionId: string,
    classListArray: readonly StreamClassList[],
    callback: V2Callback<void>,
  ): undefined;
}

/** The implementations of {@link StreamMethods}, installed on the 2.x class's prototype. */
export const streamMethods = {
  getStream(
    this: OpenTokV2,
    sessionId: string,
    streamId: string,
    callback?: V2Callback<Stream>,
  ): Promise<Stream> | undefined {
    return call(this, callback as unknown, COMMON, async (request) => {
      if (!sessionId || typeof sessionId !== 'string') invalid('sessionId', 'must provide a sessionId string.');
      if (!streamId || typeof streamId !== 'string') invalid('streamId', 'must provide a streamId string.');
      const answer = await request({ method: 'GET', path: `${STREAMS}/{streamId}`, params: { sessionId, streamId } });
      return new Stream(fieldsOf(answer) as never);
    });
  },

  listStreams(this: OpenTokV2, sessionId: string, callback?: V2Callback<Stream[]>): Promise<Stream[]> | undefined {
    return call(this, callback as unknown, COMMON, async (request) => {
      if (!sessionId || typeof sessionId !== 'string') invalid('sessionId', 'must provide a sessionId string.');
      // 2.x: `[]` when the answer has no `items`.
      const answer = await request({ method: 'GET', path: STREAMS, params: { sessionId } });
      return itemsOf(answer).map((item) => new Stream(item as never));
    });
  },

  setStreamClassLists(
    this: OpenTokV2,
    sessionId: string,
    classListArray: readonly StreamClassList[],
    callback?: V2Callback<void>,
  ): Promise<void> | undefined {
    return call(this, callback as unknown, COMMON, async (request) => {
      checkClassLists(sessionId, classListArray);
      await request({ method: 'PUT', path: STREAMS, params: { sessionId }, json: { items: classListArray } });
    });
  },
};
