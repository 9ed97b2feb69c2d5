/**
 * The 2.x methods of the broadcast calls (live streaming to HLS and RTMP): their arguments,
 * requests and results, as the official 2.23's `lib/opentok.js` and `lib/client.js`.
 * @module
 */
import type { AddStreamOptions, ListBroadcastsOptions, StartBroadcastOptions } from '@opentok/rest';
import { InvalidArgumentError } from '@opentok/token';
import type { OpenTokV2 } from './v2.js';
import {
  call,
  checkLayout,
  fieldsOf,
  type Host,
  itemsOf,
  type ListCallback,
  list,
  need,
  pageQuery,
  shift,
  splitLayout,
} from './v2-core.js';
import { COMMON, type Wording } from './v2-messages.js';
import { Broadcast, type V2Callback } from './v2-results.js';

const BROADCASTS = '/v2/project/{apiKey}/broadcast';
const BROADCAST = `${BROADCASTS}/{broadcastId}`;

/** What 2.x says when a broadcast call fails, by method (`lib/opentok.js`, `lib/client.js`). */
const BROADCAST_WORDS = {
  startBroadcast: {
    prefix: 'Failed to start broadcast.',
    byStatus: { 400: 'Bad session ID, token, SIP credentials, or SIP URI (sip:user@domain.tld)' },
  },
  stopBroadcast: { prefix: 'Failed to stop broadcast.' },
  getBroadcast: { prefix: 'Failed to get broadcast.' },
} satisfies Record<string, Wording>;

/**
 * The 2.x methods of the broadcast calls (live streaming to HLS and RTMP): promise form first,
 * full callback form last, with `this` (see `Host` in v2-core.ts).
 */
export interface BroadcastMethods {
  /** Starts a live-streaming broadcast (HLS and RTMP); `callback(error, broadcast)`. */
  startBroadcast(sessionId: string, options: StartBroadcastOptions): Promise<Broadcast>;
  /** With a callback, as 2.x: `callback(error, …)` once settled; returns nothing. */
  startBroadcast(
    this: Host,
    sessionId: string,
    options: StartBroadcastOptions,
    callback: V2Callback<Broadcast>,
  ): undefined;

  /** Stops a broadcast; `callback(error, broadcast)`. */
  stopBroadcast(broadcastId: string): Promise<Broadcast>;
  /** With a callback, as 2.x: `callback(error, …)` once settled; returns nothing. */
  stopBroadcast(this: Host, broadcastId: string, callback: V2Callback<Broadcast>): undefined;

  /** Reads a broadcast; `callback(error, broadcast)`. */
  getBroadcast(broadcastId: string): Promise<Broadcast>;
  /** With a callback, as 2.x: `callback(error, …)` once settled; returns nothing. */
  getBroadcast(this: Host, broadcastId: string, callback: V2Callback<Broadcast>): undefined;

  /** Lists broadcasts (`offset`, `count`, `sessionId`); `callback(error, broadcasts, totalCount)`. */
  listBroadcasts(options?: ListBroadcastsOptions): Promise<Broadcast[]>;
  /** With a callback and the options left out, as 2.x allows; returns nothing. */
  listBroadcasts(callback: ListCallback<Broadcast>): undefined;
  /** With a callback, as 2.x: `callback(error, …)` once settled; returns nothing. */
  listBroadcasts(this: Host, options: ListBroadcastsOptions | undefined, callback: ListCallback<Broadcast>): undefined;

  /**
   * Sets the layout of a broadcast; `callback(error)`. `stylesheet` (for `custom`) and
   * `screenshareType` (for `bestFit`) may be `null` or left out, as in 2.x.
   */
  setBroadcastLayout(
    broadcastId: string,
    type: string,
    stylesheet?: string | null,
    screenshareType?: string | null,
  ): Promise<void>;
  /** With a callback and the stylesheet left out, as 2.x allows; returns nothing. */
  setBroadcastLayout(broadcastId: string, type: string, callback: V2Callback<void>): undefined;
  /** With a callback and a screen-share layout type (`type` must be `bestFit`); returns nothing. */
  setBroadcastLayout(
    broadcastId: string,
    type: string,
    stylesheet: string | null | undefined,
    screenshareType: string | null | undefined,
    callback: V2Callback<void>,
  ): undefined;
  /** With a callback, as 2.x: `callback(error, …)` once settled; returns nothing. */
  setBroadcastLayout(
    this: Host,
    broadcastId: string,
    type: string,
    stylesheet: string | null | undefined,
    callback: V2Callback<void>,
  ): undefined;

  /** Adds a stream to a broadcast in manual stream mode; `callback(error)`. */
  addBroadcastStream(broadcastId: string, streamId: string, options?: AddStreamOptions): Promise<void>;
  /** With a callback and the options left out, as 2.x allows; returns nothing. */
  addBroadcastStream(broadcastId: string, streamId: string, callback: V2Callback<void>): undefined;
  /** With a callback, as 2.x: `callback(error, …)` once settled; returns nothing. */
  addBroadcastStream(
    this: Host,
    broadcastId: string,
    streamId: string,
    options: AddStreamOptions | undefined,
    callback: V2Callback<void>,
  ): undefined;

  /**
   * Removes a stream from a broadcast in manual stream mode; `callback(error)`. The options
   * argument (`@types/opentok` declares it) may be left out; it changes nothing.
   */
  removeBroadcastStream(broadcastId: string, streamId: string, options?: AddStreamOptions): Promise<void>;
  /** With a callback and the options left out, as 2.x allows; returns nothing. */
  removeBroadcastStream(broadcastId: string, streamId: string, callback: V2Callback<void>): undefined;
  /** With a callback, as 2.x: `callback(error, …)` once settled; returns nothing. */
  removeBroadcastStream(
    this: Host,
    broadcastId: string,
    streamId: string,
    options: AddStreamOptions | undefined,
    callback: V2Callback<void>,
  ): undefined;
}

