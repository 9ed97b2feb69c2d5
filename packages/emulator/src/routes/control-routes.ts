/**
 * The emulator-only control API under `/_emulator/`: clients joining and leaving sessions
 * with a token, a JSON view of the whole state, fault injection, and failing an archive.
 * @module
 */
import { Hono } from 'hono';
import type { EmulatorEnv } from '../app-env.js';
import { archiveJson } from '../archive-json.js';
import { joinOptions, joinSession, leaveSession, stateJson } from '../clients.js';
import { faultJson, parseFault } from '../faults.js';
import type { ArchiveRecord } from '../model.js';
import { badRequest } from '../problem.js';
import { readJsonObject, rejectUnknown, uuidParameter } from '../request-body.js';
import type { EmulatorState } from '../state.js';
import { DEFAULT_FAILURE_REASON } from '../stores/archive-store.js';

/**
 * Makes an archive fail, as `POST /_emulator/archives/{archiveId}/fail` does: `reason`
 * (default `system failure`) becomes the archive's `reason`; the archive callback goes out.
 * @throws {EmulatorProblem} 400 for a malformed ID or reason, 404 for an unknown archive, 409
 * for an archive that has already ended.
 */
export function failArchive(state: EmulatorState, archiveId: string, reason: unknown): ArchiveRecord {
  const id = uuidParameter(archiveId, 'archive');
  if (
    reason !== undefined &&
    reason !== null &&
    (typeof reason !== 'string' || reason === '' || reason.length > 1000)
  ) {
    throw badRequest('reason must be a string of 1 to 1000 characters.');
  }
  const archive = state.archives.fail(id, (reason as string | null | undefined) ?? DEFAULT_FAILURE_REASON);
  state.callbacks.scan();
  return archive;
}

/** The control API, mounted at `/_emulator`. */
export function controlRoutes(state: EmulatorState): Hono<EmulatorEnv> {
  const routes = new Hono<EmulatorEnv>();
  routes.use('*', async (context, next) => {
    context.set('jsonErrors', true);
    await next();
  });

  routes.post('/sessions/:sessionId/connections', (context) => {
    const sessionId = context.req.param('sessionId');
    const body = readJsonObject(context);
    rejectUnknown(body, ['token', 'publish', 'name', 'videoType']);
    return context.json(
      joinSession(state, sessionId, body.token, joinOptions(body.publish, body.name, body.videoType)),
      201,
    );
  });

  routes.delete('/sessions/:sessionId/connections/:connectionId', (context) => {
    leaveSession(state, context.req.param('sessionId'), context.req.param('connectionId'));
    return context.body(null, 204);
  });

  routes.get('/state', (context) => context.json(stateJson(state)));

  routes.post('/archives/:archiveId/fail', (context) => {
    const body = readJsonObject(context);
    rejectUnknown(body, ['reason']);
    return context.json(archiveJson(failArchive(state, context.req.param('archiveId'), body.reason), state.origin));
  });

  routes.get('/faults', (context) => context.json(state.faults.all().map(faultJson)));
  routes.post('/faults', (context) => {
    const fault = parseFault(readJsonObject(context));
    state.faults.add(fault);
    return context.json(faultJson(fault), 201);
  });
  routes.delete('/faults', (context) => {
    state.faults.clear();
    return context.body(null, 204);
  });

  return routes;
}
