/**
 * Acting on running sessions (signals, connections, streams, moderation), mounted at
 * `/v2/project/:apiKey/session` behind the project authentication:
 * `POST …/{sessionId}/signal` and `…/connection/{connectionId}/signal` (204),
 * `GET …/{sessionId}/connection` (200), `DELETE …/connection/{connectionId}` (204),
 * `GET …/stream`, `GET …/stream/{streamId}`, `PUT …/stream` (200; `PUT …/stream/{streamId}`,
 * 204, as one SDK sends it), `POST …/stream/{streamId}/mute` and `POST …/mute` (200).
 * Unknown body fields are ignored, `null` counts as absent, `"true"`/`"false"` strings are
 * booleans; a signal whose `type` is over 128 bytes or `data` over 8 kB gets a 413.
 * @module
 */
import { type Context, Hono } from 'hono';
import type { EmulatorEnv } from '../app-env.js';
import { sessionIdParameter } from '../clients.js';
import type { SessionRecord, StreamRecord } from '../model.js';
import { badRequest, EmulatorProblem } from '../problem.js';
import { lenientBoolean, readJsonObject } from '../request-body.js';
import type { EmulatorState } from '../state.js';
import {
  type ClassListChange,
  disableForceMute,
  findStream,
  muteAll,
  muteStream,
  type SignalMessage,
  sendSignal,
  setClassLists,
} from '../stores/session-control.js';

/** Largest signal `type`, in UTF-8 bytes. */
export const SIGNAL_TYPE_LIMIT_BYTES = 128;
/** Largest signal `data`, in UTF-8 bytes. */
export const SIGNAL_DATA_LIMIT_BYTES = 8192;

const bytes = (text: string) => new TextEncoder().encode(text).length;

/** Checks a signal body: `data` a string, `type` an optional string; 413 beyond the limits. */
export function parseSignal(body: Record<string, unknown>): SignalMessage {
  const type = body.type ?? '';
  const data = body.data;
  if (typeof type !== 'string') throw badRequest('type must be a string.');
  if (typeof data !== 'string') throw badRequest('data is required and must be a string.');
  if (bytes(type) > SIGNAL_TYPE_LIMIT_BYTES) {
    throw new EmulatorProblem(413, `The signal type is longer than ${SIGNAL_TYPE_LIMIT_BYTES} bytes.`);
  }
  if (bytes(data) > SIGNAL_DATA_LIMIT_BYTES) {
    throw new EmulatorProblem(413, `The signal data is longer than ${SIGNAL_DATA_LIMIT_BYTES} bytes.`);
  }
  return { type, data };
}

function classList(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || !value.every((name) => typeof name === 'string' && name.length <= 1000)) {
    throw badRequest(`${where} must be an array of strings.`);
  }
  return value as string[];
}

/** Checks the body of `PUT …/stream`: `{ items: [{ id, layoutClassList }] }`. */
export function parseClassLists(body: Record<string, unknown>): ClassListChange[] {
  const { items } = body;
  if (!Array.isArray(items) || items.length === 0) throw badRequest('items must be a non-empty array.');
  return items.map((item, index) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw badRequest(`items[${index}] must be an object { id, layoutClassList }.`);
    }
    const { id, layoutClassList } = item as Record<string, unknown>;
    if (typeof id !== 'string' || id === '') throw badRequest(`items[${index}].id must be a stream ID.`);
    return { id, layoutClassList: classList(layoutClassList, `items[${index}].layoutClassList`) };
  });
}

/** The excluded stream IDs of mute all, under any of the names SDKs send. */
function excludedStreams(body: Record<string, unknown>): string[] {
  const value = body.excludedStreamIds ?? body.excludedStreams ?? body.excudedStreamIds ?? [];
  if (!Array.isArray(value) || !value.every((id) => typeof id === 'string')) {
    throw badRequest('excludedStreamIds must be an array of stream IDs.');
  }
  return value as string[];
}

