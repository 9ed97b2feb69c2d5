/**
 * Experience Composer under `/v2/project/{apiKey}/render`: start (202, `starting`), get, list
 * (`{ count, items }`, newest first), stop (`DELETE`, 204). Lenient as real SDKs need: unknown
 * keys ignored, `null` as absent. 400 for a bad session ID, token, URL, duration, resolution
 * or name; 403 for a subscriber token; 404 for an unknown session or render; 409 for a relayed
 * session.
 * @module
 */
import { type Context, Hono } from 'hono';
import type { EmulatorEnv } from '../app-env.js';
import { bodySession, bodyToken, PUBLISHING_ROLES, requireRouted } from '../connector-common.js';
import { badRequest } from '../problem.js';
import { optionalChoice, optionalInteger, optionalString, readJsonObject } from '../request-body.js';
import type { EmulatorState } from '../state.js';
import { type RenderOptions, renderJson } from '../stores/render-store.js';

const RESOLUTIONS = ['640x480', '480x640', '1280x720', '720x1280', '1920x1080', '1080x1920'] as const;
const HTTP_URL = /^https?:\/\/[^\s/]+\S*$/i;

/** Reads the options of a render start. */
export function parseRenderStart(body: Record<string, unknown>): RenderOptions {
  const { url } = body;
  if (typeof url !== 'string' || url.length < 15 || url.length > 2048 || !HTTP_URL.test(url)) {
    throw badRequest('url must be an http or https URL of 15 to 2048 characters.');
  }
  let name: string | undefined;
  const properties = body.properties;
  if (properties !== undefined && properties !== null) {
    if (typeof properties !== 'object' || Array.isArray(properties)) throw badRequest('properties must be an object.');
    name = optionalString(properties as Record<string, unknown>, 'name', 200);
    if (name === '') throw badRequest('properties.name must be 1 to 200 characters.');
  }
  const statusCallbackUrl = optionalString(body, 'statusCallbackUrl', 2048);
  if (statusCallbackUrl !== undefined && !HTTP_URL.test(statusCallbackUrl)) {
    throw badRequest('statusCallbackUrl must be an http or https URL.');
  }
  return {
    url,
    maxDuration: optionalInteger(body, 'maxDuration', 60, 36_000) ?? 7200,
    resolution: optionalChoice(body, 'resolution', RESOLUTIONS) ?? '1280x720',
    name,
    statusCallbackUrl,
  };
}

function pagingNumber(value: string | undefined, name: string, fallback: number, minimum: number, maximum: number) {
  if (value === undefined || value === '') return fallback;
  if (!/^\d{1,10}$/.test(value) || Number(value) < minimum || Number(value) > maximum) {
    throw badRequest(`${name} must be a whole number from ${minimum} to ${maximum}.`);
  }
  return Number(value);
}

/** The render routes, mounted at `/v2/project/:apiKey/render` behind the project authentication. */
export function renderRoutes(state: EmulatorState): Hono<EmulatorEnv> {
  const routes = new Hono<EmulatorEnv>();
  const store = state.renders;
  const apiKey = (context: Context<EmulatorEnv>) => context.get('project').apiKey;
  const id = (context: Context<EmulatorEnv>) => context.req.param('renderId') ?? '';

  routes.post('/', (context) => {
    const body = readJsonObject(context);
    const session = bodySession(state, apiKey(context), body.sessionId);
    const claims = bodyToken(state, session, body.token, PUBLISHING_ROLES);
    const options = parseRenderStart(body);
    requireRouted(session, 'Experience Composer renders');
    return context.json(renderJson(store.start(session, claims.role, claims.data, options)), 202);
  });

  routes.get('/', (context) => {
    const offset = pagingNumber(context.req.query('offset'), 'offset', 0, 0, 1_000_000_000);
    const count = pagingNumber(context.req.query('count'), 'count', 50, 1, 1000);
    const renders = store.list(apiKey(context));
    return context.json({ count: renders.length, items: renders.slice(offset, offset + count).map(renderJson) }, 200);
  });

  routes.get('/:renderId', (context) => context.json(renderJson(store.get(apiKey(context), id(context))), 200));

  routes.delete('/:renderId', (context) => {
    store.stop(apiKey(context), id(context));
    return context.body(null, 204);
  });

  return routes;
}
