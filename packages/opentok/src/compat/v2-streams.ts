/**
 * The 2.x methods of the stream calls of a running session: get, list, class lists: their arguments, requests, messages and results.
 * @module
 */
import type { StreamClassList } from '@opentok/rest';
import { InvalidArgumentError } from '@opentok/token';
import type { OpenTokV2 } from './v2.js';
import { call, need } from './v2-core.js';
import { Stream, type V2Callback } from './v2-results.js';

/** The 2.x methods of the stream calls of a running session: get, list, class lists. */
export interface StreamMethods {
  /** Reads one stream of a session; `callback(error, stream)`. */
  getStream(sessionId: string, streamId: string, callback: V2Callback<Stream>): undefined;
  getStream(sessionId: string, streamId: string): Promise<Stream>;

  /** Lists the streams of a session; `callback(error, streams)`. */
  listStreams(sessionId: string, callback: V2Callback<Stream[]>): undefined;
  listStreams(sessionId: string): Promise<Stream[]>;

  /** Sets the layout classes of streams; `callback(error)`. */
  setStreamClassLists(
    sessionId: string,
    classListArray: readonly StreamClassList[],
    callback: V2Callback<void>,
  ): undefined;
  setStreamClassLists(sessionId: string, classListArray: readonly StreamClassList[]): Promise<void>;
}

/** The implementations of {@link StreamMethods}, installed on the 2.x class's prototype. */
export const streamMethods = {
  getStream(
    this: OpenTokV2,
    sessionId: string,
    streamId: string,
    callback?: V2Callback<Stream>,
  ): Promise<Stream> | undefined {
    return call(this, callback as unknown, {}, async (client) => {
      need(sessionId, 'sessionId', 'Invalid arguments -- must provide a sessionId string.');
      need(streamId, 'streamId', 'Invalid arguments -- must provide a streamId string.');
      return new Stream(await client.streams.get(sessionId, streamId));
    });
  },

  listStreams(this: OpenTokV2, sessionId: string, callback?: V2Callback<Stream[]>): Promise<Stream[]> | undefined {
    return call(this, callback as unknown, {}, async (client) => {
      need(sessionId, 'sessionId', 'Invalid arguments -- must provide a sessionId string.');
      const page = await client.streams.list(sessionId);
      return page.items.map((item) => new Stream(item));
    });
  },

  setStreamClassLists(
    this: OpenTokV2,
    sessionId: string,
    classListArray: readonly StreamClassList[],
    callback?: V2Callback<void>,
  ): Promise<void> | undefined {
    return call(this, callback as unknown, {}, async (client) => {
      need(sessionId, 'sessionId', 'Invalid arguments -- must provide an sessionId string.');
      if (!Array.isArray(classListArray)) {
        throw new InvalidArgumentError('classListArray', 'Invalid arguments -- must provide a streamClassArray array.');
      }
      await client.streams.setClassLists(sessionId, classListArray);
    });
  },
};
