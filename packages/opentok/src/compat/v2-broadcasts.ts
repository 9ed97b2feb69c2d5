/**
 * The 2.x methods of the broadcast calls (live streaming to HLS and RTMP): their arguments, requests, messages and results.
 * @module
 */
import type { AddStreamOptions, ListBroadcastsOptions, StartBroadcastOptions } from '@opentok/rest';
import { InvalidArgumentError } from '@opentok/token';
import type { OpenTokV2 } from './v2.js';
import {
  call,
  defined,
  type LayoutArguments,
  type ListCallback,
  list,
  need,
  pageOptions,
  shift,
  splitLayout,
} from './v2-core.js';
import { Broadcast, type V2Callback } from './v2-results.js';

/** The 2.x methods of the broadcast calls (live streaming to HLS and RTMP). */
export interface BroadcastMethods {
  /** Starts a live-streaming broadcast (HLS and RTMP); `callback(error, broadcast)`. */
  startBroadcast(sessionId: string, options: StartBroadcastOptions, callback: V2Callback<Broadcast>): undefined;
  startBroadcast(sessionId: string, options: StartBroadcastOptions): Promise<Broadcast>;

  /** Stops a broadcast; `callback(error, broadcast)`. */
  stopBroadcast(broadcastId: string, callback: V2Callback<Broadcast>): undefined;
  stopBroadcast(broadcastId: string): Promise<Broadcast>;

  /** Reads a broadcast; `callback(error, broadcast)`. */
  getBroadcast(broadcastId: string, callback: V2Callback<Broadcast>): undefined;
  getBroadcast(broadcastId: string): Promise<Broadcast>;

  /** Lists broadcasts (`offset`, `count`, `sessionId`); `callback(error, broadcasts, totalCount)`. */
  listBroadcasts(options?: ListBroadcastsOptions): Promise<Broadcast[]>;
  listBroadcasts(callback: ListCallback<Broadcast>): undefined;
  listBroadcasts(options: ListBroadcastsOptions | undefined, callback: ListCallback<Broadcast>): undefined;

  /** Sets the layout of a broadcast; `callback(error)`. */
  setBroadcastLayout(
    broadcastId: string,
    ...layout: [...LayoutArguments, V2Callback<void>?]
  ): Promise<void> | undefined;

  /** Adds a stream to a broadcast in manual stream mode; `callback(error)`. */
  addBroadcastStream(broadcastId: string, streamId: string, options?: AddStreamOptions): Promise<void>;
  addBroadcastStream(broadcastId: string, streamId: string, callback: V2Callback<void>): undefined;
  addBroadcastStream(
    broadcastId: string,
    streamId: string,
    options: AddStreamOptions | undefined,
    callback: V2Callback<void>,
  ): undefined;

  /** Removes a stream from a broadcast in manual stream mode; `callback(error)`. */
  removeBroadcastStream(broadcastId: string, streamId: string, callback: V2Callback<void>): undefined;
  removeBroadcastStream(broadcastId: string, streamId: string): Promise<void>;
}

/** The implementations of {@link BroadcastMethods}, installed on the 2.x class's prototype. */
export const broadcastMethods = {
  startBroadcast(
    this: OpenTokV2,
    sessionId: string,
    options: StartBroadcastOptions,
    callback?: V2Callback<Broadcast>,
  ): Promise<Broadcast> | undefined {
    return call(this, callback as unknown, { prefix: 'Failed to start broadcast.' }, async (client) => {
      need(sessionId, 'sessionId', 'No sessionId given to startBroadcast');
      if (typeof options !== 'object' || options === null) {
        throw new InvalidArgumentError('options', 'No options given to startBroadcast');
      }
      // 2.x sends `streamMode: 'auto'` when none is given.
      const withMode = { ...options, streamMode: options.streamMode || 'auto' };
      return new Broadcast(this, await client.broadcasts.start(sessionId, withMode));
    });
  },

  stopBroadcast(
    this: OpenTokV2,
    broadcastId: string,
    callback?: V2Callback<Broadcast>,
  ): Promise<Broadcast> | undefined {
    return call(this, callback as unknown, { prefix: 'Failed to stop broadcast.' }, async (client) => {
      need(broadcastId, 'broadcastId', 'No broadcast ID given');
      return new Broadcast(this, await client.broadcasts.stop(broadcastId));
    });
  },

  getBroadcast(this: OpenTokV2, broadcastId: string, callback?: V2Callback<Broadcast>): Promise<Broadcast> | undefined {
    return call(this, callback as unknown, { prefix: 'Failed to get broadcast.' }, async (client) => {
      need(broadcastId, 'broadcastId', 'No broadcast ID given');
      return new Broadcast(this, await client.broadcasts.get(broadcastId));
    });
  },

  listBroadcasts(
    this: OpenTokV2,
    options?: ListBroadcastsOptions | ListCallback<Broadcast>,
    callback?: ListCallback<Broadcast>,
  ): Promise<Broadcast[]> | undefined {
    const [given, done] = shift<ListBroadcastsOptions, ListCallback<Broadcast>>(options, callback);
    return list(this, done as unknown, {}, async (client) => {
      const page = await client.broadcasts.list(pageOptions(given));
      return { count: page.count, items: page.items.map((item) => new Broadcast(this, item)) };
    });
  },

  setBroadcastLayout(
    this: OpenTokV2,
    broadcastId: string,
    ...layout: [...LayoutArguments, V2Callback<void>?]
  ): Promise<void> | undefined {
    const [type, stylesheet, screenshareType, done] = splitLayout(layout);
    return call(this, done as unknown, {}, async (client) => {
      need(broadcastId, 'broadcastId', 'Invalid arguments -- must provide an broadcastId string.');
      await client.broadcasts.setLayout(broadcastId, defined({ type, stylesheet, screenshareType }) as never);
    });
  },

  addBroadcastStream(
    this: OpenTokV2,
    broadcastId: string,
    streamId: string,
    options?: AddStreamOptions | V2Callback<void>,
    callback?: V2Callback<void>,
  ): Promise<void> | undefined {
    const [given, done] = shift<AddStreamOptions, V2Callback<void>>(options, callback);
    return call(this, done as unknown, {}, async (client) => {
      need(broadcastId, 'broadcastId', 'No broadcastId given to addBroadcastStream');
      need(streamId, 'streamId', 'No streamId given to addBroadcastStream');
      // 2.x sends `hasAudio: options.hasAudio || true`: both are always true.
      void given;
      await client.broadcasts.addStream(broadcastId, streamId, { hasAudio: true, hasVideo: true });
    });
  },

  removeBroadcastStream(
    this: OpenTokV2,
    broadcastId: string,
    streamId: string,
    callback?: V2Callback<void>,
  ): Promise<void> | undefined {
    return call(this, callback as unknown, {}, async (client) => {
      need(broadcastId, 'broadcastId', 'No archiveId provided');
      need(streamId, 'streamId', 'No streamId provided');
      await client.broadcasts.removeStream(broadcastId, streamId);
    });
  },
};
