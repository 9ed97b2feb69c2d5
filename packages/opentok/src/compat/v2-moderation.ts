/**
 * The 2.x methods of the moderation calls of a running session: signals, forced disconnection and muting: their arguments, requests, messages and results.
 * @module
 */
import type { MuteAllOptions } from '@opentok/rest';
import { InvalidArgumentError } from '@opentok/token';
import type { OpenTokV2 } from './v2.js';
import { call, need, shift } from './v2-core.js';
import type { V2Callback } from './v2-results.js';

/** The 2.x methods of the moderation calls of a running session: signals, forced disconnection and muting. */
export interface ModerationMethods {
  /** Sends a signal to a session, or to one connection when `connectionId` is given; `callback(error)`. */
  signal(
    sessionId: string,
    connectionId: string | null | undefined,
    payload: { type?: string; data: string },
    callback: V2Callback<void>,
  ): undefined;
  signal(
    sessionId: string,
    connectionId: string | null | undefined,
    payload: { type?: string; data: string },
  ): Promise<void>;

  /** Disconnects a client from a session; `callback(error)`. */
  forceDisconnect(sessionId: string, connectionId: string, callback: V2Callback<void>): undefined;
  forceDisconnect(sessionId: string, connectionId: string): Promise<void>;

  /** Mutes one stream's audio; `callback(error)`. */
  forceMuteStream(sessionId: string, streamId: string, callback: V2Callback<void>): undefined;
  forceMuteStream(sessionId: string, streamId: string): Promise<void>;

  /** Mutes every stream but `excludedStreamIds`, and streams published later; `callback(error)`. */
  forceMuteAll(sessionId: string, options?: MuteAllOptions & { excudedStreamIds?: readonly string[] }): Promise<void>;
  forceMuteAll(sessionId: string, callback: V2Callback<void>): undefined;
  forceMuteAll(
    sessionId: string,
    options: (MuteAllOptions & { excudedStreamIds?: readonly string[] }) | undefined,
    callback: V2Callback<void>,
  ): undefined;

  /** Lets streams publish unmuted again after `forceMuteAll`; `callback(error)`. */
  disableForceMute(sessionId: string, callback: V2Callback<void>): undefined;
  disableForceMute(sessionId: string): Promise<void>;
}

/** The implementations of {@link ModerationMethods}, installed on the 2.x class's prototype. */
export const moderationMethods = {
  signal(
    this: OpenTokV2,
    sessionId: string,
    connectionId: string | null | undefined,
    payload: { type?: string; data: string },
    callback?: V2Callback<void>,
  ): Promise<void> | undefined {
    return call(this, callback as unknown, { byStatus: { 404: 'Session or Connection not found' } }, async (client) => {
      if (sessionId == null || payload == null) {
        throw new InvalidArgumentError('sessionId', 'No sessionId or payload given to signal');
      }
      await client.sessions.signal(sessionId, payload, connectionId ? { connectionId } : {});
    });
  },

  forceDisconnect(
    this: OpenTokV2,
    sessionId: string,
    connectionId: string,
    callback?: V2Callback<void>,
  ): Promise<void> | undefined {
    return call(this, callback as unknown, { byStatus: { 404: 'Session or Connection not found' } }, async (client) => {
      if (sessionId == null || connectionId == null) {
        throw new InvalidArgumentError('connectionId', 'No sessionId or connectionId given to forceDisconnect');
      }
      await client.connections.disconnect(sessionId, connectionId);
    });
  },

  forceMuteStream(
    this: OpenTokV2,
    sessionId: string,
    streamId: string,
    callback?: V2Callback<void>,
  ): Promise<void> | undefined {
    return call(this, callback as unknown, {}, async (client) => {
      need(sessionId, 'sessionId', 'Invalid arguments -- must provide a sessionId string.');
      await client.streams.mute(sessionId, streamId);
    });
  },

  forceMuteAll(
    this: OpenTokV2,
    sessionId: string,
    options?: (MuteAllOptions & { excudedStreamIds?: readonly string[] }) | V2Callback<void>,
    callback?: V2Callback<void>,
  ): Promise<void> | undefined {
    const [given, done] = shift<MuteAllOptions & { excudedStreamIds?: readonly string[] }, V2Callback<void>>(
      options,
      callback,
    );
    return call(this, done as unknown, {}, async (client) => {
      need(sessionId, 'sessionId', 'Invalid arguments -- must provide a sessionId string.');
      const excludedStreamIds = given?.excludedStreamIds ?? given?.excudedStreamIds;
      await client.sessions.muteAll(sessionId, excludedStreamIds ? { excludedStreamIds } : {});
    });
  },

  disableForceMute(this: OpenTokV2, sessionId: string, callback?: V2Callback<void>): Promise<void> | undefined {
    return call(this, callback as unknown, {}, async (client) => {
      need(sessionId, 'sessionId', 'Invalid arguments -- must provide a sessionId string.');
      await client.sessions.disableForceMute(sessionId);
    });
  },
};
