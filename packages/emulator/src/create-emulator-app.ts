/**
 * Assembles the emulator's Hono app: fault injection, body limit, the served API, the
 * control API, and one error handler that answers in the service's error format.
 * @module
 */
import { Hono } from 'hono';
import type { EmulatorEnv } from './app-env.js';
import { projectAuthentication } from './auth.js';
import { bodyReader, ClientAbortedError } from './body-reader.js';
import { allowedMethods, ENDPOINTS } from './catalogue.js';
import { type ControlAccess, controlAccess } from './control-access.js';
import { DASHBOARD_PATH } from './dashboard/components.js';
import { countRequests, dashboardRoutes, wantsHtml } from './dashboard/dashboard-routes.js';
import { faultMiddleware } from './faults.js';
import { EmulatorProblem } from './problem.js';
import { problemResponse } from './respond.js';
import { archiveRoutes } from './routes/archive-routes.js';
import { audioConnectorRoutes } from './routes/audio-connector-routes.js';
import { broadcastRoutes } from './routes/broadcast-routes.js';
import { callbackControlRoutes, legacyCallbackRoutes } from './routes/callback-routes.js';
import { captionsRoutes } from './routes/captions-routes.js';
import { controlRoutes } from './routes/control-routes.js';
import { eventRoutes } from './routes/event-routes.js';
import { legacyArchiveRoutes } from './routes/legacy-archive-routes.js';
import { mediaRoutes } from './routes/media-routes.js';
import { renderRoutes } from './routes/render-routes.js';
import { rosterRoutes } from './routes/roster-routes.js';
import { sessionControlRoutes } from './routes/session-control-routes.js';
import { sessionRoutes } from './routes/session-routes.js';
import { sipRoutes } from './routes/sip-routes.js';
import type { EmulatorState } from './state.js';

/** Largest request body accepted, in bytes; larger ones get a 413. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** What the app needs from its host. */
export interface AppHost {
  state: EmulatorState;
  /** Resolves after a delay, or rejects once the emulator is closing. */
  sleep: (milliseconds: number) => Promise<void>;
  /** Where unexpected errors are reported (never with a secret: they carry no request data). */
  log: (line: string) => void;
  /** Where routine events go, such as a client that hung up mid-request. @default nowhere */
  debug?: ((line: string) => void) | undefined;
  /** Who may use the control API (`/_emulator/`); without it every request may (in-process tests). */
  control?: ControlAccess | undefined;
}

/** Builds the app for one emulator. */
export function createEmulatorApp({ state, sleep, log, debug, control }: AppHost): Hono<EmulatorEnv> {
  // Not strict: a trailing slash reaches the same route, as real SDKs sometimes send one.
  const app = new Hono<EmulatorEnv>({ strict: false });
  // First of all: a refused control request reaches neither faults nor the body reader.
  if (control) app.use('*', controlAccess(control));
  // Outside the fault middleware, so that a request a fault answered is counted too.
  app.use('*', countRequests(state));
  app.use('*', faultMiddleware(state, sleep));
  // After every request, the changes it made are handed to the callback dispatcher (which
  // sends them later: no answer waits for a callback).
  app.use('*', async (_context, next) => {
    await next();
    state.callbacks.scan();
  });
  app.use('*', bodyReader(BODY_LIMIT_BYTES));
  // One authentication for every project route, before any handler.
  app.use('/v2/project/:apiKey/*', projectAuthentication(state));
  app.use('/v2/partner/:apiKey/*', projectAuthentication(state));
  app.route('/', sessionRoutes(state));
  app.route('/', legacyArchiveRoutes(state));
  app.route('/v2/project/:apiKey/archive', archiveRoutes(state));
  app.route('/v2/partner/:apiKey/archive', archiveRoutes(state));
  app.route('/v2/project/:apiKey/broadcast', broadcastRoutes(state));
  app.route('/v2/project/:apiKey', sipRoutes(state));
  app.route('/v2/project/:apiKey/render', renderRoutes(state));
  app.route('/v2/project/:apiKey/captions', captionsRoutes(state));
  app.route('/v2/project/:apiKey/connect', audioConnectorRoutes(state));
  app.route('/v2/project/:apiKey/session', sessionControlRoutes(state));
  app.route('/v2/project/:apiKey/callback', legacyCallbackRoutes(state));
  app.route('/_emulator', callbackControlRoutes(state));
  app.route('/_emulator/media', mediaRoutes(state));
  app.route('/_emulator', eventRoutes(state));
  app.route('/_emulator', rosterRoutes(state));
  app.route('/_emulator', controlRoutes(state));
  app.get('/_emulator/endpoints', (context) => context.json(ENDPOINTS));
  // The dashboard, under the control API's guard; a browser opening `/` is sent there.
  app.route(DASHBOARD_PATH, dashboardRoutes(state));
  app.get('/', (context) =>
    wantsHtml(context.req.header('accept'))
      ? context.redirect(DASHBOARD_PATH, 302)
      : problemResponse(context, new EmulatorProblem(404, 'Not found'), false),
  );

  // Requests no route takes are answered from the catalogue: 405 for a served path, else 404.
  app.notFound((context) => {
    const json = context.req.path.startsWith('/_emulator/');
    const allowed = allowedMethods(context.req.path);
    if (allowed.length === 0) return problemResponse(context, new EmulatorProblem(404, 'Not found'), json);
    const answer = problemResponse(context, new EmulatorProblem(405, 'Method not allowed'), json);
    answer.headers.set('Allow', allowed.join(', '));
    return answer;
  });
  app.onError((error, context) => {
    const json = context.get('jsonErrors') === true || context.req.path.startsWith('/_emulator/');
    if (error instanceof EmulatorProblem) return problemResponse(context, error, json);
    if (error instanceof ClientAbortedError) {
      debug?.(`[opentok-emulator] client aborted ${context.req.method} ${context.req.path}`);
      // Nobody reads this answer: the connection is gone.
      return problemResponse(context, new EmulatorProblem(400, 'Client closed the connection'), json);
    }
    log(`[opentok-emulator] unexpected error on ${context.req.method} ${context.req.path}: ${describe(error)}`);
    return problemResponse(context, new EmulatorProblem(500, 'System error'), json);
  });
  return app;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
}
