/**
 * The 2.x methods of the moderation calls of a running session: signals, forced disconnection and muting: their arguments, requests, messages and results.
 * @module
 */
import type { MuteAllOptions } from '@opentok/rest';
import { InvalidArgumentError } from '@opentok/token';
import type { OpenTokV2 } from './v2.js';
import { call, type Host, shift } from './v2-core.js';
import { COMMON, type Wording } from './v2-messages.js';
import type { V2Callback } from './v2-results.js';

const SESSION = '/v2/project/{apiKey}/session/{sessionId}';
const NO_SESSION = 'Invalid arguments -- must provide a sessionId string.';

/** 2.x's check of a session ID: a non-empty string. */
function needSession(sessionId: unknown): void {
  if (!sessionId || typeof sessionId !== 'string') throw new InvalidArgumentError('sessionId', NO_SESSION);
}

/** What 2.x says when a signal or a forced disconnection fails (`lib/signaling.js`, `lib/moderation.js`). */
const MODERATION_WORDS = {
  signal: { byStatus: { 404: 'Session or Connection not found' } },
  forceDisconnect: { byStatus: { 404: 'Session or Connection not found' } },
} satisfies Record<string, Wording>;

/** The 2.x methods of the moderation calls of a running session: signals, forced disconnection and muting. */
export interface ModerationMethods {
  /** Sends a signal to a session, or to one connection when `connectionId` is given; `callback(error)`. */
  signal(
    sessionId: string,
    connectionId: string | null | undefined,
    payload: { type?: string; data: string },
  ): Promise<void>;
  /** With a callback, as 2.x: `callback(error, …)` once settled; returns nothing. */
  signal(
    this: Host,
    sessionId: string,
    connectionId: string | null | undefined,
    payload: { type?: string; data: string },
    callback: V2Callback<void>,
  ): undefined;

  /** Disconnects a client from a session; `callback(error)`. */
  forceDisconnect(sessionId: string, connectionId: string): Promise<void>;
  /** With a callback, as 2.x: `callback(error, …)` once settled; returns nothing. */
  forceDisconnect(this: Host, sessionId: string, connectionId: string, callback: V2Callback<void>): undefined;

  /** Mutes one stream's audio; `callback(error)`. */
  forceMuteStream(sessionId: string, streamId: string): Promise<void>;
  /** With a callback, as 2.x: `callback(error, …)` once settled; returns nothing. */
  forceMuteStream(this: Host, sessionId: string, streamId: string, callback: V2Callback<void>): undefined;

  /** Mutes every stream but `excludedStreamIds`, and streams published later; `callback(error)`. */
  forceMuteAll(sessionId: string, options?: MuteAllOptions & { excudedStreamIds?: readonly string[] }): Promise<void>;
  /** With a callback and the options left out, as 2.x allows; returns nothing. */
  forceMuteAll(sessionId: string, callback: V2Callback<void>): undefined;
  /** With a callback, as 2.x: `callback(error, …)` once settled; returns nothing. */
  forceMuteAll(
    this: Host,
    sessionId: string,
    options: (MuteAllOptions & { excudedStreamIds?: readonly string[] }) | undefined,
    callback: V2Callback<void>,
  ): undefined;

  /** Lets streams publish unmuted again after `forceMuteAll`; `callback(error)`. */
  disableForceMute(sessionId: string): Promise<void>;
  /** With a callback, as 2.x: `callback(error, …)` once settled; returns nothing. */
  disableForceMute(this: Host, sessionId: string, callback: V2Callback<void>): undefined;
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
    return call(this, callback as unknown, MODERATION_WORDS.signal, async (request) => {
      if (sessionId == null || payload == null) {
        throw new InvalidArgumentError('sessionId', 'No sessionId or payload given to signal');
      }
      const path = connectionId ? `${SESSION}/connection/{connectionId}/signal` : `${SESSION}/signal`;
      await request({ method: 'POST', path, params: { sessionId, connectionId }, json: payload });
    });
  },

  forceDisconnect(
    this: OpenTokV2,
    sessionId: string,
    connectionId: string,
    callback?: V2Callback<void>,
  ): Promise<void> | undefined {
    return call(this, callback as unknown, MODERATION_WORDS.forceDisconnect, async (request) => {
      if (sessionId == null || connectionId == null) {
        throw new InvalidArgumentError('connectionId', 'No sessionId or connectionId given to forceDisconnect');
      }
      await request({
        method: 'DELETE',
        path: `${SESSION}/connection/{connectionId}`,
        params: { sessionId, connectionId },
      });
    });
  },

  forceMuteStream(
    this: OpenTokV2,
    sessionId: string,
    streamId: string,
    callback?: V2Callback<void>,
  ): Promise<void> | undefined {
    return call(this, callback as unknown, COMMON, async (request) => {
      needSession(sessionId);
      if (!streamId || typeof streamId !== 'string') {
        throw new InvalidArgumentError('streamId', 'Invalid arguments -- streamId must be a string.');
      }
      await request({
        method: 'POST',
        path: `${SESSION}/stream/{streamId}/mute`,
        params: { sessionId, streamId },
        json: {},
      });
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
    return call(this, done as unknown, COMMON, async (request) => {
      needSession(sessionId);
      if (given?.excudedStreamIds && !Array.isArray(given.excudedStreamIds)) {
        throw new InvalidArgumentError('excudedStreamIds', 'Invalid arguments -- excudedStreamIds must be array.');
      }
      // 2.x sends the caller's options as they are, with `active: true`.
      await request({
        method: 'POST',
        path: `${SESSION}/mute`,
        params: { sessionId },
        json: { ...given, active: true },
      });
    });
  },

  disableForceMute(this: OpenTokV2, sessionId: string, callback?: V2Callback<void>): Promise<void> | undefined {
    return call(this, callback as unknown, COMMON, async (request) => {
      needSession(sessionId);
      await request({ method: 'POST', path: `${SESSION}/mute`, params: { sessionId }, json: { active: false } });
    });
  },
};
