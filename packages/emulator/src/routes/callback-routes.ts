/**
 * Callback routes: the legacy registration API under `/v2/project/{apiKey}/callback` (list
 * 200, register 200, unregister 204), and the control API's `GET`/`DELETE
 * /_emulator/callbacks` (every delivery and its outcome) and `GET`/`PUT
 * /_emulator/projects/{apiKey}/callbacks` (a project's URLs per group).
 * @module
 */
import { type Context, Hono } from 'hono';
import type { EmulatorEnv } from '../app-env.js';
import { deliveryJson } from '../callback-dispatcher.js';
import { badRequest, EmulatorProblem } from '../problem.js';
import { readJsonObject } from '../request-body.js';
import type { EmulatorState } from '../state.js';
import { parseCallbackSecrets } from '../stores/callback-secrets.js';
import { type CallbackRegistration, checkCallbackUrl, parseCallbackUrls } from '../stores/callback-store.js';

const NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

function registrationJson({ id, group, event, url, createdAt }: CallbackRegistration) {
  return { id, group, event, url, createdAt };
}

/** The legacy callback API, mounted at `/v2/project/:apiKey/callback` behind the project authentication. */
export function legacyCallbackRoutes(state: EmulatorState): Hono<EmulatorEnv> {
  const routes = new Hono<EmulatorEnv>();
  const apiKey = (context: Context<EmulatorEnv>) => context.get('project').apiKey;
  routes.get('/', (context) => context.json(state.callbacks.store.list(apiKey(context)).map(registrationJson)));
  routes.post('/', (context) => {
    const body = readJsonObject(context);
    const { group, event } = body;
    if (typeof group !== 'string' || !NAME.test(group))
      throw badRequest('group is required (archive, connection, stream).');
    if (typeof event !== 'string' || !NAME.test(event))
      throw badRequest('event is required (status, created, destroyed).');
    const url = checkCallbackUrl(body.url, 'url');
    return context.json(registrationJson(state.callbacks.register(apiKey(context), group, event, url)), 200);
  });
  routes.delete('/:callbackId', (context) => {
    state.callbacks.store.unregister(apiKey(context), context.req.param('callbackId'));
    return context.body(null, 204);
  });
  return routes;
}

/** The control routes of callbacks, mounted at `/_emulator`. */
export function callbackControlRoutes(state: EmulatorState): Hono<EmulatorEnv> {
  const routes = new Hono<EmulatorEnv>();
  const project = (context: Context<EmulatorEnv>) => {
    const apiKey = context.req.param('apiKey') ?? '';
    if (!state.projects.has(apiKey)) throw new EmulatorProblem(404, 'Project not found');
    return apiKey;
  };
  const jsonErrors = async (context: Context<EmulatorEnv>, next: () => Promise<void>) => {
    context.set('jsonErrors', true);
    await next();
  };
  routes.use('/callbacks', jsonErrors);
  routes.use('/projects/*', jsonErrors);
  routes.get('/callbacks', (context) => context.json(state.callbacks.dispatcher.all().map(deliveryJson)));
  routes.delete('/callbacks', (context) => {
    state.callbacks.dispatcher.clear();
    return context.body(null, 204);
  });
  // The answer shows which URLs are signed (`callbackSecret: true`, `callbackSecrets: [URL]`), never a secret.
  routes.get('/projects/:apiKey/callbacks', (context) => {
    const apiKey = project(context);
    return context.json({ ...state.callbacks.store.urlsOf(apiKey), ...state.callbacks.secrets.describe(apiKey) });
  });
  routes.put('/projects/:apiKey/callbacks', (context) => {
    const apiKey = project(context);
    const { callbackSecret, callbackSecrets, ...urls } = readJsonObject(context);
    const secrets = parseCallbackSecrets({ callbackSecret, callbackSecrets });
    const change = parseCallbackUrls(urls);
    state.callbacks.secrets.apply(apiKey, secrets);
    return context.json({ ...state.callbacks.configure(apiKey, change), ...state.callbacks.secrets.describe(apiKey) });
  });
  return routes;
}
