/**
 * The broadcast API under `/v2/project/{apiKey}/broadcast` (docs/protocol.md §6.3): start,
 * stop, get, list, layout, streams. Lenient as real SDKs need: unknown keys ignored, `null`
 * as absent, `"true"`/`"false"` booleans, no body required on stop, any ID shape (an unknown
 * one is a 404). Success statuses: 200 for all but the streams PATCH (204).
 * @module
 */
import { decodeSessionId } from '@opentok/token';
import { type Context, Hono } from 'hono';
import type { EmulatorEnv } from '../app-env.js';
import { parseLayout } from '../archive-options.js';
import { broadcastJson } from '../broadcast-json.js';
import { parseBroadcastStart } from '../broadcast-options.js';
import type { BroadcastRecord } from '../model.js';
import { badRequest } from '../problem.js';
import { lenientBoolean, readJsonObject } from '../request-body.js';
import type { EmulatorState } from '../state.js';
import { noClients } from '../stores/archive-store.js';

function pagingNumber(value: string | undefined, name: string, fallback: number, minimum: number, maximum: number) {
  if (value === undefined || value === '') return fallback;
  if (!/^\d{1,9}$/.test(value) || Number(value) < minimum || Number(value) > maximum) {
    throw badRequest(`${name} must be a whole number from ${minimum} to ${maximum}.`);
  }
  return Number(value);
}

/** Routes of the broadcast API, mounted at `/v2/project/:apiKey/broadcast` behind the project authentication. */
export function broadcastRoutes(state: EmulatorState): Hono<EmulatorEnv> {
  const routes = new Hono<EmulatorEnv>();
  const store = state.broadcasts;
  const json = (broadcast: BroadcastRecord) => broadcastJson(broadcast, state.origin, state.now(), store.timings);
  const apiKey = (context: Context<EmulatorEnv>) => context.get('project').apiKey;
  const id = (context: Context<EmulatorEnv>) => context.req.param('broadcastId') ?? '';

  routes.post('/', (context) => {
    const body = readJsonObject(context);
    const { sessionId } = body;
    if (typeof sessionId !== 'string' || sessionId === '') throw badRequest('sessionId is required.');
    try {
      decodeSessionId(sessionId);
    } catch {
      throw badRequest('Invalid session ID.');
    }
    const options = parseBroadcastStart(body);
    const session = state.sessions.find(sessionId);
    if (!session || session.apiKey !== apiKey(context)) throw noClients();
    return context.json(json(store.start(session, options)), 200);
  });

  routes.get('/', (context) => {
    const offset = pagingNumber(context.req.query('offset'), 'offset', 0, 0, 1_000_000_000);
    const count = pagingNumber(context.req.query('count'), 'count', 50, 1, 1000);
    const sessionId = context.req.query('sessionId') || undefined;
    const broadcasts = store.list(apiKey(context), sessionId);
    return context.json({ count: broadcasts.length, items: broadcasts.slice(offset, offset + count).map(json) }, 200);
  });

  routes.get('/:broadcastId', (context) => context.json(json(store.get(apiKey(context), id(context))), 200));

  routes.post('/:broadcastId/stop', (context) => {
    readJsonObject(context); // any JSON object, or no body at all
    return context.json(json(store.stopBroadcast(apiKey(context), id(context))), 200);
  });

  routes.put('/:broadcastId/layout', (context) => {
    store.setLayout(apiKey(context), id(context), parseLayout(readJsonObject(context), true));
    return context.body(null, 200);
  });

  routes.patch('/:broadcastId/streams', (context) => {
    const body = readJsonObject(context);
    const addStream = body.addStream ?? undefined;
    const removeStream = body.removeStream ?? undefined;
    if ((addStream === undefined) === (removeStream === undefined)) {
      throw badRequest('Send exactly one of addStream and removeStream.');
    }
    const streamId = addStream ?? removeStream;
    if (typeof streamId !== 'string' || streamId === '') throw badRequest('The stream ID must be a non-empty string.');
    const change =
      addStream === undefined
        ? { remove: streamId }
        : {
            add: streamId,
            hasAudio: lenientBoolean(body, 'hasAudio') ?? true,
            hasVideo: lenientBoolean(body, 'hasVideo') ?? true,
          };
    store.patchStreams(apiKey(context), id(context), change);
    return context.body(null, 204);
  });

  return routes;
}
