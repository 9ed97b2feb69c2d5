/**
 * The table of every REST operation the client performs, by namespace and name, for readers
 * and tools (the emulator's contract test walks it to prove that it serves each one).
 * @module
 */
import { archiveOperations } from './archives.js';
import { audioConnectorOperations } from './audio-connector.js';
import { broadcastOperations } from './broadcasts.js';
import { callbackOperations } from './callbacks.js';
import { captionsOperations } from './captions.js';
import { connectionOperations } from './connections.js';
import { legacyOperations } from './legacy-archives.js';
import { renderOperations } from './renders.js';
import type { HttpMethod } from './request.js';
import { sessionControlOperations } from './session-control.js';
import { sessionOperations } from './sessions.js';
import { sipOperations } from './sip.js';
import { streamOperations } from './streams.js';

/** One operation of the table: where a client method sends its request. */
export interface OperationSummary {
  /** The client method, such as `archives.start` (`legacy.getArchiveManifest` for the 1.0 calls). */
  readonly name: string;
  readonly method: HttpMethod;
  /** Path template below the API URL, such as `/v2/project/{apiKey}/archive/{archiveId}/stop`. */
  readonly path: string;
  /** Names of the path's parameters after `{apiKey}`. */
  readonly params: readonly string[];
}

const tables = {
  sessions: { ...sessionOperations, ...sessionControlOperations },
  connections: connectionOperations,
  streams: streamOperations,
  archives: archiveOperations,
  broadcasts: broadcastOperations,
  sip: sipOperations,
  renders: renderOperations,
  captions: captionsOperations,
  audioConnector: audioConnectorOperations,
  callbacks: callbackOperations,
  legacy: legacyOperations,
};

/** Every operation of the client, in namespace order. */
export const OPERATIONS: readonly OperationSummary[] = /* @__PURE__ */ Object.freeze(
  Object.entries(tables).flatMap(([namespace, table]) =>
    Object.entries(table).map(([name, operation]) =>
      Object.freeze({
        name: `${namespace}.${name}`,
        method: operation.method,
        path: operation.path,
        params: Object.freeze([...(operation.params ?? [])]),
      }),
    ),
  ),
);
