/**
 * SIP interconnect under `/v2/project/{apiKey}`: `POST /dial` (and `/call`, the older name
 * php posts to), `POST /session/{sessionId}/play-dtmf` and
 * `POST /session/{sessionId}/connection/{connectionId}/play-dtmf`. Lenient as real SDKs need:
 * unknown keys ignored, `null` as absent, `"true"`/`"false"` booleans. Statuses: 200; 400 for
 * a bad session ID, token, SIP URI or digits; 403 for a subscriber token; 404 for an unknown
 * session or connection; 409 for a relayed session.
 * @module
 */
import { type Context, Hono } from 'hono';
import type { EmulatorEnv } from '../app-env.js';
import {
  bodySession,
  bodyToken,
  optionalStringArray,
  optionalStringMap,
  PUBLISHING_ROLES,
  requireRouted,
} from '../connector-common.js';
import { badRequest, EmulatorProblem } from '../problem.js';
import { lenientBoolean, optionalString, readJsonObject } from '../request-body.js';
import type { EmulatorState } from '../state.js';
import type { DialOptions } from '../stores/sip-store.js';

const SIP_URI = /^sips?:[^\s]+$/i;
const DIGITS = /^[0-9*#p]{1,256}$/;

/** Reads the `sip` object of a dial body; the auth password is checked, never kept. */
export function parseDial(value: unknown): DialOptions {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest('sip is required: an object with a uri.');
  }
  const sip = value as Record<string, unknown>;
  if (typeof sip.uri !== 'string' || !SIP_URI.test(sip.uri) || sip.uri.length > 2048) {
    throw badRequest('Invalid SIP URI: it must start with sip: or sips:.');
  }
  let authUsername: string | undefined;
  if (sip.auth !== undefined && sip.auth !== null) {
    const auth = sip.auth as Record<string, unknown>;
    if (typeof auth !== 'object' || typeof auth.username !== 'string' || auth.username === '') {
      throw badRequest('auth needs a username.');
    }
    if (auth.password !== undefined && auth.password !== null && typeof auth.password !== 'string') {
      throw badRequest('auth.password must be a string.');
    }
    authUsername = auth.username;
  }
  const from = sip.from === undefined || sip.from === null ? undefined : String(sip.from);
  if (from !== undefined && from.length > 256) throw badRequest('from must be at most 256 characters.');
  return {
    uri: sip.uri,
    from,
    headers: optionalStringMap(sip.headers, 'headers'),
    authUsername,
    secure: lenientBoolean(sip, 'secure') ?? false,
    video: lenientBoolean(sip, 'video') ?? false,
    observeForceMute: lenientBoolean(sip, 'observeForceMute') ?? false,
    streams: optionalStringArray(sip.streams, 'streams'),
  };
}

/** The SIP routes, mounted at `/v2/project/:apiKey` behind the project authentication. */
export function sipRoutes(state: EmulatorState): Hono<EmulatorEnv> {
  const routes = new Hono<EmulatorEnv>();
  const apiKey = (context: Context<EmulatorEnv>) => context.get('project').apiKey;

  const dial = (context: Context<EmulatorEnv>) => {
    const body = readJsonObject(context);
    const session = bodySession(state, apiKey(context), body.sessionId);
    const claims = bodyToken(state, session, body.token, PUBLISHING_ROLES);
    const options = parseDial(body.sip);
    requireRouted(session, 'SIP calls');
    const call = state.sip.dial(session, claims.role, claims.data, options);
    return context.json(
      {
        id: call.id,
        projectId: call.apiKey,
        sessionId: call.sessionId,
        connectionId: call.connectionId,
        streamId: call.streamId,
        createdAt: call.createdAt,
        updatedAt: call.updatedAt,
      },
      200,
    );
  };
  routes.post('/dial', dial);
  routes.post('/call', dial);

  const playDtmf = (context: Context<EmulatorEnv>) => {
    const body = readJsonObject(context);
    const digits = optionalString(body, 'digits', 1024);
    if (digits === undefined || !DIGITS.test(digits)) throw new EmulatorProblem(400, 'Invalid DTMF Digits');
    const session = bodySession(state, apiKey(context), context.req.param('sessionId'));
    state.sip.playDtmf(session, context.req.param('connectionId'), digits);
    return context.body(null, 200);
  };
  routes.post('/session/:sessionId/play-dtmf', playDtmf);
  routes.post('/session/:sessionId/connection/:connectionId/play-dtmf', playDtmf);

  return routes;
}
