/**
 * Audio Connector under `/v2/project/{apiKey}/connect`: connect (200 `{ id, connectionId }`;
 * the WebSocket opens in the background) and stop (`POST /{id}/stop`, 200). Lenient as real
 * SDKs need: unknown keys ignored, `null` as absent, `"true"`/`"false"` booleans. 400 for a
 * bad session ID, token, URI, header map or rate; 403 for a subscriber token; 404 for an
 * unknown session or connector; 409 for a relayed session.
 * @module
 */
import { type Context, Hono } from 'hono';
import type { EmulatorEnv } from '../app-env.js';
import { parseAudioTransport } from '../audio-transport.js';
import {
  bodySession,
  bodyToken,
  optionalStringArray,
  optionalStringMap,
  PUBLISHING_ROLES,
  requireRouted,
} from '../connector-common.js';
import { badRequest } from '../problem.js';
import { lenientBoolean, readJsonObject } from '../request-body.js';
import type { EmulatorState } from '../state.js';
import type { AudioConnectorOptions } from '../stores/audio-connector-store.js';

/** Reads the `websocket` object of a connect body. */
export function parseWebsocket(value: unknown): AudioConnectorOptions {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest('websocket is required: an object with a uri.');
  }
  const websocket = value as Record<string, unknown>;
  const { uri } = websocket;
  let valid = false;
  try {
    valid = typeof uri === 'string' && uri.length <= 2048 && /^wss?:$/.test(new URL(uri).protocol);
  } catch {}
  if (!valid) throw badRequest('Invalid WebSocket URI: it must start with ws:// or wss://.');
  const headers = optionalStringMap(websocket.headers, 'headers');
  const headerBytes = Object.entries(headers ?? {}).reduce(
    (sum, [name, text]) => sum + Buffer.byteLength(name) + Buffer.byteLength(text),
    0,
  );
  if (headerBytes > 512) throw badRequest('headers must hold at most 512 bytes.');
  for (const name of Object.keys(headers ?? {})) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw badRequest('headers must have HTTP header names.');
  }
  if (Object.values(headers ?? {}).some((text) => /[\r\n\0]/.test(text))) {
    throw badRequest('header values must not hold line breaks.');
  }
  const audioRate = websocket.audioRate ?? 16000;
  if (audioRate !== 8000 && audioRate !== 16000 && audioRate !== 24000) {
    throw badRequest('audioRate must be 8000, 16000 or 24000.');
  }
  return {
    uri: uri as string,
    streams: optionalStringArray(websocket.streams, 'streams'),
    headers,
    audioRate,
    bidirectional: lenientBoolean(websocket, 'bidirectional') ?? false,
    audioTransport: parseAudioTransport(websocket.audioTransport),
  };
}

/** The Audio Connector routes, mounted at `/v2/project/:apiKey/connect` behind the project authentication. */
export function audioConnectorRoutes(state: EmulatorState): Hono<EmulatorEnv> {
  const routes = new Hono<EmulatorEnv>();
  const store = state.audioConnectors;
  const apiKey = (context: Context<EmulatorEnv>) => context.get('project').apiKey;

  routes.post('/', (context) => {
    const body = readJsonObject(context);
    const session = bodySession(state, apiKey(context), body.sessionId);
    const claims = bodyToken(state, session, body.token, PUBLISHING_ROLES);
    const options = parseWebsocket(body.websocket);
    requireRouted(session, 'Connect Calls');
    const connector = store.start(session, claims.role, claims.data, options);
    return context.json({ id: connector.id, connectionId: connector.connectionId }, 200);
  });

  routes.post('/:connectorId/stop', (context) => {
    readJsonObject(context); // any JSON object, or no body at all
    store.stop(apiKey(context), context.req.param('connectorId') ?? '');
    return context.body(null, 200);
  });

  return routes;
}
