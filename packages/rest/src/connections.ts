/**
 * The connections of a running session (`/v2/project/{apiKey}/session/{sessionId}/connection`):
 * list them, force one to disconnect (its streams end with it), and signal one of them.
 * @module
 */
import { readJson } from './body.js';
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
import { type SignalPayload, toSignalBody } from './signals.js';

/** The state of a connection as the service lists it. */
export type ConnectionState = 'Connecting' | 'Connected' | 'Disconnected';

/** One connection of a session. */
export interface Connection {
  connectionId: string;
  /** `Connecting`, `Connected`, or `Disconnected` for one that just left. */
  connectionState: ConnectionState | string;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

/** The connections of a session. */
export type ConnectionList = Page<Connection>;

/** The connection methods of a client. */
export interface Connections {
  /**
   * Lists the connections of a session.
   * @throws {NotFoundError} for an unknown session.
   * @example
   * const { count, items } = await client.connections.list(sessionId)
   */
  list(sessionId: string, callOptions?: CallOptions): Promise<ConnectionList>;
  /**
   * Disconnects a client (or hangs up a SIP call): its streams end, the others see it leave.
   * @throws {NotFoundError} when the connection is not in the session.
   * @example
   * await client.connections.disconnect(sessionId, connectionId)
   */
  disconnect(sessionId: string, connectionId: string, callOptions?: CallOptions): Promise<void>;
  /**
   * Sends a signal to one connection; the same as `sessions.signal` with `{ connectionId }`.
   * @throws {InvalidArgumentError} for a `type` over 128 bytes or `data` over 8 kB (UTF-8).
   * @throws {NotFoundError} when the connection is not in the session.
   * @example
   * await client.connections.signal(sessionId, connectionId, { type: 'chat', data: 'hello' })
   */
  signal(sessionId: string, connectionId: string, payload: SignalPayload, callOptions?: CallOptions): Promise<void>;
}

/** A connection from the service; `createdAt` may come as a string of digits. */
function toConnection(answer: Answer, value: unknown): Connection {
  if (!isRecord(value) || typeof value.connectionId !== 'string' || value.connectionId === '') {
    throw answer.parseError('expected a connection with a connectionId');
  }
  const createdAt = Number(value.createdAt);
  return {
    ...value,
    connectionId: value.connectionId,
    connectionState: typeof value.connectionState === 'string' ? value.connectionState : 'Connected',
    createdAt: Number.isFinite(createdAt) ? createdAt : 0,
  };
}

const SESSION = '/v2/project/{apiKey}/session/{sessionId}';

/** The connection API, one definition per REST call. */
export const connectionOperations = {
  list: defineOperation({
    method: 'GET',
    path: `${SESSION}/connection`,
    params: ['sessionId'],
    arity: 1,
    decode: (answer): ConnectionList => readPage(answer, readJson(answer), (item) => toConnection(answer, item)),
    maxBytes: LIST_MAX_BYTES,
  }),
  disconnect: defineOperation({
    method: 'DELETE',
    path: `${SESSION}/connection/{connectionId}`,
    params: ['sessionId', 'connectionId'],
    arity: 2,
    decode: ignoreBody,
  }),
  signal: defineOperation({
    method: 'POST',
    path: `${SESSION}/connection/{connectionId}/signal`,
    params: ['sessionId', 'connectionId'],
    arity: 3,
    build: ([, , payload]: [string, string, SignalPayload]) => ({ json: toSignalBody(payload) }),
    decode: ignoreBody,
  }),
};

/** Builds the connection methods on top of the request core. */
export function createConnections(send: Send, context: OperationContext): Connections {
  return bindTable(send, context, connectionOperations);
}
