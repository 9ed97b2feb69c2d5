/**
 * Live captions under `/v2/project/{apiKey}/captions`: start (202 `{ captionsId }`), stop
 * (`POST /{id}/stop`, 202), status (`GET /{id}`, 200). Lenient as real SDKs need: unknown
 * keys ignored, `null` as absent, `"true"`/`"false"` booleans. 400 for a bad session ID,
 * token or option, or a relayed session; 403 for a token that is not a moderator's; 404 for
 * an unknown session or job; 409 while the session already has captions.
 * @module
 */
import { type Context, Hono } from 'hono';
import type { EmulatorEnv } from '../app-env.js';
import { bodySession, bodyToken } from '../connector-common.js';
import { badRequest } from '../problem.js';
import { lenientBoolean, optionalInteger, optionalString, readJsonObject } from '../request-body.js';
import type { EmulatorState } from '../state.js';
import { type CaptionsOptions, captionsJson } from '../stores/captions-store.js';

const LANGUAGE = /^[a-z]{2,3}-[A-Z]{2}$/;

/** Reads the options of a captions start. */
export function parseCaptionsStart(body: Record<string, unknown>): CaptionsOptions {
  const languageCode = optionalString(body, 'languageCode', 16) ?? 'en-US';
  if (!LANGUAGE.test(languageCode)) throw badRequest('languageCode must be a language tag such as en-US.');
  const statusCallbackUrl = optionalString(body, 'statusCallbackUrl', 2048);
  if (
    statusCallbackUrl !== undefined &&
    (statusCallbackUrl.length < 15 || !/^https?:\/\/\S+$/i.test(statusCallbackUrl))
  ) {
    throw badRequest('statusCallbackUrl must be an http or https URL of 15 to 2048 characters.');
  }
  return {
    languageCode,
    maxDuration: optionalInteger(body, 'maxDuration', 300, 14_400) ?? 14_400,
    partialCaptions: lenientBoolean(body, 'partialCaptions') ?? true,
    statusCallbackUrl,
  };
}

/** The captions routes, mounted at `/v2/project/:apiKey/captions` behind the project authentication. */
export function captionsRoutes(state: EmulatorState): Hono<EmulatorEnv> {
  const routes = new Hono<EmulatorEnv>();
  const store = state.captions;
  const apiKey = (context: Context<EmulatorEnv>) => context.get('project').apiKey;
  const id = (context: Context<EmulatorEnv>) => context.req.param('captionsId') ?? '';

  routes.post('/', (context) => {
    const body = readJsonObject(context);
    const session = bodySession(state, apiKey(context), body.sessionId);
    bodyToken(state, session, body.token, ['moderator']);
    const options = parseCaptionsStart(body);
    if (session.mediaMode !== 'routed') throw badRequest('Live captions need a routed session.');
    return context.json({ captionsId: store.start(session, options).id }, 202);
  });

  routes.post('/:captionsId/stop', (context) => {
    readJsonObject(context); // any JSON object, or no body at all
    store.stop(apiKey(context), id(context));
    return context.body(null, 202);
  });

  routes.get('/:captionsId', (context) =>
    context.json(captionsJson(store.get(apiKey(context), id(context)), state.now()), 200),
  );

  return routes;
}
