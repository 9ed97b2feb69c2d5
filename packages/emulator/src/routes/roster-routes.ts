/**
 * More of a client's life in the control API, beside joining and leaving: a connected client
 * publishes another stream (a screen share beside its camera) and unpublishes one.
 * `POST /_emulator/sessions/{sessionId}/connections/{connectionId}/streams` → 201 `{ streamId }`
 * (403 with reason `role` for a subscriber), `DELETE /_emulator/sessions/{sessionId}/streams/{streamId}` → 204.
 * @module
 */
import { Hono } from 'hono';
import type { EmulatorEnv } from '../app-env.js';
import { joinOptions, sessionIdParameter } from '../clients.js';
import type { VideoType } from '../model.js';
import { EmulatorProblem } from '../problem.js';
import { lenientBoolean, readJsonObject } from '../request-body.js';
import type { EmulatorState } from '../state.js';

/** Options of a stream a connected client publishes. */
export interface PublishStreamOptions {
  /** @default '' */
  name?: string | undefined;
  /** @default 'camera' */
  videoType?: VideoType | undefined;
  /** @default true */
  hasAudio?: boolean | undefined;
  /** @default true */
  hasVideo?: boolean | undefined;
}

/**
 * A connected client publishes a stream with the layout classes of its first one (its token's).
 * @throws {EmulatorProblem} 400 malformed, 404 unknown session or connection, 403 for a subscriber.
 */
export function publishStream(
  state: EmulatorState,
  sessionId: string,
  connectionId: string,
  options: PublishStreamOptions,
): { streamId: string } {
  const session = state.sessions.get(sessionIdParameter(sessionId));
  const connection = session.connections.get(connectionId);
  if (!connection) throw new EmulatorProblem(404, 'Connection not found');
  if (connection.role === 'subscriber') {
    throw new EmulatorProblem(403, 'A subscriber may not publish', { reason: 'role' });
  }
  const checked = joinOptions(true, options.name, options.videoType);
  const first = connection.streamId ? session.streams.get(connection.streamId) : undefined;
  const stream = state.sessions.addStream(session, connectionId, {
    name: checked.name ?? '',
    videoType: checked.videoType ?? 'camera',
    layoutClassList: first ? [...first.layoutClassList] : [],
    hasAudio: options.hasAudio,
    hasVideo: options.hasVideo,
  });
  return { streamId: stream.id };
}

/**
 * A client unpublishes a stream (`streamDestroyed`, reason `clientDisconnected`).
 * @throws {EmulatorProblem} 400 malformed, 404 unknown session or stream.
 */
export function unpublishStream(state: EmulatorState, sessionId: string, streamId: string): void {
  const session = state.sessions.get(sessionIdParameter(sessionId));
  state.sessions.removeStream(session, streamId, 'clientDisconnected');
}

/** The publish and unpublish routes, mounted at `/_emulator`. */
export function rosterRoutes(state: EmulatorState): Hono<EmulatorEnv> {
  const routes = new Hono<EmulatorEnv>();
  routes.post('/sessions/:sessionId/connections/:connectionId/streams', (context) => {
    context.set('jsonErrors', true);
    const body = readJsonObject(context);
    const published = publishStream(state, context.req.param('sessionId'), context.req.param('connectionId'), {
      name: body.name as string | undefined,
      videoType: body.videoType as VideoType | undefined,
      hasAudio: lenientBoolean(body, 'hasAudio'),
      hasVideo: lenientBoolean(body, 'hasVideo'),
    });
    return context.json(published, 201);
  });
  routes.delete('/sessions/:sessionId/streams/:streamId', (context) => {
    context.set('jsonErrors', true);
    unpublishStream(state, context.req.param('sessionId'), context.req.param('streamId'));
    return context.body(null, 204);
  });
  return routes;
}
