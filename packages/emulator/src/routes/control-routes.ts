/**
 * The emulator-only control API under `/_emulator/`: clients joining and leaving sessions
 * with a token, a JSON view of the whole state, and fault injection.
 * @module
 */
import { Hono } from 'hono';
import type { EmulatorEnv } from '../app-env.js';
import { joinOptions, joinSession, leaveSession, stateJson } from '../clients.js';
import { faultJson, parseFault } from '../faults.js';
import { readJsonObject, rejectUnknown } from '../request-body.js';
import type { EmulatorState } from '../state.js';

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
