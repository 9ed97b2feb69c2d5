/** @jsxImportSource hono/jsx */
/**
 * The dashboard, mounted at `/_emulator/dashboard` (so the control API's guard covers it:
 * `Host`, same origin, JSON writes, the control token): the pages, their live feed
 * (server-sent events telling the page that something changed), the actions its forms send,
 * and its two assets. `GET /` sends a browser here.
 * @module
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { EmulatorEnv } from '../app-env.js';
import { sessionIdParameter } from '../clients.js';
import { EmulatorProblem } from '../problem.js';
import { readJsonObject } from '../request-body.js';
import type { EmulatorState } from '../state.js';
import { DASHBOARD_PATH } from './components.js';
import { DASHBOARD_ACTIONS } from './dashboard-actions.js';
import { DASHBOARD_CSS, DASHBOARD_JS } from './dashboard-assets.js';
import { countRequest, dashboardView, FEED_KINDS, feedEvents, fingerprint } from './dashboard-view.js';
import { OverviewPage, SessionPage } from './pages.js';

/** How often the live feed looks for changes, in milliseconds. */
export const LIVE_INTERVAL_MS = 250;
/** How often the live feed sends a keep-alive comment, in milliseconds. */
const KEEP_ALIVE_MS = 15_000;

const DOCTYPE = '<!doctype html>';

/** The dashboard's routes, mounted at `/_emulator/dashboard`. */
export function dashboardRoutes(state: EmulatorState): Hono<EmulatorEnv> {
  const routes = new Hono<EmulatorEnv>();
  const kindOf = (value: string | undefined) => (value && value in FEED_KINDS ? value : undefined);

  routes.get('/', (context) => {
    const kind = kindOf(context.req.query('kind'));
    const page = <OverviewPage view={dashboardView(state)} events={feedEvents(state, undefined, kind)} kind={kind} />;
    return context.html(DOCTYPE + page.toString());
  });

  routes.get('/sessions/:sessionId', (context) => {
    const id = sessionIdParameter(context.req.param('sessionId'));
    const view = dashboardView(state);
    const session = view.state.sessions.find((candidate) => candidate.sessionId === id);
    if (!session) throw new EmulatorProblem(404, 'Session not found');
    const kind = kindOf(context.req.query('kind'));
    const page = <SessionPage view={view} session={session} events={feedEvents(state, id, kind)} kind={kind} />;
    return context.html(DOCTYPE + page.toString());
  });

  routes.get('/live', (context) =>
    streamSSE(context, async (stream) => {
      let open = true;
      stream.onAbort(() => {
        open = false;
      });
      let last = fingerprint(state);
      let sequence = 0;
      let quiet = 0;
      await stream.writeSSE({ event: 'ready', data: '0' });
      while (open) {
        await stream.sleep(LIVE_INTERVAL_MS);
        const now = fingerprint(state);
        if (now !== last) {
          last = now;
          quiet = 0;
          sequence += 1;
          await stream.writeSSE({ event: 'change', data: String(sequence), id: String(sequence) });
        } else if ((quiet += LIVE_INTERVAL_MS) >= KEEP_ALIVE_MS) {
          quiet = 0;
          await stream.write(': keep-alive\n\n');
        }
      }
    }),
  );

  routes.post('/actions/:action', (context) => {
    context.set('jsonErrors', true);
    const action = DASHBOARD_ACTIONS[context.req.param('action')];
    if (!action || !Object.hasOwn(DASHBOARD_ACTIONS, context.req.param('action'))) {
      throw new EmulatorProblem(404, 'Unknown dashboard action');
    }
    const answer = action(state, readJsonObject(context));
    state.callbacks.scan();
    return context.json(answer, 200);
  });

  routes.get('/assets/dashboard.css', (context) =>
    context.body(DASHBOARD_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-cache' }),
  );
  routes.get('/assets/dashboard.js', (context) =>
    context.body(DASHBOARD_JS, 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'no-cache',
    }),
  );

  return routes;
}

/**
 * Counts every request but the dashboard's own reads (its pages, live feed and assets), so
 * that the live feed notices changes undone between two looks (see `countRequest`).
 */
export function countRequests(state: EmulatorState): MiddlewareHandler<EmulatorEnv> {
  return async (context, next) => {
    await next();
    const own = context.req.path.startsWith(`${DASHBOARD_PATH}/`) || context.req.path === DASHBOARD_PATH;
    if (!own || (context.req.method !== 'GET' && context.req.method !== 'HEAD')) countRequest(state);
  };
}

/** Whether a request prefers HTML (a browser's navigation), not the API's XML or JSON. */
export function wantsHtml(accept: string | undefined): boolean {
  return /\btext\/html\b/i.test(accept ?? '');
}