/** The stream object of the REST API. */
export function streamJson(stream: StreamRecord): Record<string, unknown> {
  return {
    id: stream.id,
    videoType: stream.videoType,
    name: stream.name,
    layoutClassList: [...stream.layoutClassList],
  };
}

/** Routes acting on running sessions, mounted at `/v2/project/:apiKey/session`. */
export function sessionControlRoutes(state: EmulatorState): Hono<EmulatorEnv> {
  const routes = new Hono<EmulatorEnv>();
  const store = state.sessions;

  /** The session of the path, in the authenticated project: 400 malformed, 404 unknown. */
  const sessionOf = (context: Context<EmulatorEnv>): SessionRecord => {
    const session = store.find(sessionIdParameter(context.req.param('sessionId')));
    if (!session || session.apiKey !== context.get('project').apiKey) {
      throw new EmulatorProblem(404, 'Session not found');
    }
    return session;
  };
  const param = (context: Context<EmulatorEnv>, name: string) => context.req.param(name) ?? '';
  /** The answer of the mute calls: the project's details, without its secret. */
  const projectDetails = (context: Context<EmulatorEnv>) => {
    const { apiKey } = context.get('project');
    return context.json({ id: apiKey, status: 'ACTIVE', name: `Project ${apiKey}`, environment: 'standard' }, 200);
  };

  routes.post('/:sessionId/signal', (context) => {
    const session = sessionOf(context);
    sendSignal(store, session, parseSignal(readJsonObject(context)));
    return context.body(null, 204);
  });

  routes.post('/:sessionId/connection/:connectionId/signal', (context) => {
    const session = sessionOf(context);
    sendSignal(store, session, parseSignal(readJsonObject(context)), param(context, 'connectionId'));
    return context.body(null, 204);
  });

  routes.get('/:sessionId/connection', (context) => {
    const session = sessionOf(context);
    const items = [...session.connections.values()].map((connection) => ({
      connectionId: connection.id,
      connectionState: 'Connected',
      createdAt: connection.createdAt,
    }));
    return context.json({ count: items.length, projectId: session.apiKey, sessionId: session.id, items }, 200);
  });

  routes.delete('/:sessionId/connection/:connectionId', (context) => {
    store.removeConnection(sessionOf(context), param(context, 'connectionId'), 'forceDisconnected');
    return context.body(null, 204);
  });

  routes.get('/:sessionId/stream', (context) => {
    const items = [...sessionOf(context).streams.values()].map(streamJson);
    return context.json({ count: items.length, items }, 200);
  });

  routes.get('/:sessionId/stream/:streamId', (context) =>
    context.json(streamJson(findStream(sessionOf(context), param(context, 'streamId'))), 200),
  );

  routes.put('/:sessionId/stream', (context) => {
    const session = sessionOf(context);
    setClassLists(store, session, parseClassLists(readJsonObject(context)));
    return context.body(null, 200);
  });

  routes.put('/:sessionId/stream/:streamId', (context) => {
    const session = sessionOf(context);
    const layoutClassList = classList(readJsonObject(context).layoutClassList, 'layoutClassList');
    setClassLists(store, session, [{ id: param(context, 'streamId'), layoutClassList }]);
    return context.body(null, 204);
  });

  routes.post('/:sessionId/stream/:streamId/mute', (context) => {
    const session = sessionOf(context);
    readJsonObject(context); // `{}` (node), or no body at all (py)
    muteStream(store, session, param(context, 'streamId'));
    return projectDetails(context);
  });

  routes.post('/:sessionId/mute', (context) => {
    const session = sessionOf(context);
    const body = readJsonObject(context);
    const active = lenientBoolean(body, 'active');
    if (active === undefined) throw badRequest('active is required: true to mute all, false to disable force mute.');
    if (active) muteAll(store, session, excludedStreams(body));
    else disableForceMute(store, session);
    return projectDetails(context);
  });

  return routes;
}