/** The implementations of {@link BroadcastMethods}, installed on the 2.x class's prototype. */
export const broadcastMethods = {
  startBroadcast(
    this: OpenTokV2,
    sessionId: string,
    options: StartBroadcastOptions,
    callback?: V2Callback<Broadcast>,
  ): Promise<Broadcast> | undefined {
    return call(this, callback as unknown, BROADCAST_WORDS.startBroadcast, async (request) => {
      need(sessionId, 'sessionId', 'No sessionId given to startBroadcast');
      if (typeof options !== 'object' || options === null) {
        throw new InvalidArgumentError('options', 'No options given to startBroadcast');
      }
      // 2.x sends the caller's options with `sessionId` set and `streamMode: 'auto'` when none is given.
      const json: Record<string, unknown> = { ...options, sessionId };
      if (!json.streamMode) json.streamMode = 'auto';
      const hls = fieldsOf(fieldsOf(json.outputs).hls);
      if (hls.dvr && hls.lowLatency) {
        throw new InvalidArgumentError('options', 'Cannot set both dvr and lowLatency on HLS');
      }
      return new Broadcast(this, fieldsOf(await request({ method: 'POST', path: BROADCASTS, json })) as never);
    });
  },

  stopBroadcast(
    this: OpenTokV2,
    broadcastId: string,
    callback?: V2Callback<Broadcast>,
  ): Promise<Broadcast> | undefined {
    return call(this, callback as unknown, BROADCAST_WORDS.stopBroadcast, async (request) => {
      need(broadcastId, 'broadcastId', 'No broadcast ID given');
      const answer = await request({ method: 'POST', path: `${BROADCAST}/stop`, params: { broadcastId }, json: {} });
      return new Broadcast(this, fieldsOf(answer) as never);
    });
  },

  getBroadcast(this: OpenTokV2, broadcastId: string, callback?: V2Callback<Broadcast>): Promise<Broadcast> | undefined {
    return call(this, callback as unknown, BROADCAST_WORDS.getBroadcast, async (request) => {
      need(broadcastId, 'broadcastId', 'No broadcast ID given');
      const answer = await request({ method: 'GET', path: BROADCAST, params: { broadcastId } });
      return new Broadcast(this, fieldsOf(answer) as never);
    });
  },

  listBroadcasts(
    this: OpenTokV2,
    options?: ListBroadcastsOptions | ListCallback<Broadcast>,
    callback?: ListCallback<Broadcast>,
  ): Promise<Broadcast[]> | undefined {
    const [given, done] = shift<ListBroadcastsOptions, ListCallback<Broadcast>>(options, callback);
    return list(this, done as unknown, COMMON, async (request) => {
      // 2.x sends `offset` and `count` as whole numbers here.
      const query = pageQuery(given);
      for (const name of ['offset', 'count'] as const) {
        if (query[name] !== undefined) query[name] = String(Number.parseInt(query[name], 10));
      }
      const answer = await request({ method: 'GET', path: BROADCASTS, query });
      const count = fieldsOf(answer).count as number;
      return { count, items: itemsOf(answer).map((item) => new Broadcast(this, item as never)) };
    });
  },

  setBroadcastLayout(this: OpenTokV2, broadcastId: string, ...layout: unknown[]): Promise<void> | undefined {
    const [type, stylesheet, screenshareType, done] = splitLayout(layout);
    return call(this, done as unknown, COMMON, async (request) => {
      checkLayout(broadcastId, 'Invalid arguments -- must provide an broadcastId string.', [
        type,
        stylesheet,
        screenshareType,
      ]);
      const json = { type, stylesheet, screenshareType };
      await request({ method: 'PUT', path: `${BROADCAST}/layout`, params: { broadcastId }, json });
    });
  },

  addBroadcastStream(
    this: OpenTokV2,
    broadcastId: string,
    streamId: string,
    options?: AddStreamOptions | V2Callback<void>,
    callback?: V2Callback<void>,
  ): Promise<void> | undefined {
    const [, done] = shift<AddStreamOptions, V2Callback<void>>(options, callback);
    return call(this, done as unknown, COMMON, async (request) => {
      need(broadcastId, 'broadcastId', 'No broadcastId given to addBroadcastStream');
      need(streamId, 'streamId', 'No streamId given to addBroadcastStream');
      // 2.x sends `hasAudio: options.hasAudio || true`: both are always true.
      const json = { addStream: streamId, hasAudio: true, hasVideo: true };
      await request({ method: 'PATCH', path: `${BROADCAST}/streams`, params: { broadcastId }, json });
    });
  },

  removeBroadcastStream(
    this: OpenTokV2,
    broadcastId: string,
    streamId: string,
    options?: AddStreamOptions | V2Callback<void>,
    callback?: V2Callback<void>,
  ): Promise<void> | undefined {
    // 2.23 takes (broadcastId, streamId, callback); @types/opentok declares an options argument
    // before the callback: both are accepted, and the options change nothing.
    const [, done] = shift<AddStreamOptions, V2Callback<void>>(options, callback);
    return call(this, done as unknown, COMMON, async (request) => {
      need(broadcastId, 'broadcastId', 'No archiveId provided');
      need(streamId, 'streamId', 'No streamId provided');
      const json = { removeStream: streamId };
      await request({ method: 'PATCH', path: `${BROADCAST}/streams`, params: { broadcastId }, json });
    });
  },
};
