/**
 * Acting on a whole running session: signal every client (or one connection), mute every
 * stream but some (streams published later arrive muted too), and end that force-mute
 * state. The mute calls' answers may hold the project's details, secret included: they are
 * never read, and the calls return nothing.
 * @module
 */
import type { Connections } from './connections.js';
import {
  bindTable,
  type CallOptions,
  defineOperation,
  ignoreBody,
  type OperationContext,
  toCallOptions,
} from './operation.js';
import type { Send } from './request.js';
import { type SignalPayload, toSignalBody } from './signals.js';
import { fail, requireId, requireOptions, show } from './validate.js';

export type { SignalPayload } from './signals.js';

/** Options of `client.sessions.signal`. */
export interface SignalOptions {
  /** Send to this connection only. @default every connection of the session */
  connectionId?: string | undefined;
}

/** Options of `client.sessions.muteAll`. */
export interface MuteAllOptions {
  /** Streams to leave unmuted (a presenter's, say). */
  excludedStreamIds?: readonly string[] | undefined;
}

/** The session-wide calls on a running session (part of `client.sessions`). */
export interface SessionControl {
  /**
   * Sends a signal to every client of the session, or to one connection.
   * @throws {InvalidArgumentError} for a `type` over 128 bytes or `data` over 8 kB (UTF-8).
   * @throws {NotFoundError} for an unknown session or connection.
   * @example
   * await client.sessions.signal(sessionId, { type: 'chat', data: 'Welcome!' })
   * await client.sessions.signal(sessionId, { data: 'just you' }, { connectionId })
   */
  signal(sessionId: string, payload: SignalPayload, options?: SignalOptions, callOptions?: CallOptions): Promise<void>;
  /**
   * Mutes every stream of the session but the excluded ones; until `disableForceMute`,
   * streams published later arrive muted too. Returns nothing.
   * @throws {NotFoundError} for an unknown session.
   * @example
   * await client.sessions.muteAll(sessionId, { excludedStreamIds: [presenterStreamId] })
   */
  muteAll(sessionId: string, options?: MuteAllOptions, callOptions?: CallOptions): Promise<void>;
  /**
   * Ends the force-mute state of `muteAll`: streams published from now on are not muted (muted
   * ones stay muted until their publishers unmute). Returns nothing.
   * @example
   * await client.sessions.disableForceMute(sessionId)
   */
  disableForceMute(sessionId: string, callOptions?: CallOptions): Promise<void>;
}

function toMuteAllBody(input: MuteAllOptions | undefined): { active: true; excludedStreamIds: string[] } {
  const options = requireOptions('options', input, ['excludedStreamIds']);
  const { excludedStreamIds = [] } = options;
  if (!Array.isArray(excludedStreamIds)) {
    fail('excludedStreamIds', `excludedStreamIds must be an array of stream IDs, not ${show(excludedStreamIds)}`);
  }
  return {
    active: true,
    excludedStreamIds: excludedStreamIds.map((id, index) => requireId(`excludedStreamIds[${index}]`, id)),
  };
}

const SESSION = '/v2/project/{apiKey}/session/{sessionId}';

/** The session-wide calls, one definition per REST call (signal to one connection is `connections.signal`). */
export const sessionControlOperations = {
  signal: defineOperation({
    method: 'POST',
    path: `${SESSION}/signal`,
    params: ['sessionId'],
    arity: 3,
    build: ([, payload]: [string, SignalPayload, SignalOptions?]) => ({ json: toSignalBody(payload) }),
    decode: ignoreBody,
  }),
  muteAll: defineOperation({
    method: 'POST',
    path: `${SESSION}/mute`,
    params: ['sessionId'],
    arity: 2,
    build: ([, options]: [string, MuteAllOptions?]) => ({ json: toMuteAllBody(options) }),
    // The answer may hold the project's details, secret included: never read it.
    decode: ignoreBody,
  }),
  disableForceMute: defineOperation({
    method: 'POST',
    path: `${SESSION}/mute`,
    params: ['sessionId'],
    arity: 1,
    build: (_: [string]) => ({ json: { active: false } }),
    decode: ignoreBody,
  }),
};

/** Builds the session-wide calls; a signal with a `connectionId` goes through `connections.signal`. */
export function createSessionControl(send: Send, context: OperationContext, connections: Connections): SessionControl {
  const methods = bindTable(send, context, sessionControlOperations);
  return {
    ...methods,
    async signal(sessionId, payload, options, callOptions) {
      const { connectionId } = requireOptions('options', options, ['connectionId']);
      if (connectionId === undefined) return methods.signal(sessionId, payload, options, callOptions);
      toCallOptions(callOptions);
      return connections.signal(sessionId, connectionId, payload, callOptions);
    },
  };
}
