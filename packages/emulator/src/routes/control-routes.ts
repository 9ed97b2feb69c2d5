/**
 * The emulator-only control API under `/_emulator/`: clients joining and leaving sessions
 * with a token, a JSON view of the whole state, and fault injection.
 * @module
 */
import { decodeSessionId, decodeToken, OpenTokError, verifyToken } from '@opentok/token';
import { Hono } from 'hono';
import type { EmulatorEnv } from '../app-env.js';
import { archiveJson } from '../archive-json.js';
import { faultJson, parseFault } from '../faults.js';
import { badRequest, EmulatorProblem } from '../problem.js';
import { optionalBoolean, readJsonObject, rejectUnknown } from '../request-body.js';
import type { EmulatorState } from '../state.js';
import { videoLength } from '../state.js';

const refused = (reason: string, message: string) => new EmulatorProblem(403, message, { reason });

/** Verifies a client token as the media server would, for this session. */
function admit(state: EmulatorState, sessionId: string, token: string, publish: boolean) {
  let claims: ReturnType<typeof decodeToken>;
  try {
    claims = decodeToken(token);
    const project = state.projects.get(claims.apiKey);
    if (!project) throw refused('api-key', 'Token was issued for an API key this emulator does not know');
    claims = verifyToken(token, project, { now: state.now() / 1000 });
  } catch (error) {
    if (error instanceof EmulatorProblem) throw error;
    if (OpenTokError.isInstance(error)) {
      throw refused((error as { reason?: string }).reason ?? 'malformed', error.message);
    }
    throw error;
  }
  if (claims.sessionId !== sessionId) throw refused('session', 'Token was issued for another session');
  if (publish && claims.role === 'subscriber') throw refused('role', 'A subscriber may not publish');
  return claims;
}

function sessionParameter(value: string | undefined): string {
  try {
    decodeSessionId(value ?? '');
  } catch {
    throw badRequest('Invalid session ID.');
  }
  return value as string;
}

/** The control API, mounted at `/_emulator`. */
export function controlRoutes(state: EmulatorState): Hono<EmulatorEnv> {
  const routes = new Hono<EmulatorEnv>();
  routes.use('*', async (context, next) => {
    context.set('jsonErrors', true);
    await next();
  });

  routes.post('/sessions/:sessionId/connections', (context) => {
    const sessionId = sessionParameter(context.req.param('sessionId'));
    const body = readJsonObject(context);
    rejectUnknown(body, ['token', 'publish']);
    const { token } = body;
    if (typeof token !== 'string' || token === '') throw badRequest('token is required.');
    const publish = optionalBoolean(body, 'publish') ?? false;
    const session = state.session(sessionId);
    const claims = admit(state, sessionId, token, publish);
    const connection = state.connect(session, claims.role, claims.data, publish);
    const answer: Record<string, string> = { connectionId: connection.id };
    if (connection.streamId) answer.streamId = connection.streamId;
    return context.json(answer, 201);
  });

  routes.delete('/sessions/:sessionId/connections/:connectionId', (context) => {
    const session = state.session(sessionParameter(context.req.param('sessionId')));
    state.disconnect(session, context.req.param('connectionId'));
    return context.body(null, 204);
  });

  routes.get('/state', (context) => {
    const origin = new URL(context.req.url).origin;
    const now = state.now();
    return context.json({
      projects: [...state.projects.values()].map(({ apiKey }) => ({ apiKey })),
      sessions: [...state.sessions.values()].map((session) => ({
        sessionId: session.id,
        apiKey: session.apiKey,
        mediaMode: session.mediaMode,
        archiveMode: session.archiveMode,
        e2ee: session.e2ee,
        location: session.location ?? null,
        createdAt: session.createdAt,
        connections: [...session.connections.values()].map((connection) => ({
          connectionId: connection.id,
          role: connection.role,
          data: connection.data ?? null,
          createdAt: connection.createdAt,
          streamId: connection.streamId ?? null,
        })),
        streams: [...session.streams.values()].map((stream) => ({
          streamId: stream.id,
          connectionId: stream.connectionId,
          createdAt: stream.createdAt,
        })),
      })),
      archives: [...state.archives.values()].map((archive) => ({
        ...archiveJson(state.settle(archive), origin),
        videos: archive.videos.map((video) => ({
          videoId: video.id,
          streamId: video.streamId,
          offset: video.offset,
          length: videoLength(archive, video, now),
        })),
      })),
      faults: state.faults.map(faultJson),
    });
  });

  routes.get('/faults', (context) => context.json(state.faults.map(faultJson)));
  routes.post('/faults', (context) => {
    const fault = parseFault(readJsonObject(context));
    state.faults.push(fault);
    return context.json(faultJson(fault), 201);
  });
  routes.delete('/faults', (context) => {
    state.faults = [];
    return context.body(null, 204);
  });

  return routes;
}
